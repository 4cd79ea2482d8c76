/**
 * Starts the sandbox language server (dist/language-server.js) for JavaScript and TypeScript files and
 * QuickJS notebook cells, and follows the `quickjs.languageServer.enabled` setting: turning it off stops
 * the server (its diagnostics disappear), turning it on starts it again.
 */
import * as vscode from 'vscode';
import { LanguageClient, State, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { EDITOR_SYNTAX_CHECKS_NOTIFICATION, type EditorSyntaxChecks, type LanguageServerOptions } from '../language-server/protocol';
import { readSetting, settingName } from './settings';

/** VS Code's built-in JavaScript and TypeScript language features, which report standard syntax errors themselves. */
const TYPESCRIPT_FEATURES = 'vscode.typescript-language-features';

/**
 * Which languages VS Code's own service checks, so the server reports only the syntax errors QuickJS alone finds
 * there (a syntax error shown twice in Problems, once as QuickJS's and once as ts(1109), helps nobody).
 */
function editorSyntaxChecks(): EditorSyntaxChecks {
  if (!vscode.extensions.getExtension(TYPESCRIPT_FEATURES)) return {};
  const validates = (language: string) => vscode.workspace.getConfiguration(language).get<boolean>('validate.enable', true) !== false;
  return { javascript: validates('javascript'), typescript: validates('typescript') };
}

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
    initializationOptions: { debounceMs: 250, editorSyntaxChecks: editorSyntaxChecks() } satisfies LanguageServerOptions,
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

  let checks = JSON.stringify(editorSyntaxChecks());
  const sendChecks = () => {
    const now = JSON.stringify(editorSyntaxChecks());
    if (now === checks) return;
    checks = now;
    if (client.state === State.Running) void client.sendNotification(EDITOR_SYNTAX_CHECKS_NOTIFICATION, JSON.parse(now));
  };
  context.subscriptions.push(
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration(LANGUAGE_SERVER_SETTING)) void follow();
      if (event.affectsConfiguration('javascript.validate') || event.affectsConfiguration('typescript.validate')) sendChecks();
    }),
    vscode.extensions.onDidChange(sendChecks),
    { dispose: () => void client.dispose() },
  );
  await follow();
  return client;
}
