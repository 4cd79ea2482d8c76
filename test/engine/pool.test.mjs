// The warm pool: a disposed sandbox's worker serves the next sandbox with a fresh realm, never a trace of the old one;
// a worker whose engine memory grew is ended instead; a burst of creations is served, and the workers started for it
// are ended once it is over; live sandboxes never wait for each other.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Sandbox, engine } from './helpers.mjs';

const threadOf = (sb) => sb.worker.worker.threadId;
async function logsOf(sb, source) {
  const logs = [];
  const off = sb.onEvent((e) => e.type === 'console' && logs.push(e.text));
  const outcome = await sb.run({ kind: 'source', source });
  off();
  assert.equal(outcome.status, 'completed', outcome.message);
  return logs;
}

test('the next sandbox gets the disposed one\'s worker with a fresh realm: no globals, prototypes, host functions or permissions carry over', async () => {
  engine.setKeepWarm(true);
  const a = await Sandbox.create({ hostFunctions: { secretFn: () => 'host' }, permissions: { env: ['HOME'] } });
  await logsOf(a, 'globalThis.leaked = 42; Array.prototype.evil = 1; console.log(secretFn())');
  const thread = threadOf(a);
  await a.dispose();
  let b;
  // The recycled worker is idle in the pool; creations take a ready one first.
  for (let i = 0; i < 5 && !b; i++) {
    const c = await Sandbox.create({});
    if (threadOf(c) === thread) b = c;
    else await c.dispose();
  }
  assert.ok(b, 'a disposed sandbox\'s worker served a later sandbox');
  const probe = 'let home; try { home = sandbox.env.HOME; } catch (e) { home = e.name; } console.log(typeof leaked, [].evil, typeof secretFn, home)';
  assert.deepEqual(await logsOf(b, probe), ['undefined undefined undefined PermissionDenied']);
  await b.dispose();
});

test('a worker whose engine memory grew past its starting size is ended, not reused', async () => {
  engine.setKeepWarm(true);
  const big = await Sandbox.create({});
  await logsOf(big, 'const keep = []; for (let i = 0; i < 40; i++) keep.push(new Uint8Array(1 << 20).fill(1)); console.log(keep.length)');
  const thread = threadOf(big);
  const worker = big.worker;
  await big.dispose();
  assert.equal(worker.exited, true);
  const next = await Sandbox.create({});
  assert.notEqual(threadOf(next), thread);
  await next.dispose();
});

test('twenty sandboxes created back to back all print, alive at once, and all dispose', async () => {
  engine.setKeepWarm(true);
  const boxes = [];
  for (let i = 0; i < 20; i++) {
    const sb = await Sandbox.create({});
    assert.deepEqual(await logsOf(sb, `console.log(${i})`), [String(i)]);
    boxes.push(sb);
  }
  assert.equal(new Set(boxes.map(threadOf)).size, 20, 'live sandboxes never share a worker');
  await Promise.all(boxes.map((b) => b.dispose()));
  assert.ok(boxes.every((b) => b.disposed));
});

// Threads of this process: each engine worker, idle or serving a sandbox, is one.
const threads = () => readdirSync('/proc/self/task').length;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
async function until(what, ok, ms = 60_000) {
  const end = Date.now() + ms;
  while (!ok()) {
    assert.ok(Date.now() < end, `timed out waiting for ${what}`);
    await sleep(50);
  }
}

/** The thread count once it has held still for half a second: terminated workers take a moment to go. */
async function settledThreads() {
  let n = threads();
  const end = Date.now() + 60_000;
  for (let still = 0; still < 10 && Date.now() < end; still++) {
    await sleep(50);
    if (threads() !== n) [n, still] = [threads(), -1];
  }
  return n;
}

test('a burst of creations makes the pool start workers ahead of demand; once it is over the pool goes back to one idle worker', { skip: !existsSync('/proc/self/task') && 'needs /proc' }, async () => {
  engine.setKeepWarm(true);
  // One sandbox made and disposed: the process's own threads (libuv's pool) exist from here on.
  await (await Sandbox.create({})).dispose();
  engine.setKeepWarm(false);
  const none = await settledThreads();
  engine.setKeepWarm(true);
  engine.prewarm(engine.resolveOptions({}));
  const oneIdle = none + 1;
  await until('the warm worker', () => threads() >= oneIdle);
  const boxes = [];
  for (let i = 0; i < 6; i++) boxes.push(await Sandbox.create({}));
  // Six live sandboxes and more than one worker waiting for the next: the pool grew when creations outran it.
  await until('idle workers beyond one after the burst', () => threads() >= oneIdle + 6 + 1);
  await Promise.all(boxes.map((b) => b.dispose()));
  // No creation for a while: the workers kept for the burst (and the recycled ones) are ended, one stays ready.
  await until('the pool trimmed back to one idle worker', () => threads() <= oneIdle);
  const next = await Sandbox.create({});
  assert.deepEqual(await logsOf(next, 'console.log("served")'), ['served']);
  await next.dispose();
  engine.setKeepWarm(false);
});

test('a creation that takes a warm worker still starting cuts its warm-up trip short: it waits for the engine, not the trip', async () => {
  engine.setKeepWarm(true);
  await (await Sandbox.create({})).dispose(); // the process has its compiled module from here on
  engine.setKeepWarm(false);
  engine.setKeepWarm(true);
  engine.prewarm(engine.resolveOptions({}));
  // The warm worker is listed once the module is compiled: a turn of the event loop, with the module at hand.
  await new Promise((r) => setImmediate(r));
  const sb = await Sandbox.create({});
  assert.equal(sb.worker.warmUp, true, 'the worker was started to make the trip');
  assert.equal(sb.worker.warmedUp, false, 'the creation waiting for it cut the trip short');
  assert.deepEqual(await logsOf(sb, 'console.log("served")'), ['served']);
  await sb.dispose();
  engine.setKeepWarm(false);
});

test('a runaway script does not hold up a neighbour: another sandbox prints and finishes while it spins', async () => {
  engine.setKeepWarm(true);
  const spinner = await Sandbox.create({ timeoutMs: 0 });
  let spinning = true;
  const spun = spinner.run({ kind: 'source', source: 'console.log("spin"); for (;;) {}' }).then((o) => ((spinning = false), o));
  await new Promise((r) => spinner.onEvent((e) => e.type === 'console' && r()));
  const neighbour = await Sandbox.create({});
  assert.deepEqual(await logsOf(neighbour, 'let s = 0; for (let i = 0; i < 1e5; i++) s += i; console.log(s)'), ['4999950000']);
  assert.equal(spinning, true, 'the neighbour finished while the runaway script still ran');
  await neighbour.dispose();
  spinner.cancel();
  assert.equal((await spun).status, 'cancelled');
  await spinner.dispose();
});

test('a prestarted thread serves the first sandbox that needs its stack, with the options that sandbox asks for', async () => {
  engine.setKeepWarm(false);
  const thread = engine.prestart(engine.resolveOptions());
  // One at a time: asked again before a sandbox took it, the same thread.
  assert.equal(engine.prestart(engine.resolveOptions()), thread);
  // Engine and memory limit reach the thread after it started: the quickjs-ng build, under a 32 MB cap.
  const sb = await Sandbox.create({ engine: 'quickjs-ng', memoryLimitBytes: 32 * 1024 * 1024, timeoutMs: 60_000 });
  assert.equal(threadOf(sb), thread);
  // quickjs-ng runs V8-style Error.prepareStackTrace (the default build ignores it).
  assert.deepEqual(await logsOf(sb, 'Error.prepareStackTrace = () => "ng"; console.log(new Error().stack)'), ['ng']);
  const outcome = await sb.run({ kind: 'source', source: 'const keep = []; for (;;) keep.push("x".repeat(1e5) + Math.random());' });
  assert.equal(outcome.limit, 'memory', outcome.message);
  await sb.dispose();
});

test('a prestarted thread whose stack does not fit the first sandbox is not used, and the next prestart starts another', async () => {
  engine.setKeepWarm(false);
  const thread = engine.prestart(engine.resolveOptions());
  const sb = await Sandbox.create({ stackSizeBytes: 2 * 1024 * 1024 });
  assert.notEqual(threadOf(sb), thread);
  assert.deepEqual(await logsOf(sb, 'console.log("ran")'), ['ran']);
  await sb.dispose();
  const next = engine.prestart(engine.resolveOptions());
  assert.notEqual(next, thread, 'the mismatched thread was let go');
  const fits = await Sandbox.create({});
  assert.equal(threadOf(fits), next);
  await fits.dispose();
});

test('a prestarted thread that no sandbox takes keeps no process alive', () => {
  const script = `const e = require(${JSON.stringify(fileURLToPath(new URL('../../dist/engine.js', import.meta.url)))}); e.prestart(e.resolveOptions()); console.log('started');`;
  const r = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8', timeout: 60_000 });
  assert.equal(r.signal, null, 'the process exited by itself');
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stdout, 'started\n');
});

test('the worker bundle, which every sandbox thread holds as source text, is ASCII: V8 keeps it at one byte a character', () => {
  const text = readFileSync(new URL('../../dist/engine-worker.js', import.meta.url), 'latin1');
  const at = text.search(/[^\x00-\x7f]/);
  assert.equal(at, -1, `a non-ASCII character at offset ${at} makes V8 hold the whole ${text.length} characters at two bytes each`);
});
