// The hook's quick path: while running, a breakpoint whose condition or hit count says no is decided from the values
// array its statement passes, before any reader is made. These tests hold it to what the full check decides:
// a name in its temporal dead zone, a hit condition counted only where the condition held, a condition that throws,
// and stepping over a line of two statements. Real engine, debug build (leak-checked by the harness).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { debugRun } from './harness.mjs';

const bps = (list, file = '/t/main.js') => (ctl) => ctl.request('setBreakpoints', [file, list]);
const watch = (ctl, expr) => ctl.request('evaluate', [expr, 0, 'watch']).preview;
const line = (ctl) => ctl.request('stackTrace', []).frames[0].line;

test('a condition naming a local in its temporal dead zone means the outer name, as the full check says', async () => {
  const src = [
    'var x = "outer";',        // 1
    'function f() {',          // 2
    '  {',                     // 3
    '    print(typeof f);',    // 4: `x` below is not initialised yet here
    '    let x = "inner";',    // 5
    '    print(x);',           // 6
    '  }',                     // 7
    '}',                       // 8
    'f();',                    // 9
  ].join('\n');
  const stops = [];
  const { logs } = await debugRun(src, {
    setup: bps([{ line: 4, condition: 'x === "outer"' }, { line: 6, condition: 'x === "outer"' }]),
    onPause: (stop, ctl) => { stops.push(line(ctl)); return 'continue'; },
  });
  assert.deepEqual(stops, [4]);
  assert.deepEqual(logs, ['function', 'inner']);
});

test('a hit condition counts only the hits whose condition held', async () => {
  const src = 'let n = 0;\nfor (let i = 0; i < 10; i++) {\n  n += i;\n}\nn';
  const seen = [];
  const { result } = await debugRun(src, {
    setup: bps([{ line: 3, condition: 'i % 2 === 0', hitCondition: '>= 3' }]),
    onPause: (stop, ctl) => { seen.push(watch(ctl, 'i')); return 'continue'; },
  });
  assert.deepEqual(seen, ['4', '6', '8']);
  assert.equal(result, 45);
});

test('a plain hit condition stops at its count; a condition that throws is reported at each hit and never stops', async () => {
  const src = 'let n = 0;\nfor (let i = 0; i < 6; i++) {\n  n += i;\n  n -= 0;\n}\nn';
  const seen = [];
  const { result, events } = await debugRun(src, {
    setup: bps([{ line: 3, hitCondition: '% 4' }, { line: 4, condition: 'i.no.such' }]),
    onPause: (stop, ctl) => { seen.push(`${line(ctl)}:${watch(ctl, 'i')}`); return 'continue'; },
  });
  assert.deepEqual(seen, ['3:3']);
  assert.equal(result, 15);
  const reports = events.filter((e) => e.type === 'console' && /condition `i\.no\.such` threw/.test(e.text));
  assert.equal(reports.length, 6);
});

test('a condition that reads `this` in a method still sees the receiver', async () => {
  const src = 'const o = { k: 2, m(v) {\n  return v * this.k;\n} };\n[1, 2, 3].map((v) => o.m(v))';
  const seen = [];
  const { result } = await debugRun(src, {
    setup: bps([{ line: 2, condition: 'this.k === v' }]),
    onPause: (stop, ctl) => { seen.push(watch(ctl, 'v')); return 'continue'; },
  });
  assert.deepEqual(seen, ['2']);
  assert.deepEqual(result, [2, 4, 6]);
});

test('stepping over a line of two statements stops once on it, then on the next line', async () => {
  const src = 'let a = 0;\na += 1; a += 2;\na += 3;\na';
  const lines = [];
  const { result } = await debugRun(src, {
    setup: (ctl) => ctl.request('setBreakpoints', ['/t/main.js', [{ line: 1 }]]),
    onPause: (stop, ctl) => { lines.push(line(ctl)); return 'next'; },
  });
  assert.deepEqual(lines, [1, 2, 3, 4]);
  assert.equal(result, 6);
});
