/**
 * F5 without launch.json. VS Code asks "Select debugger" whenever several debuggers declare the file's language, as
 * Node.js and QuickJS both do for JavaScript. A user who chose QuickJS can keep that choice: with `quickjs.debugOnF5`
 * on, a keybinding on F5 (package.json) runs "Debug File in QuickJS Sandbox" instead, only for JavaScript and
 * TypeScript files in workspaces without launch configurations (which keep F5 as VS Code defines it). The choice is
 * offered once, the first time a QuickJS session starts in such a workspace.
 */
import * as vscode from 'vscode';
import { DEBUG_TYPE } from './debugConfig';
import { settingKey, settingName } from './settings';

/** Context key: some workspace folder (or the workspace file) defines launch configurations or compounds. */
export const HAS_LAUNCH_CONTEXT = 'quickjs.hasLaunchConfigurations';
/** Remembers that the question was asked, so it is asked once per user. */
const OFFERED_KEY = 'quickjs.debugOnF5Offered';

/** True when the workspace defines any launch configuration or compound, in any folder or the workspace file. */
export function hasLaunchConfigurations(): boolean {
  const scopes: Array<vscode.Uri | undefined> = [undefined, ...(vscode.workspace.workspaceFolders ?? []).map((f) => f.uri)];
  return scopes.some((scope) => {
    const launch = vscode.workspace.getConfiguration('launch', scope);
    const count = (key: string) => {
      const v = launch.get<unknown>(key);
      return Array.isArray(v) ? v.length : 0;
    };
    return count('configurations') + count('compounds') > 0;
  });
}

/** Keeps the context key current and offers the F5 choice once; returns what to dispose. */
export function registerF5Preference(context: vscode.ExtensionContext): vscode.Disposable[] {
  const refresh = () => void vscode.commands.executeCommand('setContext', HAS_LAUNCH_CONTEXT, hasLaunchConfigurations());
  refresh();
  return [
    vscode.workspace.onDidChangeConfiguration((e) => e.affectsConfiguration('launch') && refresh()),
    vscode.workspace.onDidChangeWorkspaceFolders(refresh),
    vscode.debug.onDidStartDebugSession((session) => {
      if (session.type !== DEBUG_TYPE || session.configuration.source !== undefined) return; // not a file (Debug Cell)
      void offerOnce(context);
    }),
  ];
}

async function offerOnce(context: vscode.ExtensionContext): Promise<void> {
  if (context.globalState.get<boolean>(OFFERED_KEY) || hasLaunchConfigurations()) return;
  // The setting the F5 keybinding reads (`config.quickjs.debugOnF5` in its when clause).
  const key = settingKey('debugOnF5');
  const inspected = vscode.workspace.getConfiguration('quickjs').inspect<boolean>(key);
  // Whatever the user set already, anywhere, is their answer.
  if (inspected?.globalValue !== undefined || inspected?.workspaceValue !== undefined || inspected?.workspaceFolderValue !== undefined) return;
  await context.globalState.update(OFFERED_KEY, true);
  const always = 'Always';
  const answer = await vscode.window.showInformationMessage(
    `Always debug JavaScript and TypeScript in QuickJS Sandbox when you press F5? (Only in workspaces without launch.json; the setting ${settingName('debugOnF5')} changes it.)`,
    always,
    'Not now',
  );
  if (answer === always) await vscode.workspace.getConfiguration('quickjs').update(key, true, vscode.ConfigurationTarget.Global);
}
