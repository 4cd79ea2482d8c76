// TextEncoder/TextDecoder, atob/btoa, structuredClone, performance, display, and how the globals are defined.
import { test, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { makeKernel } from './helpers.mjs';

let k;
before(async () => { k = await makeKernel(); });
after(() => k.dispose());
beforeEach(() => { k.emitted.length = 0; k.displayed.length = 0; });

test('the globals exist, are writable and configurable; only the operations and attributes are enumerable (WebIDL)', () => {
  const names = ['console', 'TextEncoder', 'TextDecoder', 'atob', 'btoa', 'structuredClone', 'performance', 'display'];
  const attrs = k.run(`${JSON.stringify(names)}.map((n) => { const d = Object.getOwnPropertyDescriptor(globalThis, n);
    return [n, typeof d.value, d.writable, d.enumerable, d.configurable] })`);
  const operations = ['atob', 'btoa', 'structuredClone', 'performance'];
  for (const [name, type, writable, enumerable, configurable] of attrs) {
    assert.notEqual(type, 'undefined', name);
    assert.deepEqual([writable, enumerable, configurable], [true, operations.includes(name), true], name);
  }
  assert.deepEqual(k.run('Object.keys(globalThis)'), operations);
  assert.equal(k.run(`typeof DOMException + typeof install + typeof bridge + typeof host`), 'undefinedundefinedundefinedundefined');
});

test('TextEncoder round-trips every kind of character and replaces lone surrogates', () => {
  const texts = ['', 'ascii', 'héllo wörld', '日本語', '😀 emoji 🎉', '\u0000\u007f\u0080\u07ff\u0800\uffff', 'x'.repeat(20000) + 'é'];
  for (const text of texts) {
    const bytes = k.run(`Array.from(new TextEncoder().encode(${JSON.stringify(text)}))`);
    assert.deepEqual(bytes, Array.from(new TextEncoder().encode(text)), text.slice(0, 20));
    // Strings cross back as JSON: the harness's getString stops at NUL characters.
    assert.equal(JSON.parse(k.run(`JSON.stringify(new TextDecoder().decode(new TextEncoder().encode(${JSON.stringify(text)})))`)), text);
  }
  assert.deepEqual(k.run(`Array.from(new TextEncoder().encode('a\\ud800b\\udc00'))`), [97, 0xef, 0xbf, 0xbd, 98, 0xef, 0xbf, 0xbd]);
  assert.equal(k.run(`new TextEncoder().encoding`), 'utf-8');
  assert.equal(k.run(`new TextEncoder().encode().length`), 0);
});

test('encodeInto writes only whole characters and reports read/written', () => {
  for (const [text, size] of [['héllo', 3], ['😀a', 3], ['😀a', 5], ['abc', 10]]) {
    const expected = new TextEncoder().encodeInto(text, new Uint8Array(size));
    const got = k.run(`(() => { const d = new Uint8Array(${size}); const r = new TextEncoder().encodeInto(${JSON.stringify(text)}, d); return [r.read, r.written, Array.from(d)] })()`);
    const dest = new Uint8Array(size);
    new TextEncoder().encodeInto(text, dest);
    assert.deepEqual(got, [expected.read, expected.written, Array.from(dest)], `${text} into ${size}`);
  }
});

test('TextDecoder matches the Encoding standard on invalid input, fatal mode, BOM and streaming', () => {
  const inputs = [
    [0xff], [0xc0, 0x80], [0xe0, 0x80, 0x80], [0xed, 0xa0, 0x80], [0xf4, 0x90, 0x80, 0x80], [0xf0, 0x9f, 0x98],
    [0xe2, 0x82], [0x61, 0xc3], [0xc3, 0x28], [0xef, 0xbb, 0xbf, 0x61], [0xef, 0xbb, 0xbf, 0xef, 0xbb, 0xbf],
    [0xf0, 0x9f, 0x98, 0x80, 0x80], [0x80, 0x81, 0x82], [0xe2, 0x28, 0xa1],
  ];
  for (const bytes of inputs) {
    const src = `new Uint8Array(${JSON.stringify(bytes)})`;
    assert.equal(k.run(`new TextDecoder().decode(${src})`), new TextDecoder().decode(new Uint8Array(bytes)), `${bytes}`);
    assert.equal(k.run(`new TextDecoder('utf-8', { ignoreBOM: true }).decode(${src})`),
      new TextDecoder('utf-8', { ignoreBOM: true }).decode(new Uint8Array(bytes)), `ignoreBOM ${bytes}`);
    let nodeThrows = false;
    try { new TextDecoder('utf-8', { fatal: true }).decode(new Uint8Array(bytes)); } catch { nodeThrows = true; }
    const ours = k.run(`(() => { try { new TextDecoder('utf-8', { fatal: true }).decode(${src}); return 'ok' } catch (e) { return e.name + ': ' + e.message } })()`);
    assert.equal(ours !== 'ok', nodeThrows, `fatal ${bytes}: ${ours}`);
    if (nodeThrows) assert.equal(ours, 'TypeError: The encoded data was not valid for encoding utf-8');
  }
  assert.equal(k.run(`(() => { const d = new TextDecoder(); return d.decode(new Uint8Array([0xf0, 0x9f]), { stream: true }) + d.decode(new Uint8Array([0x98, 0x80])) })()`), '😀');
  assert.equal(k.run(`new TextDecoder().decode(new Uint8Array([104, 105]).buffer)`), 'hi');
  assert.equal(k.run(`new TextDecoder().decode(new DataView(new Uint8Array([0, 104, 105]).buffer, 1))`), 'hi');
  assert.equal(k.run(`[new TextDecoder('UTF8').encoding, new TextDecoder(' utf-8 ').fatal, new TextDecoder('utf-8', { fatal: 1 }).fatal].join()`), 'utf-8,false,true');
  assert.match(k.run(`(() => { try { new TextDecoder('iso-8859-2') } catch (e) { return e.name + ': ' + e.message } })()`), /^RangeError: .*iso-8859-2.*not supported/);
  assert.match(k.run(`(() => { try { new TextDecoder().decode('str') } catch (e) { return e.name } })()`), /TypeError/);
});

test('atob and btoa agree with Node, throw InvalidCharacterError like browsers', () => {
  const binaries = ['', 'a', 'ab', 'abc', 'abcd', 'hello world', '\u0000\u00ff\u0080', Array.from({ length: 256 }, (_, i) => String.fromCharCode(i)).join('')];
  for (const s of binaries) {
    assert.equal(k.run(`btoa(${JSON.stringify(s)})`), btoa(s));
    assert.equal(JSON.parse(k.run(`JSON.stringify(atob(btoa(${JSON.stringify(s)})))`)), s);
  }
  for (const encoded of ['aGk=', 'aGk', ' a G k = ', 'YQ==', 'YQ', 'YWJj\nZGVm', '']) {
    assert.equal(k.run(`atob(${JSON.stringify(encoded)})`), atob(encoded), encoded);
  }
  for (const bad of ['a', 'aGk==', 'a===', '@@@@', 'YQ=x', 'ab=c']) {
    let nodeError;
    try { atob(bad); } catch (e) { nodeError = e.name; }
    const ours = k.run(`(() => { try { atob(${JSON.stringify(bad)}); return 'ok' } catch (e) { return e.name + '/' + e.code } })()`);
    assert.equal(ours, nodeError ? 'InvalidCharacterError/5' : 'ok', bad);
  }
  assert.equal(k.run(`(() => { try { btoa('€') } catch (e) { return e.name + ': ' + e.message } })()`), 'InvalidCharacterError: Invalid character');
  assert.equal(k.run(`(() => { try { atob() } catch (e) { return e.name } })()`), 'TypeError');
});

test('structuredClone copies every supported type, keeps cycles and shared references', () => {
  const result = k.run(`(() => {
    const shared = { s: 1 };
    const buf = new Uint8Array([1, 2, 3, 4]).buffer;
    const src = { n: -0, big: 10n, str: 'x', date: new Date(5), re: /a+/gi, map: new Map([[shared, 'v']]), set: new Set([shared]),
      u8: new Uint8Array(buf, 1, 2), f64: new Float64Array([1.5]), dv: new DataView(buf, 2), buf,
      err: new RangeError('bad'), boxed: [new Number(3), new String('s'), new Boolean(false), Object(2n)],
      arr: [1, , 3], nested: { shared }, undef: undefined };
    src.self = src;
    const c = structuredClone(src);
    return [
      c !== src, c.self === c, Object.is(c.n, -0), c.big === 10n, c.date instanceof Date && c.date.getTime() === 5,
      c.re instanceof RegExp && c.re.source === 'a+' && c.re.flags === 'gi' && c.re !== src.re,
      c.map.size === 1 && [...c.map.keys()][0] === c.nested.shared && c.nested.shared !== shared,
      [...c.set][0] === c.nested.shared, c.u8 instanceof Uint8Array && c.u8.buffer === c.buf && c.u8.byteOffset === 1 && c.u8.join() === '2,3',
      c.buf !== buf && c.buf.byteLength === 4, c.dv instanceof DataView && c.dv.buffer === c.buf && c.dv.byteOffset === 2,
      c.f64[0] === 1.5, c.err instanceof RangeError && c.err.message === 'bad' && c.err.name === 'RangeError',
      typeof c.boxed[0] === 'object' && c.boxed[0].valueOf() === 3 && c.boxed[1].valueOf() === 's' && c.boxed[2].valueOf() === false && c.boxed[3].valueOf() === 2n,
      c.arr.length === 3 && !(1 in c.arr), 'undef' in c && c.undef === undefined,
      Object.getPrototypeOf(structuredClone(new (class K { constructor() { this.a = 1 } })())) === Object.prototype,
    ];
  })()`);
  assert.deepEqual(result, Array(result.length).fill(true));
  for (const [src, pattern] of [
    ['() => {}', /^DataCloneError: \(\) => \{\} could not be cloned\.$/], ['Symbol("s")', /^DataCloneError: Symbol\(s\) could not be cloned\.$/],
    ['{ f() {} }', /DataCloneError/], ['Promise.resolve()', /^DataCloneError: #<Promise> could not be cloned\.$/],
    ['new WeakMap()', /^DataCloneError: #<WeakMap> could not be cloned\.$/],
  ]) {
    assert.match(k.run(`(() => { try { structuredClone(${src}); return 'cloned' } catch (e) { return e.name + ': ' + e.message } })()`), pattern, src);
  }
  assert.equal(k.run(`(() => { try { structuredClone() } catch (e) { return e.name } })()`), 'TypeError');
});

test('performance.now follows the host clock and timeOrigin is an epoch time', () => {
  k.clock.now = 12.5;
  assert.equal(k.run('performance.now()'), 12.5);
  const origin = k.run('performance.timeOrigin');
  assert.ok(Math.abs(origin - Date.now()) < 60000, `${origin}`);
  assert.equal(k.run('Object.prototype.toString.call(performance)'), '[object Performance]');
});

test('display sends text, inspected values and mime bundles to the host', () => {
  k.run(`display('hello'); display({ html: '<b>x</b>' }); display({ a: 1 }); display({ a: 1 }, 'application/json'); display('# T', 'text/markdown')`);
  assert.deepEqual(k.displayed, [
    { mime: 'text/plain', data: 'hello' }, { mime: 'text/html', data: '<b>x</b>' }, { mime: 'text/plain', data: '{ a: 1 }' },
    { mime: 'application/json', data: '{"a":1}' }, { mime: 'text/markdown', data: '# T' },
  ]);
});
