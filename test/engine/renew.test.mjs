// Sandbox.renew: a fresh realm in the same worker, as a new sandbox would give, with nothing leaked.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { Sandbox, setKeepWarm } from '../../dist/engine.js';

// The leak-checking build loads its wasm source map from beside the bundle; the build copies only the wasm.
const distMap = new URL('../../dist/worker-lib/emscripten-module.wasm.map', import.meta.url).pathname;
if (!existsSync(distMap)) {
  const pkg = createRequire(import.meta.url).resolve('@jitl/quickjs-wasmfile-debug-sync/package.json');
  copyFileSync(join(pkg, '..', 'dist/emscripten-module.wasm.map'), distMap);
}
setKeepWarm(false);

/** Runs `source` and returns the printed lines and the outcome. */
async function run(sb, source) {
  const lines = [];
  const off = sb.onEvent((e) => e.type === 'console' && lines.push(e.text));
  const outcome = await sb.run({ kind: 'source', source, filename: 'renew.js', type: 'script' });
  off();
  return { lines, outcome };
}

test('renew gives a fresh realm: globals and changed intrinsics are gone, the options stay, nothing leaks', async () => {
  // 2 s, not less: the debug build's first runs must end well inside it on a busy machine, or the watchdog ends the
  // engine that the test means to renew.
  const sb = await Sandbox.create({ leakCheck: true, memoryLimitBytes: 0, timeoutMs: 2000 });
  try {
    await run(sb, 'var kept = 1; Array.prototype.polluted = true; Object.freeze(Object.prototype);');
    assert.deepEqual((await run(sb, 'console.log(typeof kept, [].polluted)')).lines, ['number true']);
    await sb.renew();
    assert.deepEqual((await run(sb, 'console.log(typeof kept, [].polluted, Object.isFrozen(Object.prototype))')).lines, ['undefined undefined false']);
    // The timeout is an option of the sandbox: still in force after renewing.
    assert.equal((await run(sb, 'for (;;) {}')).outcome.limit, 'timeout');
    await sb.renew();
    assert.deepEqual((await run(sb, 'console.log("after a timeout")')).lines, ['after a timeout']);
  } finally {
    assert.equal(await sb.dispose(), undefined, 'QuickJS handles leaked');
  }
});

test('renewing a debug sandbox drops its breakpoints and re-arms stop on entry', async () => {
  const sb = await Sandbox.create({ debug: true, stopOnEntry: true, leakCheck: true, memoryLimitBytes: 0 });
  const stops = [];
  sb.onEvent((e) => {
    if (e.type !== 'stopped') return;
    stops.push(e.info.reason);
    void sb.debug.continue();
  });
  try {
    await sb.debug.setBreakpoints('/virtual/renew-debug.js', [{ line: 2 }]);
    const run = () => sb.run({ kind: 'source', source: 'var a = 1;\nvar b = 2;\n', filename: '/virtual/renew-debug.js', type: 'script' });
    assert.equal((await run()).status, 'completed');
    assert.deepEqual(stops, ['entry', 'breakpoint']);
    await sb.renew();
    assert.equal((await run()).status, 'completed');
    assert.deepEqual(stops, ['entry', 'breakpoint', 'entry']);
  } finally {
    assert.equal(await sb.dispose(), undefined, 'QuickJS handles leaked');
  }
});

test('renew refuses while a run is in progress', async () => {
  const sb = await Sandbox.create({ timeoutMs: 2000 });
  try {
    const running = sb.run({ kind: 'source', source: 'for (;;) {}', filename: 'busy.js', type: 'script' });
    await assert.rejects(sb.renew(), /a run is in progress/);
    sb.cancel();
    await running;
  } finally {
    await sb.dispose();
  }
});
