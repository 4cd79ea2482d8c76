// The debugger end to end through the real Sandbox: host DebugTarget -> worker -> controller -> kernel in QuickJS.
// Runs against the bundle (node esbuild.mjs builds dist/engine.js); every sandbox uses the leak-checking debug build.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { Sandbox, setKeepWarm } from '../../../dist/engine.js';
import { guard } from '../../support/timing.mjs';

// The leak-checking build loads its wasm source map from beside the bundle; the build copies only the wasm.
const distMap = new URL('../../../dist/worker-lib/emscripten-module.wasm.map', import.meta.url).pathname;
if (!existsSync(distMap)) {
  const pkg = createRequire(import.meta.url).resolve('@jitl/quickjs-wasmfile-debug-sync/package.json');
  copyFileSync(join(pkg, '..', 'dist/emscripten-module.wasm.map'), distMap);
}

setKeepWarm(false);
const dir = mkdtempSync(join(tmpdir(), 'qjs-sandbox-debug-'));
const file = (name, text) => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};

/** A debuggable sandbox with an event log and a way to wait for the next stop. */
async function session(options = {}) {
  // The leak-sanitizing build needs more than the default 64 MB of wasm memory just to start.
  const sb = await Sandbox.create({ debug: true, leakCheck: true, memoryLimitBytes: 0, cwd: dir, ...options });
  const events = [];
  const waiters = [];
  const stops = [];
  sb.onEvent((e) => {
    events.push(e);
    if (e.type === 'stopped') {
      const w = waiters.shift();
      if (w) w(e.info);
      else stops.push(e.info);
    }
  });
  const nextStop = () => (stops.length ? Promise.resolve(stops.shift()) : new Promise((r) => waiters.push(r)));
  /** Where the top frame is, as "file:line". */
  const where = async () => {
    const { frames } = await sb.debug.stackTrace();
    return `${frames[0].file.split('/').pop()}:${frames[0].line}`;
  };
  /** The locals (Local and Closure scopes) of frame 0 by name, as previews. */
  const locals = async (frameId = 0) => {
    const scopes = await sb.debug.scopes(frameId);
    const out = {};
    for (const s of scopes.filter((x) => x.name === 'Local' || x.name === 'Closure')) {
      for (const v of await sb.debug.variables(s.ref)) out[v.name] = v.value.preview;
    }
    return out;
  };
  const close = async () => {
    const leak = await sb.dispose();
    assert.equal(leak, undefined, `QuickJS handles leaked: ${leak}`);
  };
  return { sb, events, nextStop, where, locals, close };
}

after(() => setKeepWarm(false));

test('a breakpoint set before the run in a module not loaded yet is verified at once from the file, hit; stop on entry', async () => {
  const lib = file('lib.mjs', 'export function twice(v) {\n  const r = v * 2;\n  return r;\n}\n');
  const main = file('entry.js', "import { twice } from './lib.mjs';\nlet x = 1;\nfunction f(n) {\n  let y = n * 2;\n  return twice(y);\n}\nx = f(x);\nconsole.log('x', x);\n");
  const s = await session({ stopOnEntry: true });
  try {
    // Was: unverified ("not loaded yet") at set, verified by a breakpointChanged event when the run loaded the file.
    const [pending] = await s.sb.debug.setBreakpoints(lib, [{ line: 3 }]);
    assert.deepEqual(pending, { id: pending.id, verified: true, line: 3, column: 3 });
    const run = s.sb.run({ kind: 'file', path: main });
    const entry = await s.nextStop();
    assert.equal(entry.reason, 'entry');
    assert.equal(await s.where(), 'entry.js:2');
    assert.equal(s.events.filter((e) => e.type === 'breakpointChanged').length, 0, 'loading the file changed nothing');
    assert.deepEqual(s.events.filter((e) => e.type === 'loadedSource').map((e) => e.source.name), ['entry.js', 'lib.mjs']);
    await s.sb.debug.continue();
    const hit = await s.nextStop();
    assert.equal(hit.reason, 'breakpoint');
    assert.deepEqual(hit.hitBreakpointIds, [pending.id]);
    const { frames, totalFrames } = await s.sb.debug.stackTrace();
    assert.equal(totalFrames, 3);
    assert.deepEqual(frames.map((f) => `${f.name}@${f.file.split('/').pop()}:${f.line}`), ['twice@lib.mjs:3', 'f@entry.js:5', '<anonymous>@entry.js:7']);
    assert.deepEqual(await s.locals(), { v: '2', r: '4' });
    assert.equal((await s.sb.debug.evaluate('r * 10 + v', 0, 'repl')).preview, '42');
    await s.sb.debug.continue();
    const outcome = await run;
    assert.equal(outcome.status, 'completed');
    assert.ok(s.events.some((e) => e.type === 'console' && e.text === 'x 4'));
    assert.deepEqual((await s.sb.debug.loadedSources()).map((x) => x.name), ['entry.js', 'lib.mjs']);
  } finally {
    await s.close();
  }
});

test('TypeScript: breakpoints and frames use the .ts lines, through the transpile map', async () => {
  // Types, interfaces and blank-line-free type-only code vanish in the JS: without chaining maps lines would drift.
  const ts = file('calc.ts', [
    'interface Point {',
    '  x: number;',
    '  y: number;',
    '}',
    'type Pair = [number, number];',
    'enum Mode { A, B }',
    'function dist(p: Point, q: Point): number {',
    '  const dx: number = p.x - q.x;',
    '  const dy: number = p.y - q.y;',
    '  return Math.sqrt(dx * dx + dy * dy);',
    '}',
    'const pair: Pair = [3, 4];',
    'const d = dist({ x: 0, y: 0 }, { x: pair[0], y: pair[1] });',
    'console.log(String(d), Mode.B);',
  ].join('\n'));
  const s = await session();
  try {
    // Was: unverified at set, verified by a breakpointChanged event on load.
    const [bp] = await s.sb.debug.setBreakpoints(ts, [{ line: 9 }]);
    assert.equal(bp.verified, true);
    assert.equal(bp.line, 9);
    const run = s.sb.run({ kind: 'file', path: ts });
    const stop = await s.nextStop();
    assert.equal(stop.reason, 'breakpoint');
    assert.deepEqual(stop.hitBreakpointIds, [bp.id]);
    assert.equal(s.events.filter((e) => e.type === 'breakpointChanged').length, 0, 'loading the file changed nothing');
    const { frames } = await s.sb.debug.stackTrace();
    assert.deepEqual(frames.map((f) => `${f.name}:${f.line}`), ['dist:9', '<anonymous>:13']);
    assert.equal(frames[0].file, ts);
    assert.deepEqual(await s.locals(), { p: '{ x: 0, y: 0 }', q: '{ x: 3, y: 4 }', dx: '-3' });
    const locations = await s.sb.debug.breakpointLocations(ts, 8, 10);
    assert.deepEqual(locations.map((l) => l.line), [8, 9, 10]);
    await s.sb.debug.next();
    await s.nextStop();
    assert.equal(await s.where(), 'calc.ts:10');
    await s.sb.debug.continue();
    assert.equal((await run).status, 'completed');
    assert.ok(s.events.some((e) => e.type === 'console' && e.text === '5 1'));
  } finally {
    await s.close();
  }
});

test('stepping over, into and out of calls through the worker', async () => {
  const main = file('steps.js', [
    'function add(a, b) {',
    '  const s = a + b;',
    '  return s;',
    '}',
    'let t = 0;',
    't = add(1, 2);',
    't = add(t, 3);',
    'console.log(t);',
  ].join('\n'));
  const s = await session();
  try {
    await s.sb.debug.setBreakpoints(main, [{ line: 6 }]);
    const run = s.sb.run({ kind: 'file', path: main });
    await s.nextStop();
    assert.equal(await s.where(), 'steps.js:6');
    await s.sb.debug.next();
    assert.equal((await s.nextStop()).reason, 'step');
    assert.equal(await s.where(), 'steps.js:7');
    await s.sb.debug.stepIn();
    await s.nextStop();
    assert.equal(await s.where(), 'steps.js:2');
    assert.deepEqual(await s.locals(), { a: '3', b: '3' });
    await s.sb.debug.next();
    await s.nextStop();
    assert.equal(await s.where(), 'steps.js:3');
    await s.sb.debug.stepOut();
    await s.nextStop();
    assert.equal(await s.where(), 'steps.js:8');
    // Back in the caller after line 7's assignment completed.
    assert.equal((await s.sb.debug.evaluate('t', 0, 'watch')).preview, '6');
    await s.sb.debug.continue();
    assert.equal((await run).status, 'completed');
  } finally {
    await s.close();
  }
});

test('pause stops a tight loop; evaluate writes back; time paused does not count toward the timeout', async () => {
  const main = file('loop.js', 'let i = 0;\nlet stop = false;\nwhile (!stop) {\n  i++;\n}\nconsole.log(i > 0 ? "ended" : "never ran");\n');
  const s = await session({ timeoutMs: 1500 });
  try {
    const run = s.sb.run({ kind: 'file', path: main });
    // A pause that comes before the loop was entered (a slow start on a loaded machine) stops at the first lines:
    // go on and pause once more, now inside the loop.
    let at;
    for (let attempt = 1; attempt <= 2; attempt++) {
      await new Promise((r) => setTimeout(r, 300));
      await s.sb.debug.pause();
      const stop = await s.nextStop();
      assert.equal(stop.reason, 'pause');
      at = await s.where();
      if (/^loop\.js:[34]$/.test(at) || attempt === 2) break;
      await s.sb.debug.continue();
    }
    assert.match(at, /^loop\.js:[34]$/);
    assert.ok(Number((await s.sb.debug.evaluate('i', 0, 'watch')).preview) > 0);
    // Stay paused longer than the whole timeout: the run must not be ended for it.
    await new Promise((r) => setTimeout(r, 2000));
    await s.sb.debug.evaluate('stop = true', 0, 'repl');
    await s.sb.debug.continue();
    const outcome = await run;
    assert.equal(outcome.status, 'completed', outcome.message);
    assert.ok(s.events.some((e) => e.type === 'console' && e.text === 'ended'));
  } finally {
    await s.close();
  }
});

test('breakpoints set while a long loop runs take effect: a condition, then a hit count', async () => {
  const main = file('long.js', 'let i = 0;\nlet stop = false;\nwhile (!stop) {\n  i++;\n}\nconsole.log("ended");\n');
  const s = await session({ timeoutMs: 0 });
  try {
    const run = s.sb.run({ kind: 'file', path: main });
    await new Promise((r) => setTimeout(r, 300));
    // Not hit before it is set: the loop has run ~300 ms with no breakpoint, so `i` is far past 0 when it stops.
    const [cond] = await s.sb.debug.setBreakpoints(main, [{ line: 4, condition: 'i % 1000 === 999' }]);
    const first = await s.nextStop();
    assert.deepEqual(first.hitBreakpointIds, [cond.id]);
    assert.equal(Number((await s.sb.debug.evaluate('i', 0, 'watch')).preview) % 1000, 999);
    const [counted] = await s.sb.debug.setBreakpoints(main, [{ line: 4, hitCondition: '5' }]);
    await s.sb.debug.continue();
    const second = await s.nextStop();
    assert.deepEqual(second.hitBreakpointIds, [counted.id]);
    await s.sb.debug.evaluate('stop = true', 0, 'repl');
    await s.sb.debug.setBreakpoints(main, []);
    await s.sb.debug.continue();
    assert.equal((await run).status, 'completed');
    assert.ok(s.events.some((e) => e.type === 'console' && e.text === 'ended'));
  } finally {
    await s.close();
  }
});

test('exceptions: caught ones stop with "all", uncaught ones are flagged; exceptionInfo describes them', async () => {
  const main = file('throws.js', [
    'function risky(n) {',
    '  if (n > 1) throw new RangeError("too big: " + n);',
    '  return n;',
    '}',
    'try { risky(2); } catch (e) { console.log("caught", e.message); }',
    'risky(3);',
  ].join('\n'));
  const s = await session();
  try {
    await s.sb.debug.setExceptionBreakpoints({ all: {} });
    const run = s.sb.run({ kind: 'file', path: main });
    const first = await s.nextStop();
    assert.equal(first.reason, 'exception');
    assert.equal(first.uncaught, false);
    assert.equal(await s.where(), 'throws.js:2');
    assert.deepEqual(await s.locals(), { n: '2' });
    assert.equal((await s.sb.debug.exceptionInfo()).description, 'RangeError: too big: 2');
    await s.sb.debug.continue();
    const second = await s.nextStop();
    assert.equal(second.reason, 'exception');
    assert.equal(second.uncaught, true);
    const info = await s.sb.debug.exceptionInfo();
    assert.equal(info.breakMode, 'unhandled');
    assert.equal(info.description, 'RangeError: too big: 3');
    await s.sb.debug.continue();
    const outcome = await run;
    assert.equal(outcome.status, 'error');
    assert.ok(s.events.some((e) => e.type === 'console' && e.text === 'caught too big: 2'));
  } finally {
    await s.close();
  }
});

// A script's top-level let would be redeclared by the second run in the same context: the file uses var.
test('logpoints and conditions; breakpoints survive a second run of the same file with the same ids', async () => {
  const main = file('again.js', 'var total = 0;\nfor (let k = 0; k < 5; k++) {\n  total += k;\n}\ndebugger;\nconsole.log("total", total);\n');
  const s = await session();
  try {
    const [log, cond] = await s.sb.debug.setBreakpoints(main, [{ line: 3, logMessage: 'k is {k}' }, { line: 6, condition: 'total === 10' }]);
    for (let round = 0; round < 2; round++) {
      const before = s.events.length;
      const run = s.sb.run({ kind: 'file', path: main });
      assert.equal((await s.nextStop()).reason, 'debugger');
      assert.equal(await s.where(), 'again.js:5');
      await s.sb.debug.continue();
      const hit = await s.nextStop();
      assert.deepEqual(hit.hitBreakpointIds, [cond.id]);
      await s.sb.debug.continue();
      assert.equal((await run).status, 'completed');
      const texts = s.events.slice(before).filter((e) => e.type === 'console').map((e) => e.text);
      assert.deepEqual(texts, ['k is 0', 'k is 1', 'k is 2', 'k is 3', 'k is 4', 'total 10']);
    }
    assert.ok(log.id !== cond.id);
  } finally {
    await s.close();
  }
});

test('cancel while paused ends the run as cancelled, even through the script\'s own try/catch', async () => {
  const main = file('cancel.js', 'function work() {\n  try {\n    debugger;\n  } catch {}\n  console.log("after the pause");\n}\nwork();\nconsole.log("end");\n');
  const s = await session();
  try {
    const run = s.sb.run({ kind: 'file', path: main });
    assert.equal((await s.nextStop()).reason, 'debugger');
    s.sb.cancel();
    const outcome = await run;
    assert.equal(outcome.status, 'cancelled');
    assert.deepEqual(s.events.filter((e) => e.type === 'console'), []);
  } finally {
    await s.close();
  }
});

test('memory statistics are answered while the script is paused', async () => {
  const main = file('held.js', 'const big = new Array(1000).fill("x");\ndebugger;\nconsole.log(big.length);\n');
  const s = await session();
  try {
    const run = s.sb.run({ kind: 'file', path: main });
    assert.equal((await s.nextStop()).reason, 'debugger');
    // Without the controller answering it, this request would wait for the resume and the race would time out
    // (the test resumes only after it): the wait is long only so that a loaded machine's slow answer still counts.
    const stats = await guard(s.sb.memoryStats(), 30_000, 'memoryStats while paused');
    assert.ok(stats.memory_used_size > 0 && stats.array_count > 0);
    await s.sb.debug.continue();
    assert.equal((await run).status, 'completed');
  } finally {
    await s.close();
  }
});

test('a file run again unchanged reuses its instrumentation; a changed file is instrumented afresh', async () => {
  const path = file('again.js', 'function f(n) {\n  const m = n + 1;\n  return m;\n}\nconsole.log(f(1));\n');
  const s = await session();
  try {
    await s.sb.debug.setBreakpoints(path, [{ line: 3 }]);
    const seen = [];
    for (let i = 0; i < 3; i++) {
      if (i === 2) writeFileSync(path, '// a new first line\nfunction f(n) {\n  const m = n + 2;\n  return m;\n}\nconsole.log(f(1));\n');
      const run = s.sb.run({ kind: 'file', path });
      const stop = await s.nextStop();
      seen.push(`${await s.where()} m=${(await s.locals()).m}`);
      await s.sb.debug.continue();
      assert.equal((await run).status, 'completed');
      assert.equal(stop.reason, 'breakpoint');
    }
    // The breakpoint stays on line 3, which after the edit is `const m = n + 2;` (m not yet assigned).
    assert.deepEqual(seen, ['again.js:3 m=2', 'again.js:3 m=2', 'again.js:3 m=undefined']);
    assert.deepEqual(s.events.filter((e) => e.type === 'loadedSource').map((e) => e.source.name), ['again.js', 'again.js']);
  } finally {
    await s.close();
  }
});
