// Extension-host tests of the language server in a real VS Code: a syntax error shows once in Problems (VS Code's
// service or QuickJS, not both), QuickJS-only syntax errors appear, a Node-only name gets a short warning whose quick
// fix applies, and fixing the file clears the error.
// suite/index.js runs `tests` with its own, after handing over the `vscode` module with setVscode.
'use strict';
// Required lazily: plain `node --test test/` loads every .js under test/ and must not fail on a missing 'vscode'.
let vscode;
const assert = require('node:assert/strict');

const { EXTENSION_ID, suite } = require('./shared');
const { tests, test } = suite(45_000);

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Waits until the document's diagnostics satisfy `ok`; returns them. */
async function diagnosticsFor(uri, ok, timeoutMs = 30_000) {
  const t0 = Date.now();
  for (;;) {
    const all = vscode.languages.getDiagnostics(uri).filter((d) => d.source === undefined || /quickjs/i.test(d.source));
    if (ok(all)) return all;
    if (Date.now() - t0 > timeoutMs) {
      throw new Error(`diagnostics never matched; last: ${JSON.stringify(all.map((d) => [d.range.start.line, d.message]))}`);
    }
    await sleep(200);
  }
}

/** Every diagnostic of the document, whoever made it (QuickJS's server, VS Code's TypeScript service). */
const allDiagnostics = (uri) => vscode.languages.getDiagnostics(uri);

test('language: a syntax error shows once in Problems; what QuickJS alone rejects is reported; Node-only names warn briefly, with a quick fix', async () => {
  await vscode.extensions.getExtension(EXTENSION_ID).activate();
  const tsFeatures = vscode.extensions.getExtension('vscode.typescript-language-features');
  const uri = vscode.Uri.joinPath(vscode.workspace.workspaceFolders[0].uri, 'broken.js');
  const text = ['const ok = 1;', 'const fs = require("./fs-like.js");', 'function f( {', '  return ok;', '}', ''].join('\n');
  await vscode.workspace.fs.writeFile(uri, Buffer.from(text, 'utf8'));
  const doc = await vscode.workspace.openTextDocument(uri);
  const editor = await vscode.window.showTextDocument(doc);
  try {
    // A standard syntax error: some service reports it on its line...
    await waitFor(() => allDiagnostics(uri).some((x) => x.severity === vscode.DiagnosticSeverity.Error && x.range.start.line >= 2 && x.range.start.line <= 3), 'an error on line 3 or 4', uri);
    if (tsFeatures) {
      // ...and with VS Code's own JavaScript service present, QuickJS does not say it a second time.
      await sleep(1500); // the sandbox server's debounce and check, so a duplicate would have arrived
      const ours = allDiagnostics(uri).filter((x) => /quickjs/i.test(x.source ?? '') && x.severity === vscode.DiagnosticSeverity.Error);
      assert.deepEqual(ours.map((x) => x.message), [], 'QuickJS repeats an error the TypeScript service reports');
    }
    // Syntax QuickJS alone rejects (TypeScript accepts `using`): reported by QuickJS.
    await editor.edit((e) => e.replace(new vscode.Range(2, 0, 3, 12), 'function f() {\n  using r = null; return ok;'));
    const quickjsOnly = await diagnosticsFor(uri, (d) => d.some((x) => x.severity === vscode.DiagnosticSeverity.Error && x.range.start.line === 3));
    assert.equal(quickjsOnly.find((x) => x.severity === vscode.DiagnosticSeverity.Error).source, 'QuickJS');
    // Fix the syntax: the Node-only name is reported in one short sentence, and a quick fix turns it into an import.
    await editor.edit((e) => e.replace(new vscode.Range(3, 0, 3, 28), '  return ok;'));
    const fixed = await diagnosticsFor(uri, (d) => !d.some((x) => x.severity === vscode.DiagnosticSeverity.Error) && d.some((x) => /require/.test(x.message)));
    const warning = fixed.find((x) => /require/.test(x.message));
    assert.equal(warning.severity, vscode.DiagnosticSeverity.Warning);
    assert.equal(warning.range.start.line, 1);
    assert.equal(warning.message, 'The QuickJS sandbox has no `require` (a Node.js global).');
    const actions = await vscode.commands.executeCommand('vscode.executeCodeActionProvider', uri, warning.range, vscode.CodeActionKind.QuickFix.value);
    const fix = actions.find((a) => /^Convert to import/.test(a.title));
    assert.ok(fix, `quick fixes offered: ${actions.map((a) => a.title).join(', ')}`);
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    assert.equal(doc.lineAt(1).text, 'import fs from "./fs-like.js";');
    console.log(`[quickjs-e2e] language: VS Code's TypeScript features ${tsFeatures ? 'present (duplicate checked)' : 'absent'}`);
  } finally {
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    await vscode.workspace.fs.delete(uri);
  }
});

/** Polls until `ok()` holds. */
async function waitFor(ok, what, uri, timeoutMs = 30_000) {
  const t0 = Date.now();
  while (!ok()) {
    if (Date.now() - t0 > timeoutMs) throw new Error(`never saw ${what}; diagnostics: ${JSON.stringify(allDiagnostics(uri).map((d) => [d.source, d.range.start.line, d.message]))}`);
    await sleep(200);
  }
}

/** The main suite hands over the `vscode` module before running these tests. */
function setVscode(v) {
  vscode = v;
}

module.exports = { tests, setVscode };
