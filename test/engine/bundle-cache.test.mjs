// The disk cache of package bundles (cacheDir): a second sandbox uses what the first built, and an entry that is
// stale (a package file or the script changed) or corrupt (does not parse, checksum wrong) is rebuilt, never trusted.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { execFileSync } from 'node:child_process';
import { run, repoRoot, writePackage, rewriteCacheEntry } from './helpers.mjs';

let dir, cacheDir, pkgFile, main;
before(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qjs-bundle-cache-'));
  cacheDir = path.join(dir, 'cache');
  pkgFile = writePackage(dir, 'cached-pkg', "exports.word = 'word1st';\n");
  writePackage(dir, 'other-pkg', "exports.word = 'other';\n");
  main = path.join(dir, 'main.mjs');
  fs.writeFileSync(main, "import { word } from 'cached-pkg';\nconsole.log(word);\n");
});
after(() => fs.rmSync(dir, { recursive: true, force: true }));

const runMain = async () => {
  const r = await run({ kind: 'file', path: main }, { cwd: dir, cacheDir });
  assert.equal(r.outcome.status, 'completed', JSON.stringify(r.errors.map((e) => e.error.message)));
  return r.logs;
};
const entries = () => fs.readdirSync(cacheDir).filter((f) => f.endsWith('.json')).map((f) => path.join(cacheDir, f));
/** The cache entry holding a build (the one whose payload has output files). */
const buildEntry = () => entries().find((f) => fs.readFileSync(f, 'utf8').includes('"outputFiles"'));
const rewrite = rewriteCacheEntry;
/** Changes a file's content and pushes its modification time forward, as an edit or an npm install does. */
function touchWith(file, text) {
  fs.writeFileSync(file, text);
  const t = new Date(Date.now() + 5000);
  fs.utimesSync(file, t, t);
}

test('a second sandbox runs the bundle the first one cached', async () => {
  assert.deepEqual(await runMain(), ['word1st']);
  assert.ok(entries().length >= 2, 'the scan and the build are cached');
  // Proof that the cached bundle is what runs: a well-formed entry with other text is used as it is.
  rewrite(buildEntry(), (p) => p.replaceAll('word1st', 'FROM-CACHE'));
  assert.deepEqual(await runMain(), ['FROM-CACHE']);
});

test('an entry whose checksum does not match is rebuilt', async () => {
  rewrite(buildEntry(), (p) => p.replaceAll('FROM-CACHE', 'tampered!!'), { fixChecksum: false });
  assert.deepEqual(await runMain(), ['word1st']);
  assert.doesNotMatch(fs.readFileSync(buildEntry(), 'utf8'), /tampered/, 'the rebuilt entry replaced the bad one');
});

test('an entry that does not parse (a truncated write) is rebuilt', async () => {
  for (const f of entries()) fs.writeFileSync(f, fs.readFileSync(f, 'utf8').slice(0, 50));
  assert.deepEqual(await runMain(), ['word1st']);
  for (const f of entries()) JSON.parse(fs.readFileSync(f, 'utf8').split('\n')[1]);
});

test('a changed package file makes its bundle stale: the new code runs', async () => {
  touchWith(pkgFile, "exports.word = 'second';\n");
  assert.deepEqual(await runMain(), ['second']);
  assert.deepEqual(await runMain(), ['second']);
});

test('a changed script is scanned again: a package it now imports is bundled', async () => {
  touchWith(main, "import { word } from 'other-pkg';\nconsole.log(word);\n");
  assert.deepEqual(await runMain(), ['other']);
});

test('the CLI keeps its cache under $XDG_CACHE_HOME/quickjs-sandbox, and --cache-dir none keeps none', () => {
  const xdg = path.join(dir, 'xdg');
  const cli = (...args) => execFileSync(process.execPath, [path.join(repoRoot, 'dist/cli.js'), 'run', main, ...args], { cwd: dir, encoding: 'utf8', env: { ...process.env, XDG_CACHE_HOME: xdg } }).trim();
  assert.equal(cli('--cache-dir', 'none'), 'other');
  assert.equal(fs.existsSync(xdg), false);
  assert.equal(cli(), 'other');
  assert.ok(fs.readdirSync(path.join(xdg, 'quickjs-sandbox')).length >= 2);
});

test('entries unused for 30 days are deleted when the cache is next written', async () => {
  const old = path.join(cacheDir, 'f'.repeat(40) + '.json');
  fs.writeFileSync(old, '{}\n{}');
  const longAgo = new Date(Date.now() - 40 * 24 * 3600 * 1000);
  fs.utimesSync(old, longAgo, longAgo);
  touchWith(main, "import { word } from 'cached-pkg';\nimport { word as w2 } from 'other-pkg';\nconsole.log(word, w2);\n");
  assert.deepEqual(await runMain(), ['second other']);
  assert.equal(fs.existsSync(old), false);
});
