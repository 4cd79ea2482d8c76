// The run state machine (src/engine/debug/runState.ts) and the typed request path, through the real Sandbox:
// host target -> `debug` message -> worker -> controller's handlers -> kernel, in the leak-checking engine build.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { Sandbox, setKeepWarm } from '../../../dist/engine.js';

// The leak-checking build loads its wasm source map from beside the bundle; the build copies only the wasm.
const distMap = new URL('../../../dist/worker-lib/emscripten-module.wasm.map', import.meta.url).pathname;
if (!existsSync(distMap)) {
  const pkg = createRequire(import.meta.url).resolve('@jitl/quickjs-wasmfile-debug-sync/package.json');
  copyFileSync(join(pkg, '..', 'dist/emscripten-module.wasm.map'), distMap);
}

setKeepWarm(false);
after(() => setKeepWarm(false));
const dir = mkdtempSync(join(tmpdir(), 'qjs-run-state-'));
const file = (name, text) => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};

/** A debuggable sandbox that records every stop and answers each with `onStop` (default: continue). */
async function recorder(options = {}, onStop = async () => undefined) {
  const sb = await Sandbox.create({ debug: true, leakCheck: true, memoryLimitBytes: 0, cwd: dir, ...options });
  const stops = [];
  sb.onEvent(async (e) => {
    if (e.type !== 'stopped') return;
    const { frames } = await sb.debug.stackTrace();
    stops.push(`${e.info.reason}@${frames[0].file.split('/').pop()}:${frames[0].line}`);
    await onStop(e.info);
    await sb.debug.continue();
  });
  return { sb, stops };
}

test('a prelude run never stops (breakpoint, debugger statement, entry, exception); every program run stops at its entry', async () => {
  const prelude = file('prelude.js', 'var base = 40;\nfunction bump(n) {\n  return n + base;\n}\ndebugger;\nbump(1);\ntry { null.x; } catch (e) {}\n');
  const program = file('program.js', 'var a = bump(2);\nconsole.log(a);\n');
  const { sb, stops } = await recorder({ stopOnEntry: true });
  try {
    await sb.debug.setBreakpoints(prelude, [{ line: 3 }]);
    await sb.debug.setExceptionBreakpoints({ all: {} });
    await sb.debug.nextRun('prelude');
    assert.equal((await sb.run({ kind: 'file', path: prelude })).status, 'completed');
    assert.deepEqual(stops, [], 'nothing in the prelude stops');
    assert.equal((await sb.run({ kind: 'file', path: program })).status, 'completed');
    // The role lasts one run: the program is stopped at its entry, and bump's breakpoint is hit from it.
    assert.deepEqual(stops, ['entry@program.js:1', 'breakpoint@prelude.js:3']);
    stops.length = 0;
    assert.equal((await sb.run({ kind: 'file', path: program })).status, 'completed');
    assert.deepEqual(stops, ['entry@program.js:1', 'breakpoint@prelude.js:3'], 'every program run has its entry stop');
  } finally {
    assert.equal(await sb.dispose(), undefined, 'no QuickJS handle leaked');
  }
});

test('a breakpoint in a module the entry imports is taken before the entry stop, which stays armed', async () => {
  const lib = file('lib.mjs', 'export const v = 1;\nconsole.log(v);\n');
  const main = file('main.mjs', "import { v } from './lib.mjs';\nconst w = v + 1;\nconsole.log(w);\n");
  const { sb, stops } = await recorder({ stopOnEntry: true });
  try {
    await sb.debug.setBreakpoints(lib, [{ line: 2 }]);
    assert.equal((await sb.run({ kind: 'file', path: main })).status, 'completed');
    assert.deepEqual(stops, ['breakpoint@lib.mjs:2', 'entry@main.mjs:2']);
  } finally {
    assert.equal(await sb.dispose(), undefined, 'no QuickJS handle leaked');
  }
});

test('requests answered while paused keep their types end to end; a resume ends the pause once', async () => {
  const prog = file('typed.js', 'let n = 20;\nn += 1;\nconsole.log(n);\n');
  const seen = {};
  const { sb, stops } = await recorder({}, async () => {
    seen.trace = await sb.debug.stackTrace(0, 1);
    seen.value = await sb.debug.evaluate('n * 2', 0, 'repl');
    seen.targets = await sb.debug.stepInTargets(0);
    seen.sources = await sb.debug.loadedSources();
  });
  try {
    await sb.debug.setBreakpoints(prog, [{ line: 2 }]);
    assert.equal((await sb.run({ kind: 'file', path: prog })).status, 'completed');
    assert.deepEqual(stops, ['breakpoint@typed.js:2']);
    assert.equal(seen.trace.totalFrames, 1);
    assert.equal(seen.trace.frames[0].line, 2);
    assert.equal(seen.value.preview, '40');
    assert.deepEqual(seen.targets, []);
    assert.deepEqual(seen.sources.map((s) => s.name), ['typed.js']);
    // Not paused any more: frame requests answer empty rather than fail.
    assert.deepEqual(await sb.debug.stackTrace(), { frames: [], totalFrames: 0 });
  } finally {
    assert.equal(await sb.dispose(), undefined, 'no QuickJS handle leaked');
  }
});
