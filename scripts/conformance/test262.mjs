// test262 on disk: which tests to run (a deterministic sample), what each one declares in its frontmatter, and the
// two sources a run needs (the harness as a script, then the test itself). Knows nothing of sandboxes or modes.
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

/** Folders of the sample, relative to the test262 root. */
export const SUITES = ['test/built-ins', 'test/language'];

/**
 * Features whose tests are left out. First the ones QuickJS itself does not implement (its own test262 settings
 * skip them), then the ones that need a host hook the sandbox cannot give a script from inside its realm:
 * `$262.createRealm` (cross-realm), `$262.gc` (host-gc-required) and an `[[IsHTMLDDA]]` object.
 */
export const SKIPPED_FEATURES = new Set([
  'Array.fromAsync', 'Atomics.waitAsync', 'await-dictionary', 'arbitrary-module-namespace-names', 'canonical-tz',
  'decorators', 'explicit-resource-management', 'immutable-arraybuffer', 'import-bytes', 'import-defer', 'import-text',
  'joint-iteration', 'legacy-regexp', 'nonextensible-applies-to-private', 'ShadowRealm', 'source-phase-imports',
  'source-phase-imports-module-source', 'tail-call-optimization', 'Temporal',
  'cross-realm', 'host-gc-required', 'IsHTMLDDA',
]);

/** Whether a feature is left out (every `Intl` feature is: QuickJS has no Intl). */
export function skippedFeature(f) {
  return SKIPPED_FEATURES.has(f) || /^intl/i.test(f);
}

/**
 * The frontmatter between `/*---` and `---*\/`: only what a runner needs (includes, flags, features, negative).
 * test262 writes these keys in a small, regular subset of YAML: inline lists, block lists, one nested mapping.
 */
export function parseFrontmatter(text) {
  const m = /\/\*---([\s\S]*?)---\*\//.exec(text);
  const meta = { includes: [], flags: [], features: [], negative: undefined };
  if (!m) return meta;
  let key;
  for (const line of m[1].split(/\r?\n/)) {
    const top = /^([A-Za-z_]+):\s*(.*?)\s*$/.exec(line);
    if (top) {
      key = top[1];
      const value = top[2];
      if (key === 'negative') meta.negative = {};
      else if (key in meta && value.startsWith('[')) meta[key] = splitList(value.slice(1, value.lastIndexOf(']')));
      continue;
    }
    if (!key) continue;
    const item = /^\s+-\s*(.+?)\s*$/.exec(line);
    if (item && Array.isArray(meta[key])) {
      meta[key].push(unquote(item[1]));
      continue;
    }
    const pair = /^\s+([A-Za-z_]+):\s*(.+?)\s*$/.exec(line);
    if (pair && key === 'negative') meta.negative[pair[1]] = unquote(pair[2]);
  }
  return meta;
}

const unquote = (s) => s.replace(/^(['"])(.*)\1$/, '$2');
const splitList = (s) => s.split(',').map((x) => unquote(x.trim())).filter(Boolean);

/** Every test file under the suites, as sorted '/'-separated paths relative to the root (fixtures left out). */
export function listTests(root) {
  const out = [];
  const walk = (dir) => {
    for (const name of readdirSync(dir)) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (name.endsWith('.js') && !name.includes('_FIXTURE')) out.push(relative(root, p).split(sep).join('/'));
    }
  };
  for (const suite of SUITES) {
    const dir = join(root, suite);
    if (!existsSync(dir)) throw new Error(`${dir} does not exist: --test262 must name a test262 checkout (see scripts/conformance/README.md)`);
    walk(dir);
  }
  // A plain code-unit sort: the same on every platform and locale, so a stride picks the same tests everywhere.
  return out.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/**
 * The deterministic sample: tests whose path contains `filter`, whose features QuickJS runs and that need no second
 * agent, then every `stride`-th of those (the first, the stride-th, ...).
 */
export function sampleTests(root, { stride = 10, filter } = {}) {
  const tests = [];
  let candidates = 0;
  for (const path of listTests(root)) {
    if (filter && !path.includes(filter)) continue;
    const text = readFileSync(join(root, path), 'utf8');
    const meta = parseFrontmatter(text);
    // CanBlockIsTrue tests need an agent that may block (Atomics.wait on a worker): the sandbox has no $262.agent.
    if (meta.features.some(skippedFeature) || meta.flags.includes('CanBlockIsTrue')) continue;
    if (candidates++ % stride === 0) tests.push({ path, meta });
  }
  return { tests, candidates };
}

/**
 * What the runner adds before the harness: `print` (async tests report through it) and the part of `$262` a
 * script can be given from inside its own realm. `evalScript` is an indirect eval: close to a new Script, but its
 * `let`/`const` stay local to that eval (the tests that use it are few, and they fail the same way in every mode).
 */
const PRELUDE = `var print = function (message) { console.log(String(message)); };
var $262 = {
  global: globalThis,
  evalScript: function (source) { return (0, eval)(source); },
  detachArrayBuffer: function (buffer) { buffer.transfer(); return null; },
};
`;

const harnessCache = new Map();
function harnessFile(root, name) {
  let text = harnessCache.get(name);
  if (text === undefined) {
    text = readFileSync(join(root, 'harness', name), 'utf8');
    harnessCache.set(name, text);
  }
  return text;
}

/**
 * The sources of one test: `harness` (a script run first in the same realm, so its globals are there; absent for
 * raw tests) and `test` (the test file, with "use strict"; put on its first line for onlyStrict tests so that no
 * line moves). A module test is run from its own path, so that imports of itself and of fixtures resolve.
 */
export function testSources(root, { path, meta }) {
  const text = readFileSync(join(root, path), 'utf8');
  const flags = new Set(meta.flags);
  const isModule = flags.has('module');
  const strict = flags.has('onlyStrict') && !isModule && !flags.has('raw');
  const test = { filename: join(root, path), source: (strict ? '"use strict"; ' : '') + text, type: isModule ? 'module' : 'script' };
  if (flags.has('raw')) return { test };
  const includes = ['assert.js', 'sta.js', ...(flags.has('async') ? ['doneprintHandle.js'] : []), ...meta.includes];
  const source = PRELUDE + [...new Set(includes)].map((name) => harnessFile(root, name)).join('\n');
  // A name beside the real harness files that no file has: breakpoints bind to it, and nothing on disk contradicts it.
  return { harness: { filename: join(root, 'harness', '__conformance_harness__.js'), source, type: 'script' }, test };
}
