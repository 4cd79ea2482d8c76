// The renderer inside QuickJS must print what Node 20's util.inspect prints for the same value.
// Each case is source text evaluated in both engines; error stacks differ by engine, so frame lines are compared
// only after removing them.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { inspect } from 'node:util';
import vm from 'node:vm';
import { makeKernel } from './helpers.mjs';

const corpus = [
  // primitives
  `1`, `-0`, `NaN`, `Infinity`, `1e21`, `0.1`, `123n`, `true`, `undefined`, `null`, `Symbol('s')`, `Symbol()`,
  `'plain'`, `"it's"`, `'both \\' and "'`, `'all \\' " \`'`, `'tab\\tnew\\nline\\\\ \\x01 \\x7f \\x9f \\u00a0'`,
  `'lone \\ud83d and \\udc00 pair \\ud83d\\ude00'`, `'x'.repeat(10005)`, `'line one\\nline two\\nline three\\nline four\\nfive and more to go past eighty chars\\n'`,
  // objects
  `({})`, `({ a: 1, b: 'two', c: [3] })`, `({ 'a-b': 1, $c: 2, _d: 3, '0': 4, 'with space': 5 })`,
  `({ ['__proto__']: 1 })`, `({ [Symbol('k')]: 1, [Symbol.iterator]: 2 })`, `({ a: { b: { c: { d: 1 } } } })`,
  `({ a: { b: { c: {} } } })`, `({ a: [[[[1]]]] })`, `Object.create(null)`, `Object.assign(Object.create(null), { x: 1 })`,
  `({ get a() { return 1 }, set b(v) {}, get c() { return 1 }, set c(v) {} })`,
  `Object.defineProperty({}, 'hidden', { value: 1, enumerable: false })`,
  `(() => { const o = { name: 'root' }; o.self = o; o.list = [o]; return o })()`,
  `(() => { const a = { x: 1 }; const b = { a }; a.b = b; return [a, b] })()`,
  `({ aaaaaaaaaaaa: 'aaaaaaaaaaaaaaaaaaaa', bbbbbbbbbbbbbbbbb: 'bbbbbbbbbbbbbbbbbbbbbb', ccccccccc: 'ccccccccccccccccc' })`,
  `({ a: 1, b: { c: 2, d: { e: 3, f: { g: 4 } } } })`,
  `({ s: 'x'.repeat(200) })`, `({ m: 'a\\nb\\nc'.repeat(10) })`,
  // classes and functions
  `(() => { class Point { constructor() { this.x = 1; this.y = 2 } } return new Point() })()`,
  `(() => { class Empty {} return new Empty() })()`,
  `(() => { class T { get [Symbol.toStringTag]() { return 'Tagged' } } return new T() })()`,
  `(() => { class Base {} class Derived extends Base {} return [Derived, new Derived()] })()`,
  `function f() {}`, `(function () {})`, `() => {}`, `async function g() {}`, `function* h() {}`, `async function* ag() {}`,
  `class A {}`, `(class {})`, `Object.assign(function withProps() {}, { x: 1 })`, `Math.max`,
  `(() => { const fn = function named() {}; Object.setPrototypeOf(fn, null); return fn })()`,
  // arrays
  `[]`, `[1, 2, 3]`, `[1, , 3]`, `[, , 1, , ,]`, `new Array(5)`, `Object.assign([1, 2], { extra: true })`,
  `Array.from({ length: 120 }, (_, i) => i)`, `Array.from({ length: 26 }, (_, i) => String.fromCharCode(97 + i).repeat(i % 5 + 1))`,
  `[[1, 2, [3, 4, [5, [6]]]], { a: [1] }]`, `['a', 'b']`, `Array.from({ length: 8 }, (_, i) => i * 1000)`,
  `[1.5, -2, 300, 4e10, 5, 6, 7]`, `[1n, 22n, 333n, 4444n, 5n, 6n, 7n]`, `[undefined, null, NaN, -0]`,
  `Array.from({ length: 30 }, (_, i) => ({ id: i }))`,
  // collections
  `new Map()`, `new Map([['a', 1], [{ k: 1 }, [2]]])`, `new Set()`, `new Set([1, 'two', [3]])`,
  `new Map([[new Map([[1, 2]]), new Set([3])]])`, `new WeakMap()`, `new WeakSet()`,
  `(() => { class MyMap extends Map {} return new MyMap([[1, 2]]) })()`,
  `new Set(Array.from({ length: 105 }, (_, i) => i))`,
  // built-ins
  `new Date(0)`, `new Date(NaN)`, `/ab+c/gi`, `/x/`, `Object.assign(/re/, { flag: 1 })`,
  `new Uint8Array([1, 2, 3])`, `new Float64Array(2)`, `new BigInt64Array([1n, -2n])`, `new Uint8Array(0)`,
  `new Int16Array(Array.from({ length: 110 }, (_, i) => i - 50))`,
  `new Uint8Array([1, 2]).buffer`, `new ArrayBuffer(0)`, `new DataView(new ArrayBuffer(2))`,
  `new Number(3)`, `new String('ab')`, `Object.assign(new String('ab'), { x: 1 })`, `new Boolean(false)`, `Object(1n)`,
  `Object(Symbol('boxed'))`, `(function () { return arguments })(1, 'a')`, `(function () { return arguments })()`,
  `({ d: new Date(86400000), r: /x/g, e: [new Map([[1, { deep: { deeper: 1 } }]])] })`,
  `({ u8: new Uint8Array(3), buf: new ArrayBuffer(3), n: new Number(-0) })`,
  `[Math, JSON, globalThis.Reflect].map(String)`,
];

// Cases with errors: compared with stack frame lines removed.
const errorCorpus = [
  `new Error('boom')`, `new TypeError('bad type')`, `new RangeError('')`,
  `Object.assign(new Error('with props'), { code: 'E_CODE', detail: { n: 1 } })`,
  `(() => { class ValidationError extends Error {} return new ValidationError('invalid') })()`,
  `(() => { class HttpError extends Error { constructor(m) { super(m); this.name = 'HttpError'; this.status = 404 } } return new HttpError('nope') })()`,
  `({ nested: new Error('inner') })`, `new Error('with cause', { cause: new Error('the cause') })`,
  `(() => { const e = new Error('no stack'); e.stack = undefined; return e })()`,
  `(() => { const e = new Error('msg'); e.name = 'CustomName'; return e })()`,
];

const stripFrames = (s) => s.split('\n').filter((l) => !/^\s*(at |\.\.\. \d+ lines matching)/.test(l)).join('\n');

let k;
before(async () => { k = await makeKernel(); });
after(() => k.dispose());

for (const src of corpus) {
  test(`inspect ${src.length > 60 ? `${src.slice(0, 57)}...` : src}`, () => {
    const expected = inspect(vm.runInNewContext(`(${src})`));
    assert.equal(k.inspect(src), expected);
  });
}

for (const src of errorCorpus) {
  test(`inspect error ${src.slice(0, 60)}`, () => {
    const expected = stripFrames(inspect(vm.runInNewContext(`(${src})`)));
    assert.equal(stripFrames(k.inspect(src)), expected);
  });
}

test('inspect options: depth, breakLength, maxArrayLength, maxStringLength, showHidden', () => {
  const cases = [
    [`({ a: { b: { c: { d: { e: 1 } } } } })`, { depth: 0 }],
    [`({ a: { b: { c: { d: { e: 1 } } } } })`, { depth: null }],
    [`({ a: { b: { c: { d: { e: 1 } } } } })`, { depth: 5 }],
    [`({ a: 'aaaa', b: 'bbbb', c: 'cccc' })`, { breakLength: 20 }],
    [`[1, 2, 3, 4, 5]`, { maxArrayLength: 2 }],
    [`'abcdef'`, { maxStringLength: 3 }],
    [`[1, 2]`, { showHidden: true }],
    [`Object.defineProperty({ v: 1 }, 'h', { value: 2 })`, { showHidden: true }],
    [`{ a: [{ b: 1 }] }`, { breakLength: Infinity, depth: 0 }],
  ];
  for (const [src, options] of cases) {
    assert.equal(k.inspect(src, options), inspect(vm.runInNewContext(`(${src})`), options), `${src} ${JSON.stringify(options)}`);
  }
});

test('promises print their state when the host can read it, <unknown> otherwise', async () => {
  assert.equal(k.inspect('Promise.resolve(1)'), 'Promise { <unknown> }');
  const withState = await makeKernel({ promiseState: true });
  try {
    assert.equal(withState.inspect('new Promise(() => {})'), 'Promise { <pending> }');
    assert.equal(withState.inspect('Promise.resolve({ a: 1 })'), 'Promise { { a: 1 } }');
    assert.equal(withState.run('globalThis.rejected = Promise.reject(42); rejected.catch(() => {}); 0'), 0);
    assert.equal(withState.inspect('rejected'), 'Promise { <rejected> 42 }');
  } finally {
    withState.dispose();
  }
});

test('output is bounded: long arrays, long strings, wide and deep structures', () => {
  // Sizes stay small because the debug build is ~50x slower than release at building big objects.
  const text = k.inspect(`Array.from({ length: 300 }, () => 'x'.repeat(20000))`, { depth: null, maxArrayLength: 1000 });
  assert.ok(text.length > 2 ** 20 && text.length < 1.2 * 2 ** 20, `length ${text.length}`);
  assert.match(text, /'\.\.\. 10000 more characters/);
  assert.match(text, /\.\.\. 195 more items\n\]$/);
  const wide = k.inspect(`Array.from({ length: 3000 }, (_, i) => ({ ['key' + i]: 'v'.repeat(500) }))`, { maxArrayLength: 5000 });
  assert.ok(wide.length < 1.2 * 2 ** 20, `length ${wide.length}`);
  assert.match(wide, /more items\n\]$/);
});

test('depth: null stops at a fixed nesting limit instead of exhausting the stack', async () => {
  const release = await makeKernel({ release: true });
  try {
    const deep = release.inspect(`(() => { let o = {}; for (let i = 0; i < 3000; i++) o = { o }; return o })()`, { depth: null });
    // 100 levels, each an opening and a closing line (too indented to fit on one), plus the innermost entry.
    assert.match(deep, /\n {200}o: \[Object\]\n/);
    assert.equal(deep.split('\n').length, 100 * 2 + 1);
    assert.doesNotMatch(deep, /inspection failed/);
  } finally {
    release.dispose();
  }
});
