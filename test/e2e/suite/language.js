// Extension-host tests of the language server in a real VS Code: QuickJS's own syntax error appears as a
// diagnostic on the right line, a Node-only name gets a warning, and fixing the file clears the error.
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

test('language: a QuickJS syntax error appears as a diagnostic on its line, and a Node-only name as a warning', async () => {
  await vscode.extensions.getExtension(EXTENSION_ID).activate();
  const uri = vscode.Uri.joinPath(vscode.workspace.workspaceFolders[0].uri, 'broken.js');
  const text = ['const ok = 1;', 'const fs = require("fs");', 'function f( {', '  return ok;', '}', ''].join('\n');
  await vscode.workspace.fs.writeFile(uri, Buffer.from(text, 'utf8'));
  const doc = await vscode.workspace.openTextDocument(uri);
  const editor = await vscode.window.showTextDocument(doc);
  try {
    const diags = await diagnosticsFor(uri, (d) => d.some((x) => x.severity === vscode.DiagnosticSeverity.Error));
    const error = diags.find((x) => x.severity === vscode.DiagnosticSeverity.Error);
    assert.ok(error.range.start.line >= 2 && error.range.start.line <= 3, `error on line ${error.range.start.line + 1}: ${error.message}`);
    // A file that does not parse gets no name warnings yet; fix the syntax and the Node-only name is reported.
    await editor.edit((e) => e.replace(new vscode.Range(2, 0, 2, 14), 'function f() {'));
    const fixed = await diagnosticsFor(uri, (d) => !d.some((x) => x.severity === vscode.DiagnosticSeverity.Error) && d.some((x) => /require/.test(x.message)));
    const warning = fixed.find((x) => /require/.test(x.message));
    assert.equal(warning.severity, vscode.DiagnosticSeverity.Warning);
    assert.equal(warning.range.start.line, 1);
  } finally {
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    await vscode.workspace.fs.delete(uri);
  }
});

/** The main suite hands over the `vscode` module before running these tests. */
function setVscode(v) {
  vscode = v;
}

module.exports = { tests, setVscode };
