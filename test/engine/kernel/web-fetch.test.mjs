// Headers, Request, Response, FormData and fetch (kernel/web/fetch.entry.js, evaluated on first use) in the real
// engine. The fixture runs in Node too and both outputs must be equal; fetch goes to a local server the test grants.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as http from 'node:http';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { run } from '../helpers.mjs';

let server, origin;
const received = [];
before(async () => {
  server = http.createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      received.push({ method: req.method, url: req.url, type: req.headers['content-type'], custom: req.headers['x-custom'], body });
      if (req.url === '/headers') {
        res.setHeader('set-cookie', ['a=1', 'b=2']);
        res.setHeader('x-multi', 'one');
        res.end('ok');
      } else if (req.url === '/empty') {
        res.writeHead(204);
        res.end();
      } else {
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify({ method: req.method, type: req.headers['content-type'] ?? null, body: body.toString('latin1') }));
      }
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${server.address().port}`;
});
after(() => server.close());

/** Runs a module in a fresh sandbox; returns its console lines parsed as JSON. */
async function values(source, options = {}) {
  const r = await run({ kind: 'source', source, type: 'module' }, { leakCheck: true, ...options });
  assert.equal(r.outcome.status, "completed", JSON.stringify([r.outcome.message, r.errors]));
  assert.equal(r.leak, undefined, 'no QuickJS handle leaked');
  return r.logs.map((line) => JSON.parse(line));
}
const out = (expr) => `console.log(JSON.stringify(${expr}));`;
/** URL (which Request uses to parse) takes seconds to evaluate in the leak-checking debug build. */
const release = { leakCheck: false };

test('Headers, Request, Response and FormData behave as in Node', async () => {
  const fixture = new URL('../../fixtures/web/fetch-classes.mjs', import.meta.url);
  const got = await values(readFileSync(fixture, 'utf8'), release);
  const expected = execFileSync(process.execPath, ['--no-warnings', fileURLToPath(fixture)], { encoding: 'utf8' }).trim().split('\n').map((l) => JSON.parse(l));
  assert.equal(got.length, 7);
  assert.deepEqual(got, expected);
});

test('fetch takes a Request, and a Blob, FormData, URLSearchParams, bytes or stream body with its Content-Type', async () => {
  received.length = 0;
  const got = await values(`
    const origin = '${origin}';
    const send = async (init, input = origin + '/echo') => { const r = await fetch(input, init); return [r.status, r.type, r.url, await r.json()]; };
    ${out("await send({ method: 'PUT', body: new Blob(['blob body'], { type: 'text/x-blob' }) })")}
    ${out("await send({ method: 'POST', body: new URLSearchParams({ q: 'a b' }) })")}
    ${out("await send({ method: 'POST', body: new Uint8Array([0, 255]) })")}
    ${out("await send(undefined, new Request(origin + '/echo', { method: 'POST', body: 'from a request', headers: { 'x-custom': 'yes' } }))")}
    ${out("await send({ method: 'POST', duplex: 'half', body: new ReadableStream({ start(c) { c.enqueue(new TextEncoder().encode('stre')); c.enqueue(new TextEncoder().encode('amed')); c.close(); } }) })")}
    const form = new FormData(); form.append('field', 'value'); form.append('upload', new File(['file text'], 'f.txt', { type: 'text/plain' }));
    const r = await fetch('${origin}/echo', { method: 'POST', body: form });
    ${out('(await r.json()).type.startsWith("multipart/form-data; boundary=")')}
  `, { ...release, permissions: { net: [origin] } });
  assert.deepEqual(got.slice(0, 5).map((g) => g.slice(0, 2)), Array(5).fill([200, 'basic']));
  assert.equal(got[0][2], `${origin}/echo`);
  assert.deepEqual(got.slice(0, 5).map((g) => g[3]), [
    { method: 'PUT', type: 'text/x-blob', body: 'blob body' },
    { method: 'POST', type: 'application/x-www-form-urlencoded;charset=UTF-8', body: 'q=a+b' },
    { method: 'POST', type: null, body: '\u0000\u00ff' },
    { method: 'POST', type: 'text/plain;charset=UTF-8', body: 'from a request' },
    { method: 'POST', type: null, body: 'streamed' },
  ]);
  assert.equal(received[3].custom, 'yes');
  assert.equal(got[5], true);
  // The server (Node) parses what the sandbox's FormData wrote.
  const multipart = received[5];
  const parsed = await new Response(multipart.body, { headers: { 'content-type': multipart.type } }).formData();
  assert.equal(parsed.get('field'), 'value');
  assert.equal(parsed.get('upload').name, 'f.txt');
  assert.equal(await parsed.get('upload').text(), 'file text');
});

test('a fetched response: immutable headers, set-cookie apart, body as a stream, null body for 204 and HEAD', async () => {
  const [headers, streamed, empty] = await values(`
    const r = await fetch('${origin}/headers');
    let immutable; try { r.headers.set('a', 'b'); } catch (e) { immutable = e.name; }
    ${out("[r.headers.getSetCookie(), r.headers.get('x-multi'), immutable, r.bodyUsed]")}
    const chunks = []; for await (const c of r.body) chunks.push(...c);
    ${out('[String.fromCharCode(...chunks), r.bodyUsed]')}
    const e = await fetch('${origin}/empty'); const h = await fetch('${origin}/echo', { method: 'HEAD' });
    ${out('[e.status, e.body, h.body, await h.text()]')}
  `, { ...release, permissions: { net: [origin] } });
  assert.deepEqual(headers, [['a=1', 'b=2'], 'one', 'TypeError', false]);
  assert.deepEqual(streamed, ['ok', true]);
  assert.deepEqual(empty, [204, null, null, '']);
});

test('fetch rejects with the signal of its Request, and with a TypeError for a bad request, before asking the host', async () => {
  received.length = 0;
  const [got] = await values(`
    const c = new AbortController(); c.abort('early');
    const names = [];
    for (const p of [fetch(new Request('${origin}/x', { signal: c.signal })), fetch('relative/url'), fetch('${origin}/x', { method: 'GET', body: 'b' })]) {
      names.push(await p.then(() => 'resolved', (e) => (typeof e === 'string' ? e : e.name)));
    }
    ${out('names')}
  `, { ...release, permissions: { net: [origin] } });
  assert.deepEqual(got, ['early', 'TypeError', 'TypeError']);
  assert.equal(received.length, 0);
});

test('the fetch classes are loaded on first touch, are non-enumerable and brand-checked', async () => {
  const [before, after] = await values(`
    const names = ['Headers', 'Request', 'Response', 'FormData', 'fetch'];
    ${out("names.map((n) => typeof Object.getOwnPropertyDescriptor(globalThis, n).get)")}
    const tags = [new Headers(), new FormData(), new Response()].map((x) => Object.prototype.toString.call(x));
    let brand; try { Object.getOwnPropertyDescriptor(Response.prototype, 'status').get.call({}); } catch (e) { brand = e.name; }
    ${out("[names.map((n) => typeof Object.getOwnPropertyDescriptor(globalThis, n).value), Object.keys(globalThis).filter((k) => names.includes(k)), tags, brand, Object.keys(Headers.prototype).includes('append')]")}
  `);
  assert.deepEqual(before, Array(5).fill('function'));
  // fetch is an operation of the global, enumerable; the classes are not (WebIDL).
  assert.deepEqual(after, [Array(5).fill('function'), ['fetch'], ['[object Headers]', '[object FormData]', '[object Response]'], 'TypeError', true]);
});
