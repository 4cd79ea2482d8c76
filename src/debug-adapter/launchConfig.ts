/**
 * Reads and checks the `launch` request's arguments and turns them into sandbox options.
 * Every rejection names the attribute, what it got and what it expects, because the user
 * sees it verbatim in the editor (or in nvim-dap's log) with nothing else to go on.
 */
import { existsSync, statSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import type { EngineVariant, RunRequest, SandboxOptions } from '../engine/api';
import { OPTION_SPECS, checkStrict, setEngineOption, type OptionSpec } from '../engine/optionSchema';

/** Source text to run instead of a file: an editor buffer, a notebook cell. */
export interface SourceTextArguments {
  source: string;
  /** The name (a path or a URI such as `vscode-notebook-cell:...`) breakpoints, stacks and output use for it. */
  sourceName?: string;
  /** Default: `ts` when `sourceName` ends in .ts/.mts/.cts, else `js`. */
  language?: 'js' | 'ts';
}

/** The `launch` attributes this adapter understands (the launch.json / nvim-dap schema). */
export interface LaunchArguments extends Partial<SourceTextArguments> {
  /** The file to debug; exactly one of `program` and `source` is given. */
  program?: string;
  /** Sources run first in the same sandbox without pausing, so the debugged code finds what they define (a notebook's earlier cells). */
  prelude?: SourceTextArguments[];
  args?: string[];
  cwd?: string;
  stopOnEntry?: boolean;
  /** "64MB", "512KB", "1GB", or a number of megabytes; 0 means no limit (the option table has the range). */
  memoryLimit?: string | number;
  /** "1MB", "256KB", or a number of kilobytes. */
  stackSize?: string | number;
  /** "30s", "500ms", "2m", or a number of milliseconds; 0 (the default when debugging) means none. */
  timeout?: string | number;
  allowRead?: string[] | string;
  allowNet?: string[] | string;
  allowEnv?: string[] | string;
  engine?: EngineVariant;
  sourceMaps?: boolean;
  /** Globs of files steps pass through, as VS Code's JavaScript debugger has them (`**` crosses folders). */
  skipFiles?: string[];
}

/** A source text ready to run: the request, and the name it runs under. */
export type SourceRun = Extract<RunRequest, { kind: 'source' }> & { filename: string };

/** A checked launch configuration: what to run plus ready sandbox options. */
export interface LaunchConfig {
  /** The debugged run: the program's absolute path, or the source text under its name. */
  run: { kind: 'file'; path: string } | SourceRun;
  /** Runs before `run` in the same sandbox, never pausing. */
  prelude: SourceRun[];
  stopOnEntry: boolean;
  options: SandboxOptions;
}

/** A launch attribute that is missing or has the wrong shape; the message is for the user. */
export class LaunchConfigError extends Error {
  override name = 'LaunchConfigError';
}

/** The table's options a launch configuration may set (`memoryLimit`, `allowRead`, ...). */
const LAUNCH_SPECS = OPTION_SPECS.filter((spec) => spec.launch && spec.engine);

/** Checks one table option given as a launch attribute; returns it in bytes, milliseconds or as it is. */
export function readLaunchOption(spec: OptionSpec, value: unknown): unknown {
  const r = checkStrict(spec, 'launch', value);
  if (!r.ok) throw new LaunchConfigError(r.message);
  return r.value;
}

/** A URI with a scheme of two or more letters (`vscode-notebook-cell:`, `untitled:`); `C:` stays a Windows path. */
const URI_LIKE = /^[a-zA-Z][a-zA-Z0-9+.-]+:/;

/**
 * The name the engine and breakpoints use for a path a client sent: URIs are kept verbatim (clients send back
 * exactly what they received), paths are made absolute against `cwd`.
 */
export function sourceKey(name: string, cwd: string): string {
  return URI_LIKE.test(name) ? name : resolve(cwd, name);
}

const TS_NAME = /\.(ts|mts|cts|tsx)$/;

/** Checks one `{ source, sourceName, language }` group; `where` names it in messages (`launch`, `launch: prelude[2]`). */
function readSourceText(where: string, a: Record<string, unknown>, cwd: string, defaultName: string): SourceRun {
  if (typeof a.source !== 'string') throw new LaunchConfigError(`${where}: 'source' must be the program's text as a string; got ${JSON.stringify(a.source)}`);
  if (a.sourceName !== undefined && (typeof a.sourceName !== 'string' || a.sourceName.trim() === '')) {
    throw new LaunchConfigError(`${where}: 'sourceName' must be a non-empty file name, path or URI; got ${JSON.stringify(a.sourceName)}`);
  }
  if (a.language !== undefined && a.language !== 'js' && a.language !== 'ts') {
    throw new LaunchConfigError(`${where}: 'language' must be "js" or "ts"; got ${JSON.stringify(a.language)}`);
  }
  const filename = sourceKey((a.sourceName as string | undefined) ?? defaultName, cwd);
  const language = (a.language as 'js' | 'ts' | undefined) ?? (TS_NAME.test(filename) ? 'ts' : 'js');
  return { kind: 'source', source: a.source, filename, language, type: 'auto' };
}

function stringList(name: string, value: unknown): string[] | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') return [value];
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value as string[];
  throw new LaunchConfigError(`launch: '${name}' must be a list of strings; got ${JSON.stringify(value)}`);
}

/** Checks raw `launch` arguments; `defaultCwd` is used when the configuration names no `cwd`. */
export function readLaunchArguments(raw: unknown, defaultCwd: string): LaunchConfig {
  // Clients drop an empty arguments object altogether.
  raw ??= {};
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new LaunchConfigError('launch: the arguments must be an object with a "program" or a "source" attribute');
  }
  const a = raw as Record<string, unknown>;

  let cwd = defaultCwd;
  if (a.cwd !== undefined && a.cwd !== null) {
    if (typeof a.cwd !== 'string') throw new LaunchConfigError(`launch: 'cwd' must be a folder path; got ${JSON.stringify(a.cwd)}`);
    cwd = resolve(defaultCwd, a.cwd);
    if (!existsSync(cwd) || !statSync(cwd).isDirectory()) {
      throw new LaunchConfigError(`launch: the working folder 'cwd' does not exist: ${cwd}`);
    }
  }

  const hasProgram = a.program !== undefined && a.program !== null;
  const hasSource = a.source !== undefined && a.source !== null;
  if (hasProgram && hasSource) {
    throw new LaunchConfigError('launch: give either "program" (a file to debug) or "source" (the text to debug), not both');
  }
  let run: LaunchConfig['run'];
  if (hasSource) {
    run = readSourceText('launch', a, cwd, a.language === 'ts' ? 'untitled.ts' : 'untitled.js');
  } else {
    if (typeof a.program !== 'string' || a.program.trim() === '') {
      throw new LaunchConfigError('launch: the "program" attribute is missing; set it to the .js/.ts/.mjs file to debug, or give the text to debug as "source"');
    }
    const program = isAbsolute(a.program) ? a.program : resolve(cwd, a.program);
    if (!existsSync(program) || !statSync(program).isFile()) {
      throw new LaunchConfigError(`launch: program not found: ${program}` + (isAbsolute(a.program) ? '' : ` (resolved "${a.program}" against ${cwd})`));
    }
    run = { kind: 'file', path: program };
  }

  const prelude: SourceRun[] = [];
  if (a.prelude !== undefined && a.prelude !== null) {
    if (!Array.isArray(a.prelude)) throw new LaunchConfigError(`launch: 'prelude' must be a list of { "source": "..." } objects; got ${JSON.stringify(a.prelude)}`);
    a.prelude.forEach((item: unknown, i) => {
      const where = `launch: prelude[${i}]`;
      if (typeof item !== 'object' || item === null || Array.isArray(item)) throw new LaunchConfigError(`${where} must be an object with a "source" attribute; got ${JSON.stringify(item)}`);
      prelude.push(readSourceText(where, item as Record<string, unknown>, cwd, `prelude-${i + 1}.js`));
    });
  }

  const args = stringList('args', a.args);
  if (a.stopOnEntry !== undefined && typeof a.stopOnEntry !== 'boolean') {
    throw new LaunchConfigError(`launch: 'stopOnEntry' must be true or false; got ${JSON.stringify(a.stopOnEntry)}`);
  }

  // Relative `allowRead` folders resolve against `cwd` in the engine.
  const options: SandboxOptions = { cwd };
  for (const spec of LAUNCH_SPECS) {
    const value = a[spec.launch!.name];
    // A launch's own default wins over the engine's: debugging runs without a time limit unless asked, because a
    // paused program must not be killed by the clock.
    if (value === undefined || value === null) {
      if (spec.launch!.default !== undefined) setEngineOption(options, spec.engine!, readLaunchOption(spec, spec.launch!.default));
      continue;
    }
    setEngineOption(options, spec.engine!, readLaunchOption(spec, value));
  }
  if (args) options.args = args;
  return { run, prelude, stopOnEntry: a.stopOnEntry === true, options };
}
