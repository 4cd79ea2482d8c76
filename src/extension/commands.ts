/**
 * The QuickJS commands. Each returns what it did (a RunResult, or whether a session started) so that other
 * extensions and the extension-host tests can check the outcome without scraping the UI.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { RunRequest } from '../engine/api';
import { DEBUG_TYPE, isRunnableDocument, launchConfigFor } from './debugConfig';
import type { SandboxOutput } from './output';
import type { RunResult, Runner } from './runner';

/** Command ids, as contributed in package.json. */
export const COMMANDS = {
  runFile: 'quickjs.runFile',
  runSelection: 'quickjs.runSelection',
  debugFile: 'quickjs.debugFile',
  stop: 'quickjs.stop',
  showOutput: 'quickjs.showOutput',
} as const;

function languageOf(doc: vscode.TextDocument): 'js' | 'ts' {
  return doc.languageId.startsWith('typescript') ? 'ts' : 'js';
}

function folderOf(uri: vscode.Uri): string | undefined {
  if (uri.scheme !== 'file') return undefined;
  return vscode.workspace.getWorkspaceFolder(uri)?.uri.fsPath ?? path.dirname(uri.fsPath);
}

/** The file a command applies to: the explorer/editor-title argument, else the active editor's document. */
function targetUri(arg: unknown): vscode.Uri | undefined {
  if (arg instanceof vscode.Uri) return arg;
  return vscode.window.activeTextEditor?.document.uri;
}

/** Registers every command; returns their disposables. */
export function registerCommands(runner: Runner, output: SandboxOutput): vscode.Disposable[] {
  const runFile = async (arg?: unknown): Promise<RunResult | undefined> => {
    const uri = targetUri(arg);
    if (!uri) {
      void vscode.window.showInformationMessage('QuickJS: open a JavaScript or TypeScript file to run it.');
      return undefined;
    }
    const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    let request: RunRequest;
    if (open && (open.isDirty || open.isUntitled || uri.scheme !== 'file')) {
      // Run what the user sees, unsaved edits included, without saving on their behalf.
      request = { kind: 'source', source: open.getText(), filename: uri.scheme === 'file' ? uri.fsPath : open.fileName, type: 'auto', language: languageOf(open) };
    } else if (uri.scheme === 'file') {
      request = { kind: 'file', path: uri.fsPath };
    } else {
      void vscode.window.showWarningMessage(`QuickJS: cannot run ${uri.toString()}: only files on disk or open editors can run.`);
      return undefined;
    }
    return runner.run({ label: path.basename(uri.path), request, cwd: folderOf(uri), scope: uri });
  };

  const runSelection = async (): Promise<RunResult | undefined> => {
    const editor = vscode.window.activeTextEditor;
    if (!editor || !isRunnableDocument(editor.document)) {
      void vscode.window.showInformationMessage('QuickJS: select some JavaScript or TypeScript in an editor to run it.');
      return undefined;
    }
    const doc = editor.document;
    // An empty selection runs its line: the common "run this line" gesture.
    const parts = editor.selections.map((s) => (s.isEmpty ? doc.lineAt(s.active.line).text : doc.getText(s)));
    const source = parts.join('\n');
    if (!source.trim()) {
      void vscode.window.showInformationMessage('QuickJS: the selection is empty.');
      return undefined;
    }
    const filename = doc.uri.scheme === 'file' ? doc.uri.fsPath : doc.fileName;
    return runner.run({
      label: `selection of ${path.basename(doc.uri.path)}`,
      request: { kind: 'source', source, filename, type: 'auto', language: languageOf(doc) },
      cwd: folderOf(doc.uri),
      scope: doc.uri,
    });
  };

  const debugFile = async (arg?: unknown): Promise<boolean> => {
    const uri = targetUri(arg);
    if (!uri || uri.scheme !== 'file') {
      void vscode.window.showInformationMessage('QuickJS: open a saved JavaScript or TypeScript file to debug it.');
      return false;
    }
    const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    // The adapter reads the file from disk; debugging stale text would put breakpoints on the wrong lines.
    if (open?.isDirty) await open.save();
    return vscode.debug.startDebugging(vscode.workspace.getWorkspaceFolder(uri), launchConfigFor(uri.fsPath));
  };

  const stop = async (): Promise<boolean> => {
    if (await runner.stop()) return true;
    const session = vscode.debug.activeDebugSession;
    if (session?.type === DEBUG_TYPE) {
      await vscode.debug.stopDebugging(session);
      return true;
    }
    return false;
  };

  return [
    vscode.commands.registerCommand(COMMANDS.runFile, runFile),
    vscode.commands.registerCommand(COMMANDS.runSelection, runSelection),
    vscode.commands.registerCommand(COMMANDS.debugFile, debugFile),
    vscode.commands.registerCommand(COMMANDS.stop, stop),
    vscode.commands.registerCommand(COMMANDS.showOutput, () => output.show()),
  ];
}
