/**
 * F5 for `quickjs`: a configuration provider (so F5 without launch.json debugs the active file, and settings fill
 * the limits a launch.json leaves out) and a descriptor factory that runs the debug adapter inside the extension host.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { launchDefaults, readSettings, reportProblems } from './settings';

/** The debug type contributed in package.json. */
export const DEBUG_TYPE = 'quickjs';

const RUNNABLE_LANGUAGES = new Set(['javascript', 'typescript', 'javascriptreact', 'typescriptreact']);

/** True for documents the sandbox can run. */
export function isRunnableDocument(doc: vscode.TextDocument | undefined): doc is vscode.TextDocument {
  return !!doc && RUNNABLE_LANGUAGES.has(doc.languageId);
}

/** A launch configuration that debugs one file with the workspace's settings. */
export function launchConfigFor(file: string): vscode.DebugConfiguration {
  return { type: DEBUG_TYPE, request: 'launch', name: `Debug ${path.basename(file)} in Sandbox`, program: file };
}

/** Fills launch configurations: the active file when there is none, limits from `quickjs.*` when unset. */
export class QuickJSConfigurationProvider implements vscode.DebugConfigurationProvider {
  resolveDebugConfiguration(folder: vscode.WorkspaceFolder | undefined, config: vscode.DebugConfiguration): vscode.DebugConfiguration | undefined {
    if (!config.type && !config.request && !config.name) {
      const doc = vscode.window.activeTextEditor?.document;
      if (!isRunnableDocument(doc) || doc.isUntitled) {
        void vscode.window.showInformationMessage('QuickJS: open a saved JavaScript or TypeScript file to debug it, or add a "quickjs" launch configuration.');
        return undefined; // aborts the launch quietly
      }
      config = launchConfigFor(doc.uri.fsPath);
    }
    // A source-text launch (Debug Cell) names no program: the active editor is then the cell, not a file to debug.
    if (!config.program && config.source === undefined) {
      const doc = vscode.window.activeTextEditor?.document;
      if (isRunnableDocument(doc) && !doc.isUntitled) config.program = doc.uri.fsPath;
    }
    if (!config.cwd && folder) config.cwd = folder.uri.fsPath;

    const { settings, problems } = readSettings(folder?.uri);
    reportProblems(problems);
    // Settings are the defaults; whatever launch.json says wins. The option table says which attributes come from
    // settings (not the timeout: a paused program must not time out).
    for (const [name, value] of Object.entries(launchDefaults(settings))) config[name] ??= value;
    if (!vscode.workspace.isTrusted) {
      // Untrusted code gets no permissions, even ones written into its own launch.json.
      config.allowRead = [];
      config.allowNet = [];
      config.allowEnv = [];
    }
    return config;
  }
}

/** Offers "Debug <active file> in Sandbox" in the Run and Debug view's drop-down, without a launch.json. */
export class QuickJSDynamicConfigurationProvider implements vscode.DebugConfigurationProvider {
  provideDebugConfigurations(): vscode.DebugConfiguration[] {
    const doc = vscode.window.activeTextEditor?.document;
    return isRunnableDocument(doc) && !doc.isUntitled ? [launchConfigFor(doc.uri.fsPath)] : [];
  }
}
