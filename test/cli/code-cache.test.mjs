// V8's code cache of the engine's bundle in the CLI's cache folder (src/engine/codeCache.ts): written by the first run,
// taken as it is by the next, and a corrupt or stale file is ignored and rewritten. Each run is a fresh process, as a
// user's would be, so the in-memory copy of one run never hides what the file did.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import { runCli } from './helpers.mjs';

let dir;
let hello;
before(() => {
  dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'qjs-code-cache-')));
  hello = path.join(dir, 'hello.js');
  fs.writeFileSync(hello, 'console.log("hello");\n');
});
after(() => fs.rmSync(dir, { recursive: true, force: true }));

/** The cache files of a cache folder, by name. */
const cacheFiles = (cacheDir) => {
  const v8 = path.join(cacheDir, 'v8');
  return fs.existsSync(v8) ? fs.readdirSync(v8).filter((f) => f.endsWith('.cache')).map((f) => path.join(v8, f)) : [];
};

/** A payload's checksum as the header names it: CRC-32 where Node has it, else SHA-256 (src/engine/hash.ts). */
const sumOf = (data) => (zlib.crc32 ? `crc32:${zlib.crc32(data).toString(16)}` : `sha256:${createHash('sha256').update(data).digest('hex')}`);

/** Whether a cache file is whole: its header's checksum matches its payload. */
const whole = (file) => {
  const bytes = fs.readFileSync(file);
  const newline = bytes.indexOf(10);
  const [magic, sum] = bytes.subarray(0, newline).toString('latin1').split(' ');
  return /^qjs-sandbox-v8-cache\/\d+$/.test(magic) && sum === sumOf(bytes.subarray(newline + 1));
};

async function runHello(cacheDir) {
  const r = await runCli(['run', hello, '--cache-dir', cacheDir]);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, 'hello\n');
  return r;
}

test('the first run writes the cache; the next takes it without writing it again', async () => {
  const cacheDir = path.join(dir, 'fresh');
  await runHello(cacheDir);
  const [file, ...others] = cacheFiles(cacheDir);
  assert.ok(file, 'a cache file after the first run');
  assert.deepEqual(others, []);
  assert.ok(whole(file), 'written whole');
  const before = fs.statSync(file).mtimeMs;
  const content = fs.readFileSync(file);
  await runHello(cacheDir);
  // V8 took the cache: the worker did not make a new one.
  assert.equal(fs.statSync(file).mtimeMs, before);
  assert.deepEqual(fs.readFileSync(file), content);
});

test('a corrupt file (its checksum fails) is ignored and rewritten', async () => {
  const cacheDir = path.join(dir, 'corrupt');
  await runHello(cacheDir);
  const [file] = cacheFiles(cacheDir);
  const good = fs.readFileSync(file);
  // One byte of the payload changed: the header's checksum no longer matches.
  const bad = Buffer.from(good);
  bad[bad.length - 100] ^= 0xff;
  fs.writeFileSync(file, bad);
  await runHello(cacheDir);
  assert.notDeepEqual(fs.readFileSync(file), bad);
  assert.ok(whole(file), 'rewritten whole');
  // Garbage from the first byte reads as no cache at all.
  fs.writeFileSync(file, 'not a cache');
  await runHello(cacheDir);
  assert.ok(whole(file), 'rewritten whole');
});

test('a whole file that V8 rejects (made for another build) is rewritten', async () => {
  const cacheDir = path.join(dir, 'stale');
  await runHello(cacheDir);
  const [file] = cacheFiles(cacheDir);
  const header = fs.readFileSync(file, 'latin1').split('\n', 1)[0];
  // A payload with a valid checksum that is no V8 cache of this bundle: V8's own check refuses it.
  const payload = Buffer.alloc(4096, 7);
  const stale = Buffer.concat([Buffer.from(`${header.split(' ')[0]} ${sumOf(payload)}\n`, 'latin1'), payload]);
  fs.writeFileSync(file, stale);
  await runHello(cacheDir);
  const now = fs.readFileSync(file);
  assert.notDeepEqual(now, stale);
  assert.ok(whole(file) && now.length > 100_000, `a real cache again (${now.length} bytes)`);
});

test('--cache-dir none writes no cache', async () => {
  const r = await runCli(['run', hello, '--cache-dir', 'none'], { env: { XDG_CACHE_HOME: path.join(dir, 'xdg') } });
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, 'hello\n');
  assert.equal(fs.existsSync(path.join(dir, 'xdg')), false);
});
