// `npm run bench`: speed and memory figures of the sandbox, each measured side by side in one run (medians),
// printed as one JSON object on stdout. Progress goes to stderr. Targets are reported, never asserted.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const require = createRequire(import.meta.url);
const root = new URL('..', import.meta.url).pathname;
const engine = require(join(root, 'dist/engine.js'));
const { newQuickJSWASMModuleFromVariant, newVariant } = require('quickjs-emscripten-core');
const RELEASE = require('@jitl/quickjs-wasmfile-release-sync').default ?? require('@jitl/quickjs-wasmfile-release-sync');

const REPS = Number(process.env.BENCH_REPS ?? 7);
const log = (...a) => process.stderr.write(a.join(' ') + '\n');
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const round = (x, d = 3) => Math.round(x * 10 ** d) / 10 ** d;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const geomean = (xs) => Math.exp(xs.reduce((a, x) => a + Math.log(x), 0) / xs.length);

const workloads = readdirSync(join(root, 'bench/workloads'))
  .filter((f) => f.endsWith('.js'))
  .map((f) => ({ name: f.replace(/\.js$/, ''), file: join(root, 'bench/workloads', f), source: readFileSync(join(root, 'bench/workloads', f), 'utf8') }));

/**
 * The bare engine: the same QuickJS build, same 64 MB memory cap, no sandbox around it. `fresh: true` gives every
 * run a new module instance with new WebAssembly memory, as a fresh sandbox has: a first run then pays for touching
 * memory the process never used, which a reused instance does not.
 */
async function bareEngine({ fresh = false } = {}) {
  const wasm = readFileSync(join(root, 'dist/wasm/quickjs.wasm'));
  const wasmModule = await WebAssembly.compile(wasm);
  const instance = () => newQuickJSWASMModuleFromVariant(newVariant(RELEASE, { wasmModule, wasmMemory: new WebAssembly.Memory({ initial: 256, maximum: 1024 }) }));
  const shared = fresh ? undefined : await instance();
  return async (source) => {
    const qjs = shared ?? (await instance());
    const rt = qjs.newRuntime();
    rt.setMaxStackSize(1024 * 1024);
    const ctx = rt.newContext();
    const t0 = cpuMs();
    const r = ctx.evalCode(source, 'bench.js');
    rt.executePendingJobs(-1);
    const ms = cpuMs() - t0;
    (r.error ?? r.value).dispose();
    ctx.dispose();
    rt.dispose();
    return ms;
  };
}

/**
 * CPU time of this process (all threads) in ms. Run-over-bare ratios use it rather than wall time: other processes
 * on a shared 2-core machine then barely move them. With the warm pool off, nothing else in the process works
 * while a sandbox runs, so the process's CPU time is the run's.
 */
function cpuMs() {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

/** One sandbox run of `source`: CPU time from the run request to its exit. */
async function sandboxRun(source, options = {}) {
  const sb = await engine.Sandbox.create({ timeoutMs: 0, ...options });
  const t0 = cpuMs();
  const outcome = await sb.run({ kind: 'source', source, filename: 'bench.js', type: 'script' });
  const ms = cpuMs() - t0;
  await sb.dispose();
  if (outcome.status !== 'completed') throw new Error(`bench run failed: ${outcome.message}`);
  return ms;
}

async function runOverBare() {
  engine.setKeepWarm(false);
  const bare = await bareEngine();
  const bareFresh = await bareEngine({ fresh: true });
  const per = {};
  for (const w of workloads) {
    const b = [];
    const f = [];
    const s = [];
    await bare(w.source); // V8 warm-up of the wasm code, for both sides
    await bareFresh(w.source);
    await sandboxRun(w.source);
    for (let i = 0; i < REPS; i++) {
      b.push(await bare(w.source));
      f.push(await bareFresh(w.source));
      s.push(await sandboxRun(w.source));
    }
    // The median of each sandbox run's ratio to the bare run just before it: slow drifts of the machine cancel out.
    per[w.name] = {
      bareMs: round(median(b), 1),
      sandboxMs: round(median(s), 1),
      ratio: round(median(s.map((x, i) => x / b[i]))),
      // Against a bare engine whose memory is as fresh as a new sandbox's (see bareEngine).
      bareFreshMemoryMs: round(median(f), 1),
      ratioFreshMemory: round(median(s.map((x, i) => x / f[i]))),
    };
    log(`run/bare ${w.name}: ${per[w.name].sandboxMs} / ${per[w.name].bareMs} ms = ${per[w.name].ratio} (fresh-memory bare: ${per[w.name].ratioFreshMemory})`);
  }
  const ratios = (k) => round(geomean(Object.values(per).map((p) => p[k])));
  return { target: 1.05, measure: 'process CPU time, first run of a fresh sandbox', geomean: ratios('ratio'), geomeanFreshMemory: ratios('ratioFreshMemory'), workloads: per };
}

async function warmLatency() {
  engine.setKeepWarm(true);
  engine.prewarm(engine.resolveOptions({}));
  await sleep(1000);
  const xs = [];
  for (let i = 0; i < REPS + 1; i++) {
    const t0 = performance.now();
    const sb = await engine.Sandbox.create({});
    const first = new Promise((r) => sb.onEvent((e) => e.type === 'console' && r(performance.now() - t0)));
    void sb.run({ kind: 'source', source: 'console.log("hello")', filename: 'hello.js' });
    const ms = await first;
    await sb.dispose();
    if (i > 0) xs.push(ms); // the first includes this process's own warm-up
    await sleep(400); // let the next warm worker get ready, as it would between two user actions
  }
  return { target: 20, medianMs: round(median(xs), 1), minMs: round(Math.min(...xs), 1), maxMs: round(Math.max(...xs), 1) };
}

function coldLatency() {
  const script = `
    const e = require(${JSON.stringify(join(root, 'dist/engine.js'))});
    e.setKeepWarm(false);
    const t0 = performance.now();
    e.Sandbox.create({}).then((sb) => {
      sb.onEvent((ev) => { if (ev.type === 'console') { process.stdout.write(String(performance.now() - t0)); sb.dispose(); } });
      sb.run({ kind: 'source', source: 'console.log(1)', filename: 'cold.js' });
    });`;
  const xs = [];
  for (let i = 0; i < 5; i++) {
    const r = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' });
    xs.push(Number(r.stdout));
  }
  return { medianMs: round(median(xs), 1), note: 'fresh process: wasm compile, worker start, engine instantiation', cli: cliOverNode() };
}

/**
 * The issue's figure: `quickjs-sandbox run hello.js` over `node hello.js`, each a fresh process timed from spawn to
 * exit, taken in turn so that both see the same machine.
 */
function cliOverNode() {
  const dir = mkdtempSync(join(tmpdir(), 'qjs-bench-cold-'));
  const hello = join(dir, 'hello.js');
  writeFileSync(hello, 'console.log("hello");\n');
  const wall = (args) => {
    const t0 = performance.now();
    const r = spawnSync(process.execPath, args, { encoding: 'utf8' });
    if (r.stdout !== 'hello\n') throw new Error(`cold run printed ${JSON.stringify(r.stdout)} ${r.stderr}`);
    return performance.now() - t0;
  };
  const cli = [];
  const node = [];
  for (let i = 0; i < 10; i++) {
    cli.push(wall([join(root, 'dist/cli.js'), 'run', hello]));
    node.push(wall([hello]));
  }
  rmSync(dir, { recursive: true, force: true });
  return { target: 2, ratio: round(median(cli) / median(node), 2), cliMs: round(median(cli), 1), nodeMs: round(median(node), 1) };
}

/**
 * What a process that runs one line in an engine on its own worker thread costs at least, over `node hello.js`, side
 * by side: (a) a worker thread that only posts "hello" back; (b) a worker that also instantiates the QuickJS module
 * (compiled by the main thread, as the sandbox does) and evaluates one string, with no kernel, option or module
 * handling. The CLI's figure cannot go below (b) while each sandbox is a worker thread (docs/architecture.md).
 */
function cliFloor() {
  const dir = mkdtempSync(join(tmpdir(), 'qjs-bench-floor-'));
  const hello = join(dir, 'hello.js');
  writeFileSync(hello, 'console.log("hello");\n');
  const emptyWorker = join(dir, 'empty-worker.js');
  writeFileSync(emptyWorker, `const { Worker } = require('node:worker_threads');
new Worker('require("node:worker_threads").parentPort.postMessage("hello")', { eval: true }).once('message', (s) => { console.log(s); process.exit(0); });\n`);
  const engineWorker = join(dir, 'engine-worker.js');
  const req = createRequire(join(root, 'package.json'));
  writeFileSync(engineWorker, `const { Worker } = require('node:worker_threads');
const w = new Worker(${JSON.stringify(`const { parentPort } = require('node:worker_threads');
const core = require(${JSON.stringify(req.resolve('quickjs-emscripten-core'))});
const variant = require(${JSON.stringify(req.resolve('@jitl/quickjs-wasmfile-release-sync'))}).default;
parentPort.once('message', async (wasmModule) => {
  const qjs = await core.newQuickJSWASMModuleFromVariant(core.newVariant(variant, { wasmModule }));
  const ctx = qjs.newContext();
  const text = ctx.getString(ctx.unwrapResult(ctx.evalCode('"hel" + "lo"')));
  parentPort.postMessage(text);
});`)}, { eval: true });
WebAssembly.compile(require('node:fs').readFileSync(${JSON.stringify(join(root, 'dist/wasm/quickjs.wasm'))})).then((m) => w.postMessage(m));
w.once('message', (s) => { console.log(s); process.exit(0); });\n`);
  const wall = (file) => {
    const t0 = performance.now();
    const r = spawnSync(process.execPath, [file], { encoding: 'utf8' });
    if (r.stdout !== 'hello\n') throw new Error(`${file} printed ${JSON.stringify(r.stdout)} ${r.stderr}`);
    return performance.now() - t0;
  };
  const xs = { node: [], emptyWorker: [], engineWorker: [] };
  for (let i = 0; i < 10; i++) {
    xs.node.push(wall(hello));
    xs.emptyWorker.push(wall(emptyWorker));
    xs.engineWorker.push(wall(engineWorker));
  }
  rmSync(dir, { recursive: true, force: true });
  const node = median(xs.node);
  return { nodeMs: round(node, 1), emptyWorkerOverNode: round(median(xs.emptyWorker) / node, 2), engineInWorkerOverNode: round(median(xs.engineWorker) / node, 2) };
}

/** Resident memory of 20 live idle sandboxes over one (issue 13's figure), after gc, with no idle worker kept. */
function workerMemory() {
  const script = `
    const e = require(${JSON.stringify(join(root, 'dist/engine.js'))});
    e.setKeepWarm(false);
    (async () => {
      const warm = await e.Sandbox.create({}); await warm.run({ kind: 'source', source: '1' , filename: 'w.js'});
      global.gc?.(); const before = process.memoryUsage().rss;
      const boxes = [];
      for (let i = 0; i < 20; i++) { const sb = await e.Sandbox.create({}); await sb.run({ kind: 'source', source: 'let a = [1,2,3]; a.length', filename: 'm.js' }); boxes.push(sb); }
      await new Promise((r) => setTimeout(r, 300));
      global.gc?.(); const after = process.memoryUsage().rss;
      const stats = await boxes[0].memoryStats();
      process.stdout.write(JSON.stringify({ perSandboxMB: (after - before) / 20 / 1048576, engineHeapMB: stats.heap_size / 1048576, liveEstimateKB: stats.memory_used_size / 1024 }));
      for (const b of [...boxes, warm]) await b.dispose();
    })();`;
  const r = spawnSync(process.execPath, ['--expose-gc', '-e', script], { encoding: 'utf8' });
  const m = JSON.parse(r.stdout);
  return { target: 3, count: 20, perSandboxRssMB: round(m.perSandboxMB, 1), engineHeapMB: round(m.engineHeapMB, 1), liveEstimateKB: round(m.liveEstimateKB, 0) };
}

async function samplingCost() {
  const w = workloads.find((x) => x.name === 'objects') ?? workloads[0];
  engine.setKeepWarm(false);
  const off = [];
  const on = [];
  await sandboxRun(w.source);
  let samples = 0;
  for (let i = 0; i < REPS; i++) {
    off.push(await sandboxRun(w.source));
    const sb = await engine.Sandbox.create({ timeoutMs: 0, memorySampleIntervalMs: 100 });
    sb.onEvent((e) => e.type === 'memory' && samples++);
    const t0 = cpuMs();
    await sb.run({ kind: 'source', source: w.source, filename: 'bench.js', type: 'script' });
    on.push(cpuMs() - t0);
    await sb.dispose();
  }
  // Paired as runOverBare is: each sampled run against the unsampled run just before it.
  return { target: 1.02, measure: 'process CPU time', intervalMs: 100, ratio: round(median(on.map((x, i) => x / off[i]))), samplesPerRun: round(samples / REPS, 1), workload: w.name };
}

/** Figures another bench script prints as JSON (the debugger's, the hostile suite's). */
function childFigures(name) {
  const file = join(root, 'bench', name);
  if (!existsSync(file)) return { skipped: `bench/${name} not present` };
  const r = spawnSync(process.execPath, [file], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  try {
    return JSON.parse(r.stdout);
  } catch {
    return { error: `bench/${name} printed no JSON (exit ${r.status})` };
  }
}

/**
 * The web APIs (web.kernel.js): first output of a fresh warm sandbox and its QuickJS heap in use, for a script that
 * touches none of them, ones that touch URL, the streams, the fetch classes, Intl's NumberFormat or DateTimeFormat, or the
 * compression streams (each evaluated on first use) and
 * one that uses the eagerly built ones.
 */
async function webApis() {
  const scripts = {
    untouched: 'console.log("hello")',
    urlTouched: 'console.log(new URL("../a?b=1", "https://x.example/p/q").searchParams.get("b"))',
    eventsAndCrypto: 'const c = new AbortController(); c.abort(); console.log(c.signal.aborted, crypto.randomUUID().length)',
    streamsTouched: 'new ReadableStream().getReader(); console.log(typeof TextDecoderStream)',
    fetchClassesTouched: 'console.log(new Headers({ a: "1" }).get("a"))',
    intlTouched: 'console.log((1234.5).toLocaleString("en-US"))',
    intlDatesGerman: 'console.log(new Date(0).toLocaleDateString("de"))',
    compressionTouched: 'new Response(new Blob(["abc".repeat(1000)]).stream().pipeThrough(new CompressionStream("gzip"))).arrayBuffer().then((b) => console.log(b.byteLength))',
  };
  const out = {};
  for (const [name, source] of Object.entries(scripts)) {
    const xs = [];
    let usedKB = 0;
    for (let i = 0; i < REPS + 1; i++) {
      const t0 = performance.now();
      const sb = await engine.Sandbox.create({});
      const first = new Promise((r) => sb.onEvent((e) => e.type === 'console' && r(performance.now() - t0)));
      const done = sb.run({ kind: 'source', source, filename: 'web.js' });
      const ms = await first;
      await done;
      if (i > 0) xs.push(ms);
      if (i === 1) usedKB = (await sb.memoryStats()).memory_used_size / 1024;
      await sb.dispose();
      await sleep(400); // let the next warm worker get ready
    }
    out[name] = { firstOutputMedianMs: round(median(xs), 1), quickjsUsedKB: round(usedKB, 0) };
  }
  return out;
}

/**
 * 20 sandboxes created one right after another, each timed from `create` to its first console output: the pool must
 * have the next worker ready before it is asked for.
 */
async function burstLatency() {
  const once = async (keepAlive) => {
    engine.setKeepWarm(true);
    engine.prewarm(engine.resolveOptions({}));
    await sleep(1500);
    const xs = [];
    const boxes = [];
    for (let i = 0; i < 20; i++) {
      const t0 = performance.now();
      const sb = await engine.Sandbox.create({});
      const first = new Promise((r) => sb.onEvent((e) => e.type === 'console' && r(performance.now() - t0)));
      const done = sb.run({ kind: 'source', source: 'console.log("hello")', filename: 'hello.js' });
      xs.push(await first);
      if (keepAlive) boxes.push(sb);
      else await done.then(() => sb.dispose());
    }
    await Promise.all(boxes.map((b) => b.dispose()));
    engine.setKeepWarm(false);
    return { medianMs: round(median(xs), 1), maxMs: round(Math.max(...xs), 1) };
  };
  // Disposed one by one (a test runner's pattern: a worker serves the next sandbox), and all kept alive (each needs its own).
  return { target: 10, count: 20, disposedEach: await once(false), keptAlive: await once(true) };
}

/** The figures by name, in the order printed; `BENCH_ONLY=runOverBare,burst` measures only those (one at a time while developing). */
const sections = [
  ['runOverBare', 'sandbox run over bare engine', runOverBare],
  ['memorySampling', 'memory sampling cost', samplingCost],
  ['firstOutputWarm', 'first output, warm worker', warmLatency],
  ['burst', '20 sandboxes back to back, each to first output', burstLatency],
  ['webApis', 'web APIs, untouched and touched', webApis],
  ['firstOutputCold', 'first output, cold process', coldLatency],
  ['cliFloor', 'least a worker-thread engine costs a cold process', cliFloor],
  ['memory', 'memory per sandbox', workerMemory],
  ['repl', 'REPL keystroke to result', () => childFigures('repl.mjs')],
  ['debugger', 'debugger', () => childFigures('debug.mjs')],
  ['packages', 'npm packages (one module graph)', () => childFigures('packages.mjs')],
  ['hostile', 'hostile programs', () => childFigures('hostile.mjs')],
];
const only = process.env.BENCH_ONLY?.split(',');
const result = { machine: { cpus: (await import('node:os')).cpus().length, node: process.version }, reps: REPS };
for (const [key, title, measure] of sections) {
  if (only && !only.includes(key)) continue;
  log(`bench: ${title}`);
  result[key] = await measure();
  engine.setKeepWarm(false);
}
process.stdout.write(JSON.stringify(result, null, 2) + '\n');
process.exit(0);
