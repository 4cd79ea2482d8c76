/**
 * One notebook's persistent sandbox: created on the first cell with the user's settings, kept while the notebook is
 * open so that cells share state, restarted on request or when the engine had to be terminated.
 * It turns a cell run's events into cell outputs as they arrive (console output streams into the cell).
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ErrorInfo, MemoryStats, RemoteValue, RunOutcome, SandboxEvent } from '../../engine/api';
import type { Sandbox } from '../../engine';
import { loadEngine } from '../engineHost';
import { readSettings, reportProblems, toSandboxOptions } from '../settings';
import { memorySources, sandboxMemorySource, type MemorySourceHandle } from '../memoryView/sources';
import { mapCellError, prepareCell, type CellLanguage, type PreparedCell } from './cellSource';
import { chartOutput, CHART_MIME } from './chart';
import { displayBytes, readTableData, tableDataHtml, VALUE_MIME, type TableData, type ValuePayload } from './outputs';

/** Generations of all sessions, from a random start so that outputs saved by an earlier window never match. */
let nextGeneration = 1 + Math.floor(Math.random() * 2 ** 30);

/** Languages the sandbox runs; other cells (markdown, Python in a Jupyter notebook) are refused with a reason. */
export const CELL_LANGUAGES: readonly string[] = ['javascript', 'typescript'];

/** What the memory status shows. */
export interface MemoryReading {
  stats: MemoryStats;
  limitBytes: number;
}

/** The sandbox of one notebook and the state that goes with it. */
export class NotebookSession implements vscode.Disposable {
  private sandbox: Sandbox | undefined;
  /** The registration that lets the memory view follow this notebook's sandbox. */
  private memorySource: MemorySourceHandle | undefined;
  private creating: Promise<Sandbox> | undefined;
  /**
   * Changes whenever a new sandbox replaces the old one: remote ids from before mean nothing any more. Unique across
   * sessions too, because a saved .ipynb keeps tree outputs with the generation they were made under.
   */
  generation = 0;
  /** Cells by the file name they ran under, so stacks through functions of earlier cells map back too. */
  private readonly cells = new Map<string, PreparedCell>();
  /** Remote references that a cell's outputs hold, released when the cell runs again. */
  private readonly cellRefs = new Map<string, number[]>();
  private running: Sandbox | undefined;
  private readonly memoryEmitter = new vscode.EventEmitter<MemoryReading | undefined>();
  /** Fires after each cell with fresh memory figures, and with undefined when the sandbox is gone. */
  readonly onDidChangeMemory = this.memoryEmitter.event;
  lastMemory: MemoryReading | undefined;

  constructor(readonly notebook: vscode.NotebookDocument) {}

  /** The live sandbox, if one exists (the renderer's requests use it; they never create one). */
  get current(): Sandbox | undefined {
    return this.sandbox && !this.sandbox.disposed ? this.sandbox : undefined;
  }

  private async ensureSandbox(): Promise<Sandbox> {
    if (this.sandbox && !this.sandbox.disposed) return this.sandbox;
    if (this.creating) return this.creating;
    const { settings, problems } = readSettings(this.notebook.uri);
    reportProblems(problems);
    const folder = vscode.workspace.getWorkspaceFolder(this.notebook.uri)?.uri.fsPath;
    const cwd = this.notebook.uri.scheme === 'file' ? path.dirname(this.notebook.uri.fsPath) : folder;
    const options = toSandboxOptions(settings, vscode.workspace.isTrusted, cwd);
    this.creating = loadEngine()
      .Sandbox.create(options)
      .then((s) => {
        this.sandbox = s;
        // The notebook's sandbox is what "QuickJS: Show Memory" follows while the notebook is in use.
        this.memorySource = memorySources.setActive(sandboxMemorySource(s, `notebook ${path.basename(this.notebook.uri.path)}`, 'notebook'));
        this.generation = nextGeneration++;
        this.cells.clear();
        this.cellRefs.clear();
        return s;
      })
      .finally(() => (this.creating = undefined));
    return this.creating;
  }

  /** Runs one cell into `execution` (already started); resolves with whether it succeeded. */
  async execute(cell: vscode.NotebookCell, execution: vscode.NotebookCellExecution): Promise<boolean> {
    const language = cell.document.languageId;
    if (!CELL_LANGUAGES.includes(language)) {
      await execution.replaceOutput(errorOutput({ name: 'UnsupportedLanguage', message: `the QuickJS sandbox runs JavaScript and TypeScript cells, not ${language}`, stack: '', frames: [] }));
      return false;
    }
    await execution.clearOutput();
    const prepared = await prepareCell(cell.document.getText(), language as CellLanguage, cell.index);
    if (prepared.compileError) {
      await execution.appendOutput(errorOutput(prepared.compileError));
      return false;
    }
    let sandbox: Sandbox;
    try {
      sandbox = await this.ensureSandbox();
    } catch (e) {
      const message = `the sandbox could not start: ${e instanceof Error ? e.message : String(e)}`;
      await execution.appendOutput(errorOutput({ name: 'SandboxError', message, stack: '', frames: [] }));
      return false;
    }
    await this.releaseCellRefs(sandbox, cell);
    this.cells.set(prepared.filename, prepared);

    // Outputs are appended in event order; each append waits for the previous one.
    let queue: Promise<unknown> = Promise.resolve();
    const enqueue = (f: () => Thenable<unknown> | Promise<unknown>) => (queue = queue.then(f).catch(() => undefined));
    let stream: { kind: 'stdout' | 'stderr'; output: vscode.NotebookCellOutput } | undefined;
    let result: { text: string; value?: RemoteValue } | undefined;
    let limitShown = false;
    const off = sandbox.onEvent((ev) => {
      const e = ev as SandboxEvent;
      switch (e.type) {
        case 'console': {
          const kind = e.level === 'warn' || e.level === 'error' || e.level === 'trace' ? 'stderr' : 'stdout';
          const item = kind === 'stdout' ? vscode.NotebookCellOutputItem.stdout(`${e.text}\n`) : vscode.NotebookCellOutputItem.stderr(`${e.text}\n`);
          if (stream && stream.kind === kind) {
            const output = stream.output;
            enqueue(() => execution.appendOutputItems(item, output));
          } else {
            const output = new vscode.NotebookCellOutput([item]);
            stream = { kind, output };
            enqueue(() => execution.appendOutput(output));
          }
          break;
        }
        case 'display': {
          stream = undefined;
          if (e.mime === CHART_MIME) {
            // Checked here so a wrong spec is told at once, in words that name the field to fix.
            const chart = chartOutput(e.data);
            const output = 'error' in chart
              ? errorOutput({ name: 'ChartError', message: chart.error, stack: '', frames: [] })
              : new vscode.NotebookCellOutput([vscode.NotebookCellOutputItem.json(chart.chart, CHART_MIME), vscode.NotebookCellOutputItem.text(chart.text, 'text/plain')]);
            enqueue(() => execution.appendOutput(output));
            break;
          }
          const item = new vscode.NotebookCellOutputItem(displayBytes(e.mime, e.data), e.mime);
          enqueue(() => execution.appendOutput(new vscode.NotebookCellOutput([item])));
          break;
        }
        case 'result':
          result = { text: e.text, value: e.value };
          break;
        case 'error':
          stream = undefined;
          enqueue(() => execution.appendOutput(errorOutput(mapCellError(e.error, this.cells), e.kind)));
          break;
        case 'limit':
          stream = undefined;
          limitShown = true;
          enqueue(() => execution.appendOutput(errorOutput({ name: `${e.limit[0].toUpperCase()}${e.limit.slice(1)}Limit`, message: e.message, stack: '', frames: [] })));
          break;
        default:
          break;
      }
    });
    let outcome: RunOutcome;
    this.running = sandbox;
    try {
      outcome = await sandbox.run(prepared.request);
    } catch (e) {
      outcome = { status: 'crashed', exitCode: 2, durationMs: 0, message: e instanceof Error ? e.message : String(e) };
    } finally {
      this.running = undefined;
      off();
    }
    await queue;
    if (result && outcome.status === 'completed') await this.appendResult(sandbox, cell, execution, result);
    if (outcome.status === 'cancelled') {
      await execution.appendOutput(errorOutput({ name: 'Interrupted', message: `the cell was stopped after ${Math.round(outcome.durationMs)} ms`, stack: '', frames: [] }));
    } else if ((outcome.status === 'crashed' || outcome.status === 'limit') && !limitShown) {
      await execution.appendOutput(errorOutput({ name: outcome.status === 'crashed' ? 'SandboxCrashed' : 'LimitExceeded', message: outcome.message ?? outcome.status, stack: '', frames: [] }));
    }
    if (sandbox.disposed) {
      // The engine had to be terminated (it ignored the stop, or crashed): what earlier cells defined is gone.
      await this.dropSandbox();
      const message = 'The QuickJS engine had to be terminated, so the notebook state (everything earlier cells defined) was lost. The next cell starts a fresh sandbox; re-run the cells it needs.';
      await execution.appendOutput(new vscode.NotebookCellOutput([vscode.NotebookCellOutputItem.stderr(`${message}\n`)]));
      void vscode.window.showWarningMessage(`QuickJS notebook: ${message}`);
    } else {
      await this.refreshMemory(sandbox);
    }
    return outcome.status === 'completed';
  }

  /** Adds the cell's completion value: a table for arrays of records, an expandable tree for objects, else text. */
  private async appendResult(sandbox: Sandbox, cell: vscode.NotebookCell, execution: vscode.NotebookCellExecution, result: { text: string; value?: RemoteValue }): Promise<void> {
    const items: vscode.NotebookCellOutputItem[] = [];
    const value = result.value;
    if (value && value.id > 0) {
      let table: TableData | undefined;
      try {
        table = await readTableData(value, (...a) => sandbox.records(...a));
      } catch {
        // A table is a nicety: the tree and the text below still show the value.
      }
      const tableHtml = table && tableDataHtml(table);
      const payload: ValuePayload = { notebook: this.notebook.uri.toString(), generation: this.generation, value, text: result.text, table };
      // VS Code prefers the kernel's own renderer, which draws the table too; the HTML item serves other viewers
      // (a saved .ipynb opened elsewhere).
      items.push(vscode.NotebookCellOutputItem.json(payload, VALUE_MIME));
      if (tableHtml) items.push(vscode.NotebookCellOutputItem.text(tableHtml, 'text/html'));
      this.cellRefs.set(cell.document.uri.toString(), [value.id]);
    }
    items.push(vscode.NotebookCellOutputItem.text(result.text, 'text/plain'));
    await execution.appendOutput(new vscode.NotebookCellOutput(items, { quickjsResult: true }));
  }

  private async releaseCellRefs(sandbox: Sandbox, cell: vscode.NotebookCell): Promise<void> {
    const key = cell.document.uri.toString();
    const ids = this.cellRefs.get(key);
    this.cellRefs.delete(key);
    for (const id of ids ?? []) await sandbox.release(id).catch(() => undefined);
  }

  private async refreshMemory(sandbox: Sandbox): Promise<void> {
    try {
      const stats = await sandbox.memoryStats();
      this.lastMemory = { stats, limitBytes: sandbox.options.memoryLimitBytes };
      this.memoryEmitter.fire(this.lastMemory);
    } catch {
      // The figures are informative only; a sandbox that just died has none.
    }
  }

  /** Stops the running cell. The context survives unless the engine has to be terminated (then `execute` says so). */
  interrupt(): void {
    this.running?.cancel();
  }

  /** True while a cell runs. */
  get busy(): boolean {
    return this.running !== undefined;
  }

  private async dropSandbox(): Promise<void> {
    const s = this.sandbox;
    this.sandbox = undefined;
    const memory = this.memorySource;
    this.memorySource = undefined;
    if (memory) await memory.end();
    this.cells.clear();
    this.cellRefs.clear();
    this.lastMemory = undefined;
    this.memoryEmitter.fire(undefined);
    if (s) await s.dispose().catch(() => undefined);
  }

  /** Throws away the sandbox and all notebook state; the next cell starts a fresh one. */
  async restart(): Promise<void> {
    this.interrupt();
    await this.dropSandbox();
  }

  dispose(): void {
    void this.dropSandbox();
    this.memoryEmitter.dispose();
  }
}

/** An error output; the stack is what VS Code shows, so it starts with the name and message like Node's. */
export function errorOutput(e: ErrorInfo, kind?: 'uncaught' | 'unhandledRejection'): vscode.NotebookCellOutput {
  const name = kind === 'unhandledRejection' ? `${e.name || 'Error'} (in a promise)` : e.name || 'Error';
  const message = e.thrown !== undefined && !e.stack ? `${e.thrown} was thrown` : e.message;
  const frames = e.stack.split('\n').filter((l) => /^\s+at /.test(l));
  const stack = [`${name}: ${message}`, ...frames].join('\n');
  return new vscode.NotebookCellOutput([vscode.NotebookCellOutputItem.error({ name, message, stack })]);
}
