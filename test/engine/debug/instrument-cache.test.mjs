// Instrumented package bundles in the disk cache (src/engine/debug/instrumentCache.ts): a second debug session
// runs the instrumentation the first one stored and still stops in the package file; an entry that is corrupt
// (checksum, truncated) or stale (the package changed, another build of the instrumenter) is rebuilt, never trusted.
// Sessions run the real Sandbox over the leak-checking engine build (dist/engine.js).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createRequire } from 'node:module';
import { Sandbox, setKeepWarm } from '../../../dist/engine.js';
import { loadBundle } from '../../support/bundle.mjs';
import { writePackage, rewriteCacheEntry } from '../helpers.mjs';

// The leak-checking build loads its wasm source map from beside the bundle; the build copies only the wasm.
const distMap = new URL('../../../dist/worker-lib/emscripten-module.wasm.map', import.meta.url).pathname;
if (!fs.existsSync(distMap)) {
  const pkg = createRequire(import.meta.url).resolve('@jitl/quickjs-wasmfile-debug-sync/package.json');
  fs.copyFileSync(path.join(pkg, '..', 'dist/emscripten-module.wasm.map'), distMap);
}

setKeepWarm(false);
let dir, cacheDir, pkgFile, main;
const PKG = ['exports.greet = function (name) {', "  const text = 'hello ' + name;", '  return text;', '};', ''].join('\n');
before(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qjs-instrument-cache-'));
  cacheDir = path.join(dir, 'cache');
  pkgFile = writePackage(dir, 'dbg-pkg', PKG);
  main = path.join(dir, 'main.mjs');
  fs.writeFileSync(main, "import { greet } from 'dbg-pkg';\nconsole.log(greet('a'));\n");
});
after(() => fs.rmSync(dir, { recursive: true, force: true }));

/** A debug session in a fresh sandbox with a breakpoint on line 2 of the package file: its output and where it stopped. */
async function session() {
  const sb = await Sandbox.create({ debug: true, leakCheck: true, memoryLimitBytes: 0, cwd: dir, cacheDir });
  const logs = [];
  const stops = [];
  try {
    sb.onEvent(async (e) => {
      if (e.type === 'console') logs.push(e.text);
      if (e.type !== 'stopped') return;
      const { frames } = await sb.debug.stackTrace();
      stops.push(`${frames[0].file}:${frames[0].line}`);
      await sb.debug.continue();
    });
    const [bp] = await sb.debug.setBreakpoints(pkgFile, [{ line: 2 }]);
    const o = await sb.run({ kind: 'file', path: main });
    assert.equal(o.status, 'completed', o.message);
    return { logs, stops, verified: bp.verified };
  } finally {
    await sb.dispose();
  }
}

/** The cache entries holding an instrumentation (their payload has the instrumenter's statements). */
const instrumentEntries = () =>
  fs
    .readdirSync(cacheDir)
    .filter((f) => f.endsWith('.json'))
    .map((f) => path.join(cacheDir, f))
    .filter((f) => fs.readFileSync(f, 'utf8').includes('"statements"'));
const rewrite = rewriteCacheEntry;
const expected = (word) => ({ logs: [`${word} a`], stops: [`${pkgFile}:2`], verified: true });

test('a second debug session runs the instrumentation the first one cached, and stops in the package file', async () => {
  assert.deepEqual(await session(), expected('hello'));
  const [entry] = instrumentEntries();
  assert.ok(entry, 'the instrumented bundle is cached');
  // Proof that the cached instrumentation is what runs: a well-formed entry with other code is used as it is.
  rewrite(entry, (p) => p.replaceAll('hello ', 'HELLO '));
  assert.deepEqual(await session(), expected('HELLO'));
});

test('an entry whose checksum does not match is rebuilt', async () => {
  const [entry] = instrumentEntries();
  rewrite(entry, (p) => p.replaceAll('HELLO ', 'BROKEN '), { fixChecksum: false });
  assert.deepEqual(await session(), expected('hello'));
  assert.doesNotMatch(fs.readFileSync(instrumentEntries()[0], 'utf8'), /BROKEN/, 'the rebuilt entry replaced the bad one');
});

test('a truncated entry is rebuilt', async () => {
  const [entry] = instrumentEntries();
  fs.writeFileSync(entry, fs.readFileSync(entry, 'utf8').slice(0, 200));
  assert.deepEqual(await session(), expected('hello'));
  assert.equal(instrumentEntries().length, 1);
});

test('a changed package file is instrumented again: the breakpoint stops in the new code', async () => {
  fs.writeFileSync(pkgFile, PKG.replace("'hello '", "'bye '"));
  const t = new Date(Date.now() + 5000);
  fs.utimesSync(pkgFile, t, t);
  assert.deepEqual(await session(), expected('bye'));
  assert.deepEqual(await session(), expected('bye'));
});

test('an entry is keyed by the instrumenter build and the options: another build or option misses', async () => {
  const { instrumentCache, bundleCache } = await loadBundle({
    instrumentCache: 'src/engine/debug/instrumentCache.ts',
    bundleCache: 'src/engine/runtime/bundleCache.ts',
  });
  const cache = new bundleCache.BundleCache(path.join(dir, 'unit-cache'));
  const options = { filename: 'npm-out:1/e0.js', fileId: 1, sourceType: 'module' };
  let tabled = 0;
  const table = (r) => {
    tabled++;
    return { pos: r.statements.map((s) => ({ file: pkgFile, line: s.line, column: s.column, endLine: s.endLine })), byLine: new Map() };
  };
  const use = (build, opts = options) => instrumentCache.cachedInstrument(cache, PKG, opts, [pkgFile], table, build);
  const first = use('build A');
  const again = use('build A');
  assert.equal(tabled, 1, 'the second use is a hit');
  assert.equal(again.result.code, first.result.code);
  assert.deepEqual(again.table.pos, first.table.pos);
  assert.deepEqual([...again.table.byLine], [[1, [0]], [2, [1]], [3, [2]]]);
  assert.deepEqual(again.result.mapper.mapPosition(2, 40), first.result.mapper.mapPosition(2, 40));
  use('build B');
  assert.equal(tabled, 2, 'another build of the instrumenter instruments again');
  use('build A', { ...options, catchAll: true });
  assert.equal(tabled, 3, 'other options instrument again');
  use('build A', { ...options, fileId: 2 });
  assert.equal(tabled, 4, 'another file id instruments again');
});
