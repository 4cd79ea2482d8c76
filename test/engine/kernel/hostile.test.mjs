// User code shares the context with the kernel: replacing built-ins or poisoning prototypes must not break or
// hijack console, inspect, format or the web APIs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { makeKernel } from './helpers.mjs';

test('poisoned prototypes and replaced globals neither break nor hijack the kernel', async () => {
  const k = await makeKernel();
  try {
    k.run(`
      globalThis.hijacked = 0;
      globalThis.preSet = new Set([1]);
      globalThis.preMap = new Map([['a', { b: 2 }]]);
      const E = Error;
      const trap = function () { globalThis.hijacked++; throw new E('poisoned') };
      const plan = [];
      for (const [proto, names] of [
        [Array.prototype, ['push', 'join', 'map', 'forEach', 'indexOf', 'includes', 'slice', 'splice', 'unshift', 'filter', Symbol.iterator]],
        [String.prototype, ['slice', 'indexOf', 'includes', 'repeat', 'padStart', 'padEnd', 'charCodeAt', 'split', 'replace', 'toLowerCase', 'startsWith', 'endsWith', 'trim']],
        [Map.prototype, ['get', 'set', 'has', 'entries', 'forEach', Symbol.iterator]],
        [Set.prototype, ['add', 'has', 'values', Symbol.iterator]],
        [Object.prototype, ['toString', 'hasOwnProperty', 'propertyIsEnumerable']],
        [Function.prototype, ['call', 'apply', 'bind', 'toString']],
        [Number.prototype, ['toString', 'toFixed']],
        [RegExp.prototype, ['exec', Symbol.replace, Symbol.split]],
      ]) for (const name of names) plan.push([proto, name, { __proto__: null, value: trap, configurable: true, writable: true }]);
      for (const name of ['get', 'set', 'value', 'done', 'enumerable', 'depth']) {
        plan.push([Object.prototype, name, { __proto__: null, get: trap, configurable: true }]);
      }
      plan.push([Array.prototype, '0', { __proto__: null, set: trap, get: trap, configurable: true }]);
      // The setup itself uses none of what it poisons once it starts.
      const define = Object.defineProperty;
      for (let i = 0; i < plan.length; i++) define(plan[i][0], plan[i][1], plan[i][2]);
      Object.keys = trap; Object.getOwnPropertyDescriptor = trap; Reflect.ownKeys = trap; JSON.stringify = trap;
      String = trap; Map = trap; Error = trap; Uint8Array = trap; Symbol = trap;
      0`);
    k.run(`console.log('n=%d', 1, [1, 2], new (Object.getPrototypeOf(new WeakMap()).constructor)(), { a: { b: 'c' } })`);
    assert.equal(k.emitted.at(-1).text, "n=1 [ 1, 2 ] WeakMap { <items unknown> } { a: { b: 'c' } }");
    k.run(`console.table([{ a: 1 }]); console.group('g'); console.trace('t'); console.groupEnd(); console.count(); console.time(); console.timeEnd()`);
    assert.equal(k.emitted.length, 6);
    assert.equal(k.emitted[4].text, 'default: 1');
    assert.match(k.emitted[5].text, /^default: \d+(\.\d+)?ms$/);
    assert.match(k.emitted[1].text, /│ \(index\) │ a │/);
    assert.match(k.emitted[3].text, /^  Trace: t\n      at <eval> \(user\.js:1:/);
    assert.equal(k.call('inspect', '[preSet, preMap]'), "[ Set(1) { 1 }, Map(1) { 'a' => { b: 2 } } ]");
    assert.equal(k.run(`new TextDecoder().decode(new TextEncoder().encode('héllo')) + atob(btoa('ok')) + structuredClone([1]).length`), 'héllo' + 'ok' + '1');
    assert.equal(k.run('hijacked'), 0, 'no kernel path touched a poisoned member');
  } finally {
    k.dispose();
  }
});

test('hostile values render as placeholders instead of throwing', async () => {
  const k = await makeKernel();
  try {
    k.run(`
      globalThis.ran = 0;
      globalThis.h = {
        throwingProto: Object.create(Object.defineProperty({}, 'x', { get() { throw new Error('proto getter') }, enumerable: true })),
        toStringBomb: { toString() { throw new Error('ts') }, valueOf() { throw new Error('vo') } },
        primBomb: { [Symbol.toPrimitive]() { throw new Error('prim') } },
        tagBomb: { get [Symbol.toStringTag]() { throw new Error('tag') } },
        revoked: (() => { const r = Proxy.revocable({}, {}); r.revoke(); return r.proxy })(),
        trapped: new Proxy({}, { ownKeys() { throw new Error('ownKeys') } }),
        nameBomb: Object.defineProperty(function f() {}, 'name', { get() { ran++; throw new Error('name') } }),
        ctorBomb: Object.create({ constructor: new Proxy(function () {}, { get() { throw new Error('ctor') } }) }),
        errBomb: Object.defineProperty(new Error('x'), 'stack', { get() { throw new Error('stack getter') } }),
      };`);
    const text = k.call('inspect', 'h');
    assert.match(text, /throwingProto: \{\}/);
    assert.match(text, /revoked: \[object \(inspection failed: [^)]*\)\]/);
    assert.match(text, /trapped: \[object \(inspection failed: ownKeys\)\]/);
    assert.match(text, /nameBomb: \[Function \(anonymous\)\]/);
    assert.equal(k.run('ran'), 0, 'the name getter is not run');
    for (const key of ['throwingProto', 'toStringBomb', 'primBomb', 'tagBomb', 'revoked', 'trapped', 'nameBomb', 'ctorBomb', 'errBomb']) {
      assert.equal(typeof k.call('inspect', `h.${key}`), 'string', key);
      assert.equal(typeof k.format(`'%s %d %j %o'`, `h.${key}`, `h.${key}`, `h.${key}`, `h.${key}`), 'string', key);
      assert.equal(typeof k.call('ref', `h.${key}`).preview, 'string', key);
      assert.ok(Array.isArray(k.call('children', `${k.call('ref', `h.${key}`).id}`)), key);
      assert.equal(typeof k.call('errorInfo', `h.${key}`).message, 'string', key);
    }
  } finally {
    k.dispose();
  }
});
