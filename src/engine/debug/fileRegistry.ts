/**
 * The files the debugger knows and the breakpoints in them: each file a run loads is instrumented once, registered
 * with the debug kernel and gets the breakpoints the client set for its path; a file no run has loaded yet is parsed
 * from disk so its breakpoints are verified (or told why not) when they are set.
 *
 * Breakpoints are kept per path as the client last sent them (`wanted`) and placed in every loaded copy of the file:
 * a second run loads its files afresh, and code made at run time (`eval`) is a file of its own.
 *
 * A package bundle is one loaded file made of many package files: through its source map each statement knows the
 * package file it came from (`parts`), so a breakpoint set in `node_modules/pkg/x.js` is placed in the bundle
 * that holds x.js, and the client only ever sees the package files' own paths.
 */
import type { SandboxEvent, StackFrame as ApiStackFrame } from '../api';
import type { BundleCache } from '../runtime/bundleCache';
import type { BreakpointRequest, BreakpointResult, DebugEvent, ExceptionBreakpoints, LoadedSource } from './api';
import { FileParser, statementTable, TS_FILE, type SourceProblem, type StatementTable } from './fileParse';
import { instrument, InstrumentSyntaxError, type InstrumentResult } from './instrument';
import { HELPER } from './instrument/kernelNames';
import { inertEval } from './inertEval';
import { cachedInstrument } from './instrumentCache';
import type { KernelBridge } from './kernelBridge';

/** Something that accepts a source map for a file QuickJS runs (SandboxContext's SourceMaps). */
export interface MapSink {
  /** A source map, or an object that maps 1-based positions within the same file (`mapPosition`). */
  add(filename: string, map: string | object, original?: string): void;
  map?(file: string, line: number, column: number): { file: string; line: number; column: number };
  /** A QuickJS stack text as mapped frames, the way uncaught errors show them. */
  frames?(stack: string): ApiStackFrame[];
}

/** One loaded file. `pos`: statement positions in the original source (through earlier map layers such as TypeScript's). */
export interface FileRecord extends StatementTable {
  id: number;
  filename: string;
  source: string;
  result: InstrumentResult;
  module: boolean;
  /** A bundle's package files, each with its statements by original line (`pos` holds them all). */
  parts?: Map<string, Map<number, number[]>>;
  /** Code given to eval that leaves the registry when its eval returns (see `runtimeCode`); its id is then reused. */
  releasable?: boolean;
}

/** A breakpoint the client asked for; its id stays the same across loads of its file. */
interface WantedBreakpoint {
  id: number;
  request: BreakpointRequest;
}

const NOTE_NO_CODE = 'no code on this line or the 20 lines after it';
const NOTE_UNHOOKED =
  'skipFiles names this package file and it had no breakpoint when it loaded, so it runs without the debugger\'s hooks; ' +
  'restart the session to stop here (breakpoints set before a package loads always stop)';
const NOTE_NOT_ON_DISK = 'the file is not loaded yet and is not on disk: the breakpoint is checked when the program loads it';

/** A breakpoint's reason when its file does not parse: the error, where it is, and what to do. */
function syntaxReason(p: SourceProblem): string {
  return `the file has a syntax error at line ${p.line}, column ${p.column}: ${p.message}; fix it and the breakpoint is placed`;
}

export function baseName(p: string): string {
  return p.split(/[\\/]/).pop() || p;
}

/** The files a debug session has loaded (by id, in load order) and the breakpoints the client set (by path). */
export class FileRegistry {
  /** Every loaded file; a file's id is its index (a hole: code given to eval that has returned, see `runtimeCode`). */
  readonly files: Array<FileRecord | undefined> = [];
  /** Ids of released eval code, for the next eval code to take (the kernel's globals for them are reused too). */
  private readonly freeIds: number[] = [];
  /** Eval code that stays registered (it makes functions, which may run later), by source: the same text registers once. */
  private readonly evalKept = new Map<string, FileRecord>();
  /** The newest load of each path (code made at run time has no path). */
  private readonly byName = new Map<string, FileRecord>();
  /** Package files of bundles that ran without the hooks (see `debugs`): their breakpoints cannot stop this session. */
  private readonly unhooked = new Set<string>();
  /** The bundles that run without the hooks, by module name. */
  private readonly unhookedBundles = new Set<string>();
  /** The newest bundle holding each package file (see `parts`). */
  private readonly partOf = new Map<string, FileRecord>();
  /** Files that a later run may reuse as they are (see instrumentFile). */
  private readonly reusable = new Map<string, FileRecord>();
  /** Breakpoints by file as last set by the client, applied to every load of that file. */
  private readonly wanted = new Map<string, WantedBreakpoint[]>();
  /** What the client was last told about each breakpoint, so loads report only changes. */
  private readonly reported = new Map<number, BreakpointResult>();
  private bpSeq = 1;
  /** Files with breakpoints that no run has loaded yet, parsed from disk to verify them when set. */
  private readonly parser = new FileParser();
  /** The sandbox's source maps, given with the first file instrumented through the hooks. */
  maps: MapSink | undefined;
  /** The current run's first file (its entry): what a module other than it throws at its top level rejects an import. */
  entryId: number | undefined;

  constructor(
    private readonly kernel: KernelBridge,
    private readonly emit: (event: DebugEvent | SandboxEvent) => void,
    /** The exception breakpoints in force: with any, functions get the wrapper that reports engine-thrown errors. */
    private readonly exceptions: () => ExceptionBreakpoints,
    /** Whether the launch's `skipFiles` name a file: steps pass through it (see skipFiles.ts). */
    private readonly skipped: (file: string) => boolean = () => false,
  ) {}

  /** The newest load of `file`, or any load of it (a stack may name an older one). */
  recordOf(file: string): FileRecord | undefined {
    return this.byName.get(file) ?? this.files.find((f) => f?.filename === file);
  }

  /** The newest load of `file` by its path (for a package file, the bundle holding it), or undefined (also for code made at run time). */
  loaded(file: string): FileRecord | undefined {
    return this.byName.get(file) ?? this.partOf.get(file);
  }

  /** The statements of `file` in `rec`: all of them, or in a bundle those of that one package file. */
  private tableOf(rec: FileRecord, file: string): StatementTable {
    return rec.parts ? { pos: rec.pos, byLine: rec.parts.get(file) ?? new Map<number, number[]>() } : rec;
  }

  /**
   * Whether a bundle of these package files gets the hooks: unless skipFiles names every one of them and none has a
   * breakpoint, so that packages the user does not debug cost a debug session nothing. Remembers the others.
   */
  debugs(bundle: string, sources: readonly string[]): boolean {
    if (sources.some((f) => !this.skipped(f) || this.wanted.get(f)?.length)) return true;
    for (const f of sources) this.unhooked.add(f);
    this.unhookedBundles.add(bundle);
    return false;
  }

  /** Whether a stack frame's file is a package bundle that runs without the hooks (see `debugs`). */
  unhookedFrame(file: string): boolean {
    return this.unhookedBundles.has(file);
  }

  /** Whether loaded file `rec` holds the statements of `file`. */
  private holds(rec: FileRecord, file: string): boolean {
    return rec.filename === file || !!rec.parts?.has(file);
  }

  /**
   * Instruments and registers one file; undefined when it does not parse as `type`. `bundle`: a package bundle's
   * files and the disk cache of bundles, which keeps its instrumentation for later sessions (instrumentCache.ts).
   */
  instrumentFile(
    code: string,
    filename: string,
    type: 'script' | 'module',
    evalCode: boolean,
    id = this.files.length,
    bundle?: { sources: readonly string[]; cache?: BundleCache },
  ): FileRecord | undefined {
    // Wrapping every function for engine-thrown exceptions costs a try/catch per call: only with exception breakpoints.
    const catchAll = this.catchAll();
    // A later run of the same unchanged file reuses its record: registering it again each run grew the kernel's
    // files (and every refresh over them) run after run. Not for code that came through another map (TypeScript,
    // bundles): the same output may stand for a changed original.
    const reuseKey = !evalCode && !TS_FILE.test(filename) && !filename.startsWith('npm:') ? `${type}|${catchAll}|${filename}` : undefined;
    const previous = reuseKey === undefined ? undefined : this.reusable.get(reuseKey);
    if (previous && previous.source === code) return previous;
    const options = { filename, fileId: id, sourceType: type, evalCode, catchAll };
    const tableOf = (r: InstrumentResult) => this.originalPositions(filename, r, evalCode);
    let result: InstrumentResult;
    let table: StatementTable;
    try {
      if (bundle?.cache) ({ result, table } = cachedInstrument(bundle.cache, code, options, bundle.sources, tableOf));
      else table = tableOf((result = instrument(code, options)));
    } catch (e) {
      if (e instanceof InstrumentSyntaxError) return undefined;
      throw e;
    }
    const rec: FileRecord = { id, filename, source: code, result, module: type === 'module', ...table, parts: partsOf(filename, table) };
    if (evalCode && releasable(code, result)) rec.releasable = true;
    this.files[id] = rec;
    if (reuseKey !== undefined) this.reusable.set(reuseKey, rec);
    if (!evalCode) {
      this.byName.set(filename, rec);
      // A bundle's name means nothing to the user: its package files are the sources loaded.
      for (const path of rec.parts?.keys() ?? [filename]) {
        if (rec.parts) this.partOf.set(path, rec);
        this.emit({ type: 'loadedSource', source: { path, name: baseName(path) } });
      }
    }
    if (this.kernel.installed) this.register(rec);
    return rec;
  }

  /**
   * Code made at run time (eval, new Function): instrumented under a synthetic name, or undefined to run as is.
   * `released`: ids of eval code that has returned since the last call (comma-separated), which leave the registry.
   * `stepping`: a step is in progress, so even inert code (inertEval.ts) is instrumented: the step stops in it.
   *
   * A program may eval thousands of distinct texts (a test making a regular expression per code point): kept for
   * good, their registrations filled the engine's heap after ~13,800 and QuickJS aborted. Code without functions can
   * run only while its eval runs, so it is wrapped to tell the kernel when that ends (`try/finally`, which keeps the
   * completion value) and leaves both registries then; a paused frame in it is still on the stack, so it stays.
   * Code with functions may run any time later through them: it stays, registered once per distinct text.
   */
  runtimeCode(source: string, kind: string, released = '', stepping = false): string | undefined {
    if (released) this.release(released);
    const evalCode = kind === 'eval';
    if (evalCode && !stepping && inertEval(source)) return undefined;
    const key = `${kind}|${this.catchAll()}|${source}`;
    const kept = this.evalKept.get(key);
    if (kept) return kept.result.code;
    const id = this.freeIds.length ? this.freeIds[this.freeIds.length - 1] : this.files.length;
    // Registered in the kernel by instrumentFile already: the kernel only needs the code.
    const rec = this.instrumentFile(source, `<${kind} ${id}>`, 'script', evalCode, id);
    if (!rec) return undefined;
    if (this.freeIds[this.freeIds.length - 1] === id) this.freeIds.pop();
    if (!rec.releasable) {
      this.evalKept.set(key, rec);
      return rec.result.code;
    }
    // Never a newline before the code (lines stay those of the source); one after it ends a trailing line comment.
    return `try{${rec.result.code}\n}finally{${HELPER.evalDone}(${id})}`;
  }

  /** Forgets eval code the kernel released (see `runtimeCode`); its ids go to the next eval code. */
  private release(ids: string): void {
    for (const text of ids.split(',')) {
      const id = Number(text);
      if (!this.files[id]?.releasable) continue;
      this.files[id] = undefined;
      this.freeIds.push(id);
    }
  }

  /** How many files are registered now (released eval code not counted). */
  get liveCount(): number {
    let n = 0;
    for (const f of this.files) if (f) n++;
    return n;
  }

  /** Whether functions get the exception wrappers (any exception breakpoint on): part of what instrumenting gives. */
  private catchAll(): boolean {
    const ex = this.exceptions();
    return !!(ex.all || ex.uncaught);
  }

  /** Registers every file loaded so far with a kernel just installed. */
  registerAll(): void {
    for (const f of this.files) if (f) this.register(f);
  }

  /**
   * Where each statement is in the file the user wrote. The code handed to `instrument` may itself be generated
   * (TypeScript transpiled by the module host, whose map is already registered): map through those layers once here,
   * so breakpoints, frames and locations all speak original lines.
   */
  private originalPositions(filename: string, result: InstrumentResult, evalCode: boolean): StatementTable {
    const maps = evalCode ? undefined : this.maps;
    return statementTable(result, maps?.map ? (line, column) => maps.map!(filename, line, column) : undefined);
  }

  private register(rec: FileRecord): void {
    const r = rec.result;
    const meta = {
      count: r.statements.length,
      stmtFn: r.statements.map((s) => s.fn),
      fnLeaf: r.functions.map((f) => (f.leaf ? 1 : 0)),
      callGates: r.callGates ? 1 : 0,
      fnNames: r.functions.map((f) => f.name),
      // What the kernel needs to find the calls that can lead to a stop (see `computeCapture` in debug.kernel.js),
      // flat and with names interned: QuickJS's JSON.parse took 25 ms on the nested form for a 1 MB file.
      ...callTable(r.calls),
      stops: r.statements.flatMap((s, i) => (s.debugger ? [i] : [])),
      fileScope: r.fileScope,
      stmtLayout: r.statements.map((s) => s.layout),
      layouts: r.scopes,
      // Its globals are redefined when a later eval takes its id.
      releasable: rec.releasable ? 1 : 0,
    };
    this.kernel.call('registerFile', rec.id, JSON.stringify(meta));
    const skip = this.skippedStatements(rec);
    if (skip.length) this.kernel.call('setSkipped', rec.id, JSON.stringify(skip));
    if (rec.parts ? [...this.wanted.keys()].some((f) => rec.parts!.has(f)) : this.wanted.has(rec.filename)) {
      for (const b of this.applyBreakpoints(rec)) {
        const before = this.reported.get(b.id);
        if (before && before.verified === b.verified && before.line === b.line && before.column === b.column && before.message === b.message && before.reason === b.reason) continue;
        this.reported.set(b.id, b);
        this.emit({ type: 'breakpointChanged', breakpoint: b });
      }
    }
  }

  /**
   * Statements a step passes through: those of files `skipFiles` names and, in a bundle, the bundler's own glue,
   * which has no place in any package file to show.
   */
  private skippedStatements(rec: FileRecord): number[] {
    const out: number[] = [];
    const verdict = new Map<string, boolean>();
    rec.pos.forEach((p, i) => {
      const file = p.file ?? rec.filename;
      let skip = verdict.get(file);
      if (skip === undefined) verdict.set(file, (skip = this.skips(rec, file)));
      if (skip) out.push(i);
    });
    return out;
  }

  /** Whether a position of running code (a stack frame's) is in a skipped file or a bundle's glue. */
  skippedAt(file: string, line: number, column: number): boolean {
    const rec = this.recordOf(file);
    if (!rec) return false;
    return this.skips(rec, this.maps?.map?.(file, line, column).file ?? file);
  }

  /** Whether code of `rec` written in `file` is skipped: a skipFiles match, or a bundle's own glue (no package file). */
  private skips(rec: FileRecord, file: string): boolean {
    return (!!rec.parts && file === rec.filename) || this.skipped(file);
  }

  /** The statement a breakpoint on (line, column) binds to: the first one starting there, or on a later line. */
  private resolve(rec: StatementTable, line: number, column?: number): number | undefined {
    const lastLine = line + 20;
    for (let l = line; l <= lastLine; l++) {
      const ids = rec.byLine.get(l);
      if (!ids) continue;
      if (l === line && column !== undefined) {
        const at = ids.find((i) => rec.pos[i].column >= column);
        if (at !== undefined) return at;
        continue;
      }
      return ids[0];
    }
    return undefined;
  }

  /** Replaces the breakpoints of `file`; answers how each was placed. */
  setBreakpoints(file: string, requests: BreakpointRequest[]): BreakpointResult[] {
    const wanted = requests.map((request) => ({ id: this.bpSeq++, request }));
    this.wanted.set(file, wanted);
    let results: BreakpointResult[] | undefined;
    // Every loaded copy of the file gets them (a second run loads its files afresh); the newest one answers.
    const rec = this.loaded(file);
    for (const other of this.files) if (other && other !== rec && this.holds(other, file)) this.applyBreakpoints(other);
    if (rec) {
      const ids = new Set(wanted.map((w) => w.id));
      results = this.applyBreakpoints(rec).filter((r) => ids.has(r.id));
    } else if (this.unhooked.has(file) && wanted.length) {
      results = wanted.map(({ id, request: r }) => ({ id, verified: false, line: r.line, column: r.column, message: NOTE_UNHOOKED, reason: 'failed' as const }));
    } else results = this.placeAhead(file, wanted);
    for (const r of results) this.reported.set(r.id, r);
    return results;
  }

  /**
   * Breakpoints of a file no run has loaded yet, placed against the file on disk exactly as its load will place them
   * (register then reports only what differs), or unverified with the reason they cannot be.
   */
  private placeAhead(file: string, wanted: WantedBreakpoint[]): BreakpointResult[] {
    const unverified = (message: string, reason: 'pending' | 'failed') =>
      wanted.map(({ id, request: r }): BreakpointResult => ({ id, verified: false, line: r.line, column: r.column, message, reason }));
    const parsed = this.parser.parse(file);
    if (!parsed) return unverified(NOTE_NOT_ON_DISK, 'pending');
    if (parsed.problem) return unverified(syntaxReason(parsed.problem), 'failed');
    return this.place(parsed.table, wanted).results;
  }

  /** Binds breakpoints to the statements of a file: the part of placing them that needs no kernel. */
  private place(table: StatementTable, wanted: WantedBreakpoint[]) {
    const results: BreakpointResult[] = [];
    const toKernel: Array<{ id: number; sid: number; condition?: string; hitCondition?: string; logMessage?: string }> = [];
    for (const { id, request: r } of wanted) {
      const sid = this.resolve(table, r.line, r.column);
      if (sid === undefined) {
        results.push({ id, verified: false, line: r.line, column: r.column, message: NOTE_NO_CODE, reason: 'failed' });
        continue;
      }
      const p = table.pos[sid];
      results.push({ id, verified: true, line: p.line, column: p.column });
      toKernel.push({ id, sid, condition: r.condition, hitCondition: r.hitCondition, logMessage: r.logMessage });
    }
    return { results, toKernel };
  }

  /**
   * Places the file's wanted breakpoints in one loaded copy of it; returns how they were placed. The kernel keeps one
   * list per loaded file: a bundle gets those of all its package files together.
   */
  private applyBreakpoints(rec: FileRecord): BreakpointResult[] {
    const results: BreakpointResult[] = [];
    const toKernel: ReturnType<FileRegistry['place']>['toKernel'] = [];
    for (const file of rec.parts ? [...this.wanted.keys()].filter((f) => rec.parts!.has(f)) : [rec.filename]) {
      const placed = this.place(this.tableOf(rec, file), this.wanted.get(file) ?? []);
      results.push(...placed.results);
      toKernel.push(...placed.toKernel);
    }
    if (this.kernel.installed) {
      const answers = JSON.parse(this.kernel.call('setBreakpoints', rec.id, JSON.stringify(toKernel))) as Array<{ id: number; verified: boolean; message?: string }>;
      for (const a of answers) {
        const r = results.find((x) => x.id === a.id)!;
        r.verified = a.verified;
        if (!a.verified) r.reason = 'failed';
        if (a.message) r.message = a.message;
      }
    }
    return results;
  }

  /** Where breakpoints can go on lines `line`..`endLine` of a file, loaded or on disk. */
  breakpointLocations(file: string, line: number, endLine?: number): Array<{ line: number; column: number }> {
    const loaded = this.loaded(file);
    const rec = loaded ? this.tableOf(loaded, file) : this.parser.parse(file)?.table;
    if (!rec) return [];
    const out: Array<{ line: number; column: number }> = [];
    for (let l = line; l <= (endLine ?? line); l++) {
      for (const i of rec.byLine.get(l) ?? []) out.push({ line: l, column: rec.pos[i].column });
    }
    return out;
  }

  /** Every path loaded, once, in load order. */
  loadedSources(): LoadedSource[] {
    const seen = new Set<string>();
    return this.files
      .filter((f): f is FileRecord => !!f && this.byName.get(f.filename) === f)
      .flatMap((f) => (f.parts ? [...f.parts.keys()] : [f.filename]))
      .filter((path) => !seen.has(path) && seen.add(path))
      .map((path): LoadedSource => ({ path, name: baseName(path) }));
  }

  /** The syntax error of a file on disk, parsed as a run would load it; undefined when it parses or is not on disk. */
  sourceProblem(file: string): SourceProblem | undefined {
    return this.parser.parse(file)?.problem;
  }

  /** Where statement `sid` of file `fid` is in the file the user wrote, for a logpoint's output. */
  location(fid: number, sid: number): { file: string; line: number; column: number } | undefined {
    const rec = fid >= 0 ? this.files[fid] : undefined;
    const s = rec?.pos[sid];
    return rec && s ? { file: fileAt(rec, sid), line: s.line, column: s.column } : undefined;
  }

  /** Original text of the function whose instrumented text is `text`: the outermost function marker in it. */
  originalText(text: string): string | undefined {
    let best: { rec: FileRecord; start: number; end: number } | undefined;
    for (const m of text.matchAll(/\/\*Q(\d+)\.(\d+)\*\//g)) {
      const rec = this.files[Number(m[1])];
      const fn = rec?.result.functions[Number(m[2])];
      if (!fn) continue;
      if (!best || fn.end - fn.start > best.end - best.start) best = { rec, start: fn.start, end: fn.end };
    }
    return best ? best.rec.source.slice(best.start, best.end) : undefined;
  }
}

/**
 * Whether eval code can leave the registry when its eval returns: it makes no function (nothing of it can run
 * later), and has no "use strict" directive (inside the `try` block that tells the kernel it ended, a directive would
 * be a plain string and the code would run sloppy).
 */
function releasable(source: string, result: InstrumentResult): boolean {
  return result.functions.length === 0 && !source.includes('use strict');
}

/** The file statement `sid` of `rec` was written in: a package file for a bundle's statements, else the record's own. */
export function fileAt(rec: FileRecord, sid: number): string {
  return rec.pos[sid]?.file ?? rec.filename;
}

/**
 * A bundle's package files, each with its statements by original line; undefined for a file whose statements all map
 * to itself (plain files, TypeScript).
 */
function partsOf(filename: string, table: StatementTable): FileRecord['parts'] {
  let parts: FileRecord['parts'];
  for (const [line, ids] of table.byLine) {
    for (const i of ids) {
      const file = table.pos[i].file;
      if (file === undefined || file === filename) continue;
      parts ??= new Map();
      let byLine = parts.get(file);
      if (!byLine) parts.set(file, (byLine = new Map()));
      const list = byLine.get(line);
      if (list) list.push(i);
      else byLine.set(line, [i]);
    }
  }
  return parts;
}

/** The calls of a file as the kernel reads them: [fn, sid, name index] triples, interned names, sparse arguments. */
function callTable(calls: InstrumentResult['calls']): { calls: number[]; callNames: string[]; callArgs: Array<[number, [number[], number[]]]> } {
  const names = new Map<string, number>();
  const intern = (n: string) => {
    let i = names.get(n);
    if (i === undefined) names.set(n, (i = names.size));
    return i;
  };
  const flat: number[] = [];
  const args: Array<[number, [number[], number[]]]> = [];
  for (const c of calls) {
    if (c.sid < 0) continue;
    if (c.fnArgs.length || c.argNames.length) args.push([flat.length / 3, [c.fnArgs, c.argNames.map(intern)]]);
    flat.push(c.fn, c.sid, c.name ? intern(c.name) : -1);
  }
  return { calls: flat, callNames: [...names.keys()], callArgs: args };
}
