// Shared helpers of the engine's acceptance tests: run code in a real sandbox and collect what it emits.
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { guard } from '../support/timing.mjs';

export { guard };

const require = createRequire(import.meta.url);
/** The built engine bundle (run `node esbuild.mjs` first). */
export const engine = require('../../dist/engine.js');
export const { Sandbox } = engine;
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const fixtures = path.join(repoRoot, 'test/fixtures');

/**
 * How long `run` waits for Sandbox.create and for the run before it fails instead of hanging. Generous: the first
 * leak-checking sandbox of a process compiles its engine, which takes tens of seconds on a loaded machine.
 */
export const GUARD_MS = 120_000;

/**
 * Creates a sandbox, runs one request, disposes it, and returns every event, the outcome and the leak report.
 * `request` is a string (source text) or a RunRequest.
 */
export async function run(request, options = {}, { keep = false, guardMs = GUARD_MS } = {}) {
  // The leak-checking debug build runs several times slower than the release build, and more on a busy machine: a
  // test that is not about the timeout must not meet the default 10 s one (a test about it sets timeoutMs).
  if (options.leakCheck && options.timeoutMs === undefined) options = { ...options, timeoutMs: 100_000 };
  const sandbox = await guard(Sandbox.create(options), guardMs, 'Sandbox.create');
  const events = [];
  sandbox.onEvent((e) => events.push(e));
  const req = typeof request === 'string' ? { kind: 'source', source: request } : request;
  const outcome = await guard(sandbox.run(req), guardMs, 'run', () => sandbox.dispose());
  if (keep) return { sandbox, events, outcome, ...views(events) };
  const leak = await sandbox.dispose();
  return { events, outcome, leak, ...views(events) };
}

function views(events) {
  return {
    logs: events.filter((e) => e.type === 'console').map((e) => e.text),
    console: events.filter((e) => e.type === 'console'),
    results: events.filter((e) => e.type === 'result'),
    errors: events.filter((e) => e.type === 'error'),
    limits: events.filter((e) => e.type === 'limit'),
  };
}

/** Writes `<dir>/node_modules/<name>` as a CommonJS package whose index.js is `source`; returns that file's path. */
export function writePackage(dir, name, source) {
  const pkg = path.join(dir, 'node_modules', name);
  fs.mkdirSync(pkg, { recursive: true });
  fs.writeFileSync(path.join(pkg, 'package.json'), JSON.stringify({ name, version: '1.0.0', main: 'index.js' }));
  const index = path.join(pkg, 'index.js');
  fs.writeFileSync(index, source);
  return index;
}

/**
 * Rewrites a disk cache entry's payload (the lines after its JSON header) and, unless told not to, the header's
 * checksum: a well-formed entry with other content (runtime/bundleCache.ts's format).
 */
export function rewriteCacheEntry(file, edit, { fixChecksum = true } = {}) {
  const text = fs.readFileSync(file, 'utf8');
  const header = JSON.parse(text.slice(0, text.indexOf('\n')));
  const payload = edit(text.slice(text.indexOf('\n') + 1));
  if (fixChecksum) header.checksum = createHash('sha256').update(payload).digest('hex');
  fs.writeFileSync(file, `${JSON.stringify(header)}\n${payload}`);
}
