// Where the web APIs once differed from their specifications (WebIDL, DOM, HTML's structured clone, User Timing,
// Web Crypto, Encoding) in ways web-platform-tests check: brand checks, trusted events, DOMException's shape and
// class, serializable platform objects, transfer, the performance timeline's interfaces and order. Real engine, leak
// check on; each script prints JSON lines that the test compares with what the specifications say.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { run } from '../helpers.mjs';

async function values(source) {
  const r = await run({ kind: 'source', source, type: 'module' }, { leakCheck: true });
  assert.equal(r.outcome.status, 'completed', `${r.outcome.message ?? ''} ${r.errors.map((e) => e.text ?? e.message).join('\n')}`);
  assert.equal(r.leak, undefined, 'no QuickJS handle leaked');
  return r.logs.map((line) => JSON.parse(line));
}
const out = (expr) => `console.log(JSON.stringify(${expr}));`;
const tryName = `const name = (f) => { try { f(); return 'ok'; } catch (e) { return e.constructor.name + ':' + e.name; } };`;

test('DOMException: message is the prototype getter, and the errors atob and structuredClone throw are DOMExceptions', async () => {
  const [own, atobErr, cloneErr] = await values(`
    ${out("[Object.getOwnPropertyNames(new DOMException('m', 'NotFoundError')).filter((k) => k !== 'stack'), Object.getPrototypeOf(DOMException) === Function.prototype, Object.getPrototypeOf(DOMException.prototype) === Error.prototype, new (class E extends DOMException {})('m', 'AbortError').code, new DOMException('m').stack.startsWith('    at construct')]")}
    const is = (f) => { try { f(); } catch (e) { return [e instanceof DOMException, e.constructor === DOMException, e.name, e.code]; } };
    ${out("is(() => atob('*'))")}
    ${out('is(() => structuredClone(() => 1))')}
  `);
  // WebIDL: the interface object inherits from Function.prototype, its prototype from Error.prototype.
  assert.deepEqual(own, [[], true, true, 20, false]);
  assert.deepEqual(atobErr, [true, true, 'InvalidCharacterError', 5]);
  assert.deepEqual(cloneErr, [true, true, 'DataCloneError', 25]);
});

test('EventTarget methods check their receiver; the abort event a signal fires is trusted', async () => {
  const [brand, trusted] = await values(`
    ${tryName}
    ${out("[name(() => EventTarget.prototype.addEventListener.call({}, 'x', () => 0)), name(() => EventTarget.prototype.dispatchEvent.call({}, new Event('x'))), name(() => EventTarget.prototype.removeEventListener.call(null, 'x', null))]")}
    const c = new AbortController(); const seen = [];
    c.signal.addEventListener('abort', (e) => seen.push(e.isTrusted, e.type));
    c.abort();
    const own = new Event('abort');
    ${out('[...seen, own.isTrusted]')}
  `);
  assert.deepEqual(brand, ['TypeError:TypeError', 'TypeError:TypeError', 'TypeError:TypeError']);
  assert.deepEqual(trusted, [true, 'abort', false]);
});

test('crypto: a detached method is an illegal invocation; a non-view is a TypeError, a float view a TypeMismatchError', async () => {
  const [got] = await values(`
    ${tryName}
    const g = crypto.getRandomValues;
    ${out("[name(() => g(new Uint8Array(1))), name(() => crypto.randomUUID.call({})), name(() => crypto.getRandomValues([1])), name(() => crypto.getRandomValues(new Float32Array(1)))]")}
  `);
  assert.deepEqual(got, ['TypeError:TypeError', 'TypeError:TypeError', 'TypeError:TypeError', 'DOMException:TypeMismatchError']);
});

test('structuredClone: Blob, File and DOMException are serializable; transfer detaches only after a whole clone', async () => {
  const [blob, file, domEx, transfer, failed, errors, resizable] = await values(`
    ${tryName}
    const b = structuredClone(new Blob(['hé'], { type: 'text/plain' }));
    ${out('[Object.prototype.toString.call(b), b.type, b.size, await b.text()]')}
    const f = structuredClone({ f: new File(['ab'], 'n.txt', { lastModified: 5 }) }).f;
    ${out('[f instanceof File, f.name, f.lastModified, f.size]')}
    const d = structuredClone(new DOMException('m', 'NotFoundError'));
    ${out('[d instanceof DOMException, d.name, d.message, d.code]')}
    const ab = new Uint8Array([1, 2, 3]).buffer;
    const c = structuredClone({ ab, view: new Uint8Array(ab, 1) }, { transfer: [ab] });
    ${out('[ab.byteLength, c.ab.byteLength, c.view.buffer === c.ab, [...c.view]]')}
    const keep = new ArrayBuffer(4);
    ${out('[name(() => structuredClone({ keep, f() {} }, { transfer: [keep] })), keep.byteLength]')}
    const twice = new ArrayBuffer(1);
    ${out("[name(() => structuredClone(1, { transfer: [1] })), name(() => structuredClone(twice, { transfer: [twice, twice] })), name(() => structuredClone(1, { transfer: [new Uint8Array(1)] })), name(() => structuredClone(ab))]")}
    const r = structuredClone(new ArrayBuffer(2, { maxByteLength: 8 }));
    ${out('[r.resizable, r.maxByteLength, r.byteLength]')}
  `);
  assert.deepEqual(blob, ['[object Blob]', 'text/plain', 3, 'hé']);
  assert.deepEqual(file, [true, 'n.txt', 5, 2]);
  assert.deepEqual(domEx, [true, 'NotFoundError', 'm', 8]);
  assert.deepEqual(transfer, [0, 3, true, [2, 3]]);
  assert.deepEqual(failed, ['DOMException:DataCloneError', 4]);
  assert.deepEqual(errors, ['TypeError:TypeError', 'DOMException:DataCloneError', 'DOMException:DataCloneError', 'DOMException:DataCloneError']);
  assert.deepEqual(resizable, [true, 8, 2]);
});

test('User Timing: PerformanceMark, PerformanceMeasure, measure options checks, detail copied, timeline in time order', async () => {
  const [classes, mark, measure, checks, order, perf] = await values(`
    ${tryName}
    const m = new PerformanceMark('made', { startTime: 3, detail: { a: 1 } });
    ${out("[Object.prototype.toString.call(m), m instanceof PerformanceEntry, performance.getEntriesByName('made').length, name(() => new PerformanceEntry()), name(() => new PerformanceMeasure()), name(() => new Performance())]")}
    const detail = { k: 1 };
    const a = performance.mark('a', { startTime: 10, detail });
    ${out('[a.startTime, a.detail.k, a.detail === detail, Object.keys(a.toJSON())]')}
    const s = performance.measure('s', { start: 'a', duration: 5, detail: [1] });
    ${out('[Object.prototype.toString.call(s), s.startTime, s.duration, s.detail]')}
    ${out("[name(() => performance.measure('x', { start: 1, end: 2, duration: 1 })), name(() => performance.measure('x', { detail: 1 })), name(() => performance.measure('x', { start: 1 }, 'a')), name(() => performance.mark('x', { startTime: -1 })), name(() => performance.measure('x', 'nope'))]")}
    performance.mark('b', { startTime: 2 });
    ${out("performance.getEntries().map((e) => e.name + '@' + e.startTime)")}
    ${out('[Object.keys(Object.getPrototypeOf(performance)).includes("now"), Object.keys(TextDecoder.prototype).sort()]')}
  `);
  assert.deepEqual(classes, ['[object PerformanceMark]', true, 0, 'TypeError:TypeError', 'TypeError:TypeError', 'TypeError:TypeError']);
  assert.deepEqual(mark, [10, 1, false, ['name', 'entryType', 'startTime', 'duration', 'detail']]);
  assert.deepEqual(measure, ['[object PerformanceMeasure]', 10, 5, [1]]);
  assert.deepEqual(checks, ['TypeError:TypeError', 'TypeError:TypeError', 'TypeError:TypeError', 'TypeError:TypeError', 'DOMException:SyntaxError']);
  assert.deepEqual(order, ['b@2', 'a@10', 's@10']);
  assert.deepEqual(perf, [true, ['decode', 'encoding', 'fatal', 'ignoreBOM']]);
});

test('Blob and File convert their numbers as WebIDL does; endings is an enum and "native" makes line breaks LF', async () => {
  const [slices, endings, modified] = await values(`
    ${tryName}
    const b = new Blob(['abcdef']);
    ${out('[await b.slice(1.5, 3.5).text(), await b.slice(2.5, 4.4).text(), await b.slice(-2.5).text(), await b.slice(NaN, -Infinity).text(), await b.slice(-Infinity, Infinity).text()]')}
    ${out("[await new Blob(['a\\r\\nb\\rc\\n'], { endings: 'native' }).text(), await new Blob(['a\\r\\n'], { endings: 'transparent' }).text(), name(() => new Blob([], { endings: 'unix' }))]")}
    ${out("[1.9, -1.5, NaN, '12', new Date(7)].map((lastModified) => new File([], 'n', { lastModified }).lastModified)")}
  `);
  // [Clamp]: 1.5 -> 2, 3.5 -> 4, 2.5 -> 2, 4.4 -> 4, -2.5 -> -2
  assert.deepEqual(slices, ['cd', 'cd', 'ef', '', 'abcdef']);
  assert.deepEqual(endings, ['a\nb\nc\n', 'a\r\n', 'TypeError:TypeError']);
  assert.deepEqual(modified, [1, -1, 0, 12, 7]);
});

test('Headers and FormData iterators are WebIDL pair iterators: their own tag, live over changes made while iterating', async () => {
  const [tags, live, brand] = await values(`
    ${tryName}
    const h = new Headers({ a: '1', b: '2', c: '3' });
    const f = new FormData(); f.append('x', '1'); f.append('y', '2');
    const proto = Object.getPrototypeOf(Object.getPrototypeOf([][Symbol.iterator]()));
    ${out('[Object.prototype.toString.call(h.entries()), Object.prototype.toString.call(f.keys()), Object.getPrototypeOf(Object.getPrototypeOf(h.values())) === proto, h[Symbol.iterator] === h.entries, Object.keys(Object.getPrototypeOf(f.entries()))]')}
    const seen = [];
    for (const [k] of h) { seen.push(k); if (k === 'a') h.delete('b'); }
    const fseen = [];
    for (const v of f.values()) { fseen.push(v); if (v === '1') f.append('z', '3'); }
    ${out('[seen, fseen]')}
    ${out('[name(() => Headers.prototype.entries.call({})), name(() => h.entries().next.call({}))]')}
  `);
  assert.deepEqual(tags, ['[object Headers Iterator]', '[object FormData Iterator]', true, true, ['next']]);
  assert.deepEqual(live, [['a', 'c'], ['1', '2', '3']]);
  assert.deepEqual(brand, ['TypeError:TypeError', 'TypeError:TypeError']);
});

test('TextDecoder decodes UTF-16LE, UTF-16BE and windows-1252 by their labels, as the Encoding standard has them', async () => {
  const [labels, utf16, streamed, latin] = await values(`
    const d = (label, bytes, opts, dopts) => { try { return new TextDecoder(label, opts).decode(new Uint8Array(bytes), dopts); } catch (e) { return e.constructor.name; } };
    const enc = (label) => { try { return new TextDecoder(label).encoding; } catch (e) { return e.constructor.name; } };
    ${out("['UTF-16', 'unicodefffe', ' latin1\\n', 'ASCII', 'iso-8859-1', '\\u00a0utf-8', 'utf-8\\u000b', 'iso-8859-2', 'replacement'].map(enc)")}
    ${out("[d('utf-16le', [0xff, 0xfe, 0x61, 0]), d('utf-16le', [0xff, 0xfe, 0x61, 0], { ignoreBOM: true }), d('utf-16be', [0xfe, 0xff, 0, 0x61]), d('utf-16le', [0x61]), d('utf-16le', [0x61], { fatal: true }), d('utf-16le', [0x3d, 0xd8, 0x61, 0]), d('utf-16le', [0, 0xde]), d('utf-16be', [0xd8, 0x3d, 0xde, 0x00]), d('utf-16le', [0x3d, 0xd8, 0x3d, 0xd8, 0, 0xde]), d('utf-16le', [0x3d, 0xd8, 0x61, 0], { fatal: true })]")}
    const s = new TextDecoder('utf-16le');
    ${out('[s.decode(new Uint8Array([0x3d]), { stream: true }), s.decode(new Uint8Array([0xd8, 0x00]), { stream: true }), s.decode(new Uint8Array([0xde])), s.decode(new Uint8Array([0x61]), { stream: true }), s.decode()]')}
    ${out("d('latin1', [0x41, 0x80, 0x9f, 0xe9, 0x81])")}
  `);
  assert.deepEqual(labels, ['utf-16le', 'utf-16be', 'windows-1252', 'windows-1252', 'windows-1252', 'RangeError', 'RangeError', 'RangeError', 'RangeError']);
  assert.deepEqual(utf16, ['a', '\ufeffa', 'a', '\ufffd', 'TypeError', '\ufffda', '\ufffd', '\u{1F600}', '\ufffd\u{1F600}', 'TypeError']);
  assert.deepEqual(streamed, ['', '', '\u{1F600}', '', '\ufffd']);
  assert.deepEqual(latin, 'A\u20ac\u0178\u00e9\u0081');
});

test('performance.timeOrigin + performance.now() is the current time, though the engine was made before the sandbox', async () => {
  const [got] = await values(`
    await new Promise((r) => setTimeout(r, 20));
    const before = Date.now(); const t = performance.timeOrigin + performance.now(); const after = Date.now();
    ${out('[before - 1 <= t, t <= after + 1, performance.toJSON().timeOrigin === performance.timeOrigin]')}
  `);
  assert.deepEqual(got, [true, true, true]);
});

test('a Symbol where WebIDL wants a string is a TypeError, not the text "Symbol(...)"', async () => {
  const [got] = await values(`
    const s = Symbol('s');
    const cases = {
      event: () => new Event(s), listener: () => new EventTarget().addEventListener(s, () => 0), blobPart: () => new Blob([s]),
      fileName: () => new File([], s), domException: () => new DOMException(s), atob: () => atob(s), btoa: () => btoa(s),
      encode: () => new TextEncoder().encode(s), mark: () => performance.mark(s), formData: () => new FormData().append(s, 'x'),
      headers: () => new Headers().append('x', s),
    };
    ${out("Object.entries(cases).map(([n, f]) => { try { f(); return n + ':ok'; } catch (e) { return n + ':' + e.constructor.name; } })")}
  `);
  assert.deepEqual(got, ['event', 'listener', 'blobPart', 'fileName', 'domException', 'atob', 'btoa', 'encode', 'mark', 'formData', 'headers'].map((n) => n + ':TypeError'));
});

test('every interface has its members and static operations enumerable and its name as its string tag (WebIDL)', async () => {
  const [got] = await values(`
    const names = ['DOMException', 'Event', 'CustomEvent', 'EventTarget', 'AbortController', 'AbortSignal', 'Blob', 'File',
      'FormData', 'Headers', 'Request', 'Response', 'TextEncoder', 'TextDecoder', 'TextEncoderStream', 'TextDecoderStream',
      'Crypto', 'SubtleCrypto', 'PerformanceEntry', 'PerformanceMark', 'PerformanceMeasure', 'Performance', 'Navigator',
      'ErrorEvent', 'PromiseRejectionEvent'];
    const wrong = [];
    for (const n of names) {
      const C = globalThis[n];
      for (const k of Object.getOwnPropertyNames(C.prototype)) {
        if (k !== 'constructor' && !Object.getOwnPropertyDescriptor(C.prototype, k).enumerable) wrong.push(n + '.prototype.' + k);
      }
      for (const k of Object.getOwnPropertyNames(C)) {
        if (!['length', 'name', 'prototype'].includes(k) && !Object.getOwnPropertyDescriptor(C, k).enumerable) wrong.push(n + '.' + k);
      }
      if (C.prototype[Symbol.toStringTag] !== n) wrong.push(n + ' tag');
    }
    ${out('wrong')}
  `);
  assert.deepEqual(got, []);
});

test('fetch reads data: URLs itself (no network, no permission), as the Fetch standard has it; header values are ByteStrings', async () => {
  const [got, bad, header] = await values(`
    const read = async (u) => { const r = await fetch(u); return [r.status, r.statusText, r.headers.get('content-type'), [...new Uint8Array(await r.arrayBuffer())]]; };
    ${out("await Promise.all(['data:,A%2CB', 'data:text/HTML;Charset=UTF-8;base64,PGI+', 'data:;base64 , aGk=#frag', 'data:;charset=utf-8,%FF', 'data:text/plain ;BASE64,aGk='].map(read))")}
    const fail = async (u) => { try { await fetch(u); return 'ok'; } catch (e) { return e.constructor.name; } };
    ${out("[await fail('data:text/plain'), await fail('data:;base64,a')]")}
    const h = (v) => { try { new Headers({ a: v }); return 'ok'; } catch (e) { return e.constructor.name; } };
    ${out("[h('\\u00e9'), h('\\u0100')]")}
  `);
  assert.deepEqual(got, [
    [200, 'OK', 'text/plain;charset=US-ASCII', [65, 44, 66]],
    [200, 'OK', 'text/html;charset=UTF-8', [60, 98, 62]],
    [200, 'OK', 'text/plain;charset=US-ASCII', [104, 105]],
    [200, 'OK', 'text/plain;charset=utf-8', [255]],
    [200, 'OK', 'text/plain', [104, 105]],
  ]);
  assert.deepEqual(bad, ['TypeError', 'TypeError']);
  assert.deepEqual(header, ['ok', 'TypeError']);
});

test('URL.createObjectURL gives a blob: URL that fetch reads (GET only) until URL.revokeObjectURL', async () => {
  const [made, read, after] = await values(`
    const fail = async (f) => { try { await f(); return 'ok'; } catch (e) { return e.constructor.name; } };
    const b = new Blob(['h\\u00e9'], { type: 'Text/Plain' });
    const u = URL.createObjectURL(b);
    ${out("[/^blob:null\\/[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(u), u !== URL.createObjectURL(b), await fail(() => URL.createObjectURL('text')), URL.createObjectURL.length]")}
    const r = await fetch(u + '#part');
    ${out("[r.status, r.statusText, r.headers.get('content-type'), r.headers.get('content-length'), await r.text(), await fail(() => fetch(u, { method: 'POST' }))]")}
    URL.revokeObjectURL(u);
    ${out('[await fail(() => fetch(u)), await fail(() => fetch("blob:null/00000000-0000-4000-8000-000000000000"))]')}
  `);
  assert.deepEqual(made, [true, true, 'TypeError', 1]);
  assert.deepEqual(read, [200, 'OK', 'text/plain', '3', 'hé', 'TypeError']);
  assert.deepEqual(after, ['TypeError', 'TypeError']);
});

test('ErrorEvent and PromiseRejectionEvent: the init dictionaries of the HTML standard, defaults and required promise', async () => {
  const [full, defaults, rejection] = await values(`
    const e = new ErrorEvent('error', { message: 'm', filename: 'f.js', lineno: 3.9, colno: -1, error: 7, cancelable: true });
    ${out('[e.type, e.message, e.filename, e.lineno, e.colno, e.error, e.cancelable, e instanceof Event]')}
    const d = new ErrorEvent('x');
    ${out('[d.message, d.filename, d.lineno, d.colno, d.error]')}
    const p = Promise.reject(1); p.catch(() => {});
    const r = new PromiseRejectionEvent('unhandledrejection', { promise: p, reason: 'why' });
    const fails = [() => new PromiseRejectionEvent('x'), () => new PromiseRejectionEvent('x', {}), () => new ErrorEvent()].map((f) => { try { f(); return 'ok'; } catch (x) { return x.constructor.name; } });
    ${out('[r.promise === p, r.reason, ...fails]')}
  `);
  assert.deepEqual(full, ['error', 'm', 'f.js', 3, 4294967295, 7, true, true]);
  assert.deepEqual(defaults, ['', '', 0, 0, null]);
  assert.deepEqual(rejection, [true, 'why', 'TypeError', 'TypeError', 'TypeError']);
});

test('setTimeout and setInterval take one required argument (length 1, as WebIDL gives it)', async () => {
  const [got] = await values(`${out('[setTimeout.length, setInterval.length, clearTimeout.length, queueMicrotask.length]')}`);
  assert.deepEqual(got, [1, 1, 1, 1]);
});
