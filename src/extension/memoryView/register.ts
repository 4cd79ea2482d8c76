/**
 * Contributes the memory view: the "QuickJS: Show Memory" command, its status bar item, and an internal command
 * that reports what the view rendered (for tests and automation).
 */
import * as vscode from 'vscode';
import { MemoryViewPanel } from './panel';
import type { RenderedView } from './protocol';
import { memorySources, type MemorySourceRegistry } from './sources';
import { MemoryStatusItem } from './statusItem';

/** Command ids, as contributed in package.json. */
export const MEMORY_COMMANDS = {
  show: 'quickjs.showMemory',
  /** Resolves with the webview's next rendering (or its last); undefined when the view is closed. */
  rendered: 'quickjs.memoryView.rendered',
} as const;

/** Registers the memory view's commands and status item; returns their disposables. */
export function registerMemoryView(context: vscode.ExtensionContext, registry: MemorySourceRegistry = memorySources): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand(MEMORY_COMMANDS.show, () => {
      MemoryViewPanel.show(context.extensionUri, registry);
      return true;
    }),
    vscode.commands.registerCommand(MEMORY_COMMANDS.rendered, async (timeoutMs?: number): Promise<RenderedView | undefined> =>
      MemoryViewPanel.open?.nextRendered(typeof timeoutMs === 'number' ? timeoutMs : 2000),
    ),
    new MemoryStatusItem(registry, MEMORY_COMMANDS.show),
    { dispose: () => MemoryViewPanel.open?.dispose() },
  ];
}
