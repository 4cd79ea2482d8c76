// Extension-host test of "Debug Cell" in a real VS Code: a breakpoint set in a notebook cell's editor binds in the
// `quickjs` debug session the command starts, which stops on that cell line and shows the function's locals, with
// the state of the cell above replayed. suite/index.js runs `tests` after handing over `vscode` with setVscode.
'use strict';
// Required lazily: plain `node --test test/` loads every .js under test/ and must not fail on a missing 'vscode'.
let vscode;
const assert = require('node:assert/strict');

const { EXTENSION_ID, Skip, suite } = require('./shared');
const { tests, test } = suite(45_000);

/** Records what passes between VS Code and the quickjs adapter; `stopped` settles on the first stop or the end. */
function watchAdapter() {
  const seen = [];
  const breakpointPaths = [];
  let onStop, onEnd;
  const stopped = new Promise((res, rej) => ((onStop = res), (onEnd = rej)));
  const tracker = vscode.debug.registerDebugAdapterTrackerFactory('quickjs', {
    createDebugAdapterTracker: () => ({
      onWillReceiveMessage: (m) => {
        if (m.command === 'setBreakpoints') breakpointPaths.push(m.arguments?.source?.path);
        if (m.command === 'launch') seen.push(`launch ${JSON.stringify({ ...m.arguments, source: '…', prelude: (m.arguments.prelude || []).length })}`);
      },
      onDidSendMessage: (m) => {
        seen.push(m.type === 'event' ? `event ${m.event} ${JSON.stringify(m.body ?? {}).slice(0, 200)}` : `${m.type} ${m.command} ${m.success === false ? m.message : ''}`);
        if (m.type === 'event' && m.event === 'stopped') onStop(m.body);
        if (m.type === 'response' && m.success === false && /created without debugging support/.test(m.message || '')) {
          onEnd(new Skip(`the engine has no debug support yet (${m.command}: ${m.message})`));
        }
        if (m.type === 'event' && m.event === 'terminated') onEnd(new Error(`the session ended without stopping; the adapter said:\n${seen.join('\n')}`));
      },
      onError: (e) => seen.push(`error ${e && e.message}`),
    }),
  });
  const within = (ms) =>
    Promise.race([stopped, new Promise((_, rej) => setTimeout(() => rej(new Error(`no stopped event within ${ms} ms; the adapter said:\n${seen.join('\n')}`)), ms))]);
  return { tracker, within, breakpointPaths, seen };
}

test('notebook: Debug Cell stops at a breakpoint in the cell and shows its locals, with the cell above replayed', async () => {
  await vscode.extensions.getExtension(EXTENSION_ID).activate();
  const sources = ['let base = 40\nconsole.log("setup ran")', 'function area(w, h) {\n  const a = w * h + base\n  return a\n}\nconst result = area(1, 2)\nresult'];
  const data = new vscode.NotebookData(sources.map((s) => new vscode.NotebookCellData(vscode.NotebookCellKind.Code, s, 'javascript')));
  const doc = await vscode.workspace.openNotebookDocument('quickjs-notebook', data);
  await vscode.window.showNotebookDocument(doc);
  const cell = doc.cellAt(1);
  const cellUri = cell.document.uri;
  // `return a`: line 3 of the cell.
  const bp = new vscode.SourceBreakpoint(new vscode.Location(cellUri, new vscode.Position(2, 0)));
  vscode.debug.addBreakpoints([bp]);
  const watch = watchAdapter();
  try {
    // As the cell title button does: the command receives the cell.
    assert.equal(await vscode.commands.executeCommand('quickjs.notebook.debugCell', cell), true, 'startDebugging failed');
    const body = await watch.within(25_000);
    assert.equal(body.reason, 'breakpoint');
    assert.ok(watch.breakpointPaths.includes(cellUri.toString()), `setBreakpoints for the cell's URI; got ${JSON.stringify(watch.breakpointPaths)}`);
    const session = vscode.debug.activeDebugSession;
    assert.ok(session && session.type === 'quickjs', 'a quickjs session is active');
    assert.equal(session.configuration.sourceName, cellUri.toString());
    const st = await session.customRequest('stackTrace', { threadId: body.threadId ?? 1 });
    const top = st.stackFrames[0];
    assert.equal(top.line, 3);
    assert.equal(top.name, 'area');
    assert.equal(top.source.path, cellUri.toString());
    const { scopes } = await session.customRequest('scopes', { frameId: top.id });
    const local = scopes.find((s) => s.name === 'Local') ?? scopes[0];
    const vars = await session.customRequest('variables', { variablesReference: local.variablesReference });
    const byName = Object.fromEntries(vars.variables.map((v) => [v.name, v.value]));
    assert.equal(byName.a, '42', `base from the cell above was replayed: ${JSON.stringify(vars.variables)}`);
    assert.equal(byName.w, '1');
    await vscode.debug.stopDebugging(session);
  } finally {
    watch.tracker.dispose();
    vscode.debug.removeBreakpoints([bp]);
    if (vscode.debug.activeDebugSession) await vscode.debug.stopDebugging(vscode.debug.activeDebugSession);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor').then(undefined, () => undefined);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  }
}, 60_000);

test('notebook: Debug Cell refuses a markdown cell with a reason instead of starting a session', async () => {
  await vscode.extensions.getExtension(EXTENSION_ID).activate();
  const data = new vscode.NotebookData([new vscode.NotebookCellData(vscode.NotebookCellKind.Markup, '# title', 'markdown')]);
  const doc = await vscode.workspace.openNotebookDocument('quickjs-notebook', data);
  await vscode.window.showNotebookDocument(doc);
  try {
    const before = vscode.debug.activeDebugSession;
    assert.equal(await vscode.commands.executeCommand('quickjs.notebook.debugCell', doc.cellAt(0)), false);
    assert.equal(vscode.debug.activeDebugSession, before, 'no session was started');
  } finally {
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor').then(undefined, () => undefined);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  }
});

module.exports = { tests, setVscode: (v) => (vscode = v) };
