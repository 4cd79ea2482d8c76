/**
 * Contributes the memory view: the "QuickJS: Show Memory" command (the QuickJS status bar item shows the same
 * heap figures, see statusBar.ts), and an internal command
 * that reports what the view rendered (for tests and automation).
 */
import * as vscode from 'vscode';
import { MemoryViewPanel } from './panel';
import type { RenderedView } from './protocol';
import { memorySources, type MemorySourceRegistry } from './sources';

/** Command ids, as contributed in package.json. */
export const MEMORY_COMMANDS = {
  show: 'quickjs.showMemory',
  /** Resolves with the webview's next rendering (or its last); undefined when the view is closed. */
  rendered: 'quickjs.memoryView.rendered',
} as const;

/** Registers the memory view's commands; returns their disposables. */
export function registerMemoryView(context: vscode.ExtensionContext, registry: MemorySourceRegistry = memorySources): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand(MEMORY_COMMANDS.show, () => {
      MemoryViewPanel.show(context.extensionUri, registry);
      return true;
    }),
    vscode.commands.registerCommand(MEMORY_COMMANDS.rendered, async (timeoutMs?: number): Promise<RenderedView | undefined> =>
      MemoryViewPanel.open?.nextRendered(typeof timeoutMs === 'number' ? timeoutMs : 2000),
    ),
    { dispose: () => MemoryViewPanel.open?.dispose() },
  ];
}
