// The web platform's common APIs (web.part.js) in the real engine: URL, URLSearchParams, EventTarget, Event,
// CustomEvent, AbortController, AbortSignal, DOMException, crypto, navigator, reportError, performance.mark/measure and
// localeCompare. Expectations come from the specifications (URL, DOM, WebIDL, Web Crypto, User Timing) and known
// digest vectors; each script prints JSON lines that the test compares.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { run } from '../helpers.mjs';

/** Runs a script in a fresh sandbox with the leak check on; returns its console lines parsed as JSON. */
async function values(source, options = {}) {
  const r = await run({ kind: 'source', source, type: 'module' }, { leakCheck: true, ...options });
  assert.equal(r.outcome.status, 'completed', `${r.outcome.message ?? ''} ${r.errors.map((e) => e.text ?? e.message).join('\n')}`);
  assert.equal(r.leak, undefined, 'no QuickJS handle leaked');
  return r.logs.map((line) => JSON.parse(line));
}
/** URL's 300 KB implementation takes seconds to evaluate in the leak-checking debug build: those tests use the release build. */
const release = { leakCheck: false };
const out = (expr) => `console.log(JSON.stringify(${expr}));`;

test('URL parses relative references against a base, as the URL standard does', async () => {
  const cases = [
    ['../b?x=1#h', 'https://a.example/p/q'], ['//other.example/x', 'https://a.example/'], ['?q', 'http://a/b/c/d;p?q'],
    ['g;x?y#s', 'http://a/b/c/d;p?q'], ['../../../g', 'http://a/b/c/d;p?q'], ['HTTPS://EX.com:443/a/./b/../c', undefined],
    ['http://[::1]:8080/', undefined], ['file:///C:/x/../y', undefined], ['http://münchen.example/', undefined],
  ];
  const got = await values(cases.map(([u, b]) => out(`new URL(${JSON.stringify(u)}${b ? ', ' + JSON.stringify(b) : ''}).href`)).join('\n'), release);
  assert.deepEqual(got, cases.map(([u, b]) => new URL(u, b).href));
});

test('URL components, setters and toJSON follow the standard', async () => {
  const [parts, after] = await values(`
    const u = new URL('https://user:pw@host.example:8080/p/a%20th?q=1&r=2#frag');
    ${out('[u.protocol, u.username, u.password, u.host, u.hostname, u.port, u.pathname, u.search, u.hash, u.origin, u.toJSON(), String(u)]')}
    u.port = '443'; u.protocol = 'http'; u.pathname = '/x y'; u.hash = ''; u.search = '?z=%';
    ${out('u.href')}
  `, release);
  assert.deepEqual(parts, ['https:', 'user', 'pw', 'host.example:8080', 'host.example', '8080', '/p/a%20th', '?q=1&r=2', '#frag',
    'https://host.example:8080', 'https://user:pw@host.example:8080/p/a%20th?q=1&r=2#frag', 'https://user:pw@host.example:8080/p/a%20th?q=1&r=2#frag']);
  const u = new URL('https://user:pw@host.example:8080/p/a%20th?q=1&r=2#frag');
  u.port = '443'; u.protocol = 'http'; u.pathname = '/x y'; u.hash = ''; u.search = '?z=%';
  assert.equal(after, u.href);
});

test('an invalid URL throws a TypeError; URL.canParse and URL.parse answer without throwing', async () => {
  const [errors, can] = await values(`
    const names = [];
    for (const bad of ['nope', 'http://', 'https://exa mple.com', 'http://[::1', '']) {
      try { new URL(bad); names.push('parsed'); } catch (e) { names.push(e instanceof TypeError ? 'TypeError' : e.name); }
    }
    try { new URL('/relative', 'not a base'); names.push('parsed'); } catch (e) { names.push(e.constructor.name); }
    ${out('names')}
    ${out("[URL.canParse('https://x/'), URL.canParse('x'), URL.canParse('x', 'https://b/'), typeof URL.parse === 'function' ? URL.parse('x') : null]")}
  `, release);
  assert.deepEqual(errors, ['TypeError', 'TypeError', 'TypeError', 'TypeError', 'TypeError', 'TypeError']);
  assert.deepEqual(can, [true, false, true, null]);
});

test('URLSearchParams parses, serializes with form encoding and stays in sync with its URL', async () => {
  const got = await values(`
    const p = new URLSearchParams('?a=1&b=x+y&a=%20&c');
    ${out("[p.getAll('a'), p.get('b'), p.get('c'), p.get('missing'), p.has('a'), p.size, p.toString()]")}
    p.append('d', 'é&=+'); p.delete('a'); p.set('b', '2'); p.sort();
    ${out('[...p]')}
    ${out("[new URLSearchParams({ k: 'v', n: 1 }).toString(), new URLSearchParams([['x', '1'], ['x', '2']]).toString()]")}
    const u = new URL('https://h.example/?q=1');
    u.searchParams.append('r', 'a b');
    const before = u.href;
    u.search = '?s=2';
    ${out("[before, u.searchParams.get('s'), u.searchParams.get('q')]")}
    let threw = 'no';
    try { new URLSearchParams([['only-one']]); } catch (e) { threw = e.name; }
    ${out('threw')}
  `, release);
  const p = new URLSearchParams('?a=1&b=x+y&a=%20&c');
  assert.deepEqual(got[0], [p.getAll('a'), p.get('b'), p.get('c'), null, true, 4, p.toString()]);
  p.append('d', 'é&=+'); p.delete('a'); p.set('b', '2'); p.sort();
  assert.deepEqual(got[1], [...p]);
  assert.deepEqual(got[2], ['k=v&n=1', 'x=1&x=2']);
  assert.deepEqual(got[3], ['https://h.example/?q=1&r=a+b', '2', null]);
  assert.equal(got[4], 'TypeError');
});

test('URL is loaded on first use and then is a plain, writable global like the others', async () => {
  const [before, after, assigned] = await values(`
    const d0 = Object.getOwnPropertyDescriptor(globalThis, 'URLSearchParams');
    ${out("[typeof d0.get, 'URL' in globalThis, Object.keys(globalThis).includes('URL')]")}
    const kind = typeof URL;
    const d1 = Object.getOwnPropertyDescriptor(globalThis, 'URL');
    const d2 = Object.getOwnPropertyDescriptor(globalThis, 'URLSearchParams');
    ${out('[kind, typeof d1.value, d1.writable, d1.enumerable, d1.configurable, typeof d2.value, URL.name, new URL("http://x/") instanceof URL]')}
    globalThis.URL = 5;
    ${out('URL')}
  `, release);
  assert.deepEqual(before, ['function', true, false]);
  assert.deepEqual(after, ['function', 'function', true, false, true, 'function', 'URL', true]);
  assert.equal(assigned, 5);
});

test('EventTarget dispatches in order: capture listeners first, once, duplicates ignored, removal during dispatch', async () => {
  const [log, results] = await values(`
    const log = [];
    const t = new EventTarget();
    const a = (e) => log.push('a:' + e.eventPhase + ':' + (e.target === t) + ':' + (e.currentTarget === t));
    t.addEventListener('x', a);
    t.addEventListener('x', a);
    t.addEventListener('x', () => log.push('capture'), { capture: true });
    t.addEventListener('x', () => log.push('once'), { once: true });
    const removed = () => log.push('removed too late?');
    t.addEventListener('x', () => { log.push('remover'); t.removeEventListener('x', removed); });
    t.addEventListener('x', removed);
    t.addEventListener('x', { handleEvent(e) { log.push('object ' + e.type); } });
    const e = new Event('x');
    const r1 = t.dispatchEvent(e);
    log.push('--');
    t.dispatchEvent(new Event('x'));
    ${out('log')}
    ${out('[r1, e.eventPhase, e.currentTarget, e.target === t, e.isTrusted, t.dispatchEvent(new Event("none"))]')}
  `);
  assert.deepEqual(log, ['capture', 'a:2:true:true', 'once', 'remover', 'object x', '--', 'capture', 'a:2:true:true', 'remover', 'object x']);
  assert.deepEqual(results, [true, 0, null, true, false, true]);
});

test('preventDefault needs cancelable and is ignored in passive listeners; stopImmediatePropagation stops the rest', async () => {
  const [got] = await values(`
    const t = new EventTarget();
    t.addEventListener('c', (e) => e.preventDefault());
    const cancelable = t.dispatchEvent(new Event('c', { cancelable: true }));
    const notCancelable = t.dispatchEvent(new Event('c'));
    const p = new EventTarget();
    p.addEventListener('c', (e) => e.preventDefault(), { passive: true });
    const passive = p.dispatchEvent(new Event('c', { cancelable: true }));
    const s = new EventTarget(); const seen = [];
    s.addEventListener('c', (e) => { seen.push(1); e.stopImmediatePropagation(); });
    s.addEventListener('c', () => seen.push(2));
    s.dispatchEvent(new Event('c'));
    const ce = new CustomEvent('k', { detail: { n: 1 } });
    ${out('[cancelable, notCancelable, passive, seen, ce.detail, new CustomEvent("k").detail, ce instanceof Event, Object.prototype.toString.call(ce)]')}
  `);
  assert.deepEqual(got, [false, true, true, [1], { n: 1 }, null, true, '[object CustomEvent]']);
});

test('event API errors: missing arguments, re-dispatch, non-events; a throwing listener is reported, not thrown', async () => {
  const r = await run({ kind: 'source', type: 'module', source: `
    const names = [];
    const attempt = (f) => { try { f(); names.push('ok'); } catch (e) { names.push(e.name + (e.code !== undefined ? ':' + e.code : '')); } };
    attempt(() => new Event());
    attempt(() => new EventTarget().dispatchEvent({ type: 'x' }));
    attempt(() => new EventTarget().addEventListener('x', 5));
    const t = new EventTarget();
    t.addEventListener('x', (e) => attempt(() => t.dispatchEvent(e)));
    t.dispatchEvent(new Event('x'));
    t.addEventListener('boom', () => { throw new Error('listener failed'); });
    t.addEventListener('boom', () => names.push('second listener ran'));
    attempt(() => t.dispatchEvent(new Event('boom')));
    console.log(JSON.stringify(names));
  ` }, { leakCheck: true });
  assert.deepEqual(JSON.parse(r.logs[0]), ['TypeError', 'TypeError', 'TypeError', 'InvalidStateError:11', 'second listener ran', 'ok']);
  // Like an uncaught exception in a browser's event handler: the run reports it.
  assert.match(JSON.stringify(r.errors) + (r.outcome.message ?? ''), /listener failed/);
});

test('AbortController aborts once with an AbortError DOMException or the given reason, firing abort and onabort', async () => {
  const [got] = await values(`
    const c = new AbortController();
    const s = c.signal;
    const log = [];
    s.onabort = (e) => log.push('onabort ' + e.type);
    s.addEventListener('abort', () => log.push('listener ' + s.aborted));
    const before = [s.aborted, s.reason];
    c.abort();
    c.abort('second');
    const r = s.reason;
    let thrown; try { s.throwIfAborted(); } catch (e) { thrown = e === r; }
    const c2 = new AbortController(); c2.abort('why');
    let illegal; try { new AbortSignal(); } catch (e) { illegal = e.name; }
    ${out('[before, log, r instanceof DOMException, r.name, r.code, thrown, c2.signal.reason, illegal, s instanceof EventTarget]')}
  `);
  assert.deepEqual(got, [[false, null], ['onabort abort', 'listener true'], true, 'AbortError', 20, true, 'why', 'TypeError', true]);
});

test('AbortSignal.abort, AbortSignal.any and a listener removed by its signal', async () => {
  const [got] = await values(`
    const a = AbortSignal.abort();
    const b = AbortSignal.abort(42);
    const c1 = new AbortController(), c2 = new AbortController();
    const any = AbortSignal.any([c1.signal, c2.signal]);
    const log = [];
    any.addEventListener('abort', () => log.push('any ' + any.reason));
    c2.abort('second');
    c1.abort('first');
    const pre = AbortSignal.any([new AbortController().signal, AbortSignal.abort('already')]);
    const t = new EventTarget(); const ctl = new AbortController();
    t.addEventListener('x', () => log.push('x'), { signal: ctl.signal });
    t.dispatchEvent(new Event('x')); ctl.abort(); t.dispatchEvent(new Event('x'));
    ${out('[a.aborted, a.reason.name, b.reason, any.aborted, pre.reason, log]')}
  `);
  assert.deepEqual(got, [true, 'AbortError', 42, true, 'already', ['any second', 'x']]);
});

test('AbortSignal.timeout fires on the sandbox event loop with a TimeoutError', async () => {
  const [got] = await values(`
    const s = AbortSignal.timeout(5);
    const early = s.aborted;
    // Its timer does not keep the run alive by itself (as in Node): this one does.
    setTimeout(() => {}, 50);
    await new Promise((resolve) => s.addEventListener('abort', resolve));
    let bad; try { AbortSignal.timeout(-1); } catch (e) { bad = e.name; }
    ${out('[early, s.aborted, s.reason.name, s.reason.code, s.reason instanceof DOMException, bad]')}
  `);
  assert.deepEqual(got, [false, true, 'TimeoutError', 23, true, 'TypeError']);
});

test('AbortSignal.timeout does not keep the run alive by itself, as Node unrefs its timer', async () => {
  const r = await run({ kind: 'source', source: 'AbortSignal.timeout(20000); console.log("done")' }, { leakCheck: true });
  assert.equal(r.outcome.status, 'completed');
  assert.deepEqual(r.logs, ['done']);
  assert.ok(r.outcome.durationMs < 15000, `the run waited for the signal's timer: ${r.outcome.durationMs} ms`);
});

test('fetch rejects with the reason of an already-aborted signal without asking the host', async () => {
  const [got] = await values(`
    const r = await fetch('https://example.invalid/', { signal: AbortSignal.abort('stop') }).then(() => 'resolved', (e) => e);
    ${out('r')}
  `);
  assert.equal(got, 'stop');
});

test('DOMException: name, message, legacy code, constants, Error prototype chain', async () => {
  const [got] = await values(`
    const e = new DOMException('m', 'NotFoundError');
    const d = new DOMException();
    const o = new DOMException('m', { name: 'DataCloneError', cause: 1 });
    ${out("[e.name, e.message, e.code, e instanceof Error, Object.prototype.toString.call(e), d.name, d.message, d.code, o.name, o.code, o.cause, DOMException.ABORT_ERR, DOMException.prototype.DATA_CLONE_ERR, new DOMException('x', 'Custom').code, String(e)]")}
  `);
  assert.deepEqual(got, ['NotFoundError', 'm', 8, true, '[object DOMException]', 'Error', '', 0, 'DataCloneError', 25, 1, 20, 25, 0, 'NotFoundError: m']);
});

test('crypto.getRandomValues fills integer arrays, refuses floats and more than 65536 bytes', async () => {
  const [got] = await values(`
    const a = new Uint32Array(16);
    const same = crypto.getRandomValues(a) === a;
    const sub = new Uint8Array(new ArrayBuffer(64), 8, 8);
    crypto.getRandomValues(sub);
    const untouched = new Uint8Array(sub.buffer, 0, 8).every((x) => x === 0) && new Uint8Array(sub.buffer, 16).every((x) => x === 0);
    const err = (f) => { try { f(); return 'ok'; } catch (e) { return e.name + ':' + (e instanceof DOMException); } };
    const ok64k = err(() => crypto.getRandomValues(new Uint8Array(65536)));
    const over = err(() => crypto.getRandomValues(new Uint8Array(65537)));
    const float = err(() => crypto.getRandomValues(new Float64Array(2)));
    const view = err(() => crypto.getRandomValues(new DataView(new ArrayBuffer(4))));
    const big = crypto.getRandomValues(new BigUint64Array(2)).length;
    ${out('[same, a.some((x) => x !== 0), untouched, ok64k, over, float, view, big]')}
  `);
  assert.deepEqual(got, [true, true, true, 'ok', 'QuotaExceededError:true', 'TypeMismatchError:true', 'TypeMismatchError:true', 2]);
});

test('crypto.randomUUID gives version 4 UUIDs, all different', async () => {
  const [ids] = await values(out('Array.from({ length: 50 }, () => crypto.randomUUID())'));
  for (const id of ids) assert.match(id, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  assert.equal(new Set(ids).size, 50);
});

test('crypto.subtle.digest matches known vectors for SHA-1/256/384/512 and rejects unknown algorithms', async () => {
  const inputs = ['', 'abc', 'abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq', 'é'.repeat(1000)];
  const got = await values(`
    const hex = (b) => [...new Uint8Array(b)].map((x) => x.toString(16).padStart(2, '0')).join('');
    for (const alg of ['SHA-1', 'sha-256', { name: 'SHA-384' }, 'SHA-512']) {
      const out = [];
      for (const text of ${JSON.stringify(inputs)}) out.push(hex(await crypto.subtle.digest(alg, new TextEncoder().encode(text))));
      console.log(JSON.stringify(out));
    }
    const buf = new Uint8Array([0, 97, 98, 99, 0]);
    const fromView = hex(await crypto.subtle.digest('SHA-256', new DataView(buf.buffer, 1, 3)));
    const isAb = (await crypto.subtle.digest('SHA-256', new ArrayBuffer(0))) instanceof ArrayBuffer;
    const why = await crypto.subtle.digest('MD5', new Uint8Array(1)).then(() => 'resolved', (e) => e.name);
    const notData = await crypto.subtle.digest('SHA-256', 'text').then(() => 'resolved', (e) => e.name);
    console.log(JSON.stringify([fromView, isAb, why, notData]));
  `);
  const algs = ['sha1', 'sha256', 'sha384', 'sha512'];
  algs.forEach((alg, i) => assert.deepEqual(got[i], inputs.map((t) => createHash(alg).update(t).digest('hex')), alg));
  assert.deepEqual(got[4], [createHash('sha256').update('abc').digest('hex'), true, 'NotSupportedError', 'TypeError']);
});

test('navigator, reportError, queueMicrotask, structuredClone and performance.mark/measure', async () => {
  const r = await run({ kind: 'source', type: 'module', source: `
    performance.mark('a', { detail: { k: 1 } });
    const m = performance.measure('m', 'a');
    let missing; try { performance.measure('n', 'no-such-mark'); } catch (e) { missing = e.name; }
    const kinds = performance.getEntries().map((e) => e.entryType + ':' + e.name);
    performance.clearMarks();
    console.log(JSON.stringify([navigator.userAgent, navigator.language, typeof queueMicrotask, structuredClone(new Map([[1, 2]])).get(1),
      m.entryType, m.duration >= 0, missing, kinds, performance.getEntriesByType('mark').length, performance.getEntriesByName('m').length]));
    reportError(new Error('reported on purpose'));
  ` });
  const got = JSON.parse(r.logs[0]);
  assert.match(got[0], /^QuickJS-Sandbox\/\d+\.\d+\.\d+/);
  assert.deepEqual(got.slice(1), ['en-US', 'function', 2, 'measure', true, 'SyntaxError', ['mark:a', 'measure:m'], 0, 1]);
  assert.match(JSON.stringify(r.errors) + (r.outcome.message ?? ''), /reported on purpose/);
});

test('localeCompare orders letters case- and accent-insensitively first, like the root collation', async () => {
  const words = ['b', 'A', 'a', 'B', 'é', 'e', 'z', 'Z', '1', '10', '2', 'résumé', 'resume', 'Resume', 'apple', 'Apple', ' x'];
  const [got] = await values(`${out(`[${JSON.stringify(words)}.sort((x, y) => x.localeCompare(y)), 'a'.localeCompare('B'), 'B'.localeCompare('a'), 'a'.localeCompare('a'), 'a'.localeCompare('A'), 'e'.localeCompare('é')]`)}`);
  assert.deepEqual(got[0], [...words].sort((x, y) => x.localeCompare(y, 'en')));
  assert.deepEqual(got.slice(1), [-1, 1, 0, -1, -1]);
});

test('the new interfaces are non-enumerable globals, the operations and attributes enumerable; none exposes a host object', async () => {
  const [got] = await values(`
    const names = ['DOMException', 'Event', 'CustomEvent', 'EventTarget', 'AbortController', 'AbortSignal', 'crypto', 'Crypto', 'SubtleCrypto', 'navigator', 'reportError', 'URL', 'URLSearchParams', 'setTimeout', 'queueMicrotask'];
    const enumerable = names.filter((n) => Object.getOwnPropertyDescriptor(globalThis, n).enumerable);
    const ctor = crypto.getRandomValues.constructor;
    let escaped = 'no';
    try { escaped = ctor('return typeof process.binding + typeof require')(); } catch (e) { escaped = e.name; }
    ${out('[enumerable, typeof host, typeof require, escaped]')}
  `);
  assert.deepEqual(got, [['crypto', 'navigator', 'reportError', 'setTimeout', 'queueMicrotask'], 'undefined', 'undefined', 'undefinedundefined']);
});

test('replacing built-ins after start does not change how the web APIs behave', async () => {
  const [got] = await values(`
    const boom = () => { throw new Error('tampered built-in was used'); };
    Array.prototype.push = boom; Array.prototype.slice = boom; Array.prototype.splice = boom;
    WeakMap.prototype.get = boom; WeakMap.prototype.set = boom; WeakMap.prototype.has = boom;
    Function.prototype.call = boom; Reflect.apply = boom; String.prototype.toLowerCase = boom; Uint8Array.prototype.set = boom;
    const t = new EventTarget(); let seen = 0;
    t.addEventListener('x', () => { seen++; }, { once: true });
    t.dispatchEvent(new Event('x')); t.dispatchEvent(new Event('x'));
    const c = new AbortController(); c.abort();
    const bytes = crypto.getRandomValues(new Uint8Array(8)).length;
    const digest = new Uint8Array(await crypto.subtle.digest('sha-1', new Uint8Array(0)))[0];
    ${out("[seen, c.signal.reason.name, bytes, digest, 'a'.localeCompare('B'), crypto.randomUUID().length]")}
  `);
  assert.deepEqual(got, [1, 'AbortError', 8, 0xda, -1, 36]);
});

test('localeCompare takes the numeric and sensitivity options as Intl.Collator does', async () => {
  const words = ['item10', 'item2', 'Item1', 'item1', 'résumé', 'resume', 'Resume', 'a', 'A', 'á', 'x02', 'x2'];
  const pairs = [['a', 'A'], ['a', 'á'], ['A', 'á'], ['x2', 'x10'], ['x02', 'x2'], ['b', 'a']];
  const options = [{ numeric: true }, { sensitivity: 'base' }, { sensitivity: 'accent' }, { sensitivity: 'case' }, { sensitivity: 'variant', numeric: true }];
  const [sorted, compared, bad] = await values(`
    const options = ${JSON.stringify(options)};
    ${out(`options.map((o) => ${JSON.stringify(words)}.sort((x, y) => x.localeCompare(y, undefined, o)))`)}
    ${out(`options.map((o) => ${JSON.stringify(pairs)}.map(([x, y]) => x.localeCompare(y, 'en', o)))`)}
    let bad; try { 'a'.localeCompare('b', undefined, { sensitivity: 'loud' }); } catch (e) { bad = e.name; }
    ${out('bad')}
  `);
  assert.deepEqual(sorted, options.map((o) => [...words].sort((x, y) => x.localeCompare(y, 'en', o))));
  assert.deepEqual(compared, options.map((o) => pairs.map(([x, y]) => Math.sign(x.localeCompare(y, 'en', o)))));
  assert.equal(bad, 'RangeError');
});

test('Blob and File hold bytes from strings, buffers, views and blobs; slice, text, arrayBuffer, bytes as Node does', async () => {
  const fixture = new URL('../../fixtures/web/blob-file.mjs', import.meta.url);
  const [got] = await values(readFileSync(fixture, 'utf8'));
  const expected = JSON.parse(execFileSync(process.execPath, [fileURLToPath(fixture)], { encoding: 'utf8' }));
  assert.deepEqual(got, expected);
  assert.equal(got[2], 'héllo world');
});

test('AbortSignal.any of an AbortSignal.any aborts with the source, events in order', async () => {
  const [got] = await values(`
    const c = new AbortController(); const a = AbortSignal.any([c.signal]); const b = AbortSignal.any([a]); const log = [];
    c.signal.onabort = () => log.push('c:' + a.aborted + b.aborted);
    a.onabort = () => log.push('a'); b.onabort = () => log.push('b:' + b.reason);
    c.abort('r');
    ${out('[log, a.aborted, b.aborted]')}
  `);
  assert.deepEqual(got, [['c:truetrue', 'a', 'b:r'], true, true]);
});
