/**
 * What the editor offers when a run hits a limit or is refused a permission: the message in the editor's words (the
 * setting, never a command-line flag) with buttons that do the fix: "Open Setting", "Run Without Timeout", "Grant Read
 * Access to data/". The engine reports both as structured events (`limit`, `denied`), so nothing here parses text.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { SandboxEvent } from '../engine/api';
import { limitOption } from '../engine/options';
import { engineSpec, nameIn, type OptionSpec } from '../engine/optionSchema';
import { editorLimitMessage } from './format';

type LimitEvent = Extract<SandboxEvent, { type: 'limit' }>;
type DeniedEvent = Extract<SandboxEvent, { type: 'denied' }>;

/** The editor setting of an option-table row: the name the user searches for and writes. */
const settingOf = (spec: OptionSpec): string => nameIn(spec, 'setting')!;

/** What a button may ask the runner to do: run the same target again with these option overrides. */
export interface RerunRequest {
  timeoutMs?: number;
}

/** Opens the Settings editor on one setting (`quickjs.timeoutSeconds`), as a person would search for it. */
export function openSetting(name: string): Thenable<unknown> {
  return vscode.commands.executeCommand('workbench.action.openSettings', name);
}

/**
 * Tells the user that a limit ended `label`'s run, with the fixes as buttons. Resolves with a rerun request when the
 * user chose to run again, else undefined.
 */
export async function offerLimitFix(label: string, e: LimitEvent): Promise<RerunRequest | undefined> {
  const open = 'Open Setting';
  const noTimeout = 'Run Without Timeout';
  const buttons = e.limit === 'timeout' ? [open, noTimeout] : e.summary === e.message ? [] : [open];
  const choice = await vscode.window.showWarningMessage(`QuickJS: ${label} stopped: ${editorLimitMessage(e)}.`, ...buttons);
  if (choice === open) await openSetting(settingOf(limitOption(e.limit)));
  if (choice === noTimeout) return { timeoutMs: 0 };
  return undefined;
}

/** The button text that grants a denial: "Grant Read Access to data/", "Allow fetch to https://x", "Expose HOME". */
export function grantLabel(d: DeniedEvent, cwd: string | undefined): string {
  if (d.permission === 'read') return `Grant Read Access to ${displayFolder(d.value, cwd)}`;
  if (d.permission === 'net') return `Allow fetch to ${d.value}`;
  return `Expose ${d.value}`;
}

/** A folder as the user knows it: relative to the workspace folder when inside it, with a trailing slash. */
function displayFolder(folder: string, cwd: string | undefined): string {
  const rel = cwd ? path.relative(cwd, folder) : '';
  const shown = cwd && rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : cwd && folder === cwd ? '.' : folder;
  return shown.endsWith('/') ? shown : `${shown}/`;
}

/**
 * Offers to grant the first thing a run was refused (naming how many more there were), writing the grant to the
 * workspace folder's settings. Resolves true when a grant was written, so the caller can run again.
 */
export async function offerGrant(label: string, denials: DeniedEvent[], scope: vscode.Uri | undefined, cwd: string | undefined): Promise<boolean> {
  const first = denials[0];
  if (!first) return false;
  const grant = grantLabel(first, cwd);
  const more = denials.length > 1 ? ` (and ${denials.length - 1} more refusal${denials.length > 2 ? 's' : ''})` : '';
  const choice = await vscode.window.showWarningMessage(`QuickJS: ${label} was refused: ${first.message}${more}.`, grant, 'Open Setting');
  const setting = settingOf(engineSpec(`permissions.${first.permission}`));
  if (choice === 'Open Setting') await openSetting(setting);
  if (choice !== grant) return false;
  const config = vscode.workspace.getConfiguration('quickjs', scope);
  const key = setting.slice('quickjs.'.length);
  const current = config.get<string[]>(key) ?? [];
  // Folders inside the workspace are written relative to it, as the setting's description suggests.
  const value = first.permission === 'read' && cwd ? displayFolder(first.value, cwd).replace(/\/$/, '') : first.value;
  if (!current.includes(value)) {
    const target = scope && vscode.workspace.getWorkspaceFolder(scope) ? vscode.ConfigurationTarget.WorkspaceFolder : vscode.ConfigurationTarget.Workspace;
    await config.update(key, [...current, value], vscode.workspace.workspaceFolders?.length ? target : vscode.ConfigurationTarget.Global);
  }
  return true;
}
