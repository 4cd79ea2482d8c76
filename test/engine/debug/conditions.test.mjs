// Breakpoint conditions, logpoint `{expr}` pieces and exception conditions are compiled once per expression and
// frame layout and reused at every hit (they used to be compiled again at each run of their statement). These tests
// prove the reuse by behaviour and that what a user relies on is unchanged: locals, module bindings, `this`,
// assignments written back, and the report of a condition that throws or does not compile. Real engine, debug build.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { debugRun } from './harness.mjs';

const loop = [
  'let total = 0;',                  // 1
  'for (let i = 0; i < 4; i++) {',   // 2
  '  total += i;',                   // 3
  '}',                               // 4
  'total',                           // 5
].join('\n');

const bps = (list, file = '/t/main.js') => (ctl) => ctl.request('setBreakpoints', [file, list]);
const consoleText = (events) => events.filter((e) => e.type === 'console').map((e) => e.text);

test('a condition is compiled once: its template object is the same at every hit', async () => {
  // A tagged template's strings array is made once per compiled site: the same object at every hit only when the
  // condition's code was compiled once (compiled again at each hit, each run saw a new one).
  const condition = '((t) => (print(globalThis.__seen === t ? "same" : "new"), globalThis.__seen = t, false))(((s) => s)``)';
  const { result, logs } = await debugRun(loop, { setup: bps([{ line: 3, condition }]), onPause: () => assert.fail('must not pause') });
  assert.equal(result, 6);
  assert.deepEqual(logs, ['new', 'same', 'same', 'same']);
});

test('a logpoint piece is compiled once too, and still evaluated at every hit', async () => {
  const piece = '{((t) => (globalThis.__p === t ? "same" : (globalThis.__p = t, "new")))(((s) => s)``)}';
  const { events } = await debugRun(loop, { setup: bps([{ line: 3, logMessage: `i={i} ${piece}` }]), onPause: () => assert.fail('must not pause') });
  assert.deepEqual(consoleText(events), ['i=0 new', 'i=1 same', 'i=2 same', 'i=3 same']);
});

test('each hit still makes new values: a function the condition defines is a new one every time', async () => {
  const condition = '(globalThis.__fs ??= []).push(() => 0) > 1 && __fs[0] === __fs[__fs.length - 1]';
  const { result } = await debugRun(loop, { setup: bps([{ line: 3, condition }]), onPause: () => assert.fail('must not pause') });
  assert.equal(result, 6);
});

test('a compiled condition sees the current locals and writes its assignments back', async () => {
  const stops = [];
  const { result } = await debugRun(loop, {
    setup: bps([{ line: 3, condition: 'i === 2 ? (total += 100, true) : false' }]),
    onPause: (stop, ctl) => { stops.push(ctl.request('evaluate', ['total', 0, 'watch']).preview); return 'continue'; },
  });
  assert.deepEqual(stops, ['101']);
  assert.equal(result, 106);
});

test('a compiled condition sees `this`, and module bindings (assigned back too)', async () => {
  const src = [
    'let count = 0;',                                      // 1
    'const o = { name: "b", m() {',                        // 2
    '  return this.name + count;',                          // 3
    '} };',                                                 // 4
    'for (const name of ["a", "b", "c"]) o.m.call({ name });', // 5
    'print(count);',                                        // 6
  ].join('\n');
  const stops = [];
  const { logs } = await debugRun(src, {
    type: 'module',
    filename: '/t/main.mjs',
    setup: bps([{ line: 3, condition: 'this.name !== "a" && (count += 10) > 0 && this.name === "c"' }], '/t/main.mjs'),
    onPause: (stop, ctl) => { stops.push(ctl.request('evaluate', ['count', 0, 'watch']).preview); return 'continue'; },
  });
  assert.deepEqual(stops, ['20']);
  assert.deepEqual(logs, ['20']);
});

test('a layout change (a name out of its TDZ) gets its own compiled form', async () => {
  const src = [
    'function f() {',          // 1
    '  g();',                  // 2
    '  let late = 5;',         // 3
    '  g();',                  // 4
    '  function g() {',        // 5
    '    try {',               // 6
    '      return late;',      // 7
    '    } catch {}',          // 8
    '  }',                     // 9
    '}',                       // 10
    'f();',                    // 11
  ].join('\n');
  // At the first call `late` is unreadable (its TDZ) and left out of the layout; at the second it is 5.
  const { logs } = await debugRun(src, {
    setup: bps([{ line: 7, condition: '(print(typeof late === "number" ? "late " + late : "no late"), false)' }]),
    onPause: () => assert.fail('must not pause'),
  });
  assert.deepEqual(logs, ['no late', 'late 5']);
});

test('text that is not one expression keeps the meaning eval gives it', async () => {
  // `false), (true` passes the set-time check (`return (false), (true)` parses) but is no expression: it must throw
  // as it did, not pause. `function f() {}` is a declaration to eval (undefined): no pause either.
  for (const condition of ['false), (true', 'function f() {}', '{ true }', 'class C {}']) {
    const { result, events } = await debugRun(loop, { setup: bps([{ line: 3, condition }]), onPause: () => assert.fail(`must not pause: ${condition}`) });
    assert.equal(result, 6, condition);
    if (condition === 'false), (true') assert.ok(consoleText(events).some((t) => /threw/.test(t)), condition);
  }
});

test('a compiled condition that throws is reported at each hit, and the run goes on', async () => {
  const { result, events } = await debugRun(loop, { setup: bps([{ line: 3, condition: 'i > 1 && nope.x' }]), onPause: () => assert.fail('must not pause') });
  assert.equal(result, 6);
  assert.equal(consoleText(events).filter((t) => /breakpoint condition `i > 1 && nope.x` threw: ReferenceError/.test(t)).length, 2);
});

test('an exception condition is compiled once and sees the throwing frame', async () => {
  const src = 'function f(n) { const sq = n * n; if (n > 0) null[sq]; return sq; }\nfor (let i = 0; i < 4; i++) { try { f(i); } catch (e) {} }';
  const condition = '((t) => (print(globalThis.__e === t ? "same" : "new"), globalThis.__e = t, sq === 9))(((s) => s)``)';
  const stops = [];
  const { logs } = await debugRun(src, {
    setup: (ctl) => ctl.request('setExceptionBreakpoints', [{ all: { condition } }]),
    onPause: (stop, ctl) => { stops.push(ctl.request('evaluate', ['n', 0, 'watch']).preview); return 'continue'; },
  });
  assert.deepEqual(stops, ['3']);
  assert.deepEqual(logs, ['new', 'same', 'same']);
});

test('the cache is invisible to the program: no global names, Function untouched', async () => {
  const src = 'let n = 0;\nfor (let i = 0; i < 3; i++) {\n  n += i;\n}\n[Object.getOwnPropertyNames(globalThis).length, new Function("").constructor === Function].join()';
  const plain = await debugRun(src);
  const withCondition = await debugRun(src, { setup: bps([{ line: 3, condition: 'n < 0' }]) });
  assert.equal(withCondition.result, plain.result);
});

test('a compiled condition gets the names its text can reach: through eval or a unicode escape too', async () => {
  // Only the names a condition's text contains are passed to its compiled form; eval and escapes spell names the
  // text does not contain, so with either one every name is passed.
  for (const condition of ['eval("i") === 2', '\\u0069 === 2', 'i === 2']) {
    const stops = [];
    await debugRun(loop, { setup: bps([{ line: 3, condition }]), onPause: (stop, ctl) => { stops.push(ctl.request('evaluate', ['i', 0, 'watch']).preview); return 'continue'; } });
    assert.deepEqual(stops, ['2'], condition);
  }
});
