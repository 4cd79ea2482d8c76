// The leak check of `leakCheck: true` still finds leaks on the build as the engine worker instantiates it (without
// the sanitizer's stack traces, which made that build ~10x slower): a handle never disposed, a runtime left alive,
// and memory nothing points to each give a report; a clean dispose gives none.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { loadBundle, root } from '../support/bundle.mjs';
import { Sandbox, engine } from './helpers.mjs';

const require = createRequire(import.meta.url);
let leakCheck;
let wasmModule;
let base;

before(async () => {
  ({ leakCheck } = await loadBundle({ leakCheck: 'src/engine/runtime/leakCheck.ts' }, { external: ['quickjs-emscripten-core'] }));
  wasmModule = await WebAssembly.compile(readFileSync(join(root, 'dist/wasm/quickjs-debug.wasm')));
  base = require('@jitl/quickjs-wasmfile-debug-sync').default;
});

/** A fresh instance of the leak-checking build, as a worker makes it (a leak poisons an instance). */
const instance = () => leakCheck.newLeakCheckingModule(base, wasmModule, new WebAssembly.Memory({ initial: 256, maximum: 32768 }));

test('a clean dispose reports nothing', async () => {
  const qjs = await instance();
  const ctx = qjs.newContext();
  ctx.evalCode('const o = { a: [1, 2, 3] }; JSON.stringify(o)').dispose();
  assert.equal(leakCheck.disposeAndCheck(qjs, () => ctx.dispose()), undefined);
});

test('a handle never disposed is reported when its runtime is freed', async () => {
  const qjs = await instance();
  const ctx = qjs.newContext();
  ctx.newObject(); // deliberately leaked
  const report = leakCheck.disposeAndCheck(qjs, () => ctx.dispose());
  assert.match(report ?? 'no report', /list_empty\(&rt->gc_obj_list\)/, 'the leaked handle was not reported');
});

test('a runtime left alive is reported', async () => {
  const qjs = await instance();
  const ctx = qjs.newContext();
  qjs.newRuntime(); // deliberately never disposed
  assert.match(leakCheck.disposeAndCheck(qjs, () => ctx.dispose()) ?? '', /QuickJSMemoryLeakDetected: 1 runtimes leaked/);
});

test('memory nothing points to is found by the leak sanitizer, without stack traces', async () => {
  const qjs = await instance();
  const ctx = qjs.newContext();
  // Allocated inside the engine's memory and forgotten: only the sanitizer's scan can find it.
  const emscripten = qjs.getFFI().module;
  for (let i = 0; i < 4; i++) emscripten._malloc(1024);
  assert.match(leakCheck.disposeAndCheck(qjs, () => ctx.dispose()) ?? '', /Leak sanitizer detected un-freed memory/);
});

test('a leak-checking sandbox\'s worker, checked at its dispose, serves a later leak-checking sandbox with a fresh realm', async () => {
  engine.setKeepWarm(true);
  const a = await Sandbox.create({ leakCheck: true, timeoutMs: 100_000 });
  const thread = a.worker.worker.threadId;
  assert.equal((await a.run({ kind: 'source', source: 'globalThis.left = new Map([[1, { a: [1, 2] }]]); 1' })).status, 'completed');
  assert.equal(await a.dispose(), undefined);
  let b;
  // The recycled worker is idle in the pool; creations take a ready one first.
  for (let i = 0; i < 5 && !b; i++) {
    const c = await Sandbox.create({ leakCheck: true, timeoutMs: 100_000 });
    if (c.worker.worker.threadId === thread) b = c;
    else assert.equal(await c.dispose(), undefined);
  }
  assert.ok(b, 'a disposed leak-checking sandbox\'s worker served a later one');
  const logs = [];
  b.onEvent((e) => e.type === 'console' && logs.push(e.text));
  assert.equal((await b.run({ kind: 'source', source: 'console.log(typeof left)' })).status, 'completed');
  assert.deepEqual(logs, ['undefined']);
  assert.equal(await b.dispose(), undefined);
});
