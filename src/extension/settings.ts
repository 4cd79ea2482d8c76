/**
 * The one typed reader of the `quickjs.*` settings. The schema in package.json (`contributes.configuration`) is the
 * source of truth for names and defaults; this file turns raw values into sandbox options and says clearly what is
 * wrong with a value instead of passing nonsense to the engine.
 */
import * as vscode from 'vscode';
import type { EngineVariant, SandboxOptions } from '../engine/api';
import { MIN_MEMORY_BYTES } from '../engine/options';

/** The settings, validated, in the units the user wrote them in. */
export interface QuickJSSettings {
  memoryLimitMB: number;
  stackSizeKB: number;
  timeoutSeconds: number;
  engine: EngineVariant;
  outputLimitKB: number;
  readFolders: string[];
  netOrigins: string[];
  envNames: string[];
  /** How often a run reports memory to the memory view (0: never). */
  memorySampleIntervalMs: number;
}

/** Defaults; must agree with package.json's `contributes.configuration`. */
export const SETTING_DEFAULTS: Readonly<QuickJSSettings> = {
  memoryLimitMB: 64,
  stackSizeKB: 1024,
  timeoutSeconds: 10,
  engine: 'quickjs',
  outputLimitKB: 4096,
  readFolders: [],
  netOrigins: [],
  envNames: [],
  memorySampleIntervalMs: 250,
};

/** The settings plus every problem found while reading them (each problem names the setting and the fix). */
export interface SettingsReading {
  settings: QuickJSSettings;
  problems: string[];
}

type Section = Pick<vscode.WorkspaceConfiguration, 'get'>;

/** Reads and validates `quickjs.*`; a bad value falls back to its default and is reported in `problems`. */
export function readSettings(scope?: vscode.ConfigurationScope, section: Section = vscode.workspace.getConfiguration('quickjs', scope)): SettingsReading {
  const problems: string[] = [];
  const number = (key: keyof QuickJSSettings, min: number, max: number, zeroAllowed: boolean, unit: string): number => {
    const fallback = SETTING_DEFAULTS[key] as number;
    const v = section.get<unknown>(key);
    if (v === undefined || v === null) return fallback;
    const ok = typeof v === 'number' && Number.isFinite(v) && ((zeroAllowed && v === 0) || (v >= min && v <= max));
    if (!ok) {
      const range = `${zeroAllowed ? '0 (no limit) or ' : ''}a number from ${min} to ${max} ${unit}`;
      problems.push(`quickjs.${key} is ${JSON.stringify(v)}; it must be ${range}. Using ${fallback} instead.`);
      return fallback;
    }
    return v;
  };
  const list = (key: 'readFolders' | 'netOrigins' | 'envNames'): string[] => {
    const v = section.get<unknown>(`permissions.${key}`);
    if (v === undefined || v === null) return [];
    if (!Array.isArray(v) || v.some((x) => typeof x !== 'string' || x.trim() === '')) {
      problems.push(`quickjs.permissions.${key} must be a list of non-empty strings; ignoring it (nothing granted).`);
      return [];
    }
    return v as string[];
  };
  const engineRaw = section.get<unknown>('engine');
  let engine: EngineVariant = SETTING_DEFAULTS.engine;
  if (engineRaw === 'quickjs' || engineRaw === 'quickjs-ng') engine = engineRaw;
  else if (engineRaw !== undefined && engineRaw !== null) {
    problems.push(`quickjs.engine is ${JSON.stringify(engineRaw)}; use "quickjs" or "quickjs-ng". Using "quickjs" instead.`);
  }
  const netOrigins = list('netOrigins');
  for (const origin of netOrigins) {
    if (origin !== '*' && !/^https?:\/\/[^/\s]+\/?$/.test(origin)) {
      problems.push(`quickjs.permissions.netOrigins entry "${origin}" is not an origin; write it as "https://host[:port]" or "*".`);
    }
  }
  const settings: QuickJSSettings = {
    // The engine refuses smaller heaps and stacks outside 64 KB..64 MB; catching that here names the setting.
    memoryLimitMB: number('memoryLimitMB', MIN_MEMORY_BYTES / (1024 * 1024), 4096, true, 'MB'),
    stackSizeKB: number('stackSizeKB', 64, 65536, false, 'KB'),
    timeoutSeconds: number('timeoutSeconds', 0.001, 86400, true, 'seconds'),
    engine,
    outputLimitKB: number('outputLimitKB', 1, 1048576, true, 'KB'),
    readFolders: list('readFolders'),
    netOrigins: netOrigins.filter((o) => o === '*' || /^https?:\/\/[^/\s]+\/?$/.test(o)),
    envNames: list('envNames'),
    memorySampleIntervalMs: sampleInterval(section.get<unknown>('memorySampleIntervalMs')),
  };
  return { settings, problems };
}

/** Sampling faster than 20 ms buys nothing a person can see and costs the script time; 0 turns it off. */
function sampleInterval(v: unknown): number {
  if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) return SETTING_DEFAULTS.memorySampleIntervalMs;
  return v === 0 ? 0 : Math.round(Math.min(60_000, Math.max(20, v)));
}

/** The memory sampling interval for a scope. */
export function memorySampleIntervalMs(scope?: vscode.ConfigurationScope): number {
  return sampleInterval(vscode.workspace.getConfiguration('quickjs', scope).get<unknown>('memorySampleIntervalMs'));
}

/** Why permissions were withheld, when they were; shown to the user when a script is denied something. */
export const UNTRUSTED_NOTE =
  'This workspace is not trusted, so the sandbox grants no permissions (quickjs.permissions.* are ignored). ' +
  'Trust the workspace (Workspaces: Manage Workspace Trust) to grant them.';

/** Turns settings into sandbox options; in an untrusted workspace every permission is withheld. */
export function toSandboxOptions(s: QuickJSSettings, trusted: boolean, cwd: string | undefined): SandboxOptions {
  const KB = 1024;
  return {
    engine: s.engine,
    memoryLimitBytes: Math.round(s.memoryLimitMB * KB * KB),
    stackSizeBytes: Math.round(s.stackSizeKB * KB),
    timeoutMs: Math.round(s.timeoutSeconds * 1000),
    outputLimitBytes: Math.round(s.outputLimitKB * KB),
    cwd,
    memorySampleIntervalMs: s.memorySampleIntervalMs,
    permissions: trusted ? { read: [...s.readFolders], net: [...s.netOrigins], env: [...s.envNames] } : { read: [], net: [], env: [] },
  };
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
