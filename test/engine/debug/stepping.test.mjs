// Stepping by call depth across functions, async functions and generators; exceptions caught and uncaught;
// `debugger;` statements; pause requests. The kernel decides steps inside QuickJS; these tests answer each stop.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { debugRun } from './harness.mjs';

/** Runs with a breakpoint on `bpLine`, then answers stops with `actions` in turn; returns the stop lines. */
async function steps(source, bpLine, actions, extra = {}) {
  const lines = [];
  let i = 0;
  const out = await debugRun(source, {
    setup: (ctl) => { if (bpLine) ctl.request('setBreakpoints', ['/t/main.js', [{ line: bpLine }]]); extra.setup?.(ctl); },
    onPause: (stop, ctl) => {
      const top = ctl.request('stackTrace', []).frames[0];
      lines.push(`${stop.reason}:${top.line}`);
      extra.inspect?.(stop, ctl);
      return actions[i++] ?? 'continue';
    },
  });
  return { lines, ...out };
}

const prog = [
  'function inner(x) {',   // 1
  '  const y = x + 1;',    // 2
  '  return y * 2;',       // 3
  '}',                     // 4
  'function outer() {',    // 5
  '  const a = inner(1);', // 6
  '  const b = inner(a);', // 7
  '  return a + b;',       // 8
  '}',                     // 9
  'const r = outer();',    // 10
  'r',                     // 11
].join('\n');

test('step over stays in the frame, step in enters calls, step out returns to the caller', async () => {
  const over = await steps(prog, 6, ['next', 'next', 'next', 'next']);
  assert.deepEqual(over.lines, ['breakpoint:6', 'step:7', 'step:8', 'step:11']);
  assert.equal(over.result, 14);
  const into = await steps(prog, 6, ['stepIn', 'stepIn', 'stepIn', 'stepIn']);
  assert.deepEqual(into.lines, ['breakpoint:6', 'step:2', 'step:3', 'step:7', 'step:2']);
  // After stepping out, the caller's frame shows what the callee returned: inner(1) is 4.
  let returned;
  const out = await steps(prog, 2, ['stepOut', 'continue'], {
    inspect: (stop, ctl) => {
      if (stop.reason !== 'step') return;
      const scope = ctl.request('scopes', [0]).find((s) => s.name === 'Return Value');
      returned = scope && ctl.request('variables', [scope.ref])[0].value.preview;
    },
  });
  assert.deepEqual(out.lines, ['breakpoint:2', 'step:7', 'breakpoint:2']);
  assert.equal(returned, '4');
});

test('the return value shows for returns that share a line or span lines', async () => {
  const src = [
    'function small(n) { if (n < 2) return n * 10; return 0; }', // 1
    'function wide(k) {',     // 2
    '  return {',             // 3
    '    k,',                 // 4
    '    twice: k * 2,',      // 5
    '  };',                   // 6
    '}',                      // 7
    'const a = small(1);',    // 8
    'const b = wide(4);',     // 9
    'print(a, b.twice);',     // 10
  ].join('\n');
  const seen = [];
  const out = await steps(src, 8, ['stepIn', 'stepOut', 'stepIn', 'next', 'stepOut', 'continue'], {
    inspect: (stop, ctl) => {
      const scope = ctl.request('scopes', [0]).find((s) => s.name === 'Return Value');
      if (scope) seen.push(ctl.request('variables', [scope.ref])[0].value.preview);
    },
  });
  assert.deepEqual(out.lines, ['breakpoint:8', 'step:1', 'step:9', 'step:3', 'step:10']);
  assert.deepEqual(seen, ['10', '{ k: 4, twice: 8 }']);
  assert.deepEqual(out.logs, ['10 8']);
});

test('caller frames keep their locals after stepping in', async () => {
  let seen;
  await steps(prog, 7, ['stepIn', 'continue'], {
    inspect: (stop, ctl) => {
      if (stop.reason !== 'step') return;
      const frames = ctl.request('stackTrace', []).frames;
      assert.deepEqual(frames.map((f) => [f.name, f.line]).slice(0, 3), [['inner', 2], ['outer', 7], [frames[2].name, 10]]);
      const local = ctl.request('scopes', [1]).find((s) => s.name === 'Local');
      seen = ctl.request('variables', [local.ref]).map((p) => p.name);
    },
  });
  // `b` is declared by the very statement being run, so it is not listed yet (reading it would throw).
  assert.deepEqual(seen, ['a']);
});

test('stepping over recursion and through async functions and generators', async () => {
  const rec = ['function f(n) {', '  if (n === 0) return 0;', '  return 1 + f(n - 1);', '}', 'f(3);', 'print("x");'].join('\n');
  const r1 = await steps(rec, 0, ['next', 'next', 'next'], {
    setup: (ctl) => ctl.request('setBreakpoints', ['/t/main.js', [{ line: 3, condition: 'n === 3' }]]),
  });
  // Over `return 1 + f(n - 1)`: the recursive calls run without stopping; the next stop is in the caller.
  assert.deepEqual(r1.lines, ['breakpoint:3', 'step:6']);
  const asyncProg = [
    'async function g() {',     // 1
    '  const v = await 1;',     // 2
    '  print("after", v);',     // 3
    '  return v;',              // 4
    '}',                        // 5
    'g();',                     // 6
    'print("sync");',           // 7
  ].join('\n');
  // Over an await, the function is suspended: the step lands in its caller (as stepping out would).
  const r2 = await steps(asyncProg, 2, ['next', 'continue']);
  assert.deepEqual(r2.lines, ['breakpoint:2', 'step:7']);
  assert.deepEqual(r2.logs, ['sync', 'after 1']);
  // After the await resumes, the frame's depth is restored: stepping over stays in it.
  const r2b = await steps(asyncProg, 3, ['next', 'next']);
  assert.deepEqual(r2b.lines, ['breakpoint:3', 'step:4']);
  const genProg = ['function* gen() {', '  yield 1;', '  yield 2;', '}', 'const it = gen();', 'it.next();', 'it.next();', 'print("end");'].join('\n');
  const r3 = await steps(genProg, 6, ['stepIn', 'stepOut', 'stepIn', 'next']);
  assert.deepEqual(r3.lines, ['breakpoint:6', 'step:2', 'step:7', 'step:3', 'step:8']);
});

test('debugger statements pause; pause requests stop a running loop', async () => {
  const r = await steps('let i = 0;\nwhile (i < 3) {\n  i++;\n  debugger;\n}\ni', 0, []);
  assert.deepEqual(r.lines, ['debugger:4', 'debugger:4', 'debugger:4']);
  assert.equal(r.result, 3);
  const p = await steps('let n = 0;\nfor (let k = 0; k < 1000; k++) {\n  n += k;\n}\nn', 0, [], { setup: (ctl) => ctl.request('pause', []) });
  assert.equal(p.lines[0], 'pause:1');
  assert.equal(p.result, 499500);
});

test('exception breakpoints: all vs uncaught, with the throwing frame alive', async () => {
  const src = [
    'function thrower(x) {',             // 1
    '  if (x) throw new Error("boom " + x);', // 2
    '  return null.y;',                 // 3
    '}',                                // 4
    'try { thrower(1); } catch (e) {}', // 5
    'try { thrower(0); } catch (e) {}', // 6
    'thrower(2);',                      // 7
  ].join('\n');
  const all = await steps(src, 0, [], {
    setup: (ctl) => ctl.request('setExceptionBreakpoints', [{ all: {} }]),
    inspect: (stop, ctl) => {
      if (stop.description.startsWith('Error: boom')) {
        const local = ctl.request('scopes', [0]).find((s) => s.name === 'Local');
        assert.equal(ctl.request('variables', [local.ref])[0].value.preview, stop.description.endsWith('1') ? '1' : '2');
      }
    },
  });
  assert.equal(all.lines.length, 3);
  assert.ok(all.lines.every((l) => l.startsWith('exception:')));
  assert.match(all.error.message, /boom 2/);
  let info;
  const unc = await steps(src, 0, [], {
    setup: (ctl) => ctl.request('setExceptionBreakpoints', [{ uncaught: {} }]),
    inspect: (stop, ctl) => { info = ctl.request('exceptionInfo', []); },
  });
  assert.deepEqual(unc.lines, ['exception:2']);
  assert.equal(info.breakMode, 'unhandled');
  assert.match(info.description, /boom 2/);
});

test('a host pause request reaches a tight loop through the interrupt handler (re-entrant kernel call)', async () => {
  const { engine } = await import('./harness.mjs');
  const { controller } = await (await import('./build.mjs')).load();
  const qjs = await engine('debug');
  const rt = qjs.newRuntime();
  const ctx = rt.newContext();
  const control = new Int32Array(new SharedArrayBuffer(16));
  const stops = [];
  const ctl = new controller.DebugController({
    control,
    emit: () => {},
    onPause: (s, c) => { stops.push(`${s.reason}:${c.request('stackTrace', []).frames[0].line}`); return 'continue'; },
  });
  let polls = 0;
  try {
    ctl.install(ctx);
    rt.setInterruptHandler(() => { if (++polls === 3) Atomics.store(control, 1, 1); ctl.onInterrupt(); return false; });
    const code = ctl.instrument('let s = 0;\nfor (let i = 0; i < 2e5; i++) {\n  s += i;\n}\ns', '/p.js', 'script');
    const r = ctx.unwrapResult(ctx.evalCode(code, '/p.js'));
    assert.equal(ctx.dump(r), 19999900000);
    r.dispose();
  } finally {
    ctl.dispose();
    ctx.dispose();
    rt.dispose();
  }
  qjs.assertNoMemoryAllocated?.();
  assert.deepEqual(stops, ['pause:3']);
});
