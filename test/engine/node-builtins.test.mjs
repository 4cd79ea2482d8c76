// Node's built-in modules in the sandbox: those with a pure-JavaScript implementation on npm (bundled at build time
// into dist/node-builtins/) print what Node prints, imported by user code with and without `node:` and required by
// CommonJS packages; one copy of each serves every importer. Machine built-ins fail naming the permission model.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { execFileSync } from 'node:child_process';
import { run } from './helpers.mjs';

let dir;
/** Writes node_modules/<name> as a CommonJS package whose index.js is `lines`. */
function writePackage(name, lines) {
  const pkg = path.join(dir, 'node_modules', name);
  fs.mkdirSync(pkg, { recursive: true });
  fs.writeFileSync(path.join(pkg, 'package.json'), JSON.stringify({ name, version: '1.0.0', main: 'index.js' }));
  fs.writeFileSync(path.join(pkg, 'index.js'), lines.join('\n'));
}
before(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qjs-builtins-'));
  // A CommonJS package written the way pre-ESM npm packages use Node's modules.
  writePackage('old-style', [
    "const EventEmitter = require('events');",
    "const util = require('util');",
    "const { Buffer } = require('buffer');",
    "const path = require('node:path');",
    'function Bus() { EventEmitter.call(this); }',
    'util.inherits(Bus, EventEmitter);',
    "Bus.prototype.send = function (s) { this.emit('data', Buffer.from(s).toString('hex'), path.basename('/x/' + s + '.txt')); };",
    'module.exports = Bus;',
  ]);
  // A package written for Node that uses its globals without importing them.
  writePackage('node-globals', [
    "exports.encode = (s) => Buffer.from(s, 'utf8').toString('base64');",
    'exports.later = (f) => process.nextTick(f);',
    'exports.isGlobal = () => global === globalThis && Buffer.isBuffer(Buffer.alloc(1));',
    // winston's console transport calls setImmediate, a Node global.
    'exports.soon = (f) => { const t = setImmediate(f, "immediate"); return typeof t; };',
    'exports.cancelled = (f) => clearImmediate(setImmediate(f));',
  ]);
});
after(() => fs.rmSync(dir, { recursive: true, force: true }));

/** Runs `source` as `<name>.mjs` in Node and in the sandbox; both must print the same lines. */
async function sameAsNode(name, source) {
  const file = path.join(dir, `${name}.mjs`);
  fs.writeFileSync(file, source);
  const node = execFileSync(process.execPath, [file], { cwd: dir, encoding: 'utf8' }).trimEnd().split('\n');
  const r = await run({ kind: 'file', path: file }, { cwd: dir });
  assert.equal(r.outcome.status, 'completed', JSON.stringify(r.errors.map((e) => e.error.message)));
  assert.deepEqual(r.logs, node);
  return r.logs;
}

const scripts = {
  buffer: [
    "import { Buffer } from 'node:buffer';",
    "const b = Buffer.from('héllo wörld');",
    "console.log(b.toString('base64'), b.toString('hex'), b.length, Buffer.concat([b, Buffer.from([1, 2])]).readUInt16BE(12));",
    "console.log(Buffer.isBuffer(b), b.subarray(1, 3).toString('latin1').length, Buffer.alloc(3, 'ab').toString(), Buffer.byteLength('€'));",
    "import { atob as a2, btoa as b2, Blob as B } from 'node:buffer';",
    "console.log(a2 === atob, b2 === btoa, B === Blob);",
  ],
  events: [
    "import EventEmitter, { once } from 'events';",
    'const e = new EventEmitter();',
    "e.on('x', (a) => console.log('x', a)); e.once('x', () => console.log('once'));",
    "e.emit('x', 1); e.emit('x', 2);",
    "setTimeout(() => e.emit('later', 'v'), 1);",
    "const [v] = await once(e, 'later'); console.log(v, e.listenerCount('x'), EventEmitter.defaultMaxListeners);",
  ],
  path: [
    "import path from 'path';",
    "import { posix } from 'node:path';",
    "console.log(path.join('/a/b', '../c', 'd.js'), path.extname('x.tar.gz'), path.relative('/a/b/c', '/a/d'));",
    "console.log(JSON.stringify(path.parse('/home/u/file.txt')), path.normalize('a//b/../c/'), posix === path.posix, path.sep);",
  ],
  util: [
    "import util, { format, promisify } from 'node:util';",
    "console.log(format('%s=%d %j %%', 'n', 42, { a: 1 }), util.inspect({ a: [1, { b: 2 }], s: 'x' }));",
    "const wait = promisify((ms, cb) => setTimeout(() => cb(null, ms * 2), ms));",
    "console.log(await wait(1), util.types.isDate(new Date()), util.isDeepStrictEqual({ a: [1] }, { a: [1] }), util.isDeepStrictEqual([1], ['1']));",
    "import { TextEncoder as TE, stripVTControlCharacters, toUSVString, debug, debuglog } from 'util';",
    "console.log(TE === TextEncoder, util.TextDecoder === TextDecoder, stripVTControlCharacters('\\u001b[1mbold\\u001b[22m'), toUSVString('a\\ud800b'), debug === debuglog);",
  ],
  url: [
    "import url from 'url';",
    "console.log(JSON.stringify(url.parse('http://u:p@host:8080/p/a?x=1#h')));",
    "console.log(url.format({ protocol: 'https', host: 'example.com', pathname: '/x', query: { a: 1 } }), url.resolve('http://a/b/c', '../d'));",
    "import { URL as U, URLSearchParams as P, fileURLToPath, pathToFileURL } from 'node:url';",
    "console.log(U === URL, P === URLSearchParams, fileURLToPath('file:///tmp/a%20b/c.txt'), pathToFileURL('/tmp/x y/%z#?.txt').href, pathToFileURL('/d/').href);",
    "for (const bad of ['http://x/y', 'file://host/x', 'file:///a%2Fb']) { try { fileURLToPath(bad); } catch (e) { console.log(e.name); } }",
  ],
  querystring: [
    "import qs from 'node:querystring';",
    "console.log(qs.stringify({ a: [1, 2], b: 'c d', e: '' }), JSON.stringify(qs.parse('a=1&a=2&b=x%20y')));",
    "const parsed = qs.parse('toString=1&x=2'); console.log(Object.getPrototypeOf(parsed), parsed.toString, qs.decode === qs.parse);",
  ],
  string_decoder: [
    "import { StringDecoder } from 'string_decoder';",
    "import { Buffer } from 'buffer';",
    "const d = new StringDecoder('utf8');",
    "console.log(d.write(Buffer.from([0xe2, 0x82])) + '|' + d.write(Buffer.from([0xac])) + '|' + d.end());",
    "const h = new StringDecoder('hex'); console.log(h.write(Buffer.from('hi')), h.end().length);",
  ],
  assert: [
    "import assert from 'assert';",
    "import strict from 'node:assert/strict';",
    "try { assert.deepStrictEqual({ a: 1 }, { a: 2 }); } catch (e) { console.log(e.name, e.code, e instanceof assert.AssertionError); }",
    "try { strict.equal(1, '1'); } catch (e) { console.log(e.code, e.operator); }",
    "assert.ok(true); assert.throws(() => { throw new TypeError('t'); }, TypeError); console.log('passed');",
  ],
  stream: [
    "import { Readable, Transform, Writable, pipeline } from 'stream';",
    "import EventEmitter from 'events';",
    "import { pipeline as pipe } from 'node:stream/promises';",
    "const up = () => new Transform({ transform(c, _, cb) { cb(null, String(c).toUpperCase()); } });",
    "let out = '';",
    "const sink = new Writable({ write(c, _, cb) { out += c; cb(); } });",
    "pipeline(Readable.from(['a', 'b', 'c']), up(), sink, (err) => console.log('pipeline', err ?? 'ok', out));",
    "await new Promise((r) => sink.on('finish', r));",
    "const chunks = []; await pipe(Readable.from(['x', 'y']), up(), async function* (src) { for await (const c of src) chunks.push(String(c)); });",
    "console.log(chunks.join(), new Readable() instanceof EventEmitter);",
  ],
  'timers-promises-stream-web-consumers': [
    "import { setTimeout as sleep, setImmediate as soon, setInterval as every, scheduler } from 'node:timers/promises';",
    "import { ReadableStream as RS, TextDecoderStream as TDS } from 'node:stream/web';",
    "import { text, json, buffer, arrayBuffer } from 'node:stream/consumers';",
    "import { Readable } from 'node:stream';",
    "console.log(await sleep(5, 'slept'), await soon('soon'), RS === ReadableStream, TDS === TextDecoderStream);",
    "let n = 0; for await (const v of every(2, 'tick')) { if (++n === 3) { console.log(v, n); break; } }",
    "const ac = new AbortController(); const p = sleep(1000, 'x', { signal: ac.signal }); ac.abort(); try { await p; } catch (e) { console.log(e.name, e.code); }",
    'await scheduler.wait(1);',
    "console.log(await text(Readable.from(['a', 'b'])), await json(Readable.from(['{\"x\"', ':1}'])), (await buffer(Readable.from([new Uint8Array([1, 2])]))).length, (await arrayBuffer(Readable.from(['abc']))).byteLength);",
  ],
  'package-globals': [
    "import { encode, later, isGlobal, soon, cancelled } from 'node-globals';",
    "later(() => console.log('tick'));",
    "cancelled(() => console.log('never'));",
    "setTimeout(() => console.log('timeout'), 5);",
    "soon((v) => console.log(v));",
    "console.log(encode('héllo'), isGlobal());",
  ],
  'package-requires': [
    "import Bus from 'old-style';",
    "import { EventEmitter } from 'node:events';",
    'const bus = new Bus();',
    "bus.on('data', (hex, base) => console.log(hex, base, bus instanceof EventEmitter));",
    "bus.send('hi');",
  ],
};

for (const [name, lines] of Object.entries(scripts)) {
  test(`${name}: the sandbox prints what Node prints`, async () => {
    await sameAsNode(name, lines.join('\n') + '\n');
  });
}

test('a built-in imported as "x" and as "node:x" is one instance', async () => {
  const r = await run({ kind: 'source', source: "import a from 'events';\nimport b from 'node:events';\nimport * as s from 'stream';\nconsole.log(a === b, typeof s.Readable);", filename: path.join(dir, 'same.mjs'), type: 'module' }, { cwd: dir });
  assert.deepEqual(r.logs, ['true function'], JSON.stringify(r.errors));
});

test('a machine built-in fails naming the permission model and the way out, from user code and with node:', async () => {
  for (const spec of ['fs', 'node:child_process']) {
    const r = await run({ kind: 'source', source: `import x from '${spec}';\nconsole.log(x);`, filename: path.join(dir, 'machine.mjs'), type: 'module' }, { cwd: dir });
    assert.equal(r.outcome.exitCode, 1);
    const { message } = r.errors[0].error;
    assert.match(message, new RegExp(`"${spec}" is a Node\\.js module the sandbox does not have`));
    assert.match(message, /sandbox\.readFile \(--allow-read\)/);
    assert.match(message, /run the script with Node/);
  }
});

test('a package loads with machine built-ins it reads when it loads, and fails naming the member it uses', async () => {
  // fetch-blob destructures fs.promises when it loads, express maps http.METHODS, node-fetch needs path/win32's kin.
  writePackage('reads-machine', [
    "const { stat } = require('fs').promises;",
    "const win32 = require('path/win32');",
    "const { serialize } = require('node:v8'), http2 = require('http2'); // names with digits (execa, got)",
    "const http = require('node:http');",
    'class Agent extends http.Agent {}',
    'exports.loaded = typeof stat + typeof win32.join + typeof Agent + typeof serialize + typeof http2.connect;',
    'exports.methods = () => http.METHODS.map((m) => m.toLowerCase());',
  ]);
  const file = path.join(dir, 'reads-machine.mjs');
  fs.writeFileSync(file, "import { loaded, methods } from 'reads-machine';\nconsole.log(loaded);\nmethods();\n");
  const r = await run({ kind: 'file', path: file }, { cwd: dir });
  assert.equal(r.logs[0], 'function'.repeat(5));
  assert.match(r.logs[1], /^quickjs-sandbox: Node's "http" module is not in the sandbox \(http\.METHODS\.map was called\)/);
  assert.equal(r.outcome.exitCode, 1);
  assert.match(r.errors[0].error.message, /^package "reads-machine" needs the Node\.js module "http" \(http\.METHODS\.map at .*reads-machine[/\\]index\.js:7\)/);
});

test('the debug build finds no leaked handle after a run of built-ins', async () => {
  const r = await run({ kind: 'source', source: "import { Buffer } from 'buffer';\nimport { Readable } from 'stream';\nconsole.log(Buffer.from('a').length, typeof Readable);", filename: path.join(dir, 'leak.mjs'), type: 'module' }, { cwd: dir, leakCheck: true });
  assert.deepEqual(r.logs, ['1 function'], JSON.stringify(r.errors));
  assert.equal(r.leak, undefined);
});
