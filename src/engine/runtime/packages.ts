/**
 * A run's npm packages as one module graph. Before the entry is evaluated, esbuild scans the user's own files for the
 * package specifiers they import; all of them are then bundled together in one build with code splitting, so that a
 * package file reached from two specifiers (the script and a plugin, a locale, another package) lands in one shared
 * chunk and is evaluated once. Resolution, `exports`/`imports` maps, the `browser` field and CommonJS interop inside
 * the packages are esbuild's; the sandbox adds what esbuild's ESM output lacks for a CommonJS entry: the named exports
 * Node's cjs-module-lexer finds (Node gives `module.exports` as the default and those names beside it).
 *
 * Module names: `npm:<absolute file>` is the facade of a package entry (one per file, whatever the specifier, so two
 * specifiers of one file are one instance); `npm-out:<build>/<output>` is an output file of a build.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { BuildOptions, BuildResult, Message, Metafile } from 'esbuild';
import type { SourceMaps } from './stacks';
import { BundleCache } from './bundleCache';
import { importCycle } from './importCycles';
import { ENGINE_WORKAROUNDS, hoistYieldFromForOf } from './forOfYield';
import { isNodeBuiltin, isNodeBuiltinsFile, MACHINE_BUILTIN_ADVICE, nodeBuiltinFile, nodeBuiltinNameOf, nodeGlobalsInject, nodeBuiltinAliases, machineStubFile, machineSubpathAliases } from './nodeBuiltins';

/**
 * `process.env.NODE_ENV` as packages see it: `production` unless asked, as bundlers build for browsers (Node with the
 * variable unset takes the development branch: `--node-env development`).
 */
export type NodeEnv = 'development' | 'production';

export const ENTRY_PREFIX = 'npm:';
export const OUTPUT_PREFIX = 'npm-out:';
/** The module that gives a later build's CommonJS code `require` of the entries earlier builds loaded. */
const LINK_PREFIX = 'npm-link:';
/** Marks the plugin's own resolve calls, so that it does not see them again. */
const LINKING = Symbol('linking');

type Built = BuildResult & { metafile: Metafile };

interface Entry {
  /** The build output whose exports the facade forwards. */
  output: string;
  format: 'esm' | 'cjs';
  /** Export names of the output (ESM) or, for CommonJS, the names cjs-module-lexer detects. */
  names: string[];
}

/** Why one specifier could not be bundled; thrown at the import that needs it. */
class PackageError extends Error {
  override name = 'ModuleLoadError';
}

let esbuildModule: typeof import('esbuild') | undefined;
/** Loaded on first use: plain JavaScript runs never pay for starting esbuild. */
export function esbuild(): typeof import('esbuild') {
  esbuildModule ??= require('esbuild') as typeof import('esbuild');
  return esbuildModule;
}

/** Whether a specifier names a package (bare), as opposed to a file, a URL-like name or an internal prefix. */
export function isPackageSpecifier(specifier: string): boolean {
  return !/^[./]/.test(specifier) && !specifier.includes(':') && !isNodeBuiltin(specifier);
}

/** Whether the package bundler takes a specifier: a package, or a Node built-in that has an implementation. */
export function isBundledSpecifier(specifier: string): boolean {
  return isPackageSpecifier(specifier) || nodeBuiltinFile(specifier) !== undefined;
}

/** The npm package a file belongs to (`node_modules/@scope/name/...` -> `@scope/name`), for error messages. */
function packageOf(file: string): string | undefined {
  const parts = file.split(/[/\\]/);
  const i = parts.lastIndexOf('node_modules');
  if (i < 0 || i + 1 >= parts.length) return undefined;
  return parts[i + 1]!.startsWith('@') ? `${parts[i + 1]}/${parts[i + 2]}` : parts[i + 1];
}

function packageName(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
}

export class PackageGraph {
  private builds = 0;
  /**
   * Specifier -> entry file. Keyed by the specifier alone: in one sandbox a specifier names one file, the one found
   * from the folder of the importer that first used it (two folders with different node_modules are a monorepo
   * corner this does not model).
   */
  private readonly specs = new Map<string, string>();
  private readonly specErrors = new Map<string, string>();
  private readonly entries = new Map<string, Entry>();
  private readonly outputs = new Map<string, string>();
  /** ES module imports between package files (absolute paths), as the builds found them: for naming cycles. */
  private readonly esmImports = new Map<string, string[]>();
  /** Machine built-ins package code requires that get their stand-ins (names esbuild could not resolve otherwise). */
  private readonly stubbed = new Set<string>();
  /** Per later build: the entry files of earlier builds its CommonJS code requires. */
  private readonly links = new Map<string, Set<string>>();
  /** Under the debugger: each output's own source map, put back before a later run instruments the output again. */
  private readonly outputMaps = new Map<string, { sources: string[] }>();

  /** Also keeps a debug session's instrumented outputs (debug/instrumentCache.ts). */
  readonly cache: BundleCache | undefined;

  constructor(
    private readonly maps: SourceMaps,
    private readonly nodeEnv: NodeEnv,
    /** Where bundles are kept between runs and processes (see bundleCache.ts); none: every run bundles. */
    cacheDir?: string,
    /** A debug session's graph: outputs are instrumented at load, over their own maps (see `restoreMap`). */
    private readonly debug = false,
  ) {
    this.cache = cacheDir ? new BundleCache(cacheDir) : undefined;
  }

  /** The disk cache's counters, for tests and the bench. */
  get cacheStats(): { hits: number; rejected: ReadonlyMap<string, 'stale' | 'corrupt'> } | undefined {
    return this.cache && { hits: this.cache.hits, rejected: this.cache.rejected };
  }

  /**
   * Finds every package specifier the user's module graph imports from `entry` (static imports and dynamic imports
   * of literal strings), following only files `allowed` says the sandbox may load, and bundles the new ones together.
   */
  async prepare(
    entry: { file: string } | { contents: string; filename: string; loader: 'js' | 'ts' },
    allowed: (file: string) => boolean,
    skip: (specifier: string) => boolean,
    /** What `allowed` depends on (the folders it admits): part of the scan's cache key. */
    scope: unknown,
  ): Promise<void> {
    const scanKey = this.cache && BundleCache.key(['scan', esbuild().version, 'file' in entry ? entry.file : { ...entry, contents: BundleCache.key(entry.contents) }, scope]);
    let found = new Map<string, string>(this.cache?.get<[string, string][]>(scanKey!)); // specifier -> folder of its first importer
    if (found.size === 0) found = await this.scan(entry, allowed, scanKey);
    for (const s of [...found.keys()]) if (skip(s)) found.delete(s);
    const fresh = [...found].filter(([s]) => !this.specs.has(s) && !this.specErrors.has(s));
    if (fresh.length === 0) return;
    const base = 'file' in entry ? path.dirname(entry.file) : path.dirname(entry.filename);
    await this.bundle(fresh.map(([s]) => s), base, [...new Set(fresh.map(([, dir]) => dir))]);
  }

  /** esbuild's walk of the user's files for the package specifiers they import (cached when it succeeds). */
  private async scan(entry: Parameters<PackageGraph['prepare']>[0], allowed: (file: string) => boolean, key: string | undefined): Promise<Map<string, string>> {
    const found = new Map<string, string>();
    const scan: BuildOptions = {
      ...('file' in entry
        ? { entryPoints: [entry.file] }
        : { stdin: { contents: entry.contents, sourcefile: entry.filename, loader: entry.loader, resolveDir: path.dirname(entry.filename) } }),
      bundle: true,
      write: false,
      format: 'esm',
      platform: 'neutral',
      absWorkingDir: process.cwd(),
      logLevel: 'silent',
      plugins: [
        {
          name: 'sandbox-scan',
          setup(b) {
            b.onResolve({ filter: /.*/ }, (args) => {
              if (args.kind === 'entry-point') return undefined;
              if (args.kind === 'require-call' || args.kind === 'require-resolve') return { external: true }; // no require in user code
              if (/^[./]/.test(args.path)) {
                // The sandbox would refuse to load a file outside its folders, so the scan does not read it either.
                return allowed(path.resolve(args.resolveDir, args.path)) ? undefined : { external: true };
              }
              if (!found.has(args.path)) found.set(args.path, args.resolveDir);
              return { external: true };
            });
          },
        },
      ],
    };
    // A file that does not parse fails the scan, but the specifiers of the files that did are still collected; the
    // error itself reaches the user from QuickJS, at the file's own import. Only a whole scan is cached.
    const result = await esbuild().build({ ...scan, metafile: true }).catch(() => undefined);
    if (key && result?.metafile && found.size) {
      this.cache!.put(key, { value: [...found], files: Object.keys(result.metafile.inputs).map((f) => path.resolve(f)) });
    }
    return found;
  }

  /** The module name of a package specifier imported from a file in `fromDir`; bundles it now if no scan saw it. */
  resolve(specifier: string, fromDir: string): string {
    if (!this.specs.has(specifier) && !this.specErrors.has(specifier)) this.bundleSync([specifier], fromDir, []);
    const error = this.specErrors.get(specifier);
    if (error !== undefined) throw new PackageError(error);
    return ENTRY_PREFIX + this.specs.get(specifier)!;
  }

  /** The module name of `specifier` imported by the package module `importer`, or undefined if it is not one. */
  resolveFromPackage(importer: string, specifier: string): string | undefined {
    if (![ENTRY_PREFIX, OUTPUT_PREFIX, LINK_PREFIX].some((p) => importer.startsWith(p))) return undefined;
    // Names the build wrote itself: a facade's output, an earlier build's entry, the link module of a banner.
    if (this.outputs.has(specifier) || this.links.has(specifier)) return specifier;
    if (specifier.startsWith(ENTRY_PREFIX) && this.entries.has(specifier.slice(ENTRY_PREFIX.length))) return specifier;
    if (!importer.startsWith(OUTPUT_PREFIX)) throw new PackageError(`a package module imports "${specifier}", which no build produced`);
    const name = OUTPUT_PREFIX + path.posix.join(path.posix.dirname(importer.slice(OUTPUT_PREFIX.length)), specifier);
    if (!this.outputs.has(name)) throw new PackageError(`the bundle of a package imports "${specifier}", which the build did not produce`);
    return name;
  }

  /**
   * Makes an output's bundle map its only layer again: the debugger instruments the output on every load and maps
   * through the instrumentation's layer on top, so the layer of an earlier load must go. The disk cache keeps the
   * bundles as esbuild wrote them; only a debug session pays for instrumenting them. Returns the package files the
   * output holds (its map's sources).
   */
  restoreMap(name: string): string[] {
    const map = this.outputMaps.get(name);
    if (!map) return [];
    this.maps.reset(name);
    this.maps.add(name, map);
    return map.sources;
  }

  /** Whether a module name is a build's output file (package code with a source map), not a facade or a link. */
  isOutput(name: string): boolean {
    return name.startsWith(OUTPUT_PREFIX) && this.outputs.has(name);
  }

  /** Source text of a package module name, or undefined if the name is not one of this graph's. */
  load(name: string): string | undefined {
    if (name.startsWith(OUTPUT_PREFIX)) return this.outputs.get(name);
    const linked = this.links.get(name);
    if (linked) {
      // `require(id)` as esbuild's bundles call it for an external: module.exports of a CommonJS entry (its
      // facade's default), the namespace of an ES module.
      const files = [...linked];
      const imports = files.map((f, i) => (this.entries.get(f)!.format === 'cjs' ? `import m${i} from ${JSON.stringify(ENTRY_PREFIX + f)};` : `import * as m${i} from ${JSON.stringify(ENTRY_PREFIX + f)};`));
      const cases = files.map((f, i) => `case ${JSON.stringify(ENTRY_PREFIX + f)}: return m${i};`);
      return `${imports.join('\n')}\nexport function require(id) {\n  switch (id) { ${cases.join(' ')} }\n  throw new Error('Dynamic require of "' + id + '" is not supported');\n}\n`;
    }
    if (!name.startsWith(ENTRY_PREFIX)) return undefined;
    const entry = this.entries.get(name.slice(ENTRY_PREFIX.length));
    if (!entry) return undefined;
    const from = JSON.stringify(entry.output);
    if (entry.format === 'esm') {
      return `export * from ${from};\n${entry.names.includes('default') ? `export { default } from ${from};\n` : ''}`;
    }
    // Node's interop: `module.exports` is the default export, the names the lexer detects are named exports.
    const lines = [`import m from ${from};`, 'export default m;'];
    entry.names.forEach((n, i) => {
      const exported = /^[\p{ID_Start}$_][\p{ID_Continue}$\u200c\u200d]*$/u.test(n) ? n : JSON.stringify(n);
      lines.push(`const e${i} = m[${JSON.stringify(n)}];`, `export { e${i} as ${exported} };`);
    });
    return lines.join('\n') + '\n';
  }

  /**
   * QuickJS's link error for a missing named export, said in the package's terms with the way out; other messages
   * come back unchanged.
   */
  explainLinkError(message: string): string {
    const m = /^Could not find export '(.+)' in module 'npm:(.+)'$/.exec(message);
    const entry = m && this.entries.get(m[2]!);
    if (!m || !entry) return message;
    const [, name, file] = m as unknown as [string, string, string];
    const pkg = packageOf(file) ?? file;
    const some = entry.names.filter((n) => n !== 'default').slice(0, 12);
    const listed = some.length ? `; it exports ${some.join(', ')}${entry.names.length > some.length + 1 ? ', ...' : ''}` : '';
    const builtin = nodeBuiltinNameOf(file);
    if (builtin) {
      return `the sandbox's "${builtin}" module (an npm implementation of Node's, see the README's "What runs as what") has no export named "${name}"${listed}; that part of Node's API is missing here: use a package that provides it, or run this script with Node`;
    }
    const fix = entry.format === 'cjs'
      ? `it is a CommonJS module, whose named exports are only those Node's cjs-module-lexer detects: import its default export and read .${name} from it`
      : 'check the name against the package\'s documentation';
    return `package "${pkg}" has no export named "${name}" (${file})${listed}; ${fix}`;
  }

  /**
   * Bundles `specifiers` in one build with code splitting: one output per entry, shared code in shared chunks.
   * When the build fails, each specifier is tried alone so that one broken package only fails its own imports.
   * Written once as a plan of builds: `prepare` runs it on esbuild's asynchronous service (the one its scan started),
   * a late import inside QuickJS's synchronous loader runs it with `buildSync`.
   */
  private *plan(specifiers: string[], workDir: string, importerDirs: string[]): Generator<BuildOptions, void, Built | Error> {
    const nodePaths = nodeModulesAbove(importerDirs.filter((d) => d !== workDir));
    let all = yield this.options(specifiers, workDir, nodePaths);
    // A package file that requires a machine built-in its browser field does not answer gets the built-in's stand-in,
    // which throws only when used (see scripts/node-builtins.mjs): packages that load fs or child_process for a
    // feature the script never touches still work.
    const machine = (all instanceof Error ? ((all as { errors?: Message[] }).errors ?? []) : [])
      .filter((m) => m.location)
      .map((m) => /^Could not resolve "(.+)"$/.exec(m.text)?.[1])
      .filter((n): n is string => n !== undefined && !this.stubbed.has(n) && machineStubFile(n) !== undefined);
    if (machine.length) {
      machine.forEach((n) => this.stubbed.add(n));
      all = yield this.options(specifiers, workDir, nodePaths);
    }
    if (!(all instanceof Error)) return this.record(specifiers, workDir, all);
    // The usual failure, a specifier that resolves to nothing (not installed, or the embedder's own name), is named
    // by the error itself: drop those and try the rest together once before trying each alone.
    const unresolved = new Set(((all as { errors?: Message[] }).errors ?? []).filter((m) => !m.location).map((m) => /^Could not resolve "(.+)"$/.exec(m.text)?.[1]));
    const rest = specifiers.filter((s) => !unresolved.has(s));
    if (rest.length < specifiers.length && rest.length > 0) {
      specifiers.filter((s) => unresolved.has(s)).forEach((s) => this.specErrors.set(s, describeFailure(s, workDir, all)));
      specifiers = rest;
      all = yield this.options(specifiers, workDir, nodePaths);
      if (!(all instanceof Error)) return this.record(specifiers, workDir, all);
    }
    const ok: string[] = [];
    for (const s of specifiers.length > 1 ? specifiers : []) {
      const alone = yield { ...this.options([s], workDir, nodePaths), sourcemap: false };
      if (alone instanceof Error) this.specErrors.set(s, describeFailure(s, workDir, alone));
      else ok.push(s);
    }
    if (specifiers.length === 1) this.specErrors.set(specifiers[0]!, describeFailure(specifiers[0]!, workDir, all));
    if (ok.length === 0) return;
    const together = yield this.options(ok, workDir, nodePaths);
    if (together instanceof Error) ok.forEach((s) => this.specErrors.set(s, describeFailure(s, workDir, together)));
    else this.record(ok, workDir, together);
  }

  private bundleSync(specifiers: string[], workDir: string, importerDirs: string[]): void {
    const plan = this.plan(specifiers, workDir, importerDirs);
    for (let step = plan.next(); !step.done; ) {
      let built: Built | Error;
      try {
        built = this.fromCache(step.value) ?? this.toCache(step.value, workAroundEngine(esbuild().buildSync(step.value) as Built));
      } catch (e) {
        built = e as Error;
      }
      step = plan.next(built);
    }
  }

  private async bundle(specifiers: string[], workDir: string, importerDirs: string[]): Promise<void> {
    const plan = this.plan(specifiers, workDir, importerDirs);
    for (let step = plan.next(); !step.done; ) {
      const build = this.builds + 1; // the number `record` gives this build if it succeeds
      const linked = new Set<string>();
      const options = this.entries.size ? this.linkEarlierBuilds(step.value, build, linked) : step.value;
      const cached = this.fromCache(options, linked);
      step = plan.next(cached ?? (await esbuild().build(options).then((r) => this.toCache(options, workAroundEngine(r as Built), linked), (e: Error) => e)));
      if (this.builds === build && this.entries.size) this.links.set(`${LINK_PREFIX}${build}`, linked);
    }
  }

  /**
   * What a build's result depends on besides the files it reads: its options, with the plugin of earlier builds
   * (a function) stood for by the entries it links to.
   */
  private buildKey(options: BuildOptions): string {
    return BundleCache.key(['build', esbuild().version, ENGINE_WORKAROUNDS, { ...options, plugins: undefined }, options.plugins ? [...this.entries.keys()] : []]);
  }

  /** A build's result from the disk cache, with the earlier entries its CommonJS code requires put back in `linked`. */
  private fromCache(options: BuildOptions, linked?: Set<string>): Built | undefined {
    const hit = this.cache?.get<{ outputFiles: { path: string; text: string }[]; metafile: Metafile; linked: string[] }>(this.buildKey(options));
    if (!hit) return undefined;
    for (const f of hit.linked) linked?.add(f);
    return { errors: [], warnings: [], outputFiles: hit.outputFiles, metafile: hit.metafile } as unknown as Built;
  }

  private toCache(options: BuildOptions, built: Built, linked?: Set<string>): Built {
    if (this.cache) {
      const outputFiles = (built.outputFiles ?? []).map((f) => ({ path: f.path, text: f.text }));
      const files = Object.keys(built.metafile.inputs).map((f) => path.resolve(options.absWorkingDir ?? process.cwd(), f));
      this.cache.put(this.buildKey(options), { value: { outputFiles, metafile: built.metafile, linked: [...(linked ?? [])] }, files });
    }
    return built;
  }

  /**
   * A later build of the same sandbox (the next notebook cell, the next run) must not make a second copy of a package
   * file an earlier build made an entry: an import of such a file stays external and is served by the loaded entry,
   * and a `require` of it goes to the link module, which the banner gives every output as its `require`.
   */
  private linkEarlierBuilds(options: BuildOptions, build: number, linked: Set<string>): BuildOptions {
    const entries = this.entries;
    return {
      ...options,
      banner: { js: `import { require } from ${JSON.stringify(`${LINK_PREFIX}${build}`)};` },
      plugins: [
        {
          name: 'sandbox-earlier-builds',
          setup(b) {
            b.onResolve({ filter: /.*/ }, async (args) => {
              if (args.kind === 'entry-point' || args.pluginData === LINKING) return undefined;
              const r = await b.resolve(args.path, { kind: args.kind, resolveDir: args.resolveDir, importer: args.importer, pluginData: LINKING });
              if (r.errors.length || r.namespace !== 'file' || !entries.has(r.path)) return undefined;
              if (args.kind === 'require-call') linked.add(r.path);
              return { path: ENTRY_PREFIX + r.path, external: true };
            });
          },
        },
      ],
    };
  }

  private options(specifiers: string[], workDir: string, nodePaths: string[]): BuildOptions & { write: false; metafile: true } {
    return {
      entryPoints: specifiers.map((s, i) => ({ in: s, out: `e${i}` })),
      absWorkingDir: workDir,
      nodePaths,
      bundle: true,
      splitting: true,
      format: 'esm',
      // A web worker is what the sandbox resembles: packages pick their browser builds and `browser` field remaps.
      platform: 'browser',
      conditions: ['worker', 'browser', 'module'],
      mainFields: ['browser', 'module', 'main'],
      target: 'es2023',
      // Bundling renames a package's classes and functions that collide across files (`SemVer` to `_SemVer`); their
      // `name`, what stacks and the console show, stays the one the package wrote, as Node shows it.
      keepNames: true,
      // `global` (Node) and `self` (browsers, workers) as free names: the sandbox's global object, which has neither name.
      define: { 'process.env.NODE_ENV': JSON.stringify(this.nodeEnv), global: 'globalThis', self: 'globalThis' },
      write: false,
      metafile: true,
      sourcemap: 'external',
      outdir: '/',
      logLevel: 'silent',
      alias: { ...nodeBuiltinAliases(), ...machineSubpathAliases(), ...Object.fromEntries([...this.stubbed].map((n) => [n, machineStubFile(n)!])) },
      inject: nodeGlobalsInject(),
    };
  }

  /**
   * A machine built-in's stand-in was called (see scripts/node-builtins.mjs): the package and the line that called it,
   * and the way out. `files` are the error's frames, innermost first.
   */
  explainUnavailable(message: string, files: string[]): string {
    const m = /^Node's "(.+)" module is not in the sandbox \((.+) was called\)$/.exec(message);
    if (!m) return message;
    const caller = files.find((f) => !isNodeBuiltinsFile(f));
    const pkg = caller && packageOf(caller);
    const who = pkg ? `package "${pkg}"` : 'the script';
    return `${who} needs the Node.js module "${m[1]}" (${m[2]}${caller ? ` at ${caller}` : ''}), which the sandbox does not have: ${MACHINE_BUILTIN_ADVICE}; use a package made for browsers, or run this script with Node`;
  }

  /**
   * Errors package code meets where Node would have given it something the sandbox has not, said with the package,
   * its line and the way out: a global it reads (a page's DOM, a web or Node API absent here), a `require` by a name
   * computed at run time (esbuild bundles only literal ones), `require.resolve` (a path only Node's loader knows).
   * `frames`: the error's stack, innermost first. Other messages come back unchanged.
   */
  explainPackageError(message: string, name: string, frames: readonly { file: string; line: number }[]): string {
    const at = frames.find((f) => packageOf(f.file) !== undefined && !isNodeBuiltinsFile(f.file));
    if (!at) return message;
    const who = `package "${packageOf(at.file)}"`;
    const where = `${at.file}:${at.line}`;
    const global = name === 'ReferenceError' ? /^'(.+)' is not defined$/.exec(message)?.[1] : undefined;
    if (global !== undefined) {
      const dom = BROWSER_PAGE_GLOBALS.has(global)
        ? 'the sandbox runs no page, so it has no DOM (document, window, elements, storage); the package (or the browser build the sandbox picks) needs one'
        : 'the sandbox does not have it (the README lists the web and Node globals it has)';
      return `${message}\n  note: ${who} reads the global "${global}" at ${where}; ${dom}: use a package that does without it, or run this script with Node`;
    }
    const dynamic = /^Dynamic require of "(.+)" is not supported$/.exec(message)?.[1];
    if (dynamic !== undefined) {
      return `${who} requires "${dynamic}" by a name computed at run time (at ${where}); the sandbox bundles, before the script runs, only the modules a package names literally (require("name")), so this use of the package needs Node: run this script with Node`;
    }
    if (name === 'TypeError' && message === 'not a function' && /\brequire\.resolve\s*\(/.test(lineOf(at.file, at.line))) {
      return `${message}\n  note: ${who} calls require.resolve at ${where}: it looks for its files on disk as Node's module loader does, which the sandbox's bundles have no way to answer; this package needs Node`;
    }
    return message;
  }

  /** The import cycle of package files `file` is in, with its package, or undefined. */
  packageCycle(file: string): { cycle: string[]; pkg: string | undefined } | undefined {
    if (!this.esmImports.has(file)) return undefined;
    const cycle = importCycle(file, (f) => this.esmImports.get(f) ?? []);
    return cycle && { cycle, pkg: packageOf(file) };
  }

  /** `cjsNames`, kept in the disk cache too: lexing a large entry (lodash.js) costs more than reading the cache. */
  private cjsNamesCached(input: string, meta: Metafile, workDir: string): string[] {
    if (!this.cache) return cjsNames(input, meta, workDir);
    const key = BundleCache.key(['cjs-names', path.resolve(workDir, input)]);
    const hit = this.cache.get<string[]>(key);
    if (hit) return hit;
    const lexed = new Set<string>();
    const names = cjsNames(input, meta, workDir, lexed);
    this.cache.put(key, { value: names, files: [...lexed].map((f) => path.resolve(workDir, f)) });
    return names;
  }

  private record(specifiers: string[], workDir: string, result: Built): void {
    const build = `${++this.builds}`;
    for (const [input, meta] of Object.entries(result.metafile.inputs)) {
      const imports = meta.imports.filter((i) => i.kind === 'import-statement' && !i.external).map((i) => path.resolve(workDir, i.path));
      this.esmImports.set(path.resolve(workDir, input), imports);
    }
    const outName = (file: string) => `${OUTPUT_PREFIX}${build}/${path.relative('/', file).split(path.sep).join('/')}`;
    for (const f of result.outputFiles ?? []) {
      if (f.path.endsWith('.map')) {
        // Sources are relative to the virtual outdir "/": make them the packages' absolute paths for stacks.
        const map = JSON.parse(f.text) as { sources: string[] };
        map.sources = map.sources.map((s) => path.resolve('/', s));
        const name = outName(f.path.slice(0, -4));
        this.maps.reset(name);
        this.maps.add(name, map);
        if (this.debug) this.outputMaps.set(name, map);
      } else {
        this.outputs.set(outName(f.path), f.text);
      }
    }
    for (const [out, meta] of Object.entries(result.metafile.outputs)) {
      // Outputs named e<i>.js are the entries; a package's own dynamic imports also have an entryPoint, other names.
      const index = /(?:^|\/)e(\d+)\.js$/.exec(out)?.[1];
      if (!meta.entryPoint || index === undefined) continue;
      const file = path.resolve(workDir, meta.entryPoint);
      this.specs.set(specifiers[Number(index)]!, file);
      if (this.entries.has(file)) continue; // a second specifier of a file already loaded keeps the first instance
      const format = result.metafile.inputs[meta.entryPoint]?.format === 'cjs' ? 'cjs' : 'esm';
      this.entries.set(file, {
        output: outName(path.resolve(workDir, out)),
        format,
        names: format === 'cjs' ? this.cjsNamesCached(meta.entryPoint, result.metafile, workDir) : meta.exports,
      });
    }
  }
}

/** Globals of a browser page that a worker, and so the sandbox, has not: a package reading one needs a DOM. */
const BROWSER_PAGE_GLOBALS = new Set(['document', 'window', 'HTMLElement', 'Element', 'Node', 'DOMParser', 'XMLSerializer', 'localStorage', 'sessionStorage', 'location', 'history', 'getComputedStyle', 'requestAnimationFrame', 'MutationObserver', 'XMLHttpRequest', 'Image', 'alert']);

/** One line of a file (1-based), or '' if it cannot be read. */
function lineOf(file: string, line: number): string {
  try {
    return fs.readFileSync(file, 'utf8').split('\n')[line - 1] ?? '';
  } catch {
    return '';
  }
}

/**
 * A build's outputs with what QuickJS cannot compile rewritten (forOfYield.ts), maps moved along; done before the
 * disk cache stores them, so a cached bundle pays nothing.
 */
function workAroundEngine(built: Built): Built {
  const files = built.outputFiles ?? [];
  const texts = new Map(files.map((f) => [f.path, f.text]));
  const fixed = new Map<string, string>();
  for (const f of files) {
    if (!f.path.endsWith('.js')) continue;
    const r = hoistYieldFromForOf(f.text, texts.get(`${f.path}.map`));
    if (!r) continue;
    fixed.set(f.path, r.code);
    if (r.map) fixed.set(`${f.path}.map`, r.map);
  }
  if (fixed.size === 0) return built;
  const outputFiles = files.map((f) => (fixed.has(f.path) ? ({ path: f.path, text: fixed.get(f.path)! } as typeof f) : f));
  return { ...built, outputFiles };
}

/**
 * Named exports of a CommonJS file as Node finds them: cjs-module-lexer over the file and, for `module.exports =
 * require(...)` re-exports, over the files re-exported (resolved as the build resolved them).
 */
function cjsNames(input: string, meta: Metafile, workDir: string, seen = new Set<string>()): string[] {
  if (seen.has(input)) return [];
  seen.add(input);
  let parsed: { exports: string[]; reexports: string[] };
  try {
    const lexer = require('cjs-module-lexer') as typeof import('cjs-module-lexer');
    parsed = lexer.parse(fs.readFileSync(path.resolve(workDir, input), 'utf8'));
  } catch {
    return []; // not lexable: only the default export, as Node gives
  }
  const names = new Set(parsed.exports);
  for (const r of parsed.reexports) {
    const target = meta.inputs[input]?.imports.find((i) => i.original === r && !i.external)?.path;
    if (target && meta.inputs[target]?.format === 'cjs') for (const n of cjsNames(target, meta, workDir, seen)) names.add(n);
  }
  names.delete('default');
  return [...names];
}

function nodeModulesAbove(dirs: string[]): string[] {
  const out = new Set<string>();
  for (let dir of dirs) {
    for (;;) {
      const nm = path.join(dir, 'node_modules');
      if (fs.existsSync(nm)) out.add(nm);
      if (path.dirname(dir) === dir) break;
      dir = path.dirname(dir);
    }
  }
  return [...out];
}

/** One message for a package esbuild could not bundle: the package, the file, and the way out. */
function describeFailure(specifier: string, workDir: string, e: unknown): string {
  const errors: Message[] = (e as { errors?: Message[] }).errors ?? [];
  const first = errors.find((m) => !m.location && m.text === `Could not resolve "${specifier}"`) ?? errors[0];
  if (!first) return `cannot bundle package "${packageName(specifier)}": ${(e as Error).message}`;
  const file = first.location ? path.resolve(workDir, first.location.file) : undefined;
  const where = first.location && file ? `${file}:${first.location.line}` : undefined;
  // A built-in subpath without an implementation (`stream/web`) reaches esbuild through the alias of its module.
  const missing = /^Could not resolve "(.+?)"(?: \(originally "(.+)"\))?$/.exec(first.text)?.slice(1).reverse().find(Boolean);
  if (missing !== undefined && !where) {
    // esbuild's note tells a package that is absent from one that does not export the subpath.
    const notes = first.notes.map((n) => n.text.replace(/ You can mark .*$/s, '').replace(/:$/, ''));
    if (notes.length && fs.existsSync(path.join(workDir, 'node_modules', packageName(specifier)))) {
      const exported = /is exported at path "\.\/(.+)"/.exec(notes.join('\n'))?.[1];
      const fix = exported ? `import "${packageName(specifier)}/${exported}" instead` : 'import a path the package exports (see its package.json)';
      return `cannot import "${specifier}": ${notes.join('; ')}; ${fix}`;
    }
    return `cannot find package "${specifier}" in node_modules above ${workDir}; install it with npm (npm install ${packageName(specifier)})`;
  }
  const pkg = (file && packageOf(file)) ?? packageName(specifier);
  if (missing !== undefined && isNodeBuiltin(missing)) {
    return `package "${pkg}" needs the Node.js module "${missing}" (required at ${where}), which the sandbox does not have: ${MACHINE_BUILTIN_ADVICE}; use a package made for browsers, or run this script with Node`;
  }
  return `cannot bundle package "${pkg}" for the sandbox: ${first.text}${where ? ` (at ${where})` : ''}; use a package made for browsers, or run this script with Node`;
}
