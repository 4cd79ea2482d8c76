// util.format and every console method, checked against Node where the output is deterministic.
import { test, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { format } from 'node:util';
import vm from 'node:vm';
import { Writable } from 'node:stream';
import { makeKernel, KERNEL_FILE } from './helpers.mjs';

let k;
before(async () => { k = await makeKernel(); });
after(() => k.dispose());
beforeEach(() => { k.emitted.length = 0; });

const formatCases = [
  [`'plain'`], [`'%s and %s'`, `'a'`, `2`], [`'%s'`, `-0`], [`'%s'`, `12n`], [`'%s'`, `Symbol('x')`], [`'%s'`, `null`],
  [`'%s'`, `[1, [2, [3]]]`], [`'%s'`, `{ a: { b: 1 } }`], [`'%s'`, `new Date(0)`],
  [`'%s'`, `{ toString() { return 'custom' } }`], [`'%s'`, `(() => { class P { toString() { return 'P!' } } return new P() })()`],
  [`'%d %i %f'`, `'42.5'`, `'42.5'`, `'1.5e1'`], [`'%d'`, `{}`], [`'%d %i'`, `5n`, `7n`], [`'%d'`, `Symbol()`],
  [`'%j'`, `{ a: [1, 'x'] }`], [`'%j'`, `(() => { const o = {}; o.o = o; return o })()`], [`'%j'`, `undefined`],
  [`'%o'`, `{ a: [1, 2] }`], [`'%O'`, `{ a: { b: { c: { d: 1 } } } }`], [`'%c styled'`, `'color: red'`],
  [`'100%% sure %s'`, `'yes'`], [`'%x %s'`, `1`], [`'%s'`], [`'end %'`, `1`], [`'a'`, `'b'`, `3`, `{ c: 4 }`],
  [`1`, `'%s'`, `'x'`], [`{ a: 1 }`, `[2]`], [`'%s %s'`, `'only one'`], [`'%%'`], [`'%%s'`, `1`],
];
test('format matches util.format', () => {
  for (const args of formatCases) {
    const expected = format(...args.map((src) => vm.runInNewContext(`(${src})`)));
    assert.equal(k.format(...args), expected, args.join(', '));
  }
});

test('log, info, warn, error, debug emit one line each with their level and the caller stack', () => {
  k.run(`function caller() { console.log('a', 1); console.info('b'); console.warn('c'); console.error('d'); console.debug({ e: 1 }) }\ncaller()`, 'app.js');
  assert.deepEqual(k.emitted.map((e) => [e.level, e.text, e.depth]), [
    ['log', 'a 1', 0], ['info', 'b', 0], ['warn', 'c', 0], ['error', 'd', 0], ['debug', '{ e: 1 }', 0],
  ]);
  for (const e of k.emitted) {
    const lines = e.stack.split('\n');
    assert.ok(lines[0].includes(KERNEL_FILE), `first frame is the console method: ${lines[0]}`);
    assert.match(lines[1], /at caller \(app\.js:1:/);
  }
});

test('console methods work detached from console, as in Node', () => {
  k.run(`const { log } = console; log('detached')`);
  assert.equal(k.emitted[0].text, 'detached');
});

test('groups indent every line by two spaces per level and report the depth', () => {
  k.run(`console.group('outer'); console.log('a\\nb'); console.groupCollapsed(); console.warn('inner');
    console.groupEnd(); console.groupEnd(); console.groupEnd(); console.log('after')`);
  assert.deepEqual(k.emitted.map((e) => [e.level, e.text, e.depth]), [
    ['log', 'outer', 0], ['log', '  a\n  b', 1], ['warn', '    inner', 2], ['log', 'after', 0],
  ]);
});

test('table renders like Node 20 for arrays, objects, properties, Maps, Sets and primitives', () => {
  const cases = [
    [`[{ a: 1, b: 'x' }, { a: 2, c: [1, 2, 3, 4] }]`], [`[1, 'two', { a: 1 }]`], [`new Map([['k', { v: 1 }]])`],
    [`new Set([1, 2])`], [`{ x: { a: 1 }, y: { a: 2 } }`, `['a']`], [`[[1, 2], [3]]`], [`5`], [`'str'`],
    [`{ r: { deep: { er: 1 }, n: null, u: undefined, f() {} } }`],
  ];
  for (const args of cases) {
    k.emitted.length = 0;
    k.run(`console.table(${args.join(', ')})`);
    const lines = [];
    const fake = new console.Console(new Writable({ write(chunk, _enc, done) { lines.push(String(chunk)); done(); } }));
    fake.table(...args.map((src) => vm.runInNewContext(`(${src})`)));
    assert.equal(k.emitted[0].text + '\n', lines.join(''), args.join(', '));
  }
});

test('assert prints only on a falsy condition, like Node', () => {
  k.run(`console.assert(true, 'never'); console.assert(false, 'x %s', 1); console.assert(0); console.assert(false, { a: 1 })`);
  assert.deepEqual(k.emitted.map((e) => [e.level, e.text]), [
    ['warn', 'Assertion failed: x 1'], ['warn', 'Assertion failed'], ['warn', 'Assertion failed: [object Object]'],
  ]);
});

test('count, countReset, time, timeLog and timeEnd', () => {
  k.clock.now = 1000;
  k.run(`console.count(); console.count(); console.count('x'); console.countReset(); console.count(); console.countReset('none')`);
  k.run(`console.time(); console.time('t2'); console.time()`);
  k.clock.now = 1001.25;
  k.run(`console.timeLog('t2', 'extra', { n: 1 })`);
  k.clock.now = 1000 + 61500.5;
  k.run(`console.timeEnd(); console.timeEnd(); console.timeLog('missing')`);
  k.clock.now = 1000 + 2500;
  k.run(`console.timeEnd('t2')`);
  assert.deepEqual(k.emitted.map((e) => [e.level, e.text]), [
    ['log', 'default: 1'], ['log', 'default: 2'], ['log', 'x: 1'], ['log', 'default: 1'],
    ['warn', "Warning: Count for 'none' does not exist"],
    ['warn', "Warning: Label 'default' already exists for console.time()"],
    ['log', "t2: 1.25ms extra { n: 1 }"],
    ['log', 'default: 1:01.500 (m:ss.mmm)'],
    ['warn', "Warning: No such label 'default' for console.timeEnd()"],
    ['warn', "Warning: No such label 'missing' for console.timeLog()"],
    ['log', 't2: 2.500s'],
  ]);
});

test('trace prints Trace: message and the caller frames without kernel frames', () => {
  k.run(`function inner() { console.trace('hi %d', 1) }\nfunction outer() { inner() }\nouter(); console.trace()`, 'trace.js');
  const [first, second] = k.emitted;
  assert.equal(first.level, 'trace');
  const lines = first.text.split('\n');
  assert.equal(lines[0], 'Trace: hi 1');
  assert.match(lines[1], /^    at inner \(trace\.js:1:/);
  assert.match(lines[2], /^    at outer \(trace\.js:2:/);
  assert.ok(!first.text.includes(KERNEL_FILE));
  assert.match(second.text, /^Trace\n    at <eval> \(trace\.js:3:/);
});

test('dir and dirxml', () => {
  k.run(`console.dir({ a: { b: { c: {} } } }, { depth: 0 }); console.dirxml('x', 1)`);
  assert.deepEqual(k.emitted.map((e) => e.text), ['{ a: [Object] }', 'x 1']);
});

test('console never throws into user code, even for hostile arguments', () => {
  const result = k.run(`
    const hostile = new Proxy({}, { get() { throw new Error('trap') }, ownKeys() { throw new Error('keys trap') },
      getPrototypeOf() { throw new Error('proto trap') }, getOwnPropertyDescriptor() { throw new Error('desc trap') } });
    const bad = { toString() { throw new Error('no string') }, [Symbol.toPrimitive]() { throw new Error('no prim') } };
    const { proxy: revoked, revoke } = Proxy.revocable({}, {}); revoke();
    console.log(hostile); console.log('%s %d %i %f %j', bad, bad, bad, bad, hostile); console.log(revoked);
    console.table(hostile); console.assert(false, bad); console.count(bad); console.group(bad); console.groupEnd();
    console.dir(revoked); console.log('%s', Symbol('ok'));
    'survived'`);
  assert.equal(result, 'survived');
  assert.ok(k.emitted.length >= 9);
  for (const e of k.emitted) assert.equal(typeof e.text, 'string');
  assert.match(k.emitted[0].text, /^\[object \(inspection failed: \w+ trap\)\]$/);
  assert.match(k.emitted[1].text, /^\[object \(inspection failed: no prim\)\] /);
});

test('primitive arguments print without the values part, as util.format prints them; anything else loads it once', async () => {
  const fresh = await makeKernel();
  try {
    const cases = [[`'hello'`], [`'a'`, `1`, `-0`, `2n`, `true`, `null`, `undefined`], [`1.5`, `'x'`], [`-0`], [`NaN`, `Infinity`],
      [`'no directive: 50 percent'`, `'b'`], [`''`], [`'x'`, `''`, `'y'`]];
    for (const args of cases) {
      fresh.emitted.length = 0;
      fresh.run(`console.log(${args.join(', ')})`);
      const expected = format(...args.map((src) => vm.runInNewContext(`(${src})`)));
      assert.equal(fresh.emitted[0].text, expected, args.join(', '));
    }
    assert.equal(fresh.parts.loads, 0, 'strings and numbers need no renderer');
    fresh.emitted.length = 0;
    fresh.run(`console.log('%s!', 'x'); console.log({ a: [1] }); console.log(Symbol('s')); console.table([{ a: 1 }])`);
    assert.deepEqual(fresh.emitted.slice(0, 3).map((e) => e.text), ['x!', '{ a: [ 1 ] }', 'Symbol(s)']);
    assert.equal(fresh.parts.loads, 1, 'the values part is evaluated once');
  } finally {
    fresh.dispose();
  }
});

test('the values part, evaluated after a script replaced built-ins, renders with the ones captured before it ran', async () => {
  const fresh = await makeKernel();
  try {
    fresh.run(`
      Object.defineProperty = () => { throw new Error('hijacked defineProperty') };
      Object.getOwnPropertyNames = () => { throw new Error('hijacked getOwnPropertyNames') };
      Array.prototype.join = () => 'hijacked join';
      Array.prototype.push = () => { throw new Error('hijacked push') };
      const RealMap = Map, RealSet = Set;
      globalThis.Map = function FakeMap() {};
      globalThis.Set = function FakeSet() {};
      String.prototype.slice = () => 'hijacked slice';
      console.log(new RealMap([[1, { a: [2] }]]), new RealSet(['s']), 'x');
    `);
    assert.equal(fresh.parts.loads, 1);
    assert.equal(fresh.emitted[0].text, format(new Map([[1, { a: [2] }]]), new Set(['s']), 'x'));
  } finally {
    fresh.dispose();
  }
  // The brand checks compare with the prototypes captured before the script ran (here the tag no longer tells).
  const second = await makeKernel();
  try {
    second.run(`const m = new WeakMap(); delete WeakMap.prototype[Symbol.toStringTag]; globalThis.WeakMap = function FakeWeakMap() {};
      console.log(m)`);
    assert.equal(second.parts.loads, 1);
    assert.equal(second.emitted[0].text, 'WeakMap { <items unknown> }');
  } finally {
    second.dispose();
  }
});

test("a run's value that needs no renderer (a number, bigint, boolean, undefined, null) is rendered as the bridge renders it, without the values part", async () => {
  const fresh = await makeKernel();
  try {
    const plain = ['27', '-0', 'NaN', '2n ** 70n', 'true', 'undefined', 'null', '1e21'];
    const got = plain.map((src) => fresh.plainResult(src));
    assert.equal(fresh.parts.loads, 0);
    for (const [i, src] of plain.entries()) {
      const text = fresh.inspect(src);
      assert.deepEqual(got[i], { text, ref: { id: 0, preview: text, type: fresh.call('ref', src).type } }, src);
    }
    for (const src of [`'s'`, `Symbol('s')`, `{}`, `[1]`, `() => 1`]) assert.equal(fresh.plainResult(src), undefined, src);
  } finally {
    fresh.dispose();
  }
});
