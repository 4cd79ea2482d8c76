// Limits: every runaway script ends with the right limit, a message that says how to raise it, and a healthy host.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { run, Sandbox, engine } from './helpers.mjs';
import { TIMEOUT_SLACK_MS, assertHostResponsive, withLoopDelay } from '../support/timing.mjs';

const MB = 1024 * 1024;
/** For runs meant to end by another limit: a timeout so long that the intended limit comes first on any machine. */
const PATIENT = { timeoutMs: 60_000 };

/** Runs `fn` with the host's event-loop delay sampled and asserts the host stayed responsive; returns fn's result. */
async function responsive(fn) {
  const { result, maxDelayMs } = await withLoopDelay(fn);
  await assertHostResponsive(maxDelayMs, async () => (await withLoopDelay(fn)).maxDelayMs);
  return result;
}

/** A fresh sandbox after a limit still runs ordinary code. */
async function assertHealthy() {
  const r = await run('[1, 2, 3].map((x) => x * 2).join(",")');
  assert.equal(r.outcome.exitCode, 0);
  assert.deepEqual(r.results.map((e) => e.text), ["'2,4,6'"]);
}

test('an infinite loop is stopped by the timeout, not before it', async () => {
  /** One run on a fresh sandbox, timed from the run request as a user would: creating the sandbox is not part of it. */
  const once = async () => {
    const sandbox = await Sandbox.create({ timeoutMs: 500 });
    const limits = [];
    sandbox.onEvent((e) => e.type === 'limit' && limits.push(e));
    const t0 = performance.now();
    const { result: outcome, maxDelayMs } = await withLoopDelay(() => sandbox.run({ kind: 'source', source: 'for (;;) {}' }));
    const elapsed = performance.now() - t0;
    assert.equal(await sandbox.dispose(), undefined);
    return { outcome, limits, elapsed, maxDelayMs };
  };
  const r = await once();
  assert.equal(r.outcome.status, 'limit');
  assert.equal(r.outcome.limit, 'timeout');
  assert.equal(r.outcome.exitCode, 2);
  assert.ok(r.elapsed < 500 + TIMEOUT_SLACK_MS, `stopped after ${r.elapsed.toFixed(0)} ms`);
  assert.ok(r.elapsed >= 450, `a 500 ms timeout fired after only ${r.elapsed.toFixed(0)} ms`);
  assert.match(r.limits[0].message, /timeout of 0\.5 s reached; raise it with --timeout/);
  await assertHostResponsive(r.maxDelayMs, async () => (await once()).maxDelayMs);
  await assertHealthy();
});

test('a timeout also covers the event loop: an endless interval is stopped', async () => {
  const r = await run('setInterval(() => {}, 5)', { timeoutMs: 300 });
  assert.equal(r.outcome.limit, 'timeout');
  assert.ok(r.outcome.durationMs < 300 + TIMEOUT_SLACK_MS, `took ${r.outcome.durationMs} ms`);
});

test('timeoutMs: 0 means no timeout', async () => {
  // 1.2 s of busy work would trip any timeout shorter than that; with 0 it completes.
  const r = await run('const end = Date.now() + 1200; let n = 0; while (Date.now() < end) n++; n > 0', { timeoutMs: 0 });
  assert.equal(r.outcome.status, 'completed');
  assert.deepEqual(r.results.map((e) => e.text), ['true']);
});

test('a string memory bomb ends with the memory limit, naming it and how to raise it', async () => {
  const r = await responsive(() => run('const keep = []; for (;;) keep.push("x".repeat(1e5) + Math.random());', { ...PATIENT, memoryLimitBytes: 32 * MB }));
  assert.equal(r.outcome.status, 'limit');
  assert.equal(r.outcome.limit, 'memory');
  assert.equal(r.outcome.exitCode, 2);
  assert.equal(r.limits.length, 1);
  assert.match(r.limits[0].message, /memory limit of 32 MB reached/);
  assert.match(r.limits[0].message, /--memory-limit|quickjs\.memoryLimitMB/);
  await assertHealthy();
});

test('an array memory bomb (large arrays) ends with the memory limit', async () => {
  const r = await run('const keep = []; for (;;) keep.push(new Array(1e5).fill(1.5));', { ...PATIENT, memoryLimitBytes: 32 * MB });
  assert.equal(r.outcome.limit, 'memory', JSON.stringify(r.errors));
  assert.match(r.limits[0]?.message ?? '', /memory limit of 32 MB/);
  await assertHealthy();
});

test('a memory bomb of many small objects ends with the memory limit, not an uninspectable error', async () => {
  // On a full heap QuickJS cannot allocate its InternalError and throws null: that must still read as the limit.
  const r = await run('const keep = []; for (let i = 0; ; i++) keep.push({ i });', { ...PATIENT, memoryLimitBytes: 32 * MB });
  assert.equal(r.outcome.limit, 'memory', JSON.stringify(r.errors));
  assert.equal(r.errors.length, 0);
  await assertHealthy();
});

test('runaway recursion ends with the stack limit', async () => {
  const r = await responsive(() => run('function down(n) { return down(n + 1) + 1; }\ndown(0);', PATIENT));
  assert.equal(r.outcome.status, 'limit');
  assert.equal(r.outcome.limit, 'stack');
  assert.equal(r.outcome.exitCode, 2);
  assert.match(r.limits[0].message, /stack limit of 1 MB exceeded.*--stack-size/);
  await assertHealthy();
});

test('the largest stack limit the option allows ends runaway recursion cleanly, in both engine builds', async () => {
  // The WebAssembly build's own stack is 5 MB: a limit at or past it wrapped around (every call overflowed, even the
  // kernel's install) or let native frames run off its end. The option's maximum must still end in a stack error.
  assert.throws(() => engine.resolveOptions({ stackSizeBytes: 8 * MB }), /stack size must be between 64 KB and 4 MB, not 8 MB/);
  for (const build of ['quickjs', 'quickjs-ng']) {
    const r = await run('function down(n) { return down(n + 1) + 1; }\ndown(0);', { ...PATIENT, engine: build, stackSizeBytes: 4 * MB });
    assert.equal(r.outcome.limit, 'stack', `${build}: ${JSON.stringify(r.outcome)}`);
    assert.match(r.limits[0].message, /stack limit of 4 MB exceeded/);
  }
  await assertHealthy();
});

test('a caught stack overflow is just an error the script handles', async () => {
  const r = await run('function down() { down(); }\nlet caught = "none"; try { down(); } catch (e) { caught = e.name; } caught');
  assert.equal(r.outcome.status, 'completed');
  assert.match(r.results[0].text, /RangeError|InternalError/);
});

test('a console flood ends with the output limit', async () => {
  const r = await responsive(() => run('for (;;) console.log("flood flood flood flood")', { ...PATIENT, outputLimitBytes: 64 * 1024 }));
  assert.equal(r.outcome.status, 'limit');
  assert.equal(r.outcome.limit, 'output');
  assert.match(r.limits[0].message, /console output limit of 64 KB reached.*--output-limit/);
  const printed = r.logs.reduce((n, t) => n + t.length + 1, 0);
  assert.ok(printed <= 64 * 1024, `printed ${printed} bytes past a 64 KB limit`);
  assert.ok(printed > 32 * 1024, `stopped early, after ${printed} bytes`);
  await assertHealthy();
});

test('options that make no sense are refused with the option named', async () => {
  const { Sandbox } = await import('./helpers.mjs');
  await assert.rejects(Sandbox.create({ memoryLimitBytes: 1024 }), /memory limit must be at least 16 MB/);
  await assert.rejects(Sandbox.create({ timeoutMs: -1 }), /timeoutMs/);
  await assert.rejects(Sandbox.create({ engine: 'v8' }), /unknown engine "v8"/);
});

test('deep nesting in native code (JSON.stringify) is stopped by a limit, and the next sandbox works', async () => {
  // JSON.stringify of deeply nested arrays recurses in C, where QuickJS polls no interrupt (and its cycle check is
  // quadratic in the depth). Whichever comes first ends it: QuickJS's stack check or V8's stack inside wasm (a
  // 'stack' limit or a crashed engine), or the host watchdog that terminates the stuck worker (the timeout).
  // Timed from the run request: creating the sandbox is not part of the run.
  const sandbox = await Sandbox.create({ timeoutMs: 2000 });
  const t0 = performance.now();
  const outcome = await sandbox.run({ kind: 'source', source: 'let a = []; for (let i = 0; i < 1e5; i++) a = [a]; JSON.stringify(a).length' });
  const elapsed = performance.now() - t0;
  await sandbox.dispose();
  assert.ok(['crashed', 'limit'].includes(outcome.status), outcome.status);
  assert.equal(outcome.exitCode, 2);
  assert.ok(['stack', 'timeout'].includes(outcome.limit), outcome.limit);
  assert.ok(elapsed < 2000 + TIMEOUT_SLACK_MS, `stopped after ${Math.round(elapsed)} ms`);
  await assertHealthy();
});

test('quickjs-ng enforces the same limits', async () => {
  const ng = { engine: 'quickjs-ng' };
  const [stack, memory, timeout] = await Promise.all([
    run('function down(n) { return down(n + 1) + 1; }\ndown(0);', { ...ng, ...PATIENT }),
    run('const keep = []; for (;;) keep.push({ n: keep.length });', { ...ng, ...PATIENT, memoryLimitBytes: 32 * MB }),
    run('for (;;) {}', { ...ng, timeoutMs: 300 }),
  ]);
  assert.deepEqual([stack.outcome.limit, memory.outcome.limit, timeout.outcome.limit], ['stack', 'memory', 'timeout']);
  for (const r of [stack, memory, timeout]) assert.equal(r.outcome.exitCode, 2);
});
