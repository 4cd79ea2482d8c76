// The memory source registry, alone and over a real sandbox: periodic samples during a run, a detailed sample at
// a debugger pause, a final sample when the run ends, and no handle leaked by the reports (debug build).
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { loadMemoryView, stats } from './build.mjs';
import { guard } from '../../support/timing.mjs';

const { sources } = await loadMemoryView();
const require = createRequire(import.meta.url);
const engine = require('../../../dist/engine.js');
engine.setKeepWarm(false);

/**
 * How long the tests let a memory report take where they assert that it arrives. The view's own waits (500 ms for
 * the final sample, 2 s for a refresh) suit an editor; a loaded machine can take longer, which is not what is tested.
 */
const REPORT_WAIT_MS = 30_000;
/** The runs here end on their own; their timeout only turns a hang into a failure. */
const RUN_TIMEOUT_MS = 60_000;

/** A source driven by hand. */
function fakeSource(label = 'fake') {
  const sampleListeners = new Set();
  const stateListeners = new Set();
  let reports = 0;
  return {
    label,
    kind: 'run',
    stats: async () => stats({ time: 1000 + reports++, classes: { Object: 1 } }),
    onSample: (l) => (sampleListeners.add(l), () => sampleListeners.delete(l)),
    onState: (l) => (stateListeners.add(l), () => stateListeners.delete(l)),
    emit: (s) => sampleListeners.forEach((l) => l(s, 'run')),
    state: (s) => stateListeners.forEach((l) => l(s)),
    listeners: () => sampleListeners.size + stateListeners.size,
  };
}

test('the registry records samples of the active source and stops listening to a replaced or ended one', async () => {
  const reg = new sources.MemorySourceRegistry(100);
  const events = [];
  const off = reg.onDidChange((e) => events.push(e.type));
  const a = fakeSource('a');
  const ha = reg.setActive(a);
  a.emit(stats({ time: 0 }));
  a.state('paused');
  a.state('paused'); // repeated: no second event
  a.state('running');
  assert.deepEqual(events, ['source', 'sample', 'state', 'state']);
  assert.equal(reg.active.samples.size, 1);

  const b = fakeSource('b');
  const hb = reg.setActive(b);
  assert.equal(a.listeners(), 0, 'the replaced source is no longer listened to');
  a.emit(stats({ time: 5 }));
  assert.equal(reg.active.source.label, 'b');
  assert.equal(reg.active.samples.size, 0, 'a new source starts with an empty history');
  await ha.end(); // ending a replaced source changes nothing visible
  assert.equal(reg.active.state, 'running');

  await hb.end();
  assert.equal(reg.active.state, 'ended');
  assert.equal(reg.active.samples.all.at(-1).origin, 'final', 'a watched source gets a final detailed sample');
  assert.equal(await reg.refresh(), undefined, 'an ended source is not asked for figures');
  off();
});

test('nobody watching: ending takes no final sample', async () => {
  const reg = new sources.MemorySourceRegistry(100);
  const h = reg.setActive(fakeSource());
  await h.end();
  assert.equal(reg.active.samples.size, 0);
  assert.equal(reg.watched, false);
});

test('a source over a real sandbox streams samples whose heap grows while the script allocates', async () => {
  const sandbox = await engine.Sandbox.create({ memorySampleIntervalMs: 50, timeoutMs: RUN_TIMEOUT_MS });
  const reg = new sources.MemorySourceRegistry();
  const seen = [];
  const off = reg.onDidChange((e) => e.type === 'sample' && seen.push(e.sample));
  const handle = reg.setActive(sources.sandboxMemorySource(sandbox, 'grow.js', 'run'));
  const outcome = await sandbox.run({
    kind: 'source',
    // Capped far below the limit: how fast the loop allocates depends on the machine.
    source: 'globalThis.keep = []; const t = Date.now(); while (Date.now() - t < 700) if (keep.length < 30000) keep.push({ s: "x".repeat(200) + keep.length });',
  });
  await handle.end({ timeoutMs: REPORT_WAIT_MS });
  off();
  const leak = await sandbox.dispose();
  assert.equal(outcome.status, 'completed', outcome.message);
  assert.equal(leak, undefined);
  const run = seen.filter((s) => s.origin === 'run');
  // The engine samples from its interrupt handler, whose rate depends on the script: expect most, not all, ticks.
  assert.ok(run.length >= 4, `only ${run.length} samples in 700 ms at a 50 ms interval`);
  assert.ok(run.some((s) => !s.stats.partial), 'at least one detailed sample during the run');
  const final = seen.at(-1);
  assert.equal(final.origin, 'final');
  assert.ok(final.stats.classes && final.stats.classes.Object > 1000, `final sample classes: ${JSON.stringify(final.stats.classes)}`);
  assert.ok(final.stats.str_count > 1000);
  const times = seen.map((s) => s.stats.time);
  assert.ok(times.at(-1) > times[0] + 500, `samples span ${times[0]}..${times.at(-1)} ms`);
  assert.ok(final.stats.heap_size >= run[0].stats.heap_size);
  assert.equal(reg.active.state, 'ended');
});

test('the detailed reports of a watched source leak no handle (debug build)', async () => {
  const sandbox = await engine.Sandbox.create({ memorySampleIntervalMs: 20, timeoutMs: RUN_TIMEOUT_MS, leakCheck: true });
  const reg = new sources.MemorySourceRegistry();
  const off = reg.onDidChange(() => {});
  const handle = reg.setActive(sources.sandboxMemorySource(sandbox, 'leak.js', 'run'));
  const outcome = await sandbox.run({ kind: 'source', source: 'globalThis.m = new Map(); for (let i = 0; i < 3000; i++) m.set(i, [i]);' });
  const refreshed = await reg.refresh('request', REPORT_WAIT_MS);
  await handle.end({ timeoutMs: REPORT_WAIT_MS });
  off();
  const leak = await sandbox.dispose();
  assert.equal(outcome.status, 'completed', outcome.message);
  assert.equal(refreshed.origin, 'request');
  assert.ok(refreshed.stats.classes.Array >= 3000, JSON.stringify(refreshed.stats.classes));
  assert.equal(reg.active.samples.all.at(-1).origin, 'final');
  assert.equal(leak, undefined, `the memory reports leaked: ${leak}`);
});

test('a debugger pause yields a detailed sample taken while paused', async (t) => {
  const sandbox = await engine.Sandbox.create({ debug: true, timeoutMs: 0, memorySampleIntervalMs: 50 });
  if (!sandbox.debug) {
    await sandbox.dispose();
    t.skip('the engine offers no DebugTarget');
    return;
  }
  const reg = new sources.MemorySourceRegistry();
  const states = [];
  const samples = [];
  reg.onDidChange((e) => {
    if (e.type === 'state') states.push(e.active.state);
    if (e.type === 'sample') samples.push(e.sample);
  });
  const handle = reg.setActive(sources.sandboxMemorySource(sandbox, 'debug', 'debug'));
  const stopped = new Promise((r) => sandbox.onEvent((e) => e.type === 'stopped' && r(e)));
  const source = 'globalThis.keep = [];\nfor (let i = 0; i < 5000; i++) keep.push({ i });\ndebugger;\nkeep.length;\n';
  const running = sandbox.run({ kind: 'source', source, filename: '/tmp/memview-debug.js' });
  try {
    await guard(stopped, 30_000, 'the stop at the debugger statement');
    assert.equal(reg.active.state, 'paused');
    const deadline = Date.now() + REPORT_WAIT_MS;
    while (!samples.some((x) => x.origin === 'paused') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    const paused = samples.find((x) => x.origin === 'paused');
    if (paused) {
      assert.equal(paused.stats.partial, undefined);
      assert.ok(paused.stats.classes.Object >= 5000, JSON.stringify(paused.stats.classes));
    } else {
      // Engine limitation: the worker answers only debug.* requests while stopped and defers memoryStats.
      t.todo('the engine defers memoryStats while the script is paused; the report arrives after resuming');
    }
  } finally {
    await sandbox.debug.continue().catch(() => undefined);
    await running;
    await new Promise((r) => setTimeout(r, 100));
    await handle.end({ finalSample: false });
    await sandbox.dispose();
  }
  assert.deepEqual(states.slice(0, 2), ['paused', 'running']);
  // A report that arrived only after resuming is not passed off as the paused state.
  const late = samples.filter((x) => x.origin === 'request');
  if (!samples.some((x) => x.origin === 'paused')) assert.equal(late.length, 1, `samples: ${samples.map((x) => x.origin)}`);
});

after(() => engine.setKeepWarm(false));
