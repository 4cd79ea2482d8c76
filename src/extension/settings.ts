/**
 * The one typed reader of the `quickjs.*` settings, driven by the option table (`engine/optionSchema.ts`), from which
 * package.json's `contributes.configuration` is generated too. A bad value is reported with the setting's name, what
 * it got and what it expects, and replaced by its default instead of passing nonsense to the engine.
 */
import * as vscode from 'vscode';
import type { SandboxOptions } from '../engine/api';
import { getPackageCacheDir } from './engineHost';
import { OPTION_SPECS, OPTIONS, checkOption, defaultIn, setEngineOption, toFrontEnd, type OptionSpec } from '../engine/optionSchema';

type Spec = (typeof OPTIONS)[number];
/** `quickjs.memoryLimitMB` -> `memoryLimitMB`, `quickjs.permissions.readFolders` -> `readFolders`. */
type FieldOf<N> = N extends `quickjs.permissions.${infer R}` ? R : N extends `quickjs.${infer R}` ? R : never;
type ValueOf<O> = O extends { type: 'list' } ? string[] : O extends { type: 'boolean' } ? boolean : O extends { values: readonly (infer V)[] } ? V : O extends { type: 'string' } ? string : number;

/** The settings, validated, in the units the user wrote them in (the unit is in each name). One field per table row. */
export type QuickJSSettings = { [O in Spec as O extends { setting: { name: infer N } } ? FieldOf<N> : never]: ValueOf<O> };
/** A setting's field in `QuickJSSettings`. */
export type SettingField = keyof QuickJSSettings;

const SETTING_SPECS = OPTION_SPECS.filter((s) => s.setting);

function fieldOf(spec: OptionSpec): string {
  return spec.setting!.name.replace(/^quickjs\.(permissions\.)?/, '');
}

/** Defaults, in the settings' units; package.json's are generated from the same table. */
export const SETTING_DEFAULTS: Readonly<QuickJSSettings> = Object.fromEntries(
  SETTING_SPECS.map((spec) => [fieldOf(spec), toFrontEnd(spec, 'setting', defaultIn(spec, 'setting'))]),
) as unknown as QuickJSSettings;

/** The settings plus every problem found while reading them (each problem names the setting and the fix). */
export interface SettingsReading {
  settings: QuickJSSettings;
  problems: string[];
}

type Section = Pick<vscode.WorkspaceConfiguration, 'get'>;

/** One setting checked against the table: the value in the setting's unit, or the default and the problems. */
function readOne(spec: OptionSpec, section: Section, problems: string[]): unknown {
  const fallback = defaultIn(spec, 'setting');
  const raw = section.get<unknown>(spec.setting!.name.slice('quickjs.'.length));
  if (raw === undefined || raw === null) return toFrontEnd(spec, 'setting', fallback);
  const r = checkOption(spec, 'setting', raw);
  if (!r.ok) {
    problems.push(`${r.message} Using ${JSON.stringify(toFrontEnd(spec, 'setting', fallback))} instead.`);
    return toFrontEnd(spec, 'setting', fallback);
  }
  // A list keeps its good entries; each bad one is reported.
  for (const p of r.problems) problems.push(`${p}.`);
  return toFrontEnd(spec, 'setting', r.value);
}

/** Reads and validates `quickjs.*`; a bad value falls back to its default and is reported in `problems`. */
export function readSettings(scope?: vscode.ConfigurationScope, section: Section = vscode.workspace.getConfiguration('quickjs', scope)): SettingsReading {
  const problems: string[] = [];
  const settings = Object.fromEntries(SETTING_SPECS.map((spec) => [fieldOf(spec), readOne(spec, section, problems)])) as unknown as QuickJSSettings;
  return { settings, problems };
}

/** One setting, checked the same way; a bad value reads as its default (the full reader reports it). */
export function readSetting<F extends SettingField>(field: F, scope?: vscode.ConfigurationScope): QuickJSSettings[F] {
  const spec = SETTING_SPECS.find((s) => fieldOf(s) === field)!;
  return readOne(spec, vscode.workspace.getConfiguration('quickjs', scope), []) as QuickJSSettings[F];
}

/** A setting's full name (`quickjs.notebook.saveOutputs`), for `affectsConfiguration`. */
export function settingName(field: SettingField): string {
  return SETTING_SPECS.find((s) => fieldOf(s) === field)!.setting!.name;
}

/** A setting's key within the `quickjs` section (`notebook.saveOutputs`), for `inspect` and `update`. */
export function settingKey(field: SettingField): string {
  return settingName(field).slice('quickjs.'.length);
}

/** The memory sampling interval for a scope. */
export function memorySampleIntervalMs(scope?: vscode.ConfigurationScope): number {
  return readSetting('memorySampleIntervalMs', scope);
}

/** Why permissions were withheld, when they were; shown to the user when a script is denied something. */
export const UNTRUSTED_NOTE =
  'This workspace is not trusted, so the sandbox grants no permissions (quickjs.permissions.* are ignored). ' +
  'Trust the workspace (Workspaces: Manage Workspace Trust) to grant them.';

/** Turns settings into sandbox options; in an untrusted workspace every permission is withheld. */
export function toSandboxOptions(s: QuickJSSettings, trusted: boolean, cwd: string | undefined): SandboxOptions {
  const options: SandboxOptions = { cwd, cacheDir: getPackageCacheDir() };
  for (const spec of SETTING_SPECS) {
    if (!spec.engine) continue;
    const value = (s as unknown as Record<string, unknown>)[fieldOf(spec)];
    // Values were checked when read; this only converts units (MB, KB, seconds) to bytes and milliseconds.
    const r = checkOption(spec, 'setting', value);
    setEngineOption(options, spec.engine, r.ok ? r.value : defaultIn(spec, 'engine'));
  }
  if (!trusted) options.permissions = { read: [], net: [], env: [] };
  return options;
}

/**
 * The launch attributes a debug configuration takes from the settings when launch.json leaves them out, in the
 * launch attribute's own form (`"64MB"`); the table says which (`launch.fromSetting`).
 */
export function launchDefaults(s: QuickJSSettings): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const spec of SETTING_SPECS) {
    if (!spec.launch || !('fromSetting' in spec.launch) || !spec.launch.fromSetting) continue;
    const r = checkOption(spec, 'setting', (s as unknown as Record<string, unknown>)[fieldOf(spec)]);
    if (r.ok) out[spec.launch.name] = toFrontEnd(spec, 'launch', r.value);
  }
  return out;
}

let lastReported = '';

/** Shows setting problems once per distinct set, so a bad value does not nag on every run. */
export function reportProblems(problems: string[]): void {
  const key = problems.join('\n');
  if (key === lastReported) return;
  lastReported = key;
  if (problems.length === 0) return;
  void vscode.window
    .showWarningMessage(`QuickJS settings: ${problems.join(' ')}`, 'Open Settings')
    .then((choice) => {
      if (choice) void vscode.commands.executeCommand('workbench.action.openSettings', 'quickjs.');
    });
}
