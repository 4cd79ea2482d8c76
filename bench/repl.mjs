// REPL keystroke-to-result, warm: the time from writing "1+1\n" to the REPL's stdin to reading "2" on its stdout,
// for quickjs-sandbox's REPL and, side by side in the same run, Node's own REPL. Prints one JSON object.
import { spawn } from 'node:child_process';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const REPS = Number(process.env.BENCH_REPS ?? 7);
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/** Median ms from the Enter of `1+1` to its `2`, after `warm` entries that were not timed. */
async function keystrokeToResult(argv, warm = 3) {
  const child = spawn(argv[0], argv.slice(1), { env: { ...process.env, QUICKJS_SANDBOX_HISTORY: '', NODE_REPL_HISTORY: '' } });
  let buf = '';
  let want;
  child.stdout.on('data', (d) => {
    buf += d;
    if (want && want.re.test(buf)) want.resolve();
  });
  const until = (re) => new Promise((resolve) => ((want = { re, resolve }), re.test(buf) && resolve()));
  await until(/> $/);
  const times = [];
  for (let i = 0; i < warm + REPS; i++) {
    buf = '';
    const t0 = performance.now();
    child.stdin.write('1+1\n');
    await until(/(^|\n|> )2\n/);
    if (i >= warm) times.push(performance.now() - t0);
  }
  child.stdin.end();
  await new Promise((r) => child.on('exit', r));
  return Math.round(median(times) * 100) / 100;
}

const sandbox = await keystrokeToResult([process.execPath, join(root, 'dist/cli.js'), 'repl']);
const node = await keystrokeToResult([process.execPath, '-i']);
process.stdout.write(JSON.stringify({ target: 20, unit: 'ms', keystrokeToResultMs: sandbox, nodeReplMs: node }) + '\n');
