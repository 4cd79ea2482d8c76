/**
 * The "QuickJS Sandbox" notebook controllers (kernels): one for `.qjsnb` notebooks and one for Jupyter notebooks
 * with JavaScript or TypeScript cells. Cells of a notebook run one after another in that notebook's session.
 */
import * as vscode from 'vscode';
import { NOTEBOOK_TYPE } from './serializer';
import { CELL_LANGUAGES, NotebookSession } from './notebookSession';

/** Controller id for `.qjsnb` notebooks. */
export const CONTROLLER_ID = 'quickjs-sandbox-kernel';
/** Controller id for Jupyter notebooks (a controller serves one notebook type). */
export const JUPYTER_CONTROLLER_ID = 'quickjs-sandbox-kernel-jupyter';
const LABEL = 'QuickJS Sandbox';

/** Owns the controllers and every open notebook's session. */
export class NotebookControllers implements vscode.Disposable {
  private readonly sessions = new Map<string, NotebookSession>();
  /** Per notebook: the batch of cells running now, so a second batch waits for it. */
  private readonly queues = new Map<string, Promise<void>>();
  /** Per notebook: set by an interrupt, so the cells still queued behind the stopped one do not run. */
  private readonly interrupted = new Set<string>();
  private executionOrder = 0;
  private readonly disposables: vscode.Disposable[] = [];
  private readonly sessionEmitter = new vscode.EventEmitter<NotebookSession>();
  /** Fires when a notebook gets its session (the status bar listens to its memory). */
  readonly onDidCreateSession = this.sessionEmitter.event;

  constructor() {
    for (const [id, type] of [
      [CONTROLLER_ID, NOTEBOOK_TYPE],
      [JUPYTER_CONTROLLER_ID, 'jupyter-notebook'],
    ] as const) {
      const c = vscode.notebooks.createNotebookController(id, type, LABEL);
      c.supportedLanguages = [...CELL_LANGUAGES];
      c.supportsExecutionOrder = true;
      c.description = 'JavaScript and TypeScript in a QuickJS sandbox with memory, stack and time limits';
      c.executeHandler = (cells, notebook, controller) => this.execute(cells, notebook, controller);
      c.interruptHandler = (notebook) => this.interrupt(notebook);
      this.disposables.push(c);
      if (type === NOTEBOOK_TYPE) {
        // Our own notebook type should not ask which kernel to use.
        const prefer = (nb: vscode.NotebookDocument) => nb.notebookType === NOTEBOOK_TYPE && c.updateNotebookAffinity(nb, vscode.NotebookControllerAffinity.Preferred);
        vscode.workspace.notebookDocuments.forEach(prefer);
        this.disposables.push(vscode.workspace.onDidOpenNotebookDocument(prefer));
      }
    }
    this.disposables.push(
      vscode.workspace.onDidCloseNotebookDocument((nb) => {
        const key = nb.uri.toString();
        this.sessions.get(key)?.dispose();
        this.sessions.delete(key);
      }),
    );
  }

  /** The session of a notebook, if it has run a cell. */
  session(notebook: vscode.NotebookDocument | string): NotebookSession | undefined {
    return this.sessions.get(typeof notebook === 'string' ? notebook : notebook.uri.toString());
  }

  private sessionFor(notebook: vscode.NotebookDocument): NotebookSession {
    const key = notebook.uri.toString();
    let s = this.sessions.get(key);
    if (!s) {
      s = new NotebookSession(notebook);
      this.sessions.set(key, s);
      this.sessionEmitter.fire(s);
    }
    return s;
  }

  private execute(cells: vscode.NotebookCell[], notebook: vscode.NotebookDocument, controller: vscode.NotebookController): Promise<void> {
    const key = notebook.uri.toString();
    // Created at once, so every requested cell shows as queued until its turn.
    const executions = cells.map((cell) => ({ cell, execution: controller.createNotebookCellExecution(cell) }));
    const previous = this.queues.get(key) ?? Promise.resolve();
    const batch = previous.then(async () => {
      this.interrupted.delete(key);
      const session = this.sessionFor(notebook);
      for (const { cell, execution } of executions) {
        if (this.interrupted.has(key)) {
          execution.start(Date.now());
          execution.end(undefined);
          continue;
        }
        execution.executionOrder = ++this.executionOrder;
        execution.start(Date.now());
        let ok = false;
        try {
          ok = await session.execute(cell, execution);
        } catch (e) {
          await execution.replaceOutput(new vscode.NotebookCellOutput([vscode.NotebookCellOutputItem.error(e instanceof Error ? e : new Error(String(e)))]));
        }
        execution.end(ok, Date.now());
      }
    });
    const settled = batch.catch(() => undefined);
    this.queues.set(key, settled);
    void settled.then(() => {
      if (this.queues.get(key) === settled) this.queues.delete(key);
    });
    return batch;
  }

  /** Stops the running cell of a notebook and drops the cells queued behind it. */
  interrupt(notebook: vscode.NotebookDocument): void {
    const key = notebook.uri.toString();
    this.interrupted.add(key);
    this.sessions.get(key)?.interrupt();
  }

  /** Restarts a notebook's sandbox: its state is cleared and the next cell starts afresh. */
  async restart(notebook: vscode.NotebookDocument): Promise<boolean> {
    const s = this.sessions.get(notebook.uri.toString());
    if (!s) return false;
    this.interrupted.add(notebook.uri.toString());
    await s.restart();
    return true;
  }

  dispose(): void {
    for (const s of this.sessions.values()) s.dispose();
    this.sessions.clear();
    this.sessionEmitter.dispose();
    for (const d of this.disposables) d.dispose();
  }
}
