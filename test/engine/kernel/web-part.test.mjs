// The web part (web.part.js) evaluated on first use: the globals kernel installs only stubs (globals/web.js); touching
// a web global or method, or making an atob/structuredClone error, evaluates the part once, after user code may have
// replaced built-ins, globals and the web names themselves.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { makeKernel } from './helpers.mjs';

/** A kernel with the web stubs; `body(k)` runs with it, and it is disposed on every path. */
async function withWeb(body, options = {}) {
  const k = await makeKernel({ web: true, ...options });
  try {
    return await body(k);
  } finally {
    k.dispose();
  }
}
/** Runs `code` whose value is a promise; returns what it settles to (the kernel's jobs run on the host's demand). */
function settle(k, code) {
  k.run(`globalThis.__settled = undefined; Promise.resolve((async () => { ${code} })()).then((v) => { __settled = { v }; }, (e) => { __settled = { e: String(e) }; }); undefined`);
  k.runtime.executePendingJobs(-1).dispose();
  const out = k.run('__settled');
  k.run('delete globalThis.__settled');
  assert.ok(out, 'the promise settled');
  if ('e' in out) throw new Error(out.e);
  return out.v;
}
const ownGlobals = `Object.getOwnPropertyNames(globalThis).map((n) => {
  const d = Object.getOwnPropertyDescriptor(globalThis, n);
  return [n, d.enumerable, !!(d.get && d.get.lazyWebGlobal)];
})`;

test('a script that prints "hello" (or uses atob, structuredClone, performance.now) never evaluates the web part', async () => {
  await withWeb((k) => {
    k.run(`console.log('hello'); console.log(atob(btoa('hi')), structuredClone({ a: [1] }).a[0], typeof performance.now(), 1 + 1)`);
    assert.deepEqual(k.emitted.map((e) => e.text), ['hello', 'hi 1 number 2']);
    assert.equal(k.parts.web, 0);
  });
});

test('touching new Event() evaluates the part once; later web APIs reuse it', async () => {
  await withWeb((k) => {
    assert.equal(k.run(`new Event('x').type`), 'x');
    assert.equal(k.parts.web, 1);
    assert.equal(k.run(`[typeof crypto.randomUUID(), new Blob(['ab']).size, 'a'.localeCompare('b'), new DOMException('m', 'AbortError').code].join()`), 'string,2,-1,20');
    assert.equal(k.parts.web, 1);
  });
});

test('the part defines exactly the globals stubbed, in the same order and enumerability, in place of each stub', async () => {
  const bare = await makeKernel();
  let kernelOnly;
  try {
    kernelOnly = bare.run(ownGlobals).map(([n]) => n);
  } finally {
    bare.dispose();
  }
  await withWeb((k) => {
    const before = k.run(ownGlobals);
    const stubbed = before.filter(([n]) => !kernelOnly.includes(n));
    assert.ok(stubbed.length > 40, 'the web names are stubbed');
    assert.deepEqual(stubbed.filter(([, , stub]) => !stub), [], 'every name the kernel adds for the web part is a stub');
    const names = JSON.stringify(stubbed.map(([n]) => n));
    k.run(`globalThis.__stubs = ${names}.map((n) => Object.getOwnPropertyDescriptor(globalThis, n).get)`);
    assert.equal(k.parts.web, 0, 'listing the globals evaluates nothing');
    k.run('void DOMException');
    assert.equal(k.parts.web, 1);
    // Each stub was replaced: by the value, or by the part's own accessor (URL, the streams, fetch, Intl).
    assert.deepEqual(k.run(`${names}.filter((n, i) => Object.getOwnPropertyDescriptor(globalThis, n).get === __stubs[i])`), []);
    k.run('delete globalThis.__stubs');
    const after = k.run(ownGlobals);
    assert.deepEqual(after.map(([n, e]) => [n, e]), before.map(([n, e]) => [n, e]), 'no name added or removed; order and enumerability kept');
    const lazyAfter = after.filter(([, , stub]) => stub).map(([n]) => n);
    assert.deepEqual(lazyAfter, ['ReadableStream', 'ReadableStreamDefaultReader', 'ReadableStreamBYOBReader', 'ReadableStreamBYOBRequest',
      'ReadableStreamDefaultController', 'ReadableByteStreamController', 'WritableStream', 'WritableStreamDefaultWriter',
      'WritableStreamDefaultController', 'TransformStream', 'TransformStreamDefaultController', 'ByteLengthQueuingStrategy',
      'CountQueuingStrategy', 'TextEncoderStream', 'TextDecoderStream', 'URL', 'URLSearchParams', 'CompressionStream',
      'DecompressionStream', 'Headers', 'Request', 'Response', 'FormData', 'fetch', 'Intl'], 'only the bundles evaluated on their own first use stay accessors');
  });
});

test('globals and methods a script replaced or deleted before the part is evaluated stay the script\'s', async () => {
  await withWeb((k) => {
    k.run(`globalThis.Event = 'mine'; Object.defineProperty(globalThis, 'crypto', { value: 'own', configurable: true }); delete globalThis.navigator;
      globalThis.URL = 'url'; String.prototype.localeCompare = function () { return 42; };`);
    assert.equal(k.parts.web, 0, 'replacing a stub evaluates nothing');
    assert.equal(k.run(`new Blob(['a']).size`), 1);
    assert.equal(k.parts.web, 1);
    assert.deepEqual(k.run(`[Event, crypto, typeof navigator, 'navigator' in globalThis, URL, 'a'.localeCompare('b'), typeof CustomEvent]`),
      ['mine', 'own', 'undefined', false, 'url', 42, 'function']);
  });
});

test('a stub a script wrapped before the part is evaluated calls the part\'s method, not the wrapper again', async () => {
  await withWeb((k) => {
    const got = k.run(`
      const proto = Object.getPrototypeOf(performance);
      const mark = proto.mark, toLocale = Number.prototype.toLocaleString;
      proto.mark = function (name) { return ['wrapped', mark.call(this, name).name]; };
      const first = performance.mark('m');
      [first, performance.getEntriesByType('mark').length, proto.mark === mark, typeof toLocale, mark.name, mark.length]`);
    assert.deepEqual(got, [['wrapped', 'm'], 1, false, 'function', 'mark', 1]);
    assert.equal(k.parts.web, 1);
  });
});

test('an atob or structuredClone error evaluates the part first, so it is a DOMException', async () => {
  await withWeb((k) => {
    assert.deepEqual(k.run(`try { atob('*'); } catch (e) { [e instanceof DOMException, e.name, e.code] }`), [true, 'InvalidCharacterError', 5]);
    assert.equal(k.parts.web, 1);
  });
  await withWeb((k) => {
    assert.deepEqual(k.run(`try { structuredClone(() => 1); } catch (e) { [e.name, e.code, Object.getPrototypeOf(e) === DOMException.prototype] }`), ['DataCloneError', 25, true]);
    assert.deepEqual(k.run(`[structuredClone(new Blob(['xy'])).size, structuredClone(new DOMException('m', 'AbortError')).code]`), [2, 20]);
    assert.equal(k.parts.web, 1);
  });
});

test('the part, evaluated after a script poisoned the array iterator and replaced performance and Object.defineProperty, works', async () => {
  await withWeb((k) => {
    k.clock.now = 1234;
    k.run(`
      const iterator = Array.prototype[Symbol.iterator];
      globalThis.iterated = [];
      // Records every array iterated: the kernel's own top-level code must iterate none (Blob's parts are the script's).
      Array.prototype[Symbol.iterator] = function () { iterated.push(this); return iterator.call(this); };
      globalThis.kernelPerformance = performance;
      globalThis.performance = { now() { throw new Error('replaced performance was used'); } };
      Object.defineProperty = () => { throw new Error('replaced Object.defineProperty was used'); };
      globalThis.parts = ['a'];`);
    const text = settle(k, `return new Blob(parts).text();`);
    assert.equal(text, 'a');
    assert.deepEqual(k.run(`[
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(crypto.randomUUID()),
      'a'.localeCompare('b'), 'b'.localeCompare('a'),
      new Event('x').timeStamp, kernelPerformance.mark('m').startTime,
      iterated.length, iterated[0] === parts]`), [true, -1, 1, 1234, 1234, 1, true]);
    assert.equal(k.parts.web, 1);
  });
});
