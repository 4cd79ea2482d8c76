// The re-layout of transpiled TypeScript (src/engine/runtime/lineLayout.ts): only whitespace between tokens changes,
// so the program is the same program (checked by comparing parse trees), and the tokens land on their source lines.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import * as acorn from 'acorn';
import * as esbuild from 'esbuild';
import { TraceMap, decodedMappings, originalPositionFor } from '@jridgewell/trace-mapping';
import { loadBundle } from '../support/bundle.mjs';
import { run, fixtures, repoRoot } from './helpers.mjs';

const { layout } = await loadBundle({ layout: 'src/engine/runtime/lineLayout.ts' }, { external: ['acorn', '@jridgewell/*'] });

/** esbuild's own output for a TypeScript text, with the settings the sandbox uses (modules.ts). */
function transpile(source, file) {
  return esbuild.transformSync(source, { ...layout.TYPESCRIPT_TRANSFORM, loader: file.endsWith('x') ? 'tsx' : 'ts', format: 'esm', sourcefile: file });
}

/** A parse tree without positions or raw text: equal trees are the same program. */
function tree(code) {
  const ast = acorn.parse(code, { ecmaVersion: 'latest', sourceType: 'module' });
  return JSON.stringify(ast, (k, v) => (['start', 'end', 'loc', 'raw'].includes(k) ? undefined : typeof v === 'bigint' ? `${v}n` : v));
}

/** For each source line with code: whether the first generated position mapped to it stands on that line. */
function linesKept(map) {
  const first = new Map();
  decodedMappings(new TraceMap(map)).forEach((segments, generatedLine) => {
    for (const s of segments) if (s.length >= 4 && !first.has(s[2])) first.set(s[2], generatedLine);
  });
  return [...first].map(([sourceLine, generatedLine]) => sourceLine === generatedLine);
}

const engineFiles = readdirSync(path.join(repoRoot, 'src/engine'), { recursive: true })
  .filter((f) => /\.tsx?$/.test(f) && !f.endsWith('.d.ts'))
  .map((f) => path.join(repoRoot, 'src/engine', f));

test('the project\'s own engine sources: the same parse tree after the re-layout, and nearly every line kept', () => {
  assert.ok(engineFiles.length >= 40, `${engineFiles.length} files`);
  let kept = 0;
  let lines = 0;
  for (const file of engineFiles) {
    const out = transpile(readFileSync(file, 'utf8'), file);
    const laid = layout.keepOriginalLines(out, 'module');
    assert.equal(tree(laid.code), tree(out.code), file);
    const before = linesKept(out.map);
    const after = linesKept(laid.map);
    kept += after.filter(Boolean).length;
    lines += after.length;
    assert.equal(after.length, before.length, `${file}: the map names the same source lines`);
  }
  // What stays off its line is code esbuild moved up (helpers, hoisted declarations) or a break the grammar forbids.
  assert.ok(kept / lines > 0.97, `${kept} of ${lines} lines kept`);
});

test('ASI hazards: no line break after return, throw, yield, before => or a postfix ++; template and regular expression text untouched', async () => {
  const file = path.join(fixtures, 'ts/layout-hazards.ts');
  const out = transpile(readFileSync(file, 'utf8'), file);
  const laid = layout.keepOriginalLines(out, 'module');
  assert.equal(tree(laid.code), tree(out.code));
  const lines = laid.code.split('\n');
  assert.match(lines[4], /^\s*return 41 \+\s*$/, 'the value stays on the return\'s line');
  assert.match(lines[10], /^\s*throw "thrown";/);
  assert.match(lines[18], /^\s*yield 7;/);
  assert.match(lines[22], /=>\s*$/, 'the arrow stays on the line of its parameters');
  assert.match(lines[27], /counter\+\+;/);
  const r = await run({ kind: 'file', path: file }, { cwd: fixtures });
  assert.equal(r.outcome.exitCode, 0, JSON.stringify(r.errors));
  assert.deepEqual(r.logs, ['42 thrown 7 3 6 2 "line\\n  2\\n    kept" a\\/b[/]c 1', 'true|q|2|2| w |/ in /']);
});

test('the regenerated map sends every position of the laid-out code where esbuild\'s map sent the same token', () => {
  const file = path.join(fixtures, 'stacks/own-stack.ts');
  const source = readFileSync(file, 'utf8');
  const out = transpile(source, file);
  const laid = layout.keepOriginalLines(out, 'module');
  const [oldMap, newMap] = [new TraceMap(out.map), new TraceMap(laid.map)];
  const oldTokens = [...acorn.tokenizer(out.code, { ecmaVersion: 'latest', sourceType: 'module', locations: true })];
  const newTokens = [...acorn.tokenizer(laid.code, { ecmaVersion: 'latest', sourceType: 'module', locations: true })];
  assert.equal(newTokens.length, oldTokens.length);
  let exact = 0;
  oldTokens.forEach((t, i) => {
    const at = (map, tok) => originalPositionFor(map, { line: tok.loc.start.line, column: tok.loc.start.column });
    const [was, now] = [at(oldMap, t), at(newMap, newTokens[i])];
    assert.equal(newTokens[i].value, t.value);
    // The new map is at least as precise: a token esbuild named keeps its position; the others may gain their own.
    if (was.column === now.column && was.line === now.line) exact++;
    else assert.equal(laid.code.slice(newTokens[i].start, newTokens[i].end), source.split('\n')[now.line - 1].slice(now.column, now.column + newTokens[i].end - newTokens[i].start), `token ${i} ${t.value}`);
  });
  assert.ok(exact > oldTokens.length / 2);
  // Most tokens now stand where the source has them; the rest are code esbuild wrote (the enum's function, the
  // parameter properties' assignments) or follow a type that vanished on their line.
  const inPlace = newTokens.filter((t) => {
    const o = originalPositionFor(newMap, { line: t.loc.start.line, column: t.loc.start.column });
    return o.line === t.loc.start.line && o.column === t.loc.start.column;
  }).length;
  assert.ok(inPlace / newTokens.length > 0.7, `${inPlace} of ${newTokens.length}`);
});

test('code acorn cannot tokenize comes back as esbuild gave it', () => {
  const out = { code: 'let x = 1 @@ 2;', map: JSON.stringify({ version: 3, sources: ['x.ts'], names: [], mappings: 'AAAA' }) };
  assert.equal(layout.keepOriginalLines(out, 'module'), out);
});
