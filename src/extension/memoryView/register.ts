/**
 * Contributes the memory view: the "QuickJS: Show Memory" command (the QuickJS status bar item shows the same
 * heap figures, see statusBar.ts), and an internal command
 * that reports what the view rendered (for tests and automation).
 */
import * as vscode from 'vscode';
import { MemoryViewPanel } from './panel';
import { samplesToCsv } from './model';
import type { RenderedView } from './protocol';
import { memorySources, type MemorySourceRegistry } from './sources';

/** Command ids, as contributed in package.json. */
export const MEMORY_COMMANDS = {
  show: 'quickjs.showMemory',
  /** Resolves with the webview's next rendering (or its last); undefined when the view is closed. */
  rendered: 'quickjs.memoryView.rendered',
  /** Saves the active source's samples as CSV: to the given file, or where the user picks. */
  exportCsv: 'quickjs.memoryView.exportCsv',
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
    vscode.commands.registerCommand(MEMORY_COMMANDS.exportCsv, async (target?: unknown): Promise<vscode.Uri | undefined> => {
      const active = registry.active;
      if (!active || active.samples.size === 0) {
        void vscode.window.showInformationMessage('QuickJS: no memory samples yet. Run or debug a script, then export.');
        return undefined;
      }
      const name = `${active.source.label.replace(/[^\w.-]+/g, '-')}-memory.csv`;
      const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
      const uri = target instanceof vscode.Uri ? target : await vscode.window.showSaveDialog({
        defaultUri: folder ? vscode.Uri.joinPath(folder, name) : undefined,
        filters: { CSV: ['csv'] },
        saveLabel: 'Export Memory Samples',
      });
      if (!uri) return undefined;
      await vscode.workspace.fs.writeFile(uri, Buffer.from(samplesToCsv(active.samples.all), 'utf8'));
      void vscode.window.setStatusBarMessage(`QuickJS: ${active.samples.size} memory samples saved to ${uri.fsPath}`, 5000);
      return uri;
    }),
    { dispose: () => MemoryViewPanel.open?.dispose() },
  ];
}
