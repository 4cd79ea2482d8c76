/**
 * Defaults, parsing and validation of sandbox options: the one place that knows what a limit means.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { EngineVariant, LimitKind, SandboxOptions } from './api';

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
  sourceMaps: boolean;
  debug: boolean;
}

const MB = 1024 * 1024;

/** The smallest memory limit: the engine's WebAssembly memory starts at 16 MB. */
export const MIN_MEMORY_BYTES = 16 * MB;

/**
 * The memory limit caps the engine's whole WebAssembly memory (QuickJS's own byte counting is unusable in the wasm
 * builds: without malloc_usable_size it counts about 8 bytes per allocation). 0 means the wasm maximum of 2 GB.
 */
export function memoryPages(limitBytes: number): number {
  return limitBytes ? Math.ceil(limitBytes / 65536) : 32768;
}

/** Default limits; documented in the README's tables. */
export const DEFAULTS = {
  engine: 'quickjs' as EngineVariant,
  memoryLimitBytes: 64 * MB,
  stackSizeBytes: 1 * MB,
  timeoutMs: 10_000,
  outputLimitBytes: 4 * MB,
};

/** Thrown for options that make no sense; the message names the option and the fix. */
export class SandboxOptionError extends Error {
  override name = 'SandboxOptionError';
}

/** Fills defaults and validates; throws `SandboxOptionError` naming the bad option. */
export function resolveOptions(o: SandboxOptions & { debug?: boolean } = {}): ResolvedOptions {
  const cwd = path.resolve(o.cwd ?? process.cwd());
  const engine = o.engine ?? DEFAULTS.engine;
  if (engine !== 'quickjs' && engine !== 'quickjs-ng') {
    throw new SandboxOptionError(`unknown engine "${engine}"; use "quickjs" or "quickjs-ng"`);
  }
  const num = (name: string, v: number | undefined, dflt: number, min: number) => {
    if (v === undefined) return dflt;
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0 || (v !== 0 && v < min)) {
      throw new SandboxOptionError(`${name} must be 0 or a number of at least ${min}, not ${String(v)}`);
    }
    return Math.floor(v);
  };
  const memory = num('memoryLimitBytes', o.memoryLimitBytes, DEFAULTS.memoryLimitBytes, 1);
  if (memory !== 0 && memory < MIN_MEMORY_BYTES) {
    throw new SandboxOptionError(`memory limit must be at least ${formatBytes(MIN_MEMORY_BYTES)} (the engine itself takes about 5 MB), not ${formatBytes(memory)}; 0 means none`);
  }
  const stack = num('stackSizeBytes', o.stackSizeBytes, DEFAULTS.stackSizeBytes, 64 * 1024);
  if (stack === 0 || stack > 64 * MB) {
    throw new SandboxOptionError(`stack size must be between 64 KB and 64 MB, not ${formatBytes(stack)}`);
  }
  const list = (name: string, v: unknown) => {
    if (v === undefined) return [];
    if (!Array.isArray(v) || v.some((x) => typeof x !== 'string')) throw new SandboxOptionError(`${name} must be a list of strings`);
    return v as string[];
  };
  const net = list('permissions.net', o.permissions?.net).map(normalizeOrigin);
  return {
    engine,
    memoryLimitBytes: memory,
    stackSizeBytes: stack,
    timeoutMs: num('timeoutMs', o.timeoutMs, DEFAULTS.timeoutMs, 1),
    outputLimitBytes: num('outputLimitBytes', o.outputLimitBytes, DEFAULTS.outputLimitBytes, 1024),
    cwd,
    permissions: {
      read: list('permissions.read', o.permissions?.read).map((d) => path.resolve(cwd, d)),
      net,
      env: list('permissions.env', o.permissions?.env),
      envValues: Object.fromEntries(
        list('permissions.env', o.permissions?.env).flatMap((name) => (process.env[name] === undefined ? [] : [[name, process.env[name]!]])),
      ),
    },
    args: list('args', o.args),
    memorySampleIntervalMs: num('memorySampleIntervalMs', o.memorySampleIntervalMs, 0, 1),
    leakCheck: o.leakCheck ?? false,
    staticModules: o.staticModules ?? {},
    moduleResolver: o.moduleResolver === undefined ? undefined : existingFile('moduleResolver', path.resolve(cwd, o.moduleResolver)),
    nodeEnv: nodeEnv(o.nodeEnv),
    sourceMaps: o.sourceMaps ?? true,
    debug: o.debug ?? false,
  };
}

function nodeEnv(v: unknown): 'development' | 'production' {
  if (v === undefined) return 'development';
  if (v !== 'development' && v !== 'production') throw new SandboxOptionError(`nodeEnv must be "development" or "production", not ${JSON.stringify(v)}`);
  return v;
}

function existingFile(option: string, file: string): string {
  if (!fs.existsSync(file)) throw new SandboxOptionError(`${option}: no file at ${file}`);
  return file;
}

/** `https://a.example.com/x` -> `https://a.example.com`; `*` stays. */
export function normalizeOrigin(origin: string): string {
  if (origin === '*') return origin;
  try {
    const u = new URL(origin.includes('://') ? origin : `https://${origin}`);
    return u.origin;
  } catch {
    throw new SandboxOptionError(`"${origin}" is not an origin; write it like https://api.example.com`);
  }
}

/** Parses `64MB`, `512KB`, `1.5GB`, `1048576` (bytes) into bytes; throws on anything else. */
export function parseSize(text: string): number {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(b|kb|k|mb|m|gb|g)?\s*$/i.exec(text);
  if (!m) throw new SandboxOptionError(`"${text}" is not a size; write it like 64MB, 512KB or 1GB`);
  const unit = (m[2] ?? 'b').toLowerCase()[0];
  const factor = unit === 'k' ? 1024 : unit === 'm' ? MB : unit === 'g' ? 1024 * MB : 1;
  return Math.round(Number(m[1]) * factor);
}

/** Parses `10s`, `500ms`, `2m`, `0` (none) into milliseconds; a bare number means seconds. */
export function parseDuration(text: string): number {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|min)?\s*$/i.exec(text);
  if (!m) throw new SandboxOptionError(`"${text}" is not a duration; write it like 10s, 500ms or 2m (0 means none)`);
  const unit = (m[2] ?? 's').toLowerCase();
  const factor = unit === 'ms' ? 1 : unit === 's' ? 1000 : 60_000;
  return Math.round(Number(m[1]) * factor);
}

/** `67108864` -> `64 MB`. */
export function formatBytes(n: number): string {
  if (n >= MB) return `${+(n / MB).toFixed(1)} MB`;
  if (n >= 1024) return `${+(n / 1024).toFixed(1)} KB`;
  return `${n} bytes`;
}

/** The message users see when a limit ends a run: the limit, its value, and how to raise it. */
export function limitMessage(kind: LimitKind, o: ResolvedOptions): string {
  switch (kind) {
    case 'memory':
      return `memory limit of ${formatBytes(o.memoryLimitBytes)} reached; raise it with --memory-limit or the quickjs.memoryLimitMB setting`;
    case 'stack':
      return `stack limit of ${formatBytes(o.stackSizeBytes)} exceeded (runaway recursion?); raise it with --stack-size or the quickjs.stackSizeKB setting`;
    case 'timeout':
      return `timeout of ${o.timeoutMs / 1000} s reached; raise it with --timeout (0 means none) or the quickjs.timeoutSeconds setting`;
    case 'output':
      return `console output limit of ${formatBytes(o.outputLimitBytes)} reached; raise it with --output-limit or the quickjs.outputLimitKB setting`;
  }
}
