/**
 * Notebooks in the QuickJS sandbox: the `.qjsnb` serializer, the kernels, the object tree's messaging, the memory
 * status and the notebook commands. `registerNotebook` is the one call extension.ts makes.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { debugCellPlan, type DebugCellInput } from './cellDebug';
import { NotebookControllers } from './notebookControllers';
import { notebookLabel, notebookMemory, type QuickJSStatusBar } from '../statusBar';
import { statusView } from '../statusModel';
import { RENDERER_ID, type ChildrenReply, type ChildrenRequest } from './outputs';
import { NOTEBOOK_TYPE, QjsnbSerializer, saveOutputsSetting } from './serializer';
import type { MemoryReading, NotebookSession } from './notebookSession';
import { settingName } from '../settings';

/** Command ids of the notebook features (package.json declares the same). */
export const NOTEBOOK_COMMANDS = {
  newNotebook: 'quickjs.notebook.new',
  restart: 'quickjs.notebook.restart',
  showMemory: 'quickjs.notebook.showMemory',
  debugCell: 'quickjs.notebook.debugCell',
} as const;

/** The notebook the command was invoked on: a toolbar passes `{ notebookEditor }` or a URI; else the active one. */
function targetNotebook(arg: unknown): vscode.NotebookDocument | undefined {
  if (arg instanceof vscode.Uri) return vscode.workspace.notebookDocuments.find((n) => n.uri.toString() === arg.toString());
  const fromToolbar = (arg as { notebookEditor?: { notebookUri?: vscode.Uri } } | undefined)?.notebookEditor?.notebookUri;
  if (fromToolbar) return vscode.workspace.notebookDocuments.find((n) => n.uri.toString() === fromToolbar.toString());
  return vscode.window.activeNotebookEditor?.notebook;
}

/** The cell the command was invoked on: the cell title menu passes the cell, others a cell URI; else the selected one. */
function targetCell(arg: unknown): vscode.NotebookCell | undefined {
  const given = arg as Partial<vscode.NotebookCell> | undefined;
  if (given && given.notebook && given.document && typeof given.index === 'number') return given as vscode.NotebookCell;
  if (arg instanceof vscode.Uri) {
    for (const nb of vscode.workspace.notebookDocuments) {
      const cell = nb.getCells().find((c) => c.document.uri.toString() === arg.toString());
      if (cell) return cell;
    }
    return undefined;
  }
  const editor = vscode.window.activeNotebookEditor;
  if (!editor || editor.selection.isEmpty) return undefined;
  return editor.notebook.cellAt(editor.selection.start);
}

/** Starts a `quickjs` debug session for one cell (see cellDebug.ts); resolves with whether it started. */
async function debugCell(arg: unknown): Promise<boolean> {
  const cell = targetCell(arg);
  if (!cell) {
    void vscode.window.showInformationMessage('QuickJS: select a JavaScript or TypeScript cell of a notebook to debug it.');
    return false;
  }
  const nb = cell.notebook;
  const cells: DebugCellInput[] = nb.getCells().map((c) => ({
    kind: c.kind === vscode.NotebookCellKind.Code ? 'code' : 'markup',
    language: c.document.languageId,
    text: c.document.getText(),
    uri: c.document.uri.toString(),
  }));
  const folder = vscode.workspace.getWorkspaceFolder(nb.uri);
  const cwd = nb.uri.scheme === 'file' ? path.dirname(nb.uri.fsPath) : folder?.uri.fsPath;
  const plan = await debugCellPlan(cells, cell.index, cwd);
  if (!plan.ok) {
    void vscode.window.showInformationMessage(`QuickJS: cannot debug this cell: ${plan.reason}.`);
    return false;
  }
  if (plan.skipped.length) {
    void vscode.window.showWarningMessage(`QuickJS: not replayed before debugging, as they do not compile: ${plan.skipped.join('; ')}`);
  }
  const above = plan.replayed ? ` after replaying ${plan.replayed} cell${plan.replayed === 1 ? '' : 's'} above it` : '';
  void vscode.window.setStatusBarMessage(`QuickJS: debugging Cell ${cell.index + 1} in a fresh sandbox${above}; the notebook's own state is untouched`, 6000);
  // The cells' text is taken from their editors, so nothing needs saving (an untitled notebook would ask for a name).
  return vscode.debug.startDebugging(folder, plan.configuration, { suppressSaveBeforeStart: true });
}

/** Registers everything notebooks need; all of it is disposed with the extension. */
export function registerNotebook(context: vscode.ExtensionContext, status: QuickJSStatusBar): void {
  const controllers = new NotebookControllers();
  let serializer = registerSerializer();
  const messaging = vscode.notebooks.createRendererMessaging(RENDERER_ID);

  const watch = (s: NotebookSession) => s.onDidChangeMemory((reading: MemoryReading | undefined) => status.notebookReading(s.notebook, reading));

  context.subscriptions.push(
    controllers,
    { dispose: () => serializer.dispose() },
    controllers.onDidCreateSession((s) => context.subscriptions.push(watch(s))),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (!e.affectsConfiguration(settingName('notebook.saveOutputs'))) return;
      // Whether outputs make the notebook dirty is fixed at registration, so a change registers again.
      serializer.dispose();
      serializer = registerSerializer();
    }),
    messaging.onDidReceiveMessage(({ editor, message }) => {
      const m = message as ChildrenRequest;
      if (!m || m.type !== 'children') return;
      void answerChildren(controllers, m).then((reply) => messaging.postMessage(reply, editor));
    }),
    vscode.commands.registerCommand(NOTEBOOK_COMMANDS.newNotebook, async () => {
      const data = new vscode.NotebookData([new vscode.NotebookCellData(vscode.NotebookCellKind.Code, '', 'javascript')]);
      const doc = await vscode.workspace.openNotebookDocument(NOTEBOOK_TYPE, data);
      await vscode.window.showNotebookDocument(doc);
      return doc.uri;
    }),
    vscode.commands.registerCommand(NOTEBOOK_COMMANDS.debugCell, debugCell),
    vscode.commands.registerCommand(NOTEBOOK_COMMANDS.restart, async (arg?: unknown) => {
      const nb = targetNotebook(arg);
      if (!nb) {
        void vscode.window.showInformationMessage('QuickJS: open a notebook to restart its sandbox.');
        return false;
      }
      const restarted = await controllers.restart(nb);
      void vscode.window.setStatusBarMessage(restarted ? 'QuickJS: notebook sandbox restarted; its state was cleared' : 'QuickJS: this notebook has no sandbox yet', 4000);
      return restarted;
    }),
    vscode.commands.registerCommand(NOTEBOOK_COMMANDS.showMemory, async (arg?: unknown) => {
      const nb = targetNotebook(arg);
      const reading = nb ? controllers.session(nb)?.lastMemory : undefined;
      if (!reading) {
        void vscode.window.showInformationMessage('QuickJS: run a cell first; the notebook has no sandbox yet.');
        return undefined;
      }
      const mb = (b: number) => `${(b / (1024 * 1024)).toFixed(1)} MB`;
      const limit = reading.limitBytes ? mb(reading.limitBytes) : 'no limit';
      void vscode.window
        .showInformationMessage(`QuickJS notebook: live objects ${mb(reading.stats.memory_used_size)}, engine heap ${mb(reading.stats.heap_size)}, limit ${limit}.`, 'Restart Sandbox')
        .then((choice) => choice && vscode.commands.executeCommand(NOTEBOOK_COMMANDS.restart, nb?.uri));
      // The words the status bar uses for this notebook when it is in focus.
      const text = statusView({ kind: 'notebook', label: notebookLabel(nb!) }, notebookMemory(reading)).text;
      return { usedBytes: reading.stats.memory_used_size, heapBytes: reading.stats.heap_size, limitBytes: reading.limitBytes, text };
    }),
  );
}

function registerSerializer(): vscode.Disposable {
  return vscode.workspace.registerNotebookSerializer(NOTEBOOK_TYPE, new QjsnbSerializer(), { transientOutputs: !saveOutputsSetting() });
}

/** Pages through a value for the tree renderer; ids from an older sandbox get a message, never a wrong answer. */
async function answerChildren(controllers: NotebookControllers, m: ChildrenRequest): Promise<ChildrenReply> {
  const session = controllers.session(m.notebook);
  const sandbox = session?.current;
  if (!session || !sandbox || session.generation !== m.generation) {
    return { type: 'children', requestId: m.requestId, error: 'the sandbox that made this value was restarted; run the cell again' };
  }
  if (session.busy) return { type: 'children', requestId: m.requestId, error: 'a cell is running; expand again when it has finished' };
  try {
    const [indexed, named] = await Promise.all([
      sandbox.children(m.id, 'indexed', m.start ?? 0, m.count ?? 100),
      m.start ? Promise.resolve([]) : sandbox.children(m.id, 'named'),
    ]);
    return { type: 'children', requestId: m.requestId, properties: [...indexed, ...named] };
  } catch (e) {
    return { type: 'children', requestId: m.requestId, error: e instanceof Error ? e.message : String(e) };
  }
}
