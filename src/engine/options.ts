/**
 * Defaults, parsing and validation of sandbox options: the one place that knows what a limit means.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { EngineVariant, LimitKind, SandboxOptions } from './api';
import { checkStrict, defaultIn, engineSpec, getEngineOption, nameIn, parseQuantity, type EngineKey, type OptionSpec } from './optionSchema';

/** Options after defaults are applied; every field present. */
export interface ResolvedOptions {
  engine: EngineVariant;
  memoryLimitBytes: number;
  stackSizeBytes: number;
  timeoutMs: number;
  outputLimitBytes: number;
  cwd: string;
  /** `envValues` holds the granted variables' values, read on the host: a worker's process.env is a stale copy. */
  permissions: { read: string[]; net: string[]; env: string[]; envValues: Record<string, string> };
  args: string[];
  memorySampleIntervalMs: number;
  leakCheck: boolean;
  staticModules: Record<string, string>;
  moduleResolver?: string;
  /** `process.env.NODE_ENV` in bundled packages. */
  nodeEnv: 'development' | 'production';
  /** Folder of the package bundle cache; undefined: none. */
  cacheDir: string | undefined;
  sourceMaps: boolean;
  /** Globs of files steps pass through (see debug/skipFiles.ts). */
  skipFiles: string[];
  debug: boolean;
}

const MB = 1024 * 1024;

/**
 * The memory limit caps the engine's whole WebAssembly memory (QuickJS's own byte counting is unusable in the wasm
 * builds: without malloc_usable_size it counts about 8 bytes per allocation). 0 means the wasm maximum of 2 GB.
 */
export function memoryPages(limitBytes: number): number {
  return limitBytes ? Math.ceil(limitBytes / 65536) : 32768;
}

/** Default limits (bytes and milliseconds), taken from the option table. */
export const DEFAULTS = {
  engine: engineSpec('engine').default as EngineVariant,
  memoryLimitBytes: engineSpec('memoryLimitBytes').default as number,
  stackSizeBytes: engineSpec('stackSizeBytes').default as number,
  timeoutMs: engineSpec('timeoutMs').default as number,
  outputLimitBytes: engineSpec('outputLimitBytes').default as number,
};

/** Thrown for options that make no sense; the message names the option and the fix. */
export class SandboxOptionError extends Error {
  override name = 'SandboxOptionError';
}

/** Checks one table option as the engine API received it; absent means the table's default. */
function tableOption<T>(o: SandboxOptions, key: EngineKey): T {
  const raw = getEngineOption(o, key);
  const spec = engineSpec(key);
  if (raw === undefined) return defaultIn(spec, 'engine') as T;
  const r = checkStrict(spec, 'engine', raw);
  if (!r.ok) throw new SandboxOptionError(r.message);
  return r.value as T;
}

/** Fills defaults and validates; throws `SandboxOptionError` naming the bad option. */
export function resolveOptions(o: SandboxOptions & { debug?: boolean } = {}): ResolvedOptions {
  const cwd = path.resolve(o.cwd ?? process.cwd());
  const list = (name: string, v: unknown) => {
    if (v === undefined) return [];
    if (!Array.isArray(v) || v.some((x) => typeof x !== 'string')) throw new SandboxOptionError(`${name} must be a list of strings`);
    return v as string[];
  };
  const env = tableOption<string[]>(o, 'permissions.env');
  return {
    engine: tableOption<EngineVariant>(o, 'engine'),
    memoryLimitBytes: tableOption<number>(o, 'memoryLimitBytes'),
    stackSizeBytes: tableOption<number>(o, 'stackSizeBytes'),
    timeoutMs: tableOption<number>(o, 'timeoutMs'),
    outputLimitBytes: tableOption<number>(o, 'outputLimitBytes'),
    cwd,
    permissions: {
      read: tableOption<string[]>(o, 'permissions.read').map((d) => path.resolve(cwd, d)),
      net: tableOption<string[]>(o, 'permissions.net'),
      env,
      envValues: Object.fromEntries(env.flatMap((name) => (process.env[name] === undefined ? [] : [[name, process.env[name]!]]))),
    },
    args: list('args', o.args),
    memorySampleIntervalMs: tableOption<number>(o, 'memorySampleIntervalMs'),
    leakCheck: o.leakCheck ?? false,
    staticModules: o.staticModules ?? {},
    moduleResolver: o.moduleResolver === undefined ? undefined : existingFile('moduleResolver', path.resolve(cwd, o.moduleResolver)),
    nodeEnv: tableOption<'development' | 'production'>(o, 'nodeEnv'),
    cacheDir: tableOption<string>(o, 'cacheDir') ? path.resolve(cwd, tableOption<string>(o, 'cacheDir')) : undefined,
    sourceMaps: tableOption<boolean>(o, 'sourceMaps'),
    skipFiles: tableOption<string[]>(o, 'skipFiles'),
    debug: o.debug ?? false,
  };
}

function existingFile(option: string, file: string): string {
  if (!fs.existsSync(file)) throw new SandboxOptionError(`${option}: no file at ${file}`);
  return file;
}

/** Parses `64MB`, `512KB`, `1.5GB`, `1048576` (a bare number counts bytes) into bytes; throws on anything else. */
export function parseSize(text: string): number {
  const n = parseQuantity(text, 'size', 'B');
  if (n === undefined) throw new SandboxOptionError(`"${text}" is not a size; write it like 64MB, 512KB or 1GB`);
  return n;
}

/** Parses `10s`, `500ms`, `2m`, `0` (none) into milliseconds; a bare number counts seconds, as `--timeout` does. */
export function parseDuration(text: string): number {
  const n = parseQuantity(text, 'duration', 's');
  if (n === undefined) throw new SandboxOptionError(`"${text}" is not a duration; write it like 10s, 500ms or 2m (0 means none)`);
  return n;
}

/** `67108864` -> `64 MB`. */
export function formatBytes(n: number): string {
  if (n >= MB) return `${+(n / MB).toFixed(1)} MB`;
  if (n >= 1024) return `${+(n / 1024).toFixed(1)} KB`;
  return `${n} bytes`;
}

/**
 * Where a message is read, which decides how it names an option: the command line's flag, the editor's setting,
 * or a launch configuration's attribute. The option table holds each front end's name.
 */
export type MessageFrontEnd = 'cli' | 'setting' | 'launch';

/** What ended the run, the same in every front end: `timeout of 10 s reached`. */
export function limitSummary(kind: LimitKind, o: ResolvedOptions): string {
  switch (kind) {
    case 'memory':
      return `memory limit of ${formatBytes(o.memoryLimitBytes)} reached`;
    case 'stack':
      return `stack limit of ${formatBytes(o.stackSizeBytes)} exceeded (runaway recursion?)`;
    case 'timeout':
      return `timeout of ${o.timeoutMs / 1000} s reached`;
    case 'output':
      return `console output limit of ${formatBytes(o.outputLimitBytes)} reached`;
  }
}

const LIMIT_OPTION: Record<LimitKind, EngineKey> = { memory: 'memoryLimitBytes', stack: 'stackSizeBytes', timeout: 'timeoutMs', output: 'outputLimitBytes' };

/** The option that raises a limit (its row in the option table, with each front end's name). */
export function limitOption(kind: LimitKind): OptionSpec {
  return engineSpec(LIMIT_OPTION[kind]);
}

/** How to raise a limit, in one front end's words (the option's name comes from the table). */
export function limitAdvice(kind: LimitKind, fe: MessageFrontEnd): string {
  const name = nameIn(limitOption(kind), fe);
  const zero = kind === 'timeout' ? ' (0 means none)' : '';
  if (fe === 'cli') return `raise it with ${name}${zero}`;
  if (fe === 'setting') return `raise the ${name} setting${zero}`;
  return `raise "${name}" in the launch configuration${zero}`;
}

/** The `limit` event the engine emits when `kind` ends a run: the command line's words, and the neutral summary. */
export function limitEvent(kind: LimitKind, o: ResolvedOptions): { type: 'limit'; limit: LimitKind; message: string; summary: string } {
  return { type: 'limit', limit: kind, message: limitMessage(kind, o), summary: limitSummary(kind, o) };
}

/** The message users see when a limit ends a run: the limit, its value, and how to raise it where they are. */
export function limitMessage(kind: LimitKind, o: ResolvedOptions, fe: MessageFrontEnd = 'cli'): string {
  return `${limitSummary(kind, o)}; ${limitAdvice(kind, fe)}`;
}

/**
 * A `limit` event's message in a front end's words (the event's own names the command-line flag). A failure with no
 * option to raise (the engine's native stack) keeps its text.
 */
export function limitEventMessage(e: { limit: LimitKind; message: string; summary: string }, fe: MessageFrontEnd): string {
  return e.summary === e.message ? e.message : `${e.summary}; ${limitAdvice(e.limit, fe)}`;
}
