// Extension-host tests of notebooks in a real VS Code with the real engine: cells sharing state with rich output,
// interrupting a runaway cell, restart, .qjsnb files on disk, Jupyter notebooks with JavaScript cells.
// suite/index.js runs `tests` with its own, after handing over the `vscode` module with setVscode.
'use strict';
// Required lazily: plain `node --test test/` loads every .js under test/ and must not fail on a missing 'vscode'.
let vscode;
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');

const { EXTENSION_ID, Skip, suite } = require('./shared');
const { tests, test } = suite(45_000);

const ws = () => vscode.workspace.workspaceFolders[0].uri;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const text = (item) => Buffer.from(item.data).toString('utf8');
const mimes = (cell) => cell.outputs.flatMap((o) => o.items.map((i) => i.mime));
const item = (cell, mime) => cell.outputs.flatMap((o) => o.items).find((i) => i.mime === mime);
const allText = (cell, mime) => cell.outputs.flatMap((o) => o.items).filter((i) => i.mime === mime).map(text).join('');

async function setSetting(key, value) {
  await vscode.workspace.getConfiguration('quickjs').update(key, value, vscode.ConfigurationTarget.Workspace);
}

/** Opens a notebook of `type` with these code cells and selects the QuickJS kernel for it. */
async function openNotebook(type, cells, controllerId) {
  await vscode.extensions.getExtension(EXTENSION_ID).activate();
  const data = new vscode.NotebookData(cells.map((c) => new vscode.NotebookCellData(vscode.NotebookCellKind.Code, c.source ?? c, c.language ?? 'javascript')));
  const doc = await vscode.workspace.openNotebookDocument(type, data);
  await vscode.window.showNotebookDocument(doc);
  await vscode.commands.executeCommand('notebook.selectKernel', { id: controllerId, extension: EXTENSION_ID });
  return doc;
}

/** Runs cells [start, end) and waits until each has an execution summary with a success flag newer than before. */
async function runCells(doc, start, end = start + 1, timeoutMs = 20_000) {
  const before = doc.getCells().map((c) => c.executionSummary?.timing?.endTime ?? 0);
  await vscode.commands.executeCommand('notebook.cell.execute', { ranges: [{ start, end }], document: doc.uri });
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const cells = doc.getCells().slice(start, end);
    if (cells.every((c, i) => c.executionSummary?.success !== undefined && (c.executionSummary.timing?.endTime ?? 0) > before[start + i])) return cells;
    if (Date.now() > deadline) throw new Error(`cells ${start}..${end - 1} did not finish within ${timeoutMs} ms: ${JSON.stringify(cells.map((c) => c.executionSummary))}`);
    await sleep(50);
  }
}

async function closeAll() {
  await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor').then(undefined, () => undefined);
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

test('notebook: cells share state, stream console output and show rich results', async () => {
  const doc = await openNotebook(
    'quickjs-notebook',
    [
      'let base = 40\nclass Greeter { hi(n) { return `hi ${n}` } }\nconsole.log("hello from cell 1")\nconsole.warn("careful")',
      'const rows = [{ name: "a", n: base }, { name: "b", n: base + 2 }]\nrows',
      'await new Promise((r) => setTimeout(r, 20))\ndisplay(\'<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4"/>\', "image/svg+xml")\ndisplay("<b>bold</b>", "text/html");\n({ deep: { answer: base + 2 }, greeting: new Greeter().hi(base) })',
      'let n: number = base + 2\nn * 10',
      '\nfunction fails() {\n  throw new RangeError("nope")\n}\nfails()',
    ].map((s, i) => (i === 3 ? { source: s, language: 'typescript' } : s)),
    'quickjs-sandbox-kernel',
  );
  try {
    const [c1, c2, c3, c4, c5] = await runCells(doc, 0, 5, 30_000);
    assert.equal(c1.executionSummary.success, true, JSON.stringify(c1.outputs.map((o) => o.items.map(text))));
    assert.equal(allText(c1, 'application/vnd.code.notebook.stdout'), 'hello from cell 1\n');
    assert.match(allText(c1, 'application/vnd.code.notebook.stderr'), /careful/);
    assert.ok(c2.executionSummary.executionOrder > c1.executionSummary.executionOrder, 'execution order increases');

    assert.equal(c2.executionSummary.success, true);
    const table = text(item(c2, 'text/html'));
    assert.match(table, /<th>name<\/th><th>n<\/th>/);
    assert.match(table, /<td>&#39;b&#39;<\/td><td>42<\/td>/);
    const tree = JSON.parse(text(item(c2, 'application/vnd.quickjs.value+json')));
    assert.equal(tree.value.type, 'array');
    assert.ok(tree.value.id > 0, 'the tree gets a remote id to expand');

    assert.equal(c3.executionSummary.success, true, JSON.stringify(c3.outputs.map((o) => o.items.map(text))));
    assert.deepEqual(mimes(c3).slice(0, 2), ['image/svg+xml', 'text/html']);
    assert.match(text(item(c3, 'text/plain')), /answer: 42/);
    assert.match(text(item(c3, 'text/plain')), /greeting: 'hi 40'/);

    assert.equal(c4.executionSummary.success, true, 'a TypeScript cell sees the JavaScript cells\' state');
    assert.equal(text(item(c4, 'text/plain')), '420');

    assert.equal(c5.executionSummary.success, false);
    const err = JSON.parse(text(item(c5, 'application/vnd.code.notebook.error')));
    assert.equal(err.name, 'RangeError');
    assert.match(err.stack, /at fails \(Cell 5:3:\d+\)/, err.stack);

    // Re-running the first cell must not fail with a redeclaration, and the state stays.
    const [again] = await runCells(doc, 0);
    assert.equal(again.executionSummary.success, true, JSON.stringify(again.outputs.map((o) => o.items.map(text))));

    const memory = await vscode.commands.executeCommand('quickjs.notebook.showMemory', doc.uri);
    assert.ok(memory && memory.usedBytes > 0, JSON.stringify(memory));
    assert.equal(memory.limitBytes, 64 * 1024 * 1024);
    assert.match(memory.text, /QuickJS: .*\.qjsnb · [\d.]+ MB \/ 64\.0 MB/);

    assert.equal(await vscode.commands.executeCommand('quickjs.notebook.restart', doc.uri), true);
    const [after] = await runCells(doc, 3);
    assert.equal(after.executionSummary.success, false, 'after a restart the state is gone');
    assert.match(JSON.parse(text(item(after, 'application/vnd.code.notebook.error'))).message, /base/);
  } finally {
    await closeAll();
  }
}, 60_000);

test('notebook: interrupting a runaway cell stops it and keeps the state', async () => {
  await setSetting('timeoutSeconds', 0);
  const doc = await openNotebook('quickjs-notebook', ['let kept = "still here"', 'let spins = 0\nwhile (true) { spins++ }', 'kept + " after " + (spins > 0)'], 'quickjs-sandbox-kernel');
  try {
    await runCells(doc, 0);
    const before = doc.cellAt(1).executionSummary?.timing?.endTime ?? 0;
    void vscode.commands.executeCommand('notebook.cell.execute', { ranges: [{ start: 1, end: 2 }], document: doc.uri });
    await sleep(1000);
    assert.equal(doc.cellAt(1).executionSummary?.success, undefined, 'the loop should still be running');
    const t0 = Date.now();
    await vscode.commands.executeCommand('notebook.cancelExecution', doc.uri);
    while (doc.cellAt(1).executionSummary?.success === undefined || (doc.cellAt(1).executionSummary.timing?.endTime ?? 0) <= before) {
      if (Date.now() - t0 > 10_000) throw new Error('the interrupted cell did not end within 10 s');
      await sleep(50);
    }
    const stopMs = Date.now() - t0;
    console.log(`[quickjs-e2e] a runaway cell stopped ${stopMs} ms after the interrupt`);
    const spin = doc.cellAt(1);
    assert.equal(spin.executionSummary.success, false);
    assert.equal(JSON.parse(text(item(spin, 'application/vnd.code.notebook.error'))).name, 'Interrupted');
    const [next] = await runCells(doc, 2);
    assert.equal(next.executionSummary.success, true, JSON.stringify(next.outputs.map((o) => o.items.map(text))));
    assert.equal(text(item(next, 'text/plain')), "'still here after true'");
  } finally {
    await closeAll();
    await setSetting('timeoutSeconds', undefined);
  }
}, 60_000);

test('notebook: "QuickJS: New Notebook" opens an untitled QuickJS notebook; console output streams while a cell runs', async () => {
  await vscode.extensions.getExtension(EXTENSION_ID).activate();
  const uri = await vscode.commands.executeCommand('quickjs.notebook.new');
  const doc = vscode.window.activeNotebookEditor && vscode.window.activeNotebookEditor.notebook;
  try {
    assert.ok(doc, 'a notebook editor is active');
    assert.equal(doc.uri.toString(), uri.toString());
    assert.equal(doc.notebookType, 'quickjs-notebook');
    assert.equal(doc.cellAt(0).document.languageId, 'javascript');
    const edit = new vscode.WorkspaceEdit();
    edit.set(doc.uri, [vscode.NotebookEdit.replaceCells(new vscode.NotebookRange(0, 1), [new vscode.NotebookCellData(vscode.NotebookCellKind.Code, 'console.log("early")\nawait new Promise((r) => setTimeout(r, 1500))\nconsole.log("late")', 'javascript')])]);
    assert.ok(await vscode.workspace.applyEdit(edit));
    await vscode.commands.executeCommand('notebook.selectKernel', { id: 'quickjs-sandbox-kernel', extension: EXTENSION_ID });
    const done = runCells(doc, 0);
    const t0 = Date.now();
    while (!allText(doc.cellAt(0), 'application/vnd.code.notebook.stdout').includes('early')) {
      if (Date.now() - t0 > 10_000) throw new Error('the first line never showed up');
      await sleep(50);
    }
    assert.equal(doc.cellAt(0).executionSummary?.success, undefined, '"early" is shown while the cell still runs');
    const [cell] = await done;
    assert.equal(allText(cell, 'application/vnd.code.notebook.stdout'), 'early\nlate\n');
    assert.equal(cell.outputs.length, 1, 'consecutive lines share one stream output');
  } finally {
    await closeAll();
  }
});

test('notebook: .qjsnb files open from disk, and a malformed one is refused with the reason', async () => {
  await vscode.extensions.getExtension(EXTENSION_ID).activate();
  const dir = ws().fsPath;
  const good = path.join(dir, 'e2e-good.qjsnb');
  const bad = path.join(dir, 'e2e-bad.qjsnb');
  fs.writeFileSync(good, JSON.stringify({ format: 'qjsnb', version: 1, cells: [{ kind: 'markdown', language: 'markdown', source: ['# Hi'] }, { kind: 'code', language: 'javascript', source: ['const x = 2', 'x * 21'] }] }, null, 2) + '\n');
  fs.writeFileSync(bad, '{"cells": [{"source": ["ok", 7]}]}');
  try {
    const doc = await vscode.workspace.openNotebookDocument(vscode.Uri.file(good));
    assert.equal(doc.notebookType, 'quickjs-notebook');
    assert.equal(doc.cellCount, 2);
    assert.equal(doc.cellAt(0).kind, vscode.NotebookCellKind.Markup);
    assert.equal(doc.cellAt(1).document.getText(), 'const x = 2\nx * 21');
    await vscode.window.showNotebookDocument(doc);
    const [cell] = await runCells(doc, 1);
    assert.equal(text(item(cell, 'text/plain')), '42');
    await assert.rejects(Promise.resolve(vscode.workspace.openNotebookDocument(vscode.Uri.file(bad))), /cells\[0\]\.source\[1\] must be a string/);
    assert.equal(fs.readFileSync(bad, 'utf8'), '{"cells": [{"source": ["ok", 7]}]}', 'a refused file is left as it was');
  } finally {
    await closeAll();
    fs.rmSync(good, { force: true });
    fs.rmSync(bad, { force: true });
  }
});

test('notebook: a Jupyter notebook with JavaScript cells runs in the sandbox', async () => {
  await vscode.extensions.getExtension(EXTENSION_ID).activate();
  let doc;
  try {
    doc = await openNotebook('jupyter-notebook', ['const j = [1, 2, 3].map((x) => x * 2)', 'j.join("-")'], 'quickjs-sandbox-kernel-jupyter');
  } catch (e) {
    throw new Skip(`no Jupyter notebook type in this VS Code (${e && e.message})`);
  }
  try {
    const [a, b] = await runCells(doc, 0, 2);
    assert.equal(a.executionSummary.success, true);
    assert.equal(b.executionSummary.success, true);
    assert.equal(text(item(b, 'text/plain')), "'2-4-6'");
  } finally {
    await closeAll();
  }
});

test('notebook: with quickjs.notebook.saveOutputs on, tables, charts and images survive save and reopen in .qjsnb and .ipynb', async () => {
  await vscode.extensions.getExtension(EXTENSION_ID).activate();
  await setSetting('notebook.saveOutputs', true);
  const dir = ws().fsPath;
  const sources = ['Array.from({ length: 120 }, (_, i) => ({ i, sq: i * i }))', 'display.chart([1, 3, 2], { title: "kept-title", type: "bar" })', 'display(new Uint8Array([137, 80, 78, 71]), "image/png")'];
  const files = [
    ['e2e-saved.qjsnb', 'quickjs-sandbox-kernel', { format: 'qjsnb', version: 1, cells: sources.map((c) => ({ kind: 'code', language: 'javascript', source: [c] })) }],
    ['e2e-saved.ipynb', 'quickjs-sandbox-kernel-jupyter', {
      nbformat: 4, nbformat_minor: 5, metadata: { language_info: { name: 'javascript' } },
      cells: sources.map((c) => ({ cell_type: 'code', source: [c], metadata: { vscode: { languageId: 'javascript' } }, outputs: [], execution_count: null })),
    }],
  ];
  const kept = (doc) => {
    const [table, chart, image] = doc.getCells().map((c) => c.outputs.flatMap((o) => o.items));
    const tree = table.find((i) => i.mime === 'application/vnd.quickjs.value+json');
    return {
      detached: tree && JSON.parse(text(tree)).detached,
      table: tree && JSON.parse(text(tree)).table,
      chart: chart.find((i) => i.mime === 'application/vnd.quickjs.chart+json'),
      png: image.find((i) => i.mime === 'image/png'),
    };
  };
  try {
    for (const [file, controller, content] of files) {
      const uri = vscode.Uri.file(path.join(dir, file));
      fs.writeFileSync(uri.fsPath, JSON.stringify(content, null, 1));
      let doc;
      try {
        doc = await vscode.workspace.openNotebookDocument(uri);
      } catch (e) {
        if (file.endsWith('.ipynb')) throw new Skip(`no Jupyter notebook type in this VS Code (${e && e.message})`);
        throw e;
      }
      await vscode.window.showNotebookDocument(doc);
      await vscode.commands.executeCommand('notebook.selectKernel', { id: controller, extension: EXTENSION_ID });
      const ran = await runCells(doc, 0, 3);
      assert.ok(ran.every((c) => c.executionSummary.success), JSON.stringify(ran.map((c) => c.outputs.map((o) => o.items.map((i) => i.mime)))));
      assert.ok(await doc.save(), `${file} saved`);
      const disk = fs.readFileSync(uri.fsPath, 'utf8');
      for (const mime of ['application/vnd.quickjs.value+json', 'application/vnd.quickjs.chart+json', 'image/png']) assert.ok(disk.includes(mime), `${file} on disk keeps ${mime}`);
      // The file is changed on disk (the chart's title) so that what shows next provably came from the file: VS Code
      // may keep a closed notebook in memory, and then its watcher reloads it.
      fs.writeFileSync(uri.fsPath, disk.split('kept-title').join('read-back'));
      await closeAll();
      // Opened again from disk, the outputs are there without running anything.
      const again = await vscode.workspace.openNotebookDocument(uri);
      await vscode.window.showNotebookDocument(again);
      const until = Date.now() + 15_000;
      while (JSON.parse(text(kept(again).chart)).title !== 'read-back' && Date.now() < until) await sleep(200);
      const { detached, table, chart, png } = kept(again);
      // .qjsnb files keep the tree as text (its sandbox is gone); the ipynb serializer keeps items as they were.
      if (file.endsWith('.qjsnb')) assert.equal(detached, true, 'the .qjsnb was read back from disk');
      assert.equal(table?.rows.length, 120, `${file}: the table's rows came back`);
      assert.deepEqual(table.rows[119], ['119', String(119 * 119)]);
      assert.equal(JSON.parse(text(chart)).title, 'read-back', `${file}: the chart came back from the file`);
      assert.deepEqual([...png.data], [137, 80, 78, 71], `${file}: the image bytes came back`);
      await closeAll();
    }
  } finally {
    await closeAll();
    await setSetting('notebook.saveOutputs', undefined);
    for (const [file] of files) fs.rmSync(path.join(dir, file), { force: true });
  }
}, 90_000);

/** The main suite (suite/index.js) runs these tests; it hands over the \`vscode\` module first. */
function setVscode(v) {
  vscode = v;
}

module.exports = { tests, setVscode };
