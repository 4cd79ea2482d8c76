// Rendering: results and console output of each kind of value must read as Node's util.inspect prints them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as util from 'node:util';
import * as vm from 'node:vm';
import { run } from './helpers.mjs';

/** Expressions built the same way in Node and in the sandbox. */
const CASES = {
  nested: '({ a: 1, b: { c: [1, 2, { d: "x" }] }, s: "str" })',
  depth: '({ l1: { l2: { l3: { l4: { l5: 1 } } } }, arr: [[[[[1]]]]] })',
  circular: '(() => { const a = { name: "a", list: [] }; a.self = a; a.list.push(a); return a; })()',
  map: 'new Map([["k", 1], [{ o: 1 }, [2]]])',
  set: 'new Set([1, "two", [3]])',
  emptyMap: 'new Map()',
  date: 'new Date(Date.UTC(2024, 1, 29, 12, 30, 45, 678))',
  invalidDate: 'new Date(NaN)',
  regexp: '/ab+c/gimsuy',
  typed: 'new Uint8Array([1, 2, 255])',
  float64: 'new Float64Array([0.5, -0, NaN])',
  arrayBuffer: 'new Uint8Array([1, 2, 3, 250]).buffer',
  bigint: '12345678901234567890n',
  symbol: 'Symbol("tag")',
  symbolKey: '({ [Symbol("k")]: 1, plain: 2 })',
  negZero: '-0',
  nan: 'NaN',
  infinity: '[Infinity, -Infinity]',
  nullValue: 'null',
  sparse: '[1, , 3, , , 6]',
  getters: '({ get g() { return 1; }, set s(v) {}, get gs() { return 2; }, set gs(v) {} })',
  classInstance: '(() => { class Point { constructor() { this.x = 1; this.y = 2; } } return new Point(); })()',
  nullProto: '(() => { const o = Object.create(null); o.a = 1; return o; })()',
  functions: '[function named() {}, () => {}, class Foo {}, async function af() {}, function* gen() {}]',
  longArray: 'Array.from({ length: 120 }, (_, i) => i)',
  stringInArray: '["x".repeat(30) + "\\n" + "y"]',
  quotes: '["it\'s", "say \\"hi\\"", "both \' \\""]',
  boxed: '[new Number(3), new String("s"), new Boolean(false)]',
  wideObject: '({ alpha: "aaaaaaaaaaaa", beta: "bbbbbbbbbbbb", gamma: "cccccccccccc", delta: "dddddddddddd", eps: 1 })',
};

/** What Node prints for the same expression. */
function nodeInspect(expr) {
  return util.inspect(vm.runInNewContext(expr));
}

/** One sandbox run that logs every case, in order. */
async function sandboxLogs() {
  const names = Object.keys(CASES);
  const source = names.map((n) => `console.log(${CASES[n]});`).join('\n');
  const r = await run(source);
  assert.equal(r.outcome.status, 'completed', JSON.stringify(r.errors));
  assert.equal(r.logs.length, names.length);
  return Object.fromEntries(names.map((n, i) => [n, r.logs[i]]));
}

const logs = sandboxLogs();

for (const [name, expr] of Object.entries(CASES)) {
  test(`console.log renders ${name} as Node does`, async () => {
    assert.equal((await logs)[name], nodeInspect(expr));
  });
}

test('results render as Node inspects them (strings quoted)', async () => {
  for (const expr of ['"text"', '"it\'s\\n"', CASES.circular, CASES.map, CASES.negZero, CASES.symbol, CASES.classInstance]) {
    const r = await run(expr);
    assert.equal(r.results[0]?.text, nodeInspect(expr), expr);
  }
});

test('undefined is not a result, but console.log(undefined) prints it', async () => {
  const r = await run('console.log(undefined, void 0);\nundefined');
  assert.equal(r.results.length, 0);
  assert.deepEqual(r.logs, ['undefined undefined']);
});

test('an Error renders with its stack, mapped to the file', async () => {
  const r = await run({ kind: 'source', filename: '/virtual/err.js', source: 'function make() {\n  return new TypeError("boom");\n}\nconsole.log(make());\nconsole.log({ e: new RangeError("inner") });' });
  const [top, nested] = r.logs;
  const lines = top.split('\n');
  assert.equal(lines[0], 'TypeError: boom');
  assert.match(lines[1], /^\s+at make \(\/virtual\/err\.js:2:\d+\)$/);
  assert.match(lines[2], /^\s+at .*\/virtual\/err\.js:4:\d+/);
  assert.match(nested, /^\{\n  e: RangeError: inner\n\s+at .*err\.js:5:\d+/);
});

test('an error with extra properties and a cause shows them like Node', async () => {
  const r = await run('const e = new Error("outer", { cause: "why" }); e.code = "E_X"; console.log(String(e), e.code, e.cause);');
  assert.deepEqual(r.logs, ['Error: outer E_X why']);
});
