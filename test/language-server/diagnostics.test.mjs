// Diagnostics of the real language server: QuickJS syntax errors, esbuild errors, Node-only warnings.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from './lspClient.mjs';

let server;
before(async () => { server = await startServer(); });
after(async () => { await server.stop(); });

const errors = (diagnostics) => diagnostics.filter((d) => d.severity === 1);
const warnings = (diagnostics) => diagnostics.filter((d) => d.severity === 2);

test('a script syntax error carries QuickJS message, line and column', async () => {
  const diagnostics = await server.open('file:///w/script.js', 'let x = 1;\nlet y = (;\n');
  assert.equal(diagnostics.length, 1);
  const [d] = diagnostics;
  assert.equal(d.source, 'QuickJS');
  assert.equal(d.message, "SyntaxError: unexpected token in expression: ';'");
  assert.deepEqual(d.range.start, { line: 1, character: 9 });
});

test('columns count UTF-16 units even after astral characters', async () => {
  // QuickJS counts code points; the emoji is one code point but two UTF-16 units.
  const diagnostics = await server.open('file:///w/emoji.js', 'let s = "\u{1F600}"; let y = (;');
  assert.equal(errors(diagnostics).length, 1);
  assert.deepEqual(errors(diagnostics)[0].range.start, { line: 0, character: 23 });
});

test('a valid script has no diagnostics, and fixing an error clears it', async () => {
  const uri = 'file:///w/fix.js';
  assert.equal((await server.open(uri, 'console.log(1 +);')).length, 1);
  assert.deepEqual(await server.change(uri, 'console.log(1 + 2);'), []);
});

test('files with export are compiled as modules; strict-mode rules apply', async () => {
  const diagnostics = await server.open('file:///w/mod.js', 'export const a = 1;\nwith (a) {}\n');
  assert.equal(errors(diagnostics).length, 1);
  assert.match(errors(diagnostics)[0].message, /^SyntaxError: invalid keyword: with/);
  assert.equal(errors(diagnostics)[0].range.start.line, 1);
  // The same statement is fine in a sloppy script.
  assert.deepEqual(await server.open('file:///w/sloppy.js', 'var a = {};\nwith (a) {}\n'), []);
});

test('top-level await makes a module; imports of unknown files are not syntax errors', async () => {
  assert.deepEqual(await server.open('file:///w/tla.js', 'import { x } from "./missing.js";\nawait Promise.resolve(x);\n'), []);
  const script = await server.open('file:///w/tla-script.cjs', 'await Promise.resolve(1);\n');
  assert.equal(errors(script).length, 1, 'a .cjs file is a script, where top-level await is an error');
});

test('TypeScript: esbuild errors are reported with their position', async () => {
  const diagnostics = await server.open('file:///w/bad.ts', 'let a: number = 1;\nlet b = (;\n');
  assert.equal(diagnostics.length, 1);
  assert.equal(diagnostics[0].source, 'esbuild');
  assert.equal(diagnostics[0].message, 'Unexpected ";"');
  assert.deepEqual(diagnostics[0].range.start, { line: 1, character: 9 });
});

test('TypeScript: QuickJS errors on the transpiled code are mapped back to the source', async () => {
  // esbuild does not validate regular expressions; QuickJS does.
  const diagnostics = await server.open('file:///w/regexp.ts', 'const n: number = 1;\nconst r: RegExp = /a(/;\n');
  assert.equal(diagnostics.length, 1);
  assert.equal(diagnostics[0].source, 'QuickJS');
  assert.match(diagnostics[0].message, /^SyntaxError: /);
  assert.equal(diagnostics[0].range.start.line, 1);
  assert.equal(diagnostics[0].range.start.character, 18, 'column of the regexp in the TypeScript source, not in esbuild output');
});

test('Node-only globals are warned about in one short sentence, with what to use instead in the hover', async () => {
  const uri = 'file:///w/node.js';
  const diagnostics = await server.open(uri, 'const home = process.env.HOME;\nconst data = require("./x");\nconsole.log(__dirname, Buffer.from("a"));\n');
  const byName = Object.fromEntries(warnings(diagnostics).map((d) => [d.message.match(/no `([^`]+)`/)[1], d]));
  // `process` is the sandbox's shim (hostApis.ts), not a Node-only name.
  assert.deepEqual(Object.keys(byName).sort(), ['Buffer', '__dirname', 'require']);
  // The Problems panel shows one line: short enough not to be cut off there.
  for (const d of Object.values(byName)) assert.ok(d.message.length <= 80 && !d.message.includes('\n'), d.message);
  assert.equal(byName.require.message, 'The QuickJS sandbox has no `require` (a Node.js global).');
  assert.deepEqual(byName.require.range, { start: { line: 1, character: 13 }, end: { line: 1, character: 20 } });
  // The detail is the hover over the name; over `process`, the shim's documentation.
  const requireHover = (await server.hover(uri, 1, 15)).contents.value;
  assert.match(requireHover, /sandbox\.readFile/);
  assert.match(requireHover, /read permission/);
  assert.match((await server.hover(uri, 0, 15)).contents.value, /shim of Node's `process`/);
});

test('quick fixes: require to import, global to globalThis', async () => {
  const uri = 'file:///w/fixes.js';
  const text = [
    'const path = require("./path-utils.js");',
    'const { a, b } = require(\'./ab.js\');',
    'global.x = 1;',
    'const later = 1 + require("./y.js").z;',
  ].join('\n');
  const diagnostics = await server.open(uri, text);
  const fixAt = async (line) => {
    const d = warnings(diagnostics).find((w) => w.range.start.line === line);
    const actions = await server.codeActions(uri, d.range, [d]);
    return actions.map((a) => ({ title: a.title, kind: a.kind, edits: a.edit.changes[uri] }));
  };
  const [req] = await fixAt(0);
  assert.equal(req.kind, 'quickfix');
  assert.deepEqual(req.edits.map((e) => e.newText), ['import path from "./path-utils.js";']);
  assert.deepEqual(req.edits[0].range, { start: { line: 0, character: 0 }, end: { line: 0, character: 40 } });
  assert.deepEqual((await fixAt(1))[0].edits.map((e) => e.newText), ["import { a, b } from './ab.js';"]);
  assert.deepEqual((await fixAt(2))[0].edits, [{ range: { start: { line: 2, character: 0 }, end: { line: 2, character: 6 } }, newText: 'globalThis' }]);
  // A require inside an expression has no one-for-one import: no fix is offered rather than a wrong one.
  assert.deepEqual(await fixAt(3), []);
});

test('with the editor checking syntax itself, only what QuickJS alone rejects is reported', async () => {
  const editorChecks = await startServer({ editorSyntaxChecks: { javascript: true, typescript: true } });
  try {
    // Standard syntax errors: VS Code's TypeScript service reports these already (ts(1109) and the like).
    assert.deepEqual(await editorChecks.open('file:///w/dup.js', 'let x = 1;\nlet y = (;\n'), []);
    assert.deepEqual(await editorChecks.open('file:///w/dup.ts', 'let a: number = 1;\nlet b = (;\n'), []);
    // `using` declarations are standard (and TypeScript accepts them) but QuickJS rejects them: still reported.
    const quickjsOnly = await editorChecks.open('file:///w/using.js', 'function f() {\n  using r = null;\n}\n');
    assert.equal(errors(quickjsOnly).length, 1);
    assert.equal(errors(quickjsOnly)[0].source, 'QuickJS');
    assert.equal(errors(quickjsOnly)[0].range.start.line, 1);
    // Notebook cells are not checked by the editor's service: everything is reported there.
    assert.equal(errors(await editorChecks.open('vscode-notebook-cell:/w/b.qjsnb#W0sZmlsZQ%3D%3D', 'let y = (;\n')).length, 1);
    // Node-only warnings are the sandbox's own and stay.
    assert.equal(warnings(await editorChecks.open('file:///w/dup-node.js', 'Buffer.from("x");\n')).length, 1);
    // Turning the editor's validation off brings the errors back.
    const again = editorChecks.diagnostics('file:///w/dup.js', undefined);
    await editorChecks.connection.sendNotification('quickjs/editorSyntaxChecks', { javascript: false, typescript: true });
    assert.equal(errors(await again).length, 1);
  } finally {
    await editorChecks.stop();
  }
});

test('no warning where the script declares the name itself, uses it as a property, or feature-tests it', async () => {
  const text = [
    'const process = { env: {} };',
    'console.log(process.env);',
    'function f(require) { return require("x"); }',
    'const o = { Buffer: 1 }; o.Buffer; globalThis.global;',
    'if (typeof module !== "undefined") {}',
    'class C { __dirname() {} }',
    'try {} catch (exports) { exports; }',
  ].join('\n');
  assert.deepEqual(await server.open('file:///w/declared.js', text), []);
});

test('a name declared only in an inner scope still warns outside it', async () => {
  const diagnostics = await server.open('file:///w/scoped.js', '{ let require = 1; }\nrequire("x");\n');
  assert.equal(warnings(diagnostics).length, 1);
  assert.equal(warnings(diagnostics)[0].range.start.line, 1);
});

test('imports of Node modules are warned about, also in TypeScript', async () => {
  const js = await server.open('file:///w/imports.mjs', 'import { readFileSync } from "fs";\nimport http from "node:http";\nimport local from "./local.js";\n');
  const messages = warnings(js).map((d) => d.message);
  assert.equal(messages.length, 2);
  assert.ok(messages.includes('The QuickJS sandbox has no Node module `fs`.'), messages.join('; '));
  // What to use instead is in the hover over the specifier.
  assert.match((await server.hover('file:///w/imports.mjs', 0, 31)).contents.value, /sandbox\.readFile/);
  assert.match((await server.hover('file:///w/imports.mjs', 1, 20)).contents.value, /fetch/);
  const ts = await server.open('file:///w/imports.ts', 'import { cpus } from "node:os";\nconst n: number = 1;\n');
  assert.equal(warnings(ts).length, 1);
  assert.deepEqual(warnings(ts)[0].range.start, { line: 0, character: 21 });
});

test('imports of the Node modules the sandbox has (npm implementations) are not warned about', async () => {
  const js = await server.open('file:///w/has.mjs', 'import { Buffer } from "buffer";\nimport EventEmitter from "node:events";\nimport path from "path";\nimport { fork } from "child_process";\n');
  assert.deepEqual(warnings(js).map((d) => d.message), ['The QuickJS sandbox has no Node module `child_process`.']);
});

test('a deeply nested expression gives a diagnostic and the server keeps working', async () => {
  const depth = 20000;
  const deep = await server.open('file:///w/deep.js', 'let z = 1;\n' + '('.repeat(depth) + '1' + ')'.repeat(depth) + ';\n');
  assert.equal(deep.length, 1);
  assert.equal(deep[0].message, 'too deeply nested for QuickJS to parse');
  assert.equal(server.child.exitCode, null, 'server still running');
  // A fresh QuickJS instance serves the next documents correctly.
  const after = await server.open('file:///w/after-deep.js', 'let a = ;');
  assert.equal(after.length, 1);
  assert.match(after[0].message, /^SyntaxError: unexpected token in expression/);
  assert.deepEqual(await server.open('file:///w/after-deep-ok.js', 'let a = 1;'), []);
});

test('closing a document clears its diagnostics', async () => {
  const uri = 'file:///w/close.js';
  await server.open(uri, 'let = ;');
  const cleared = server.diagnostics(uri, undefined);
  await server.close(uri);
  assert.deepEqual(await cleared, []);
});

test('notebook cells (no file extension) are classified by content', async () => {
  const cell = 'vscode-notebook-cell:/w/book.qjsnb#W0sZmlsZQ%3D%3D';
  assert.deepEqual(await server.open(cell, 'const r = await Promise.resolve(1);\nr;\n'), []);
  const warned = await server.open('vscode-notebook-cell:/w/book.qjsnb#W1sZmlsZQ%3D%3D', 'Buffer.from("x");\n');
  assert.equal(warned.length, 1);
  assert.match(warned[0].message, /no `Buffer`/);
});

test('edits in quick succession publish once, for the latest text', async () => {
  const uri = 'file:///w/debounce.js';
  await server.open(uri, 'let a = 1;');
  const before = server.history.length;
  const edits = ['let a = ;', 'let a = 2 +;', 'let a = 2 + 3;'];
  const latest = server.diagnostics(uri, 1000 + edits.length - 1);
  for (const [i, text] of edits.entries()) {
    await server.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: 1000 + i }, contentChanges: [{ text }] });
  }
  assert.deepEqual(await latest, []);
  await new Promise((resolve) => setTimeout(resolve, 100));
  const versions = server.history.slice(before).filter((p) => p.uri === uri).map((p) => p.version);
  assert.deepEqual(versions, [1002], 'one publish for three edits');
});
