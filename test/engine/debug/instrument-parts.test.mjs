// The instrumenter's parts keep no state outside one file's instrumentation: acorn is left as it was found (it once
// got a `loc` getter on Node.prototype), and positions come from a line table that must agree with acorn's own.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { loadBundle } from '../../support/bundle.mjs';

// acorn left external, so the bundle and this test share one acorn (its CommonJS build, hence require).
const require = createRequire(import.meta.url);
const acorn = require('acorn');
const walk = require('acorn-walk');
const { instrument: lib } = await loadBundle({ instrument: 'src/engine/debug/instrument.ts' }, { external: ['acorn', 'acorn-walk'] });

// Every line terminator acorn knows (\r\n, \r, \n, U+2028, U+2029), statements that span lines, and functions.
const source = [
  'let a = 1;\r\nlet b = 2;\rfunction f(x) {\u2028  if (x) {\n    return x +',
  '      a;\u2029  }\n  return b;\n}\nfor (let i = 0; i < 2; i++) f(i);\nclass C { m() { return 1; } }\n',
].join('\n');

test('instrumenting leaves acorn as it found it: no property patched onto Node.prototype', () => {
  const before = Object.getOwnPropertyNames(acorn.Node.prototype);
  const result = lib.instrument(source, { filename: 'parts.js', fileId: 1, sourceType: 'script' });
  assert.ok(result.statements.length > 5, 'the source was not instrumented');
  assert.deepEqual(Object.getOwnPropertyNames(acorn.Node.prototype), before);
  assert.equal(Object.getOwnPropertyDescriptor(acorn.Node.prototype, 'loc'), undefined);
  // Other parsers in the process see plain nodes: no `loc` unless they asked acorn for locations.
  assert.equal(acorn.parse('x;', { ecmaVersion: 'latest' }).body[0].loc, undefined);
});

test('statement and function positions agree with acorn locations on every line terminator', () => {
  const located = new Set();
  walk.full(acorn.parse(source, { ecmaVersion: 'latest', locations: true }), (n) => {
    located.add(`${n.loc.start.line}:${n.loc.start.column + 1}-${n.loc.end.line}:${n.loc.end.column + 1}`);
  });
  const result = lib.instrument(source, { filename: 'parts.js', fileId: 1, sourceType: 'script' });
  const statements = result.statements.filter((s) => !s.catchSite);
  assert.ok(statements.some((s) => s.line >= 5), 'no statement after the U+2028 and U+2029 lines');
  for (const s of statements) {
    assert.ok(located.has(`${s.line}:${s.column}-${s.endLine}:${s.endColumn}`), `statement at ${s.line}:${s.column}-${s.endLine}:${s.endColumn} is no node's position`);
  }
  for (const f of result.functions) {
    assert.ok([...located].some((k) => k.startsWith(`${f.line}:${f.column}-`)), `function ${f.name} at ${f.line}:${f.column} is no node's start`);
  }
});

test('one instrumentation does not change the next: the same file gives the same result after another file', () => {
  const options = { filename: 'parts.js', fileId: 2, sourceType: 'module', catchAll: true };
  const first = lib.instrument(source, options);
  lib.instrument('switch (x) { case 1: let y = 2; }\nfunction g() { let z; return z; }\n', { ...options, filename: 'other.js' });
  const again = lib.instrument(source, options);
  assert.equal(again.code, first.code);
  assert.deepEqual(again.scopes, first.scopes);
  assert.deepEqual(again.statements, first.statements);
});

test('the instrumenter parts keep no module-level mutable state: every top-level binding is a const or a declaration', async () => {
  const { readdirSync, readFileSync } = await import('node:fs');
  const dir = new URL('../../../src/engine/debug/instrument/', import.meta.url);
  const files = readdirSync(dir).filter((f) => f.endsWith('.ts'));
  assert.ok(files.includes('walkContext.ts') && files.length >= 10, `instrument/ holds ${files.join(', ')}`);
  for (const f of files) {
    const text = readFileSync(new URL(f, dir), 'utf8');
    // Top-level statements start at column 0; `let`/`var` there would be state shared by every instrumentation.
    const mutable = text.split('\n').filter((l) => /^(export\s+)?(let|var)\s/.test(l));
    assert.deepEqual(mutable, [], `${f} declares module-level mutable state`);
    assert.doesNotMatch(text, /Node\.prototype/, `${f} touches acorn's Node.prototype`);
  }
});
