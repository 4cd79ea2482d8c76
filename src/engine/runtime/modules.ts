/**
 * Loading code into the sandbox: script-or-module detection, TypeScript transpiling, JSON modules,
 * npm packages (one module graph per run, see packages.ts), static in-memory modules, and the folders modules may
 * come from. Synchronous on purpose: QuickJS's module loader hook is synchronous; only `preparePackages`, which runs
 * before the entry is evaluated, is not.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { SourceMaps } from './stacks';
import type { BundleCache } from './bundleCache';
import { PackageGraph, esbuild, isBundledSpecifier, isPackageSpecifier, type NodeEnv } from './packages';
import { cycleNote, importCycle, staticImportsOf } from './importCycles';
import { TYPESCRIPT_TRANSFORM, keepOriginalLines } from './lineLayout';
import { isNodeBuiltin, MACHINE_BUILTIN_ADVICE, nodeBuiltinFile } from './nodeBuiltins';

/** A source ready for QuickJS. */
export interface PreparedSource {
  /** The name QuickJS sees (absolute path or a pseudo name); stacks show it after mapping. */
  filename: string;
  code: string;
  type: 'script' | 'module';
}

/** Resolves a specifier to a module name, or returns null for "let the next resolver try". */
export type ModuleResolver = (specifier: string, importer: string) => string | { source: string; name?: string } | null | undefined;

/** Loads an embedder's resolver: a CommonJS module whose `resolve` (or default export) is a `ModuleResolver`. */
export function loadResolverModule(file: string): ModuleResolver {
  const m = require(file) as { resolve?: unknown; default?: unknown };
  const fn = typeof m.resolve === 'function' ? m.resolve : typeof m.default === 'function' ? m.default : typeof m === 'function' ? m : undefined;
  if (!fn) throw new ModuleLoadError(`the module resolver ${file} exports no resolve(specifier, importer) function`);
  return fn as ModuleResolver;
}

/** Thrown when a module cannot be found or read; its message goes to the script as the import's error. */
export class ModuleLoadError extends Error {
  override name = 'ModuleLoadError';
}

const TS_EXT = /\.(ts|mts|cts|tsx)$/;
const STATIC_PREFIX = 'static:';
const RESOLVED_PREFIX = 'resolved:';
/**
 * quickjs-emscripten's C shim ignores an exception thrown by the normalizer and loads a module named "" instead,
 * so the user would see "ENOENT ... open ''". A failed resolution therefore travels to the loader inside the name,
 * and the loader throws it, where exceptions do reach the script.
 */
const UNRESOLVED_PREFIX = '<unresolved>:';

/**
 * Whether the text needs module semantics (import/export declarations or top-level await), as far as the text alone
 * says: 'maybe' when only a parse can tell (an `await` that may be outside any function).
 */
function moduleHint(code: string): 'script' | 'module' | 'maybe' {
  if (!/\b(import|export|await)\b/.test(code)) return 'script';
  // Cheap and good enough: a statement that starts with import/export, or an await outside any function body.
  if (/^\s*(import\s*[\w{*'"]|export\s)/m.test(code)) return 'module';
  return 'maybe';
}

function hasTopLevelAwait(code: string): boolean {
  // Only a parse tells: code that fails as a script but parses as a module needs module semantics.
  const acorn = require('acorn') as typeof import('acorn');
  try {
    acorn.parse(code, { ecmaVersion: 'latest', sourceType: 'script', allowHashBang: true });
    return false;
  } catch {
    try {
      acorn.parse(code, { ecmaVersion: 'latest', sourceType: 'module', allowHashBang: true });
      return true;
    } catch {
      return false; // a syntax error either way: let QuickJS report it as a script
    }
  }
}

/**
 * TypeScript to the JavaScript a run executes, with its source map, laid out on the source's own lines (see
 * lineLayout.ts) so that the stacks the engine writes, `e.stack` included, name the user's lines. The debugger parses
 * files ahead of a run with it too (src/engine/debug/fileParse.ts), so its statement positions are those the run will
 * have.
 */
export function transpileTypeScript(code: string, filename: string, type: 'script' | 'module'): { code: string; map: string } {
  const out = esbuild().transformSync(code, {
    ...TYPESCRIPT_TRANSFORM,
    loader: filename.endsWith('x') ? 'tsx' : 'ts',
    format: type === 'module' ? 'esm' : undefined,
    sourcefile: filename,
  });
  return keepOriginalLines(out, type);
}

/** Loads, transpiles and describes the module and script sources of one sandbox. */
export class ModuleHost {
  private readonly resolvedSources = new Map<string, string>();
  private readonly packages: PackageGraph;
  /** The files on disk the last run's entry and its local imports were read from (what `run --watch` watches). */
  readonly files = new Set<string>();
  /** The folder of the file being run: its own modules and node_modules load without a grant (as Node would). */
  private entryRoot: string | undefined;

  constructor(
    private readonly roots: string[],
    private readonly staticModules: Record<string, string>,
    private readonly maps: SourceMaps,
    /** Instruments for the debugger; given 'auto', its own parse decides (and says) whether the code is a module. */
    private readonly instrument?: (
      code: string,
      filename: string,
      type: 'script' | 'module' | 'auto',
      sources?: readonly string[],
      cache?: BundleCache,
    ) => { code: string; type: 'script' | 'module' },
    private readonly customResolver?: ModuleResolver,
    nodeEnv: NodeEnv = 'production',
    /** The disk cache of package bundles (see bundleCache.ts); none: bundles live as long as the sandbox. */
    cacheDir?: string,
  ) {
    this.packages = new PackageGraph(maps, nodeEnv, cacheDir, !!instrument);
  }

  /** The package bundle cache's counters, when there is a cache. */
  get packageCacheStats(): PackageGraph['cacheStats'] {
    return this.packages.cacheStats;
  }

  /** Prepares the entry file of a run. */
  prepareFile(file: string): PreparedSource {
    this.entryRoot = undefined;
    this.files.clear();
    this.files.add(file);
    let code: string;
    try {
      code = fs.readFileSync(file, 'utf8');
    } catch (e) {
      throw new ModuleLoadError(`cannot read ${file}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message}`);
    }
    this.entryRoot = path.dirname(fs.realpathSync(file));
    const hint = /\.(mjs|mts)$/.test(file) || TS_EXT.test(file) ? 'module' : /\.cjs$/.test(file) ? 'script' : moduleHint(code);
    return this.finish(file, code, hint === 'maybe' ? 'auto' : hint);
  }

  /** Prepares source text given directly (selection, notebook cell, embedder). */
  prepareText(code: string, filename: string, type: 'script' | 'module' | 'auto', language: 'js' | 'ts' = 'js'): PreparedSource {
    this.entryRoot = undefined;
    this.files.clear();
    const isTs = language === 'ts' || TS_EXT.test(filename);
    const hint = type !== 'auto' ? type : isTs ? 'module' : moduleHint(code);
    return this.finish(filename, code, hint === 'maybe' ? 'auto' : hint, isTs);
  }

  private finish(filename: string, code: string, kind: 'script' | 'module' | 'auto', forceTs = false): PreparedSource {
    this.maps.reset(filename);
    // Only a parse tells a script from a module with top-level await: the instrumenter parses anyway.
    let type = kind === 'auto' && !this.instrument ? (hasTopLevelAwait(code) ? 'module' : 'script') : kind;
    if (code.startsWith('#!')) code = '//' + code.slice(2); // QuickJS rejects a hashbang in module code
    if (forceTs || TS_EXT.test(filename)) code = this.transpileTs(code, filename, type === 'auto' ? 'module' : type);
    if (this.instrument) ({ code, type } = this.instrument(code, filename, type));
    return { filename, code, type: type === 'auto' ? 'script' : type };
  }

  private transpileTs(code: string, filename: string, type: 'script' | 'module'): string {
    const out = transpileTypeScript(code, filename, type);
    this.maps.add(filename, out.map, code);
    return out.code;
  }

  /** The module normalizer: turns an import specifier into the name the loader receives; never throws. */
  normalize(importer: string, specifier: string): string {
    try {
      return this.resolve(importer, specifier);
    } catch (e) {
      return UNRESOLVED_PREFIX + (e instanceof Error ? e.message : String(e));
    }
  }

  /**
   * Bundles the packages the run's module graph imports, before the entry is evaluated, so that all of them form one
   * graph (see packages.ts). A script that imports nothing never starts esbuild.
   */
  async preparePackages(request: { kind: 'file'; path: string } | { kind: 'source'; source: string; filename?: string; language?: 'js' | 'ts' }): Promise<void> {
    const text = request.kind === 'file' ? fs.readFileSync(request.path, 'utf8') : request.source;
    if (!/\bimport\b/.test(text)) return; // scripts have no `require` in the sandbox: only imports load packages
    const filename = request.kind === 'source' && request.filename && path.isAbsolute(request.filename) ? request.filename : path.join(this.roots[0]!, '<input>');
    const entry = request.kind === 'file'
      ? { file: request.path }
      : { contents: request.source, filename, loader: (request.language === 'ts' || TS_EXT.test(filename) ? 'ts' : 'js') as 'js' | 'ts' };
    await this.packages.prepare(entry, (file) => this.isAllowed(file), (s) => !this.isBundlable(s), [this.roots, this.entryRoot]);
  }

  /** Whether a specifier goes to the package bundler (not a static module, not a Node built-in, no `..` trick). */
  private isBundlable(specifier: string): boolean {
    return this.staticModules[specifier] === undefined && isBundledSpecifier(specifier) && !escapesPackage(specifier);
  }

  private resolve(importer: string, specifier: string): string {
    const fromPackage = this.packages.resolveFromPackage(importer, specifier);
    if (fromPackage !== undefined) return fromPackage;
    if (this.staticModules[specifier] !== undefined) return STATIC_PREFIX + specifier;
    const custom = this.customResolver?.(specifier, importer);
    if (typeof custom === 'string') return custom;
    if (custom && typeof custom.source === 'string') {
      // Source text from the embedder's resolver: kept under its own name, like a static module.
      const name = `${RESOLVED_PREFIX}${custom.name ?? specifier}`;
      this.resolvedSources.set(name, custom.source);
      return name;
    }
    const base = importer.startsWith(STATIC_PREFIX) || !path.isAbsolute(importer) ? this.roots[0]! : path.dirname(importer);
    if (nodeBuiltinFile(specifier)) return this.packages.resolve(specifier, base);
    if (isNodeBuiltin(specifier)) throw new ModuleLoadError(`"${specifier}" is a Node.js module the sandbox does not have: ${MACHINE_BUILTIN_ADVICE}; or run the script with Node`);
    if (specifier.startsWith('./') || specifier.startsWith('../') || path.isAbsolute(specifier)) {
      return this.checkRoot(resolveFile(path.resolve(base, specifier)) ?? throwNotFound(specifier, importer));
    }
    // `pkg/../../secret.txt` would otherwise reach a file outside node_modules through the bundler.
    if (escapesPackage(specifier)) {
      throw new ModuleLoadError(`"${specifier}" is not a package name: package paths may not contain "." or ".." segments; import files relatively ("./x.js")`);
    }
    if (!isPackageSpecifier(specifier)) throw new ModuleLoadError(`cannot find module "${specifier}" imported from ${importer}: it is neither a file path nor a package name`);
    return this.packages.resolve(specifier, base);
  }

  /** The module loader: returns the source text of a normalized module name. */
  load(name: string): string {
    if (name.startsWith(UNRESOLVED_PREFIX)) throw new ModuleLoadError(name.slice(UNRESOLVED_PREFIX.length));
    const resolved = this.resolvedSources.get(name);
    if (resolved !== undefined) return this.finish(name, resolved, 'module').code;
    if (name.startsWith(STATIC_PREFIX)) {
      const spec = name.slice(STATIC_PREFIX.length);
      return this.finish(name, this.staticModules[spec]!, 'module').code;
    }
    const pkg = this.packages.load(name);
    if (pkg !== undefined) {
      // Package code is debugged like the user's: the bundle is instrumented, its map leads back to each package file.
      if (!this.instrument || !this.packages.isOutput(name)) return pkg;
      return this.instrument(pkg, name, 'module', this.packages.restoreMap(name), this.packages.cache).code;
    }
    const code = fs.readFileSync(name, 'utf8');
    this.files.add(name);
    if (name.endsWith('.json')) {
      JSON.parse(code); // a clear error for broken JSON before QuickJS sees it
      return `export default ${code};`;
    }
    return this.finish(name, code, 'module').code;
  }

  /**
   * An error's message said in the terms of its cause where the engine's words hide it: a missing named export of a
   * package, a machine built-in's stand-in called by a package, what package code expected of Node or a page, or a
   * binding read too early in a circular import (`frames`: the error's stack, innermost first).
   */
  explainError(message: string, name: string, frames: readonly { file: string; line: number }[]): string {
    if (name === 'NodeModuleUnavailable') return this.packages.explainUnavailable(message, frames.map((f) => `${f.file}:${f.line}`));
    const fromPackage = this.packages.explainPackageError(message, name, frames);
    if (fromPackage !== message) return fromPackage;
    const file = frames[0]?.file;
    const linked = this.packages.explainLinkError(message);
    if (linked !== message || !file) return linked;
    const early = name === 'ReferenceError' || (name === 'TypeError' && /undefined|not a function|not a constructor/.test(message));
    if (!early) return message;
    const inPackage = this.packages.packageCycle(file);
    if (inPackage) return `${message}\n  note: ${cycleNote(inPackage.cycle, inPackage.pkg)}`;
    // QuickJS's words for a binding in its temporal dead zone; only then are the user's own files read for a cycle.
    if (!/ is not initialized$/.test(message) || !path.isAbsolute(file)) return message;
    const cycle = importCycle(file, (f) => staticImportsOf(f, (s, dir) => resolveFile(path.resolve(dir, s))));
    return cycle ? `${message}\n  note: ${cycleNote(cycle, undefined)}` : message;
  }

  private isAllowed(file: string): boolean {
    return [...this.roots, ...(this.entryRoot ? [this.entryRoot] : [])].some((r) => file === r || file.startsWith(r + path.sep));
  }

  private checkRoot(file: string): string {
    // The real path: a symlink inside an allowed folder must not reach a file outside it.
    const real = fs.realpathSync(file);
    if (!this.isAllowed(real)) {
      const roots = [...this.roots, ...(this.entryRoot ? [this.entryRoot] : [])];
      throw new ModuleLoadError(
        `importing ${file} is not allowed: modules load only from ${roots.join(', ')}; grant the folder with --allow-read`,
      );
    }
    return real;
  }
}

function escapesPackage(specifier: string): boolean {
  return specifier.split(/[/\\]/).some((s) => s === '.' || s === '..') || specifier.includes('\\') || specifier.includes('\0');
}

function resolveFile(p: string): string | undefined {
  for (const candidate of [p, `${p}.js`, `${p}.mjs`, `${p}.ts`, `${p}.mts`, `${p}.json`, path.join(p, 'index.js'), path.join(p, 'index.ts')]) {
    try {
      if (fs.statSync(candidate).isFile()) return candidate;
    } catch {
      // try the next candidate
    }
  }
  return undefined;
}

function throwNotFound(specifier: string, importer: string): never {
  throw new ModuleLoadError(`cannot find module "${specifier}" imported from ${importer}`);
}
