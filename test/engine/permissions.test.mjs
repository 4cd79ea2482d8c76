// Permissions: files, network and environment are denied unless granted, every denial names the grant,
// and grants cannot be escaped with `..`, symlinks or redirects.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as http from 'node:http';
import { run } from './helpers.mjs';

let tmp, allowed, servers = [], granted, other;

// Set before the first sandbox: engine workers copy the environment when they start, and one is pre-warmed.
process.env.QJS_TEST_GRANTED = 'visible value';
process.env.QJS_TEST_HIDDEN = 'hidden value';

/** Starts an HTTP server on 127.0.0.1 and returns its origin. */
function listen(handler) {
  return new Promise((resolve) => {
    const server = http.createServer(handler);
    servers.push(server);
    server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${server.address().port}`));
  });
}

before(async () => {
  tmp = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'qjs-perm-')));
  allowed = path.join(tmp, 'allowed');
  fs.mkdirSync(path.join(allowed, 'sub'), { recursive: true });
  fs.writeFileSync(path.join(allowed, 'sub', 'data.txt'), 'granted text ✓');
  fs.writeFileSync(path.join(allowed, 'bytes.bin'), Buffer.from([0, 1, 2, 255]));
  fs.writeFileSync(path.join(tmp, 'secret.txt'), 'top secret');
  fs.symlinkSync(path.join(tmp, 'secret.txt'), path.join(allowed, 'link-out.txt'));
  fs.symlinkSync(path.join(allowed, 'sub', 'data.txt'), path.join(allowed, 'link-in.txt'));
  other = await listen((req, res) => res.end('other origin reached'));
  granted = await listen((req, res) => {
    if (req.url === '/redirect-away') {
      res.writeHead(302, { location: `${other}/x` });
      res.end();
    } else if (req.url === '/redirect-home') {
      res.writeHead(301, { location: '/json' });
      res.end();
    } else if (req.url === '/json') {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ ok: true, method: req.method }));
    } else {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => res.end(`${req.method} ${req.url} ${req.headers['x-test'] ?? ''} ${body}`));
    }
  });
});

after(() => {
  for (const s of servers) s.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

/** Runs `source` and returns its console lines; the script reports outcomes itself with `report`. */
async function lines(source, permissions = {}, extra = {}) {
  const prelude = 'const report = (p) => p.then((v) => console.log("ok", v), (e) => console.log("denied", e.name, e.message));\n';
  const r = await run({ kind: 'source', source: prelude + source, type: 'module' }, { cwd: tmp, permissions, ...extra });
  assert.equal(r.outcome.status, 'completed', JSON.stringify(r.errors));
  return r.logs;
}

test('sandbox.readFile without a grant rejects, naming --allow-read', async () => {
  const [line] = await lines(`await report(sandbox.readFile(${JSON.stringify(path.join(allowed, 'sub/data.txt'))}));`);
  assert.match(line, /^denied PermissionDenied reading ".*data\.txt" is not allowed: grant it with --allow-read /);
  assert.doesNotMatch(line, /granted text/);
});

test('sandbox.readFile with a grant reads text and bytes, relative to cwd too', async () => {
  const out = await lines(`
    await report(sandbox.readFile(${JSON.stringify(path.join(allowed, 'sub/data.txt'))}));
    await report(sandbox.readFile('allowed/sub/data.txt'));
    await report(sandbox.readFile('allowed/bytes.bin', 'bytes').then((b) => Array.from(new Uint8Array(b)).join(',')));
    await report(sandbox.readFile('allowed/link-in.txt'));
    await report(sandbox.readFile('allowed/missing.txt'));
  `, { read: [allowed] });
  assert.deepEqual(out.slice(0, 4), ['ok granted text ✓', 'ok granted text ✓', 'ok 0,1,2,255', 'ok granted text ✓']);
  assert.match(out[4], /^denied Error ENOENT/);
});

test('`..` traversal out of a granted folder is denied', async () => {
  const out = await lines(`
    await report(sandbox.readFile('allowed/../secret.txt'));
    await report(sandbox.readFile(${JSON.stringify(allowed + '/sub/../../secret.txt')}));
  `, { read: [allowed] });
  assert.equal(out.length, 2);
  for (const line of out) assert.match(line, /^denied PermissionDenied .*--allow-read/);
});

test('a symlink inside a granted folder that points outside it is denied', async () => {
  const [line] = await lines(`await report(sandbox.readFile('allowed/link-out.txt'));`, { read: [allowed] });
  assert.match(line, /^denied PermissionDenied reading "allowed\/link-out\.txt" is not allowed/);
});

test('a file outside the granted folder does not reveal whether it exists', async () => {
  const out = await lines(`
    await report(sandbox.readFile('secret.txt'));
    await report(sandbox.readFile('no-such-file.txt'));
  `, { read: [allowed] });
  assert.equal(out[0].replace('secret', 'X'), out[1].replace('no-such-file', 'X'));
});

test('fetch without a grant rejects, naming --allow-net and the origin', async () => {
  const [line] = await lines(`await report(fetch('${granted}/hello'));`);
  assert.equal(line, `denied PermissionDenied fetch to ${granted} is not allowed: grant it with --allow-net ${granted} (setting quickjs.permissions.netOrigins)`);
});

test('fetch with a grant reaches a local server: method, headers, body, status and JSON', async () => {
  const out = await lines(`
    await report(fetch('${granted}/echo', { method: 'post', headers: { 'X-Test': 'yes' }, body: 'payload' }).then((r) => r.text()));
    await report(fetch('${granted}/json').then(async (r) => [r.status, r.ok, r.headers.get('content-type'), (await r.json()).ok].join(' ')));
    await report(fetch('${granted}/redirect-home').then(async (r) => r.redirected + ' ' + (await r.json()).method));
  `, { net: [granted] });
  assert.deepEqual(out, ['ok POST /echo yes payload', 'ok 200 true application/json true', 'ok true GET']);
});

test('fetch sends a binary body byte for byte, as often as it is called', async () => {
  const out = await lines(`
    const bytes = new TextEncoder().encode('bin \u2713');
    for (let i = 0; i < 3; i++) await report(fetch('${granted}/echo', { method: 'PUT', body: bytes }).then((r) => r.text()));
  `, { net: [granted] });
  assert.deepEqual(out, ['ok PUT /echo  bin \u2713', 'ok PUT /echo  bin \u2713', 'ok PUT /echo  bin \u2713']);
});

test('a redirect to an origin that is not granted is denied', async () => {
  const [line] = await lines(`await report(fetch('${granted}/redirect-away').then((r) => r.text()));`, { net: [granted] });
  assert.equal(line, `denied PermissionDenied fetch to ${other} is not allowed: grant it with --allow-net ${other} (setting quickjs.permissions.netOrigins)`);
});

test('"*" grants every origin', async () => {
  const [line] = await lines(`await report(fetch('${other}/').then((r) => r.text()));`, { net: ['*'] });
  assert.equal(line, 'ok other origin reached');
});

test('sandbox.env exposes exactly the granted names; any other name throws naming --allow-env', async () => {
  {
    const out = await lines(`
      console.log(JSON.stringify(Object.keys(sandbox.env)), sandbox.env.QJS_TEST_GRANTED);
      try { console.log('read', sandbox.env.QJS_TEST_HIDDEN); } catch (e) { console.log('threw', e.name, e.message); }
      try { console.log('read', sandbox.env.HOME); } catch (e) { console.log('threw', e.message); }
      try { sandbox.env.QJS_TEST_GRANTED = 'x'; } catch (e) { console.log('write', e.message); }
    `, { env: ['QJS_TEST_GRANTED'] });
    assert.equal(out[0], '["QJS_TEST_GRANTED"] visible value');
    assert.match(out[1], /^threw PermissionDenied reading environment variable QJS_TEST_HIDDEN is not allowed: grant it with --allow-env QJS_TEST_HIDDEN/);
    assert.doesNotMatch(out.join('\n'), /hidden value/);
    assert.match(out[2], /--allow-env HOME/);
    assert.equal(out[3], 'write sandbox.env is read-only');
  }
});

test('a granted variable set after the engine started is visible', async () => {
  // Workers copy the environment when they start; granted values must come from the host at configure time.
  process.env.QJS_TEST_LATE = 'late value';
  const [line] = await lines('console.log(sandbox.env.QJS_TEST_LATE);', { env: ['QJS_TEST_LATE'] });
  assert.equal(line, 'late value');
});

test('with nothing granted, sandbox.env is empty', async () => {
  const [line] = await lines('console.log(Object.keys(sandbox.env).length);');
  assert.equal(line, '0');
});
