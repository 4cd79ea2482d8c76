// npm run conformance -- --test262 <folder> [options]: a deterministic sample of test262 run through the sandbox in
// several modes (see modes.mjs); prints counts per mode and every test whose result differs from the plain run.
// Exit code: 0 unless the runner itself failed, or --strict was given and some test differs. See README.md here.
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { setKeepWarm } from '../../dist/engine.js';
import { sampleTests, testSources } from './test262.mjs';
import { MODES, STEP_CAP, SandboxSlots, runTest } from './modes.mjs';

const USAGE = `usage: npm run conformance -- --test262 <folder> [--sample N] [--step-sample M] [--step-cap S] [--filter text]
       [--modes plain,bp,uncaught,step] [--jobs J] [--timeout ms] [--fresh-worker] [--json out.json] [--strict]`;

const { values: opts } = parseArgs({
  options: {
    test262: { type: 'string' },
    sample: { type: 'string', default: '10' },
    'step-sample': { type: 'string', default: '5' },
    'step-cap': { type: 'string', default: String(STEP_CAP) },
    filter: { type: 'string' },
    modes: { type: 'string', default: MODES.join(',') },
    jobs: { type: 'string', default: '2' },
    timeout: { type: 'string', default: '10000' },
    json: { type: 'string' },
    'fresh-worker': { type: 'boolean', default: false },
    strict: { type: 'boolean', default: false },
    help: { type: 'boolean', default: false },
  },
});
if (opts.help) {
  console.log(USAGE);
  process.exit(0);
}
if (!opts.test262) {
  console.error(`--test262 <folder> is required: the folder of a test262 checkout (scripts/conformance/README.md says which commit and how to get it)\n${USAGE}`);
  process.exit(2);
}
const int = (name, min) => {
  const n = Number(opts[name]);
  if (!Number.isInteger(n) || n < min) {
    console.error(`--${name} must be an integer >= ${min}, got "${opts[name]}"`);
    process.exit(2);
  }
  return n;
};
const root = resolve(opts.test262);
const stride = int('sample', 1);
const stepStride = int('step-sample', 1);
const stepCap = int('step-cap', 1);
const jobs = int('jobs', 1);
const timeoutMs = int('timeout', 100);
const modes = opts.modes.split(',').map((m) => m.trim()).filter(Boolean);
const unknown = modes.filter((m) => !MODES.includes(m));
if (unknown.length || !modes.includes('plain')) {
  console.error(`--modes takes a list of ${MODES.join(', ')} that includes plain (the reference); got "${opts.modes}"`);
  process.exit(2);
}

// Sandboxes are renewed, not re-created (modes.mjs); with --fresh-worker a warm spare worker would only double the
// threads on a shared machine.
setKeepWarm(false);
let sample;
try {
  sample = sampleTests(root, { stride, filter: opts.filter });
} catch (e) {
  console.error(e instanceof Error ? e.message : String(e));
  process.exit(2);
}
const { tests, candidates } = sample;
console.log(`test262 ${root}: ${candidates} tests run by QuickJS${opts.filter ? ` matching "${opts.filter}"` : ''}, every ${stride}th: ${tests.length}; stepping every ${stepStride}th of those`);

/** The (test, mode) pairs, test by test so a partial run covers whole tests. */
const tasks = [];
tests.forEach((t, i) => {
  for (const mode of modes) if (mode !== 'step' || i % stepStride === 0) tasks.push({ t, mode });
});
const results = new Map(tests.map((t) => [t.path, {}]));
const started = performance.now();
let done = 0;
let next = 0;
let lastReport = started;
async function worker() {
  const slots = new SandboxSlots({ timeoutMs, cwd: root, freshWorker: opts['fresh-worker'], stepCap });
  try {
    await runTasks(slots);
  } finally {
    await slots.close();
  }
}
async function runTasks(slots) {
  while (next < tasks.length) {
    const { t, mode } = tasks[next++];
    let r;
    try {
      r = await runTest(testSources(root, t), t.meta, mode, slots);
    } catch (e) {
      // A sandbox that could not be made or a request the engine refused: the runner's failure, not the test's.
      r = { pass: false, runnerError: true, error: `runner: ${e instanceof Error ? e.message : String(e)}`, createMs: 0, runMs: 0 };
    }
    results.get(t.path)[mode] = r;
    done++;
    if (process.stderr.isTTY || performance.now() - lastReport > 30000) {
      lastReport = performance.now();
      process.stderr.write(`${process.stderr.isTTY ? '\r' : ''}${done}/${tasks.length} runs, ${Math.round((performance.now() - started) / 1000)} s${process.stderr.isTTY ? '' : '\n'}`);
    }
  }
}
await Promise.all(Array.from({ length: jobs }, worker));
if (process.stderr.isTTY) process.stderr.write('\n');
const wallS = (performance.now() - started) / 1000;

// Per mode: counts, and what a fresh sandbox per test cost next to running the tests.
const summary = {};
for (const mode of modes) {
  const rs = [...results.values()].map((r) => r[mode]).filter(Boolean);
  const passed = rs.filter((r) => r.pass).length;
  const sum = (k) => rs.reduce((s, r) => s + (r[k] ?? 0), 0);
  summary[mode] = {
    tests: rs.length,
    passed,
    failed: rs.length - passed,
    timedOut: rs.filter((r) => r.timedOut).length,
    // `step` runs that reached STEP_CAP stops and ran on to their end unstepped: compared all the same.
    stepCapped: rs.filter((r) => r.stepCapped).length,
    passRate: rs.length ? Math.round((passed / rs.length) * 10000) / 100 : 0,
    createMsMean: rs.length ? Math.round(sum('createMs') / rs.length) : 0,
    runMsMean: rs.length ? Math.round(sum('runMs') / rs.length) : 0,
    cpuMsMean: rs.length ? Math.round(sum('cpuMs') / rs.length) : 0,
  };
}

/** A result's identity for comparison: pass, or the error's kind (the first word of the error line). */
const key = (r) => (r.pass ? 'pass' : r.timedOut ? 'timeout' : r.error.split(/[:\s]/)[0]);
// A debug mode that ran out of time where the plain run took more than a 20th of the limit is slow, not different
// (a breakpoint condition on every line costs that much): listed apart, with the plain run's time for scale. One
// that ran out of time where the plain run took a few ms hangs: a difference.
const differences = [];
const slow = [];
for (const [path, r] of results) {
  for (const mode of modes) {
    const d = r[mode];
    if (mode === 'plain' || !d || !r.plain) continue;
    const outputDiffers = JSON.stringify(d.output) !== JSON.stringify(r.plain.output);
    if (d.timedOut && !r.plain.timedOut && r.plain.runMs * 20 >= timeoutMs) {
      slow.push({ path, mode, plainMs: Math.round(r.plain.runMs), plain: r.plain.pass ? 'pass' : r.plain.error });
    } else if (key(d) !== key(r.plain) || d.unexpectedStops || outputDiffers) {
      differences.push({
        path, mode, plain: r.plain.pass ? 'pass' : r.plain.error, [mode]: d.pass ? 'pass' : d.error,
        ...(d.unexpectedStops && { unexpectedStops: d.unexpectedStops }),
        ...(outputDiffers && { output: { plain: r.plain.output, [mode]: d.output } }),
      });
    }
  }
}
// The "uncaught" filter must stop exactly when the plain run ended with an uncaught error (a parse error is not a
// throw: no debugger stops on it). Outcomes may agree while the stops are wrong: reported apart.
const exceptionStops = [];
for (const [path, r] of results) {
  const u = r.uncaught;
  if (!u || !r.plain || u.timedOut) continue;
  const t = tests.find((x) => x.path === path);
  const parseError = t.meta.negative && t.meta.negative.phase !== 'runtime';
  if (u.exceptionStops > 0 && !r.plain.uncaughtError) exceptionStops.push({ path, problem: `stopped ${u.exceptionStops}x at an exception the plain run handles` });
  else if (u.exceptionStops === 0 && r.plain.uncaughtError && !parseError && !/^(SyntaxError|harness)/.test(r.plain.error ?? '')) {
    exceptionStops.push({ path, problem: `never stopped, the plain run ended with ${r.plain.error}` });
  }
}
const runnerErrors = [...results].flatMap(([path, r]) => Object.entries(r).filter(([, x]) => x.runnerError).map(([mode, x]) => ({ path, mode, error: x.error })));

console.log(`\n${'mode'.padEnd(9)} ${'tests'.padStart(6)} ${'passed'.padStart(7)} ${'failed'.padStart(7)} ${'rate'.padStart(7)}  timeouts  setup ms  run ms  cpu ms (means)`);
for (const [mode, s] of Object.entries(summary)) {
  console.log(`${mode.padEnd(9)} ${String(s.tests).padStart(6)} ${String(s.passed).padStart(7)} ${String(s.failed).padStart(7)} ${`${s.passRate}%`.padStart(7)}  ${String(s.timedOut).padStart(8)}  ${String(s.createMsMean).padStart(8)}  ${String(s.runMsMean).padStart(6)}  ${String(s.cpuMsMean).padStart(6)}`);
}
if (summary.step?.stepCapped) console.log(`\nstep cap reached: ${summary.step.stepCapped} step run(s) took ${stepCap} stops, then ran on to their end without stopping`);
console.log(`\n${tasks.length} runs in ${wallS.toFixed(1)} s with ${jobs} job(s)${jobs > 1 ? ' (cpu ms overlaps between jobs: --jobs 1 gives each run its own)' : ''}`);
console.log(`\n${differences.length} result(s) differ from the plain run${differences.length ? ':' : ''}`);
for (const d of differences) {
  console.log(`  [${d.mode}] ${d.path}\n      plain: ${d.plain}\n      ${d.mode}: ${d[d.mode]}${d.unexpectedStops ? `\n      stopped although nothing should pause: ${d.unexpectedStops.join(', ')}` : ''}`);
  if (d.output) console.log(`      printed, plain: ${JSON.stringify(d.output.plain)}\n      printed, ${d.mode}: ${JSON.stringify(d.output[d.mode])}`);
}
if (slow.length) {
  console.log(`\n${slow.length} run(s) out of time in a debug mode only (--timeout ${timeoutMs}; slow, not compared):`);
  for (const x of slow) console.log(`  [${x.mode}] ${x.path} (plain: ${x.plain} in ${x.plainMs} ms)`);
}
if (exceptionStops.length) {
  console.log(`\n${exceptionStops.length} test(s) where the "uncaught" filter stopped wrongly (outcome aside):`);
  for (const e of exceptionStops) console.log(`  ${e.path}: ${e.problem}`);
}
if (runnerErrors.length) {
  console.log(`\n${runnerErrors.length} run(s) failed in the runner itself:`);
  for (const e of runnerErrors.slice(0, 20)) console.log(`  [${e.mode}] ${e.path}: ${e.error}`);
}
if (opts.json) {
  const out = { test262: root, options: { stride, stepStride, filter: opts.filter, modes, jobs, timeoutMs, freshWorker: opts['fresh-worker'], stepCap }, candidates, wallS, summary, differences, slow, exceptionStops, runnerErrors, results: Object.fromEntries(results) };
  writeFileSync(opts.json, JSON.stringify(out, null, 1));
  console.log(`\nwrote ${opts.json}`);
}
process.exitCode = runnerErrors.length ? 1 : opts.strict && differences.length ? 1 : 0;
