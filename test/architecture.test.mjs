// The layering stays as designed: the engine knows no front end, the debug adapter knows no editor, and only the
// extension imports `vscode`. Imports are read by TypeScript's own pre-processor (import/export declarations,
// `import type`, `require()` and `import()` calls), so an import named in a comment or a string does not count.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import ts from 'typescript';
import { root } from './support/bundle.mjs';

const src = join(root, 'src');

/** The layers under src/ and what each may not import: packages by name, other layers by folder. */
const RULES = {
  engine: { packages: ['vscode', '@vscode/debugadapter', '@vscode/debugprotocol'], layers: ['debug-adapter', 'extension', 'cli', 'language-server'] },
  'debug-adapter': { packages: ['vscode'], layers: ['extension', 'cli'] },
  cli: { packages: ['vscode'], layers: ['extension'] },
  'language-server': { packages: ['vscode'], layers: ['extension'] },
};

/** Every module specifier a source file imports, in order (type-only imports included: they couple layers too). */
function importsOf(text) {
  const info = ts.preProcessFile(text, /* readImportFiles */ true, /* detectJavaScriptImports */ true);
  return info.importedFiles.map((f) => f.fileName);
}

/** The package a bare specifier names (`@scope/name/sub` -> `@scope/name`, `name/sub` -> `name`), or undefined. */
function packageOf(spec) {
  if (spec.startsWith('.') || spec.startsWith('/')) return undefined;
  const parts = spec.split('/');
  return spec.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

/** The layer (first folder under src/) a path lies in, or undefined outside src/. */
function layerOf(path) {
  const rel = relative(src, path);
  return rel.startsWith('..') ? undefined : rel.split(sep)[0];
}

/** The rule breaks of one file of `layer`, as "file: imports 'spec' (reason)" lines. */
function violations(file, layer, text) {
  const rule = RULES[layer];
  if (!rule) return [];
  const out = [];
  for (const spec of importsOf(text)) {
    const pkg = packageOf(spec);
    if (pkg !== undefined) {
      if (rule.packages.includes(pkg)) out.push(`${relative(root, file)}: imports '${spec}' (the ${layer} layer must not depend on ${pkg})`);
      continue;
    }
    const target = layerOf(resolve(dirname(file), spec));
    if (rule.layers.includes(target)) out.push(`${relative(root, file)}: imports '${spec}' (the ${layer} layer must not depend on src/${target})`);
  }
  return out;
}

/** Source files (.ts, .js, .mjs, .cjs; not .d.ts) under `dir`. */
function sources(dir, out = []) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    if (entry.isDirectory()) sources(p, out);
    else if (/\.(ts|js|mjs|cjs)$/.test(entry.name) && !entry.name.endsWith('.d.ts')) out.push(p);
  }
  return out;
}

test('the import reader sees real imports of every form and ignores comments and strings', () => {
  const text = [
    "// import * as vscode from 'vscode';",
    "/* require('vscode') */",
    "const s = \"import x from 'vscode'\";",
    "import type { Foo } from '../extension/a';",
    "export { Bar } from '@vscode/debugadapter/lib/x';",
    "const m = require('../debug-adapter/b');",
    "async function f() { return import('vscode'); }",
  ].join('\n');
  assert.deepEqual(importsOf(text), ['../extension/a', '@vscode/debugadapter/lib/x', '../debug-adapter/b', 'vscode']);
  const file = join(src, 'engine/x.ts');
  assert.deepEqual(violations(file, 'engine', text).map((v) => v.replace(/:.*\(/, ' (')), [
    'src/engine/x.ts (the engine layer must not depend on src/extension)',
    'src/engine/x.ts (the engine layer must not depend on @vscode/debugadapter)',
    'src/engine/x.ts (the engine layer must not depend on src/debug-adapter)',
    'src/engine/x.ts (the engine layer must not depend on vscode)',
  ]);
  // The adapter may use the engine and the DAP packages; only the editor and the front ends are out of bounds.
  assert.deepEqual(violations(join(src, 'debug-adapter/s.ts'), 'debug-adapter', "import '../engine/api'; import '@vscode/debugadapter';"), []);
  assert.equal(violations(join(src, 'debug-adapter/s.ts'), 'debug-adapter', "import * as v from 'vscode';").length, 1);
});

test('the engine, the debug adapter, the CLI and the language server keep to their layers', () => {
  const found = [];
  let checked = 0;
  for (const layer of Object.keys(RULES)) {
    for (const file of sources(join(src, layer))) {
      checked++;
      found.push(...violations(file, layer, readFileSync(file, 'utf8')));
    }
  }
  assert.ok(checked > 20, `only ${checked} source files found under src/`);
  assert.deepEqual(found, [], 'Move the code to the layer that may depend on it, or pass it in from there:\n' + found.join('\n'));
});

test('only src/extension imports vscode, and something there does', () => {
  const importers = sources(src).filter((f) => importsOf(readFileSync(f, 'utf8')).some((s) => packageOf(s) === 'vscode'));
  assert.ok(importers.length > 0, 'no file imports vscode: the check above would pass for the wrong reason');
  assert.deepEqual(importers.filter((f) => layerOf(f) !== 'extension').map((f) => relative(root, f)), []);
});
