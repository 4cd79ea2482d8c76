/**
 * Starts the sandbox language server (dist/language-server.js) for JavaScript and TypeScript files and
 * QuickJS notebook cells, and follows the `quickjs.languageServer.enabled` setting: turning it off stops
 * the server (its diagnostics disappear), turning it on starts it again.
 */
import * as vscode from 'vscode';
import { LanguageClient, State, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { readSetting, settingName } from './settings';

/** The setting that switches the language server on and off. */
export const LANGUAGE_SERVER_SETTING = settingName('languageServer.enabled');

/** The documents the server checks: JS/TS files on disk or unsaved, and the cells of QuickJS notebooks. */
export const LANGUAGE_SERVER_SELECTOR: LanguageClientOptions['documentSelector'] = [
  { scheme: 'file', language: 'javascript' },
  { scheme: 'file', language: 'typescript' },
  { scheme: 'untitled', language: 'javascript' },
  { scheme: 'untitled', language: 'typescript' },
  { notebook: 'quickjs-notebook', language: 'javascript' },
  { notebook: 'quickjs-notebook', language: 'typescript' },
];

function isEnabled(): boolean {
  return readSetting('languageServer.enabled');
}

/**
 * Creates the language client and starts it when the setting allows; the returned client is stopped on
 * deactivation. Call once from `activate`.
 */
export async function startLanguageClient(context: vscode.ExtensionContext): Promise<LanguageClient> {
  const serverModule = context.asAbsolutePath('dist/language-server.js');
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: LANGUAGE_SERVER_SELECTOR,
    diagnosticCollectionName: 'quickjs-sandbox',
    initializationOptions: { debounceMs: 250 },
  };
  const client = new LanguageClient('quickjsSandbox', 'QuickJS Sandbox Language Server', serverOptions, clientOptions);

  // Starts and stops are chained so that quick toggles of the setting cannot interleave.
  let transition: Promise<void> = Promise.resolve();
  const follow = (): Promise<void> => {
    transition = transition.then(async () => {
      const wanted = isEnabled();
      if (wanted && client.state === State.Stopped) await client.start();
      else if (!wanted && client.state === State.Running) await client.stop();
    }).catch((error: unknown) => {
      void vscode.window.showErrorMessage(`QuickJS Sandbox language server: ${error instanceof Error ? error.message : String(error)}`);
    });
    return transition;
  };

  context.subscriptions.push(
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration(LANGUAGE_SERVER_SETTING)) void follow();
    }),
    { dispose: () => void client.dispose() },
  );
  await follow();
  return client;
}
