/**
 * A status bar item showing the active notebook's sandbox memory: what live objects use against the limit,
 * refreshed after every cell. Hidden when the active editor is not a notebook with a sandbox.
 */
import * as vscode from 'vscode';
import type { MemoryReading } from './session';

const MB = 1024 * 1024;
const size = (b: number) => (b >= MB ? `${(b / MB).toFixed(1)} MB` : `${Math.max(1, Math.round(b / 1024))} KB`);

/** Shows one notebook's memory reading at a time. */
export class NotebookMemoryStatus implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('quickjs.notebookMemory', vscode.StatusBarAlignment.Right, 100);

  constructor() {
    this.item.name = 'QuickJS notebook memory';
    this.item.command = 'quickjs.notebook.restart';
  }

  /** Shows a reading, or hides the item when there is none. */
  show(reading: MemoryReading | undefined): void {
    if (!reading) {
      this.item.hide();
      return;
    }
    const { stats, limitBytes } = reading;
    const limit = limitBytes ? size(limitBytes) : 'no limit';
    this.item.text = `$(server-process) QuickJS ${size(stats.memory_used_size)} / ${limit}`;
    this.item.tooltip = new vscode.MarkdownString(
      `**QuickJS notebook sandbox**\n\n- live objects: ${size(stats.memory_used_size)} (${stats.obj_count} objects)\n- engine heap: ${size(stats.heap_size)} of ${limit}\n\nClick to restart the sandbox (clears the notebook's state).`,
    );
    this.item.show();
  }

  /** The text shown, for tests. */
  get text(): string | undefined {
    return this.item.text;
  }

  dispose(): void {
    this.item.dispose();
  }
}
