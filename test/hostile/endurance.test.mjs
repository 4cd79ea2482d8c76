// Endurance: sessions left open for hours must not leak. 1,000 runs of mixed, partly hostile programs on the
// leak-checking debug build (every dispose must report nothing), then 100 debug sessions, with host RSS sampled and
// its growth fitted by least squares after warm-up. (test/engine/scale.test.mjs covers 1,000 plain runs in 10
// sandboxes; this suite adds errors, stack overflows, syntax errors, timers and debugging to the mix.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Sandbox, slope } from './harness.mjs';

const MB = 1024 * 1024;

/** Programs cycled through: each leaves the sandbox in a different state (thrown, overflowed, timers, promises). */
const PROGRAMS = [
  ['completed', (i) => `{ const o = { i: ${i}, a: [1, 2, 3].map((x) => x * ${i}) }; console.log(o); o.a.join() }`],
  ['error', (i) => `{ throw new RangeError('run ${i}'); }`],
  ['limit', () => `{ const f = (n) => f(n + 1) + 1; f(0); }`],
  ['error', () => `{ let = ; }`],
  ['completed', (i) => `{ setTimeout(() => console.log('timer ${i}'), 0); Promise.resolve(${i}).then((v) => console.log('then', v)); }`],
  ['error', (i) => `{ Promise.reject(new Error('rejected ${i}')) }`],
  ['completed', (i) => `{ const m = new Map(); for (let k = 0; k < 200; k++) m.set(k, { k, s: 'v' + k }); m.size + ${i} }`],
  ['completed', () => `{ const p = new Proxy({}, { get() { throw new Error('trap'); } }); console.log(p); 1 }`],
];

const RUNS_PER_SANDBOX = 20;
const SANDBOXES = 50;

test('1,000 runs of mixed hostile programs on the leak-checking build: no leak at any dispose, flat host memory', { timeout: 1_800_000 }, async () => {
  const xs = [];
  const ys = [];
  let runs = 0;
  for (let s = 0; s < SANDBOXES; s++) {
    const sandbox = await Sandbox.create({ leakCheck: true, timeoutMs: 10_000, outputLimitBytes: 1024 * 1024 });
    for (let i = 0; i < RUNS_PER_SANDBOX; i++) {
      const [expected, make] = PROGRAMS[(s * RUNS_PER_SANDBOX + i) % PROGRAMS.length];
      const outcome = await sandbox.run({ kind: 'source', source: make(i), type: 'script' });
      assert.equal(outcome.status, expected, `sandbox ${s} run ${i}: ${JSON.stringify(outcome)}`);
      runs++;
    }
    assert.equal(sandbox.disposed, false, 'the engine survived every run');
    assert.equal(await sandbox.dispose(), undefined, `sandbox ${s} leaked`);
    xs.push(runs);
    ys.push(process.memoryUsage().rss / MB);
  }
  assert.equal(runs, 1000);
  // The first fifth is warm-up (JIT, pools, module caches).
  const from = Math.floor(xs.length / 5);
  const mbPer100 = slope(xs.slice(from), ys.slice(from)) * 100;
  console.log(`# endurance: RSS ${ys[from].toFixed(0)} -> ${ys.at(-1).toFixed(0)} MB; slope ${mbPer100.toFixed(2)} MB per 100 runs`);
  assert.ok(mbPer100 < 3, `host RSS grows ${mbPer100.toFixed(2)} MB per 100 runs`);
});

test('100 debug sessions: each pauses at a breakpoint, is inspected, resumes, and disposes; flat host memory', { timeout: 1_800_000 }, async () => {
  const file = '/endurance/debugged.js';
  const source = 'let total = 0;\nfor (let i = 0; i < 5; i++) {\n  total += i;\n}\nconsole.log(total);\n';
  const xs = [];
  const ys = [];
  for (let s = 1; s <= 100; s++) {
    const sandbox = await Sandbox.create({ debug: true, timeoutMs: 10_000 });
    assert.ok(sandbox.debug, 'Sandbox.create({ debug: true }) gave no sandbox.debug');
    const logs = [];
    let stops = 0;
    sandbox.onEvent((e) => {
      if (e.type === 'console') logs.push(e.text);
      if (e.type === 'stopped') {
        stops++;
        // Inspect, then clear the breakpoint and go on.
        void (async () => {
          const { frames } = await sandbox.debug.stackTrace();
          const scopes = await sandbox.debug.scopes(frames[0].id);
          await sandbox.debug.variables(scopes[0].ref);
          await sandbox.debug.setBreakpoints(file, []);
          await sandbox.debug.continue();
        })();
      }
    });
    const bps = await sandbox.debug.setBreakpoints(file, [{ line: 3 }]);
    assert.equal(bps.length, 1);
    const outcome = await sandbox.run({ kind: 'source', source, filename: file, type: 'script' });
    assert.equal(outcome.status, 'completed', JSON.stringify(outcome));
    assert.equal(stops, 1, `session ${s} paused ${stops} times`);
    assert.deepEqual(logs, ['10']);
    assert.equal(await sandbox.dispose(), undefined);
    if (s % 5 === 0) {
      xs.push(s);
      ys.push(process.memoryUsage().rss / MB);
    }
  }
  const from = Math.floor(xs.length / 5);
  const mbPer100 = slope(xs.slice(from), ys.slice(from)) * 100;
  console.log(`# endurance: 100 debug sessions, RSS ${ys[from].toFixed(0)} -> ${ys.at(-1).toFixed(0)} MB; slope ${mbPer100.toFixed(2)} MB per 100 sessions`);
  assert.ok(mbPer100 < 10, `host RSS grows ${mbPer100.toFixed(2)} MB per 100 debug sessions`);
});
