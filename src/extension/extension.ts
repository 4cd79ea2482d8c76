/**
 * Entry point of the QuickJS Sandbox extension. Activation only wires things up; the engine loads on the first run.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { registerCommands } from './commands';
import { setPackageCacheDir } from './engineHost';
import { QuickJSDebugAdapterFactory } from './debugAdapter';
import { DEBUG_TYPE, QuickJSConfigurationProvider, QuickJSDynamicConfigurationProvider } from './debugConfig';
import { registerF5Preference } from './f5';
import type * as LanguageClientModule from './languageClient';
import { registerMemoryView } from './memoryView/register';
import { registerNotebook } from './notebook';
import { OUTPUT_LANGUAGE_ID, OutputLinkProvider, SandboxOutput } from './output';
import { Runner } from './runner';
import { QuickJSStatusBar } from './statusBar';

/** What the extension offers other extensions (and its own tests) through `getExtension(...).exports`. */
export interface QuickJSExtensionApi {
  /** The text of the output channel since the last run started. */
  readonly outputText: string;
  /** True while a run is in progress. */
  readonly running: boolean;
}

/** Called by VS Code on the first command, debug launch or notebook of this extension. */
export function activate(context: vscode.ExtensionContext): QuickJSExtensionApi {
  setPackageCacheDir(path.join(context.globalStorageUri.fsPath, 'packages'));
  const output = new SandboxOutput();
  const runner = new Runner(output);
  const statusBar = new QuickJSStatusBar();
  context.subscriptions.push(
    output,
    runner,
    statusBar,
    runner.onDidChangeState((s) => {
      statusBar.update(s);
      // Drives the Stop button in the editor's Run menu.
      void vscode.commands.executeCommand('setContext', 'quickjs.running', s.running);
    }),
    ...registerCommands(runner, output),
    ...registerMemoryView(context),
    vscode.languages.registerDocumentLinkProvider({ language: OUTPUT_LANGUAGE_ID }, new OutputLinkProvider()),
    vscode.debug.registerDebugConfigurationProvider(DEBUG_TYPE, new QuickJSConfigurationProvider()),
    vscode.debug.registerDebugConfigurationProvider(DEBUG_TYPE, new QuickJSDynamicConfigurationProvider(), vscode.DebugConfigurationProviderTriggerKind.Dynamic),
    vscode.debug.registerDebugAdapterDescriptorFactory(DEBUG_TYPE, new QuickJSDebugAdapterFactory()),
    ...registerF5Preference(context),
  );
  registerNotebook(context, statusBar);
  // After activation returns, and through require() so esbuild defers evaluating vscode-languageclient (~80 ms).
  const languageClientTimer = setTimeout(() => {
    const { startLanguageClient } = require('./languageClient') as typeof LanguageClientModule;
    startLanguageClient(context).catch((e: unknown) => {
      output.appendLine(`[error] the QuickJS language server did not start: ${e instanceof Error ? e.message : String(e)}`);
    });
  }, 0);
  context.subscriptions.push({ dispose: () => clearTimeout(languageClientTimer) });
  return {
    get outputText() {
      return output.text;
    },
    get running() {
      return runner.running;
    },
  };
}

/** Nothing to do: every resource is in `context.subscriptions`. */
export function deactivate(): void {}
