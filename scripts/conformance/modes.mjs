// One test262 test in one mode, through the project's own engine API (dist/engine.js) and debug API. test262
// requires a fresh realm per test: each test gets a new QuickJS runtime and context (Sandbox.renew) or, with
// `freshWorker`, a new sandbox altogether.
import { Sandbox } from '../../dist/engine.js';

/**
 * The modes. Every debug mode sets a breakpoint on every line of the harness and of the test that never pauses, so
 * the instrumenter's hooks run at every statement:
 *   plain     an ordinary run, the reference;
 *   bp        breakpoints whose condition is never true (even lines) or whose hit condition never triggers (odd);
 *   uncaught  the same with the "Uncaught Exceptions" filter on (each stop at an uncaught throw is continued);
 *   step      no breakpoints: a stop on entry of each run, then every stop answered with a step-in, up to
 *             STEP_CAP stops per test; then the test runs on to its end without stopping (`stepCapped`).
 */
export const MODES = ['plain', 'bp', 'uncaught', 'step'];

/**
 * Stops a `step` run takes before it continues to the end, unless `--step-cap` says otherwise. A test that loops over every code point makes ~2 million
 * statements, hours of stops at a round trip each: stepping them all ran out of time, which said nothing about
 * behaviour. The run still goes to its end (with no breakpoint set, nothing hooks it then), so its result is compared.
 */
export const STEP_CAP = 20000;

/** Breakpoint requests for every line of `source`. */
function neverPausing(source) {
  const lines = source.split('\n').length;
  return Array.from({ length: lines }, (_, i) => (i % 2 ? { line: i + 1, hitCondition: '> 1000000000' } : { line: i + 1, condition: 'false' }));
}

/**
 * The sandboxes of one job, one per mode, renewed between tests: a renewal replaces the runtime and the context (the
 * realm, every global and intrinsic) and keeps only the worker thread, whose start costs about 100 ms of CPU.
 */
export class SandboxSlots {
  constructor({ timeoutMs, cwd, freshWorker = false, stepCap = STEP_CAP }) {
    this.options = { timeoutMs, cwd };
    this.stepCap = stepCap;
    this.freshWorker = freshWorker;
    this.slots = new Map();
  }

  /** A sandbox for `mode` with a realm no test has touched. */
  async take(mode) {
    const kept = this.slots.get(mode);
    this.slots.delete(mode);
    if (kept && !kept.disposed && !this.freshWorker) {
      try {
        await kept.renew();
        return kept;
      } catch {
        // An engine that cannot renew (it crashed meanwhile) is replaced below.
      }
    }
    if (kept) await kept.dispose().catch(() => undefined);
    return Sandbox.create({ ...this.options, debug: mode !== 'plain', stopOnEntry: mode === 'step' });
  }

  /** Gives a sandbox back after its test. */
  async give(mode, sb) {
    if (this.freshWorker || sb.disposed) await sb.dispose().catch(() => undefined);
    else this.slots.set(mode, sb);
  }

  async close() {
    for (const sb of this.slots.values()) await sb.dispose().catch(() => undefined);
    this.slots.clear();
  }
}

/**
 * Runs `sources` (see test262.mjs) in `mode`, in a sandbox from `slots`, and returns
 * `{ pass, error?, timedOut?, unexpectedStops?, stepCapped?, uncaughtError, output, stops, exceptionStops, createMs, runMs, cpuMs }`;
 * `cpuMs` is the process's CPU time during the run (the sandboxes are threads of it): the run's own with one job.
 * `error` is one line saying why it failed; `output` the first lines printed.
 */
export async function runTest(sources, meta, mode, slots) {
  const { timeoutMs } = slots.options;
  const t0 = performance.now();
  const sb = await slots.take(mode);
  const createMs = performance.now() - t0;
  const errors = [];
  const output = [];
  const stats = { stops: 0, exceptionStops: 0, unexpectedStops: [], stepCapped: false };
  let running = '';
  const unsubscribe = sb.onEvent((e) => {
    if (e.type === 'console') output.push(e.text);
    else if (e.type === 'error') errors.push({ run: running, ...describeError(e.error) });
    else if (e.type === 'limit') errors.push({ run: running, name: `limit:${e.limit}`, message: e.message });
    else if (e.type === 'stopped') onStop(e.info);
  });
  const onStop = (info) => {
    stats.stops++;
    if (mode === 'step') {
      // Past the cap every stop (a later run's entry stop, a `debugger;`) is continued.
      if (stats.stops > slots.stepCap) stats.stepCapped = true;
      (stats.stepCapped ? sb.debug.continue() : sb.debug.stepIn()).catch(() => undefined);
      return;
    }
    // Whether an exception stop was right depends on the plain run (did it end with an uncaught error?): the
    // report compares. Any other stop is a never-pausing breakpoint that paused.
    if (mode === 'uncaught' && info.reason === 'exception') stats.exceptionStops++;
    else stats.unexpectedStops.push(info.reason);
    sb.debug.continue().catch(() => undefined);
  };
  let timedOut = false;
  // The engine's own timeout leaves out time paused in the debugger; this wall-clock watchdog covers stepping.
  const watchdog = setTimeout(() => {
    timedOut = true;
    sb.cancel();
  }, mode === 'step' ? timeoutMs * 4 : timeoutMs + 2000);
  const r0 = performance.now();
  const c0 = process.cpuUsage();
  try {
    if (mode === 'bp' || mode === 'uncaught') {
      for (const s of [sources.harness, sources.test]) if (s) await sb.debug.setBreakpoints(s.filename, neverPausing(s.source));
      if (mode === 'uncaught') await sb.debug.setExceptionBreakpoints({ uncaught: {} });
    }
    for (const which of ['harness', 'test']) {
      const s = sources[which];
      if (!s || timedOut) continue;
      running = which;
      const outcome = await sb.run({ kind: 'source', source: s.source, filename: s.filename, type: s.type });
      if (which === 'harness' && outcome.status !== 'completed') break;
    }
  } finally {
    clearTimeout(watchdog);
    unsubscribe();
    await slots.give(mode, sb);
  }
  const runMs = performance.now() - r0;
  const cpu = process.cpuUsage(c0);
  const cpuMs = (cpu.user + cpu.system) / 1000;
  const timeoutError = errors.find((e) => e.name === 'limit:timeout');
  if (timeoutError) timedOut = true;
  const verdict = timedOut ? { pass: false, timedOut: true, error: `timed out after ${Math.round(runMs)} ms` } : judge(meta, errors, output);
  const extra = {
    ...(stats.unexpectedStops.length && { unexpectedStops: stats.unexpectedStops.slice(0, 5) }),
    ...(stats.stepCapped && { stepCapped: true }),
  };
  // `uncaughtError`: a run (the harness's or the test's) ended with an uncaught error or rejection, where an
  // "uncaught" filter must stop (a harness include that fails at its top level stops there too).
  const uncaughtError = errors.some((e) => !e.name.startsWith('limit:'));
  // What the program printed (a few lines): a debug run must print exactly what the plain run prints.
  const printed = output.slice(0, 5).map((l) => l.slice(0, 200));
  return { ...verdict, ...extra, uncaughtError, output: printed, stops: stats.stops, exceptionStops: stats.exceptionStops, createMs, runMs, cpuMs };
}

const firstLine = (s) => String(s ?? '').split('\n')[0].slice(0, 300);

/** Name and one-line message of a reported error; a thrown non-Error (test262's Test262Error) is named by its class. */
function describeError(error) {
  if (error.name || error.thrown === undefined) return { name: error.name || 'Error', message: firstLine(error.message) };
  const oneLine = error.thrown.replace(/\s*\n\s*/g, ' ').slice(0, 300);
  return { name: /^([\w$]+) \{/.exec(oneLine)?.[1] ?? 'thrown', message: oneLine };
}

/** Pass or fail, from the test's frontmatter and what the runs reported. */
function judge(meta, errors, output) {
  const harnessError = errors.find((e) => e.run === 'harness');
  if (harnessError) return { pass: false, error: `harness: ${harnessError.name}: ${harnessError.message}` };
  const [err] = errors;
  if (meta.negative) {
    const want = meta.negative.type;
    if (!err) return { pass: false, error: `expected ${want} (${meta.negative.phase} phase), nothing was thrown` };
    if (err.name === want) return { pass: true };
    return { pass: false, error: `expected ${want}, got ${err.name}: ${err.message}` };
  }
  if (err) return { pass: false, error: `${err.name}: ${err.message}` };
  if (meta.flags.includes('async')) {
    const failure = output.find((l) => l.startsWith('Test262:AsyncTestFailure'));
    if (failure) return { pass: false, error: firstLine(failure) };
    if (!output.some((l) => l.startsWith('Test262:AsyncTestComplete'))) return { pass: false, error: 'async test never called $DONE' };
  }
  return { pass: true };
}
