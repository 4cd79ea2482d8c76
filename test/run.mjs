// Runs every test of the project: the node:test suites (engine, CLI, kernel, debug hooks, debug adapter, language
// server), then the tests inside a real VS Code (test/e2e/run.mjs). Ends with one line "all: N passed, N failed".
// Usage: node test/run.mjs [--unit] [--e2e] [filter]   (no flag: both)
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { byCost } from './support/durations.mjs';

const root = new URL('..', import.meta.url).pathname;
const args = process.argv.slice(2);
const onlyUnit = args.includes('--unit');
const onlyE2e = args.includes('--e2e');
const filter = args.find((a) => !a.startsWith('--'));

/** Test files: `*.test.mjs` anywhere under test/, except the suites that run inside VS Code. */
function findTests(dir, out = []) {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (name === 'node_modules' || name === 'fixtures' || p === join(root, 'test/e2e/suite')) continue;
    if (statSync(p).isDirectory()) findTests(p, out);
    else if (name.endsWith('.test.mjs')) out.push(p);
  }
  return out.sort();
}

// The CLI keeps package bundles under $XDG_CACHE_HOME/quickjs-sandbox: the tests get a cache of their own, so that
// they neither write into the user's cache nor pass because of what an earlier run left there.
const cacheHome = mkdtempSync(join(tmpdir(), 'qjs-test-cache-'));
process.on('exit', () => rmSync(cacheHome, { recursive: true, force: true }));

/** Runs a command, echoing its output, and returns [exit code, output]. */
function run(cmd, argv) {
  return new Promise((resolve) => {
    const child = spawn(cmd, argv, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, XDG_CACHE_HOME: cacheHome } });
    let text = '';
    child.stdout.on('data', (d) => {
      text += d;
      process.stdout.write(d);
    });
    child.stderr.on('data', (d) => {
      text += d;
      process.stderr.write(d);
    });
    child.on('close', (code) => resolve([code ?? 1, text]));
  });
}

let passed = 0;
let failed = 0;
let exit = 0;

if (!onlyE2e) {
  // Longest first (as last timed), so that the two slots end together; the second reporter records the times.
  const files = byCost(findTests(join(root, 'test')).filter((f) => !filter || relative(root, f).includes(filter)));
  const reporters = ['--test-reporter=spec', '--test-reporter-destination=stdout', `--test-reporter=${join(root, 'test/support/durations.mjs')}`, '--test-reporter-destination=stdout'];
  const [code, out] = await run(process.execPath, ['--test', ...reporters, '--test-concurrency=2', ...files]);
  const count = (label) => Number(new RegExp(`^\\S* ?${label} (\\d+)$`, 'm').exec(out)?.[1] ?? 0);
  passed += count('pass');
  failed += count('fail');
  if (code !== 0) {
    exit = 1;
    if (count('fail') === 0) failed += 1; // the runner itself failed (a file did not load)
  }
}

if (!onlyUnit) {
  const [code, out] = await run(process.execPath, [join(root, 'test/e2e/run.mjs')]);
  const m = /(\d+) passed, (\d+) failed/.exec(out.split('\n').reverse().find((l) => /\d+ passed, \d+ failed/.test(l)) ?? '');
  passed += m ? Number(m[1]) : 0;
  failed += m ? Number(m[2]) : code === 0 ? 0 : 1;
  if (code !== 0) exit = 1;
}

console.log(`all: ${passed} passed, ${failed} failed`);
process.exitCode = exit || (failed > 0 ? 1 : 0);
