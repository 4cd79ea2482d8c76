// Debugger speed through the real Sandbox (release engine, worker, instrumentation): prints one JSON object.
//   overhead.*        run time with breakpoints set but never hit / plain run time (target <= 1.3)
//   bigScript         instrumentAndCompileMs: ~1 MB of real code instrumented and compiled, not run (target <= 1000 ms);
//                     also its plain compile, and both runs of the code
//   launchToEntryMs   Sandbox.create({ debug, stopOnEntry }) + run until the entry stop (target <= 300 ms)
//   stepMs            a `next` request to its stopped event, median (target <= 5 ms)
//   exceptionsAllNoThrow  run time with exception breakpoints "all" on (every function wrapped) and nothing thrown
//                     / plain run time, side by side as overhead.* (target as breakpoints never hit: <= 1.3)
//   exceptionToStoppedMs  from the last output before an engine-thrown error (3 frames deep) to the stopped event
//                     at it, median of 15 stops
//   packageSession    a debug session of a script importing lodash (a fresh sandbox, a breakpoint hit and continued,
//                     the disk cache on): the first (nothing cached) and a later one (bundle and its instrumentation
//                     cached), beside a plain run with the bundle cached
// Run after `node esbuild.mjs`: node bench/debug.mjs. `BENCH_DEBUG_ONLY=packageSession` measures only that figure;
// `BENCH_ROOT=<checkout>` measures another build (e.g. main's) on the same scripts.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const here = new URL('..', import.meta.url).pathname;
const root = resolve(process.env.BENCH_ROOT ?? here);
const { Sandbox, prewarm, resolveOptions, setKeepWarm } = (await import(pathToFileURL(join(root, 'dist/engine.js')).href)).default;

const dir = mkdtempSync(join(tmpdir(), 'qjs-bench-debug-'));
const write = (name, text) => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};
const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
const round = (x, d = 1) => Math.round(x * 10 ** d) / 10 ** d;

// Each workload ends with a function that is never called: the "unhit" breakpoint sits in it.
const unused = '\nfunction neverCalled() {\n  return 0;\n}\n';
const workloads = {
  // fib(29), ~90 ms: at 33 ms (fib(27)) the debug run's fixed cost per run (instrumenting and registering the file,
  // ~1.4 ms, reported below as fixedMsPerRun) was 4% of the ratio, which is meant to be the cost of running.
  fib29: 'function fib(n) { if (n < 2) return n; return fib(n - 1) + fib(n - 2); }\nvar out = fib(29);' + unused,
  fib29multiline: 'function fib(n) {\n  if (n < 2) {\n    return n;\n  }\n  return fib(n - 1) + fib(n - 2);\n}\nvar out = fib(29);' + unused,
  sortSieve: [
    'function sieve(n) {',
    '  const a = new Uint8Array(n + 1);',
    '  let c = 0;',
    '  for (let i = 2; i <= n; i++) {',
    '    if (!a[i]) {',
    '      c++;',
    '      for (let j = i * i; j <= n; j += i) a[j] = 1;',
    '    }',
    '  }',
    '  return c;',
    '}',
    'function work() {',
    '  let s = 0;',
    '  const arr = [];',
    '  for (let i = 0; i < 100000; i++) arr.push((i * 7919) % 10007);',
    '  arr.sort((x, y) => x - y);',
    '  for (const v of arr) s += v;',
    '  return s + sieve(1000000);',
    '}',
    'var out = work();',
  ].join('\n') + unused,
};

async function overhead(name, source, bpLine, exceptions) {
  const file = write(`${name}.js`, source);
  const unhitLine = bpLine ?? source.split('\n').length - 2; // `return 0;` of neverCalled
  const plain = await Sandbox.create({ timeoutMs: 0 });
  const debug = await Sandbox.create({ debug: true, timeoutMs: 0 });
  await debug.debug.setBreakpoints(file, [{ line: unhitLine }]);
  if (exceptions) await debug.debug.setExceptionBreakpoints(exceptions);
  let stops = 0;
  debug.onEvent((e) => {
    if (e.type === 'stopped') {
      stops++;
      void debug.debug.continue();
    }
  });
  const times = { plain: [], debug: [] };
  try {
    // Process CPU time (the workers are threads of this process), side by side: wall time on two busy cores moved
    // a 33 ms run by a tenth either way.
    for (let i = 0; i < 21; i++) {
      for (const [mode, sb] of [['plain', plain], ['debug', debug]]) {
        const t0 = cpuMs();
        const o = await sb.run({ kind: 'file', path: file });
        const ms = cpuMs() - t0;
        if (o.status !== 'completed') throw new Error(`${name} ${mode}: ${o.status} ${o.message}`);
        if (i > 0) times[mode].push(ms); // the first run warms V8 up
      }
    }
  } finally {
    await plain.dispose();
    await debug.dispose();
  }
  if (stops) throw new Error(`${name}: the unhit breakpoint stopped ${stops} times`);
  const p = median(times.plain);
  const d = median(times.debug);
  // The median of each run's ratio to the plain run just before it: slow drifts of the machine cancel out.
  const ratio = median(times.debug.map((x, i) => x / times.plain[i]));
  return { plainMs: round(p), debugMs: round(d), ratio: round(ratio, 2) };
}

async function bigScript() {
  const acorn = readFileSync(new URL('../node_modules/acorn/dist/acorn.js', import.meta.url), 'utf8');
  let src = '';
  while (src.length < 1_000_000) src += acorn + '\n';
  // The same code inside a function that is never called: a run is then instrumentation and compilation only,
  // which is what the target names. The plain run of it is QuickJS's own compile time, for comparison.
  const files = { compile: write('big-compile.js', `function neverCalled() {\n${src}\n}\n`), run: write('big.js', src) };
  const result = { bytes: src.length };
  for (const [what, file] of Object.entries(files)) {
    for (const debug of [false, true]) {
      // Eight copies of a parser hold a lot of bytecode: the default 64 MB heap is too small even without debugging.
      const sb = await Sandbox.create({ debug, timeoutMs: 0, memoryLimitBytes: 512 * 1024 * 1024 });
      try {
        const times = [];
        const phases = [];
        for (let i = 0; i < 5; i++) {
          // A changed file each time: a debug sandbox reuses the instrumentation of a file run again unchanged.
          writeFileSync(file, `${readFileSync(file, 'utf8').replace(/\n\/\/ run \d+\n$/, '')}\n// run ${i}\n`);
          const o = await sb.run({ kind: 'file', path: file });
          if (o.status !== 'completed') throw new Error(`big script (${what}, debug: ${debug}): ${o.status} ${o.message}`);
          times.push(o.durationMs);
          phases.push(o.phases);
        }
        const key = what === 'compile' ? (debug ? 'instrumentAndCompileMs' : 'plainCompileMs') : debug ? 'debugRunMs' : 'plainRunMs';
        result[key] = round(median(times));
        // Where it went, in the worker: reading + instrumenting (prepare), then QuickJS compiling (evaluate).
        if (what === 'compile' && debug) {
          result.instrumentMs = round(median(phases.map((p) => p.prepareMs)));
          result.compileMs = round(median(phases.map((p) => p.evaluateMs)));
          result.firstRunMs = round(times[0]);
        }
      } finally {
        await sb.dispose();
      }
    }
  }
  return result;
}

async function launchToEntry() {
  const file = write('entry.js', 'let a = 1;\nlet b = a + 1;\nconsole.log(b);\n');
  const times = [];
  prewarm(resolveOptions({ debug: true }));
  await new Promise((r) => setTimeout(r, 300));
  for (let i = 0; i < 5; i++) {
    const t0 = performance.now();
    const sb = await Sandbox.create({ debug: true, stopOnEntry: true });
    const stopped = new Promise((resolve) => sb.onEvent((e) => e.type === 'stopped' && resolve()));
    const run = sb.run({ kind: 'file', path: file });
    await stopped;
    times.push(performance.now() - t0);
    await sb.debug.continue();
    await run;
    await sb.dispose();
    await new Promise((r) => setTimeout(r, 200)); // let the pool warm the next worker, as an editor would
  }
  return { firstMs: round(times[0]), medianMs: round(median(times)) };
}

async function exceptionToStopped() {
  // The program notes the time (Date.now(), read right after the millisecond turns, so it is exact to a few µs)
  // just before the failing call; the host notes when the stopped event arrives, on the same clock.
  const file = write('throws.js', [
    'var thrownAt = 0;',
    'function parse(items) {',
    '  const out = [];',
    '  for (const item of items) out.push(item.name.length);',
    '  return out;',
    '}',
    'function load(items) { return parse(items); }',
    'function main() { const t = Date.now(); while (Date.now() === t); thrownAt = Date.now(); return load([{ name: "a" }, null]); }',
    'for (let i = 0; i < 16; i++) { try { main(); } catch (e) {} }',
  ].join('\n'));
  const sb = await Sandbox.create({ debug: true, timeoutMs: 0 });
  const lat = [];
  sb.onEvent(async (e) => {
    if (e.type !== 'stopped') return;
    const now = performance.timeOrigin + performance.now();
    const at = await sb.debug.evaluate('thrownAt', 0, 'repl');
    lat.push(now - Number(at.preview ?? at.value));
    void sb.debug.continue();
  });
  try {
    await sb.debug.setExceptionBreakpoints({ all: {} });
    const o = await sb.run({ kind: 'file', path: file });
    if (o.status !== 'completed') throw new Error(`exceptionToStopped: ${o.status} ${o.message}`);
  } finally {
    await sb.dispose();
  }
  if (lat.length !== 16 || lat.some((x) => !(x >= 0))) throw new Error(`exceptionToStopped: ${lat.length} stops (${lat.join()})`);
  return round(median(lat.slice(1)), 2);
}

async function stepLatency() {
  const file = write('steps.js', 'let s = 0;\nfor (let i = 0; i < 100000; i++) {\n  s += i;\n  s -= 1;\n}\n');
  const sb = await Sandbox.create({ debug: true, timeoutMs: 0 });
  const lat = [];
  let resolveStop;
  sb.onEvent((e) => e.type === 'stopped' && resolveStop?.());
  const nextStop = () => new Promise((r) => (resolveStop = r));
  try {
    await sb.debug.setBreakpoints(file, [{ line: 3 }]);
    let stop = nextStop();
    const run = sb.run({ kind: 'file', path: file });
    await stop;
    await sb.debug.setBreakpoints(file, []);
    for (let i = 0; i < 200; i++) {
      stop = nextStop();
      const t0 = performance.now();
      await sb.debug.next();
      await stop;
      lat.push(performance.now() - t0);
      // What a client does at every stop: the stack and the top frame's scopes.
      await sb.debug.stackTrace();
      await sb.debug.scopes(0);
    }
    await sb.debug.continue();
    await run;
  } finally {
    await sb.dispose();
  }
  return { medianMs: round(median(lat), 2), p90Ms: round([...lat].sort((a, b) => a - b)[Math.floor(lat.length * 0.9)], 2) };
}

/**
 * Debug sessions of a script importing lodash, each in a fresh sandbox with the disk cache on: the first of a cache
 * folder (bundling and instrumenting lodash) and the next (both cached), and a plain run with the bundle cached.
 * Wall time from creating the sandbox to the end of the run, and the process's CPU time over it (the engine's worker
 * is a thread of this process; steadier than wall time on a busy machine); medians.
 */
async function packageSession(reps = Number(process.env.BENCH_REPS ?? 5)) {
  const work = join(dir, 'pkg');
  mkdirSync(join(work, 'node_modules'), { recursive: true });
  symlinkSync(join(here, 'node_modules', 'lodash'), join(work, 'node_modules', 'lodash'));
  const file = join(work, 'main.mjs');
  writeFileSync(file, "import _ from 'lodash';\nconst n = _.chunk([1, 2, 3], 2).length;\nconsole.log(_.VERSION, n);\n");
  const cacheDir = join(work, 'cache');
  const session = async (debug) => {
    const t0 = performance.now();
    const c0 = cpuMs();
    const sb = await Sandbox.create({ cwd: work, cacheDir, debug, timeoutMs: 0 });
    let stops = 0;
    try {
      if (debug) {
        await sb.debug.setBreakpoints(file, [{ line: 3 }]);
        sb.onEvent((e) => e.type === 'stopped' && (stops++, void sb.debug.continue()));
      }
      const o = await sb.run({ kind: 'file', path: file });
      if (o.status !== 'completed') throw new Error(`packageSession: ${o.status} ${o.message}`);
      if (debug && stops !== 1) throw new Error(`packageSession: ${stops} stops, not 1`);
      return { ms: performance.now() - t0, cpuMs: cpuMs() - c0 };
    } finally {
      await sb.dispose();
    }
  };
  const first = [], cached = [], plain = [];
  for (let i = 0; i < reps; i++) {
    rmSync(cacheDir, { recursive: true, force: true });
    first.push(await session(true));
    cached.push(await session(true));
    plain.push(await session(false));
  }
  const figures = (runs) => ({ ms: round(median(runs.map((r) => r.ms))), cpuMs: round(median(runs.map((r) => r.cpuMs))) });
  return { first: figures(first), cached: figures(cached), plainCached: figures(plain), reps };
}

if (process.env.BENCH_DEBUG_ONLY === 'packageSession') {
  console.log(JSON.stringify({ root, packageSession: await packageSession() }, null, 2));
  process.exit(0);
}

const out = { overhead: {} };
for (const [name, src] of Object.entries(workloads)) out.overhead[name] = await overhead(name, src);
// Not a target, for the record: a breakpoint in a function that IS called (on a line never reached) makes its
// callers record their locals on each call, until 500 records without a stop switch that call's recording off.
const recorded = [
  'function check(i) {',
  '  if (i < 0) {',
  '    return -1;', // 3: the breakpoint, never reached
  '  }',
  '  return i & 1;',
  '}',
  'function work() {',
  '  let s = 0;',
  '  for (let i = 0; i < 300000; i++) s += check(i);',
  '  return s;',
  '}',
  'var out = work();',
].join('\n');
out.overhead.callersRecorded = await overhead('callersRecorded', recorded, 3);
// What a debug run costs beyond the script itself, per run: a script that does next to nothing.
{
  const tiny = await overhead('tiny', 'var out = 1 + 1;' + unused);
  out.overhead.fixedMsPerRun = { plainMs: tiny.plainMs, debugMs: tiny.debugMs };
}
// Exception breakpoints wrap every function body (and blocks that declare names) in try/catch: their cost when
// nothing throws, on the call-heavy and the loop-heavy workload.
out.exceptionsAllNoThrow = {};
for (const name of ['fib29', 'sortSieve']) out.exceptionsAllNoThrow[name] = await overhead(`${name}-exc`, workloads[name], undefined, { all: {} });
out.exceptionToStoppedMs = await exceptionToStopped();
out.bigScript = await bigScript();
out.stepMs = await stepLatency();
out.launchToEntryMs = await launchToEntry();
out.packageSession = await packageSession();
setKeepWarm(false);
console.log(JSON.stringify(out, null, 2));
