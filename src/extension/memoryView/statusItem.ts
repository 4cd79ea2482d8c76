/**
 * A status bar item shown while a run or debug session is live: its heap against the limit, and a click away from
 * the memory view. Hidden when nothing runs, so an idle extension adds nothing to the status bar.
 */
import * as vscode from 'vscode';
import { formatBytes } from './model';
import type { MemorySourceRegistry, RegistryEvent } from './sources';

/** Keeps the memory status item in step with the registry's active source. */
export class MemoryStatusItem implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('quickjs.memory', vscode.StatusBarAlignment.Left, 9);
  private readonly off: () => void;

  constructor(registry: MemorySourceRegistry, command: string) {
    this.item.name = 'QuickJS memory';
    this.item.command = command;
    this.off = registry.onDidChange((e) => this.update(e));
  }

  private update(e: RegistryEvent): void {
    const active = e.active;
    if (!active || active.state === 'ended') {
      this.item.hide();
      return;
    }
    const latest = active.samples.latest()?.stats;
    const limit = latest && latest.malloc_limit > 0 ? ` / ${formatBytes(latest.malloc_limit)}` : '';
    this.item.text = `$(pulse) ${latest ? formatBytes(latest.heap_size) + limit : 'memory'}${active.state === 'paused' ? ' (paused)' : ''}`;
    this.item.tooltip = `QuickJS heap of ${active.source.label} (high-water mark) against its limit. Click to show the memory view.`;
    this.item.show();
  }

  dispose(): void {
    this.off();
    this.item.dispose();
  }
}
