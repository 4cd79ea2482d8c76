// ref/children/invokeGetter/release/errorInfo: what debuggers and notebooks page through.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { makeKernel } from './helpers.mjs';

let k;
before(async () => {
  k = await makeKernel();
  k.run(`
    globalThis.calls = 0;
    class Shape { constructor() { this.w = 2; this.h = 3 } get area() { globalThis.calls++; return this.w * this.h } }
    globalThis.values = {
      arr: Array.from({ length: 250 }, (_, i) => i * 2),
      sparse: [1, , 3],
      obj: { a: 1, [Symbol('s')]: 's', get lazy() { globalThis.calls++; return 'ran' }, set only(v) {} },
      map: new Map([['k1', { v: 1 }], [{ o: 1 }, 'v2']]),
      set: new Set(['x', 'y', 'z']),
      shape: new Shape(),
      u8: new Uint8Array([5, 6, 7]),
      boxed: new Number(4),
      err: new TypeError('bad'),
    };
  `);
});
after(() => k.dispose());

const refOf = (path) => k.call('ref', `values.${path}`);

test('primitives get id 0 and a preview; objects get ids, types, class names and counts', () => {
  assert.deepEqual(k.call('ref', `'str'`), { id: 0, preview: "'str'", type: 'string' });
  assert.deepEqual(k.call('ref', `null`), { id: 0, preview: 'null', type: 'null' });
  assert.deepEqual(k.call('ref', `12n`), { id: 0, preview: '12n', type: 'bigint' });
  const arr = refOf('arr');
  assert.ok(arr.id > 0);
  assert.equal(arr.type, 'array');
  assert.equal(arr.className, 'Array');
  assert.equal(arr.indexedCount, 250);
  assert.match(arr.preview, /^\[ 0, 2, 4, .*more items \]$/);
  assert.equal(refOf('map').type, 'map');
  assert.equal(refOf('set').type, 'set');
  assert.equal(refOf('u8').type, 'typedarray');
  assert.equal(refOf('err').type, 'error');
  assert.equal(refOf('err').preview, 'TypeError: bad');
  assert.equal(refOf('shape').className, 'Shape');
  assert.equal(refOf('shape').preview, 'Shape { w: 2, h: 3 }');
  assert.equal(k.call('ref', `(function named() {})`).type, 'function');
  assert.equal(refOf('arr').id, arr.id, 'the same object keeps its id');
});

test('children pages indexed elements, lists named ones, and puts [[Prototype]] last', () => {
  const arr = refOf('arr');
  const page = k.call('children', `${arr.id}`, `'indexed'`, '100', '50');
  assert.equal(page.length, 50);
  assert.deepEqual(page[0], { name: '100', value: { id: 0, preview: '200', type: 'number' } });
  assert.equal(page[49].name, '149');
  const tail = k.call('children', `${arr.id}`, `'indexed'`, '240', '50');
  assert.deepEqual(tail.map((p) => p.name), ['240', '241', '242', '243', '244', '245', '246', '247', '248', '249']);
  const named = k.call('children', `${arr.id}`, `'named'`);
  assert.deepEqual(named.map((p) => p.name), ['length', '[[Prototype]]']);
  const sparse = k.call('children', `${refOf('sparse').id}`, `'indexed'`);
  assert.deepEqual(sparse.map((p) => p.name), ['0', '2']);
  const u8 = k.call('children', `${refOf('u8').id}`, `'indexed'`, '1', '5');
  assert.deepEqual(u8.map((p) => [p.name, p.value.preview]), [['1', '6'], ['2', '7']]);
  const all = k.call('children', `${refOf('obj').id}`);
  assert.deepEqual(all.map((p) => p.name), ['a', 'lazy', 'only', 'Symbol(s)', '[[Prototype]]']);
  assert.equal(all.at(-1).value.className, 'Object');
});

test('accessors are listed without being run, and invokeGetter runs them on the original object', () => {
  const before = k.run('calls');
  const obj = refOf('obj');
  const props = k.call('children', `${obj.id}`, `'named'`);
  const lazy = props.find((p) => p.name === 'lazy');
  assert.deepEqual(lazy, { name: 'lazy', getter: true, value: { id: 0, preview: '(...)', type: 'accessor' } });
  const shape = refOf('shape');
  const shapeProps = k.call('children', `${shape.id}`);
  assert.deepEqual(shapeProps.map((p) => [p.name, !!p.getter]), [['w', false], ['h', false], ['area', true], ['[[Prototype]]', false]]);
  k.inspect('values', { depth: 5 });
  assert.equal(k.run('calls'), before, 'no getter ran while listing or inspecting');
  assert.deepEqual(k.call('invokeGetter', `${obj.id}`, `'lazy'`), { id: 0, preview: "'ran'", type: 'string' });
  assert.deepEqual(k.call('invokeGetter', `${shape.id}`, `'area'`), { id: 0, preview: '6', type: 'number' });
  assert.equal(k.run('calls'), before + 2);
  assert.throws(() => k.call('invokeGetter', `${shape.id}`, `'nope'`), /no property nope/);
});

test('Map and Set expose [[Entries]]; map entries expand to key and value', () => {
  const map = refOf('map');
  const props = k.call('children', `${map.id}`);
  assert.deepEqual(props.map((p) => p.name), ['[[Entries]]', '[[Prototype]]']);
  const entries = props[0].value;
  assert.equal(entries.indexedCount, 2);
  const list = k.call('children', `${entries.id}`, `'indexed'`);
  assert.deepEqual(list.map((p) => [p.name, p.value.preview]), [['0', "{'k1' => { v: 1 }}"], ['1', "{{ o: 1 } => 'v2'}"]]);
  const entry = k.call('children', `${list[0].value.id}`);
  assert.deepEqual(entry.map((p) => [p.name, p.value.preview]), [['key', "'k1'"], ['value', '{ v: 1 }']]);
  const setEntries = k.call('children', `${refOf('set').id}`)[0].value;
  const page = k.call('children', `${setEntries.id}`, `'indexed'`, '1', '1');
  assert.deepEqual(page.map((p) => [p.name, p.value.preview]), [['1', "'y'"]]);
  const boxed = k.call('children', `${refOf('boxed').id}`);
  assert.deepEqual(boxed.map((p) => [p.name, p.value.preview]).slice(0, 1), [['[[PrimitiveValue]]', '4']]);
});

test('release drops references one at a time, or all at once', () => {
  const id = k.call('ref', `values.set`).id;
  assert.equal(k.call('ref', `values.set`).id, id);
  k.call('release', `${id}`);
  assert.ok(k.call('children', `${id}`).length > 0, 'still held by the second ref');
  k.call('release', `${id}`);
  k.call('release', `${id}`); // refs from earlier tests
  k.call('release', `${id}`);
  assert.deepEqual(k.call('children', `${id}`), []);
  const other = k.call('ref', `values.obj`).id;
  k.call('release');
  assert.deepEqual(k.call('children', `${other}`), []);
  assert.notEqual(k.call('ref', `values.obj`).id, other, 'a released object gets a fresh id');
});

test('errorInfo describes thrown errors and thrown non-errors', () => {
  const info = k.call('errorInfo', `(() => { try { null.x } catch (e) { return e } })()`);
  assert.equal(info.name, 'TypeError');
  assert.match(info.stack, /^TypeError: .+\n    at /);
  assert.equal(info.thrown, undefined);
  const custom = k.call('errorInfo', `(() => { class AppError extends Error { constructor(m) { super(m); this.name = 'AppError' } } return new AppError('boom') })()`);
  assert.deepEqual([custom.name, custom.message], ['AppError', 'boom']);
  assert.match(custom.stack, /^AppError: boom\n/);
  assert.deepEqual(k.call('errorInfo', `42`), { name: '', message: '42', stack: '', thrown: '42' });
  assert.equal(k.call('errorInfo', `({ code: 1 })`).thrown, '{ code: 1 }');
});
