/**
 * The one QuickJS status bar item. It describes what the user is looking at: the run in progress (click stops it),
 * else the QuickJS debug session in focus (running or paused), else the notebook in focus, else how the last run
 * ended; each with that sandbox's heap against its limit. A failed run's red background is news, not a state: it
 * clears after a while or at the user's next action (a debug session, a notebook cell). Hidden until there is
 * something to say, so an idle extension adds nothing to the status bar. The wording is `statusModel.ts`.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { memorySources, type ActiveSource, type MemorySourceRegistry } from './memoryView/sources';
import type { MemoryReading } from './notebook/notebookSession';
import type { RunnerState } from './runner';
import { statusView, type StatusFocus, type StatusMemory } from './statusModel';

/** How long a failed run keeps the item red. */
const FAILURE_SHOWN_MS = 15_000;

const COMMANDS = { stop: 'quickjs.stop', showMemory: 'quickjs.showMemory', showOutput: 'quickjs.showOutput' } as const;

/** The heap figures of a memory source's latest sample, if it has one. */
function sourceMemory(active: ActiveSource | undefined): StatusMemory | undefined {
  const stats = active?.samples.latest()?.stats;
  return stats ? { heap: stats.heap_size, limit: stats.malloc_limit } : undefined;
}

/** A notebook's reading as status figures. */
export function notebookMemory(reading: MemoryReading): StatusMemory {
  return { heap: reading.stats.heap_size, limit: reading.limitBytes };
}

/** The label a notebook goes by in the status bar. */
export const notebookLabel = (nb: vscode.NotebookDocument): string => path.basename(nb.uri.path);

/** Owns the status bar item and decides what it shows. */
export class QuickJSStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('quickjs.status', vscode.StatusBarAlignment.Left, 10);
  private run: RunnerState = { running: false };
  private failureFresh = false;
  private failureTimer: NodeJS.Timeout | undefined;
  /** The latest memory reading of each notebook with a sandbox, by URI. */
  private readonly notebooks = new Map<string, MemoryReading>();
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(private readonly registry: MemorySourceRegistry = memorySources) {
    this.item.name = 'QuickJS Sandbox';
    const off = registry.onDidChange(() => this.refresh());
    this.subscriptions.push(
      { dispose: off },
      vscode.debug.onDidStartDebugSession(() => this.moveOn()),
      vscode.debug.onDidChangeActiveDebugSession(() => this.refresh()),
      vscode.debug.onDidTerminateDebugSession(() => this.refresh()),
      vscode.window.onDidChangeActiveNotebookEditor(() => this.refresh()),
    );
  }

  /** The runner's state changed. */
  update(state: RunnerState): void {
    this.run = state;
    this.clearFailure();
    if (!state.running && state.last && state.last.status !== 'completed' && state.last.status !== 'cancelled') {
      this.failureFresh = true;
      this.failureTimer = setTimeout(() => this.moveOn(), FAILURE_SHOWN_MS);
    }
    this.refresh();
  }

  /** A notebook's sandbox reported its memory (after a cell), or went away (undefined). */
  notebookReading(notebook: vscode.NotebookDocument, reading: MemoryReading | undefined): void {
    if (reading) this.notebooks.set(notebook.uri.toString(), reading);
    else this.notebooks.delete(notebook.uri.toString());
    this.moveOn();
  }

  /** The text shown now (for tests and commands that report it). */
  get text(): string {
    return this.item.text;
  }

  /** What the item describes now, and that sandbox's memory; undefined when there is nothing to say. */
  private focus(): { focus: StatusFocus; memory?: StatusMemory } | undefined {
    const active = this.registry.active;
    const live = active && active.state !== 'ended' ? active : undefined;
    if (this.run.running) return { focus: { kind: 'run', label: this.run.label }, memory: live?.source.kind === 'run' ? sourceMemory(live) : undefined };
    const session = vscode.debug.activeDebugSession;
    if (session?.type === 'quickjs') {
      const ours = live?.source.kind === 'debug' ? live : undefined;
      return { focus: { kind: 'debug', label: session.name, paused: ours?.state === 'paused' }, memory: sourceMemory(ours) };
    }
    const notebook = vscode.window.activeNotebookEditor?.notebook;
    const reading = notebook && this.notebooks.get(notebook.uri.toString());
    if (notebook && reading) return { focus: { kind: 'notebook', label: notebookLabel(notebook) }, memory: notebookMemory(reading) };
    if (this.run.last) return { focus: { kind: 'last', outcome: this.run.last, fresh: this.failureFresh } };
    return undefined;
  }

  private refresh(): void {
    const now = this.focus();
    if (!now) {
      this.item.hide();
      return;
    }
    const view = statusView(now.focus, now.memory);
    this.item.text = view.text;
    this.item.tooltip = view.tooltip;
    this.item.command = COMMANDS[view.command];
    this.item.backgroundColor = view.error ? new vscode.ThemeColor('statusBarItem.errorBackground') : undefined;
    this.item.show();
  }

  /** The user acted: a failure shown until now is old news. */
  private moveOn(): void {
    this.clearFailure();
    this.refresh();
  }

  private clearFailure(): void {
    if (this.failureTimer) clearTimeout(this.failureTimer);
    this.failureTimer = undefined;
    this.failureFresh = false;
  }

  dispose(): void {
    this.clearFailure();
    for (const s of this.subscriptions) s.dispose();
    this.item.dispose();
  }
}
