// The warm pool: a disposed sandbox's worker serves the next sandbox with a fresh realm, never a trace of the old one;
// a worker whose engine memory grew is ended instead; a burst of creations is served.
import { test } from 'node:test';
import assert from 'node:assert/strict';
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
