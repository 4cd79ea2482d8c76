/**
 * The worker-side debugger: instruments sources, installs the debug kernel into a QuickJS context, keeps
 * breakpoints per file, and implements pausing by blocking the worker thread.
 *
 * Wiring (src/engine/worker.ts / SandboxContext's DebugHooks):
 *   const dbg = new DebugController({ port: parentPort, control, emit });
 *   hooks = { instrument: dbg.instrument, install: dbg.install, onInterrupt: dbg.onInterrupt, dispose: dbg.dispose };
 *   requests `debug.<name>` that arrive while not paused: `dbg.request(name, args)` (see protocol.ts).
 * While paused, the kernel calls `host.pause`, which waits on `control[Control.Wake]` and drains the port with
 * `receiveMessageOnPort`, answering `debug.*` requests by calling back into QuickJS (re-entrant), until a
 * resume request arrives. The sandbox's own inspection requests (`answer`, e.g. memoryStats) are answered during the
 * pause too; other messages received meanwhile are re-emitted on the port after the pause.
 * `control[Control.Pause]` set by the host makes the next statement stop (checked in the interrupt handler).
 */
import { receiveMessageOnPort, type MessagePort } from 'node:worker_threads';
import type { QuickJSContext, QuickJSHandle } from 'quickjs-emscripten-core';
import type { RemoteProperty, RemoteValue, SandboxEvent, StackFrame as ApiStackFrame } from '../api';
import { formatFrames, UNNAMED_FRAME } from '../runtime/stacks';
import type {
  BreakpointRequest,
  BreakpointResult,
  DebugEvent,
  DebugScope,
  DebugStackFrame,
  ExceptionBreakpoints,
  LoadedSource,
  StopReason,
} from './api';
import { FileParser, statementTable, type SourceProblem, type StatementTable } from './fileParse';
import { instrument, InstrumentSyntaxError, type InstrumentResult } from './instrument';
import { DEBUG_METHOD_PREFIX, RESUME_METHODS, type DebugMethod } from './protocol';
import kernelSource from '../kernel/debug.kernel.js';

/** Slots of the worker's control buffer this controller reads (same numbers as src/engine/protocol.ts Control). */
const CANCEL = 0;
const PAUSE = 1;
const WAKE = 2;

/** File name under which the kernel runs: frames from it are hidden (matches runtime/stacks.ts). */
const KERNEL_FILE = '<quickjs-sandbox:debug>';

export interface DebugControllerOptions {
  /** The port requests arrive on (the worker's parentPort); undefined means no blocking pauses (tests drive `onPause`). */
  port?: MessagePort;
  /** The worker's control buffer. */
  control: Int32Array;
  emit: (event: DebugEvent | SandboxEvent) => void;
  /** Answers a pause without a port: gets the stop, returns the resume action (tests, in-thread use). */
  onPause?: (stop: PauseInfo, controller: DebugController) => 'continue' | 'next' | 'stepIn' | 'stepOut';
  /** Pause before the first statement of the first file. */
  stopOnEntry?: boolean;
  /**
   * Answers a non-debug request (`memoryStats`, `children`, `invokeGetter`, `release`) while paused, when the
   * worker's own handler cannot run; throws for methods it does not know. Without it they wait for the resume.
   */
  answer?: (method: string, args: unknown[]) => unknown;
}

/** Non-debug requests that only read the sandbox, so they are safe to answer while the script is paused. */
const ANSWERED_WHILE_PAUSED = new Set(['memoryStats', 'children', 'invokeGetter', 'release']);

/** What the kernel reports when it stops. */
export interface PauseInfo {
  reason: StopReason;
  fid: number;
  sid: number;
  depth: number;
  stack: string;
  trail: Array<{ depth: number; fid: number; sid: number; name: string }>;
  hitBreakpointIds?: number[];
  description?: string;
  uncaught?: boolean;
  exceptionStack?: string;
  /** An exception reported by a wrapper's catch: `sid` is that catch's site; the error's stack says where it was thrown. */
  catchSite?: boolean;
  /** Statements ([fid, sid]) that stopped recording callers' locals since the last stop (see debug.kernel.js). */
  spent?: Array<[number, number]>;
  /** How many records a statement makes before it stops recording until the next stop. */
  recordBudget?: number;
}

/** `pos`: statement positions in the original source (through earlier map layers such as TypeScript's). */
interface FileRecord extends StatementTable {
  id: number;
  filename: string;
  source: string;
  result: InstrumentResult;
}

/** A breakpoint the client asked for; its id stays the same across loads of its file. */
interface WantedBreakpoint {
  id: number;
  request: BreakpointRequest;
}

interface Frame {
  frame: DebugStackFrame;
  depth: number;
  /** The function name as the engine's stack gives it: matched against the name a caller's record was taken under. */
  raw: string;
}

/** What the kernel asks at a throw (see DebugController.predictCaught). */
interface CatchQuery {
  /** The stack where the exception was reported. */
  stack: string;
  /** The error's own stack when a wrapper's catch reported it ('' for an explicit throw). */
  errorStack: string;
  /** The async invocation the kernel knows runs ([file id, function index]), and whether its awaiting chain ends in a try. */
  asyncFrame: [number, number] | null;
  awaited: boolean | null;
}

/** Line starts of each file's source, for offsets of stack positions. */
const lineStarts = new WeakMap<object, number[]>();

/** The frames of a QuickJS stack: `at name (file:line:col)`, `at name (native)` or `at file:line:col`. */
function stackFrames(stack: string): Array<{ name: string; file: string; line: number; column: number; native: boolean }> {
  const out: Array<{ name: string; file: string; line: number; column: number; native: boolean }> = [];
  for (const raw of stack.split('\n')) {
    const m = /^\s*at (?:(.*?) \()?(.*?):(\d+):(\d+)\)?\s*$/.exec(raw);
    if (m) out.push({ name: m[1] ?? '', file: m[2], line: Number(m[3]), column: Number(m[4]), native: false });
    else {
      const n = /^\s*at (.*?) \((.*)\)\s*$/.exec(raw);
      if (n) out.push({ name: n[1], file: n[2], line: 0, column: 0, native: true });
    }
  }
  return out;
}

/** Whether `offset` is in one of function `fn`'s ranges (flat [fn, start, end] triples). */
function inRanges(ranges: number[], fn: number, offset: number): boolean {
  for (let i = 0; i < ranges.length; i += 3) if (ranges[i] === fn && ranges[i + 1] <= offset && offset < ranges[i + 2]) return true;
  return false;
}

/** Something that accepts a source map for a file QuickJS runs (SandboxContext's SourceMaps). */
export interface MapSink {
  /** A source map, or an object that maps 1-based positions within the same file (`mapPosition`). */
  add(filename: string, map: string | object, original?: string): void;
  map?(file: string, line: number, column: number): { file: string; line: number; column: number };
  /** A QuickJS stack text as mapped frames, the way uncaught errors show them. */
  frames?(stack: string): ApiStackFrame[];
}

/** The worker-side debugger; see the module comment for how the worker wires it. */
export class DebugController {
  private ctx: QuickJSContext | undefined;
  private kernel: QuickJSHandle | undefined;
  private readonly files: FileRecord[] = [];
  private readonly byName = new Map<string, FileRecord>();
  /** Files that a later run may reuse as they are (see instrumentFile). */
  private readonly reusable = new Map<string, FileRecord>();
  /** Breakpoints by file as last set by the client, applied to every load of that file. */
  private readonly wanted = new Map<string, WantedBreakpoint[]>();
  /** What the client was last told about each breakpoint, so loads report only changes. */
  private readonly reported = new Map<number, BreakpointResult>();
  private bpSeq = 1;
  /** Files with breakpoints that no run has loaded yet, parsed from disk to verify them when set. */
  private readonly parser = new FileParser();
  private exceptions: ExceptionBreakpoints = {};
  private maps: MapSink | undefined;
  private stopped: PauseInfo | undefined;
  private frames: Frame[] = [];
  /** How the client resumed: a DebugMethod, or `stepIn:<function name>` for a step into a chosen call. */
  private resumeAction: string | undefined;
  private deferred: unknown[] = [];
  private entryPending: boolean;
  /** Stop at the entry of every run (set through `configure`). */
  private stopOnEntry = false;
  /** The next file instrumented for the entry (not imported, not eval) is a run's entry file. */
  private entryArmed = false;
  /** Milliseconds spent paused, so the run's time limit can leave them out. */
  pausedMs = 0;

  constructor(private readonly options: DebugControllerOptions) {
    this.entryPending = !!options.stopOnEntry;
  }

  /** Instruments one file (entry or module) and registers it; returns the code QuickJS should run. */
  readonly instrument = (code: string, filename: string, type: 'script' | 'module', maps?: MapSink): string =>
    this.instrumentTyped(code, filename, type, maps).code;

  /**
   * As `instrument`, for a file whose kind may be unknown: with 'auto', the instrumenter's own parse decides (a
   * script first; a module when only that parses, i.e. top-level await), so the file is parsed once, not twice.
   */
  readonly instrumentTyped = (code: string, filename: string, kind: 'script' | 'module' | 'auto', maps?: MapSink): { code: string; type: 'script' | 'module' } => {
    if (maps) this.maps = maps;
    let type: 'script' | 'module' = kind === 'module' ? 'module' : 'script';
    let rec = this.instrumentFile(code, filename, type, false);
    if (!rec && kind === 'auto') rec = this.instrumentFile(code, filename, (type = 'module'), false);
    // Unparsable code runs as it is, as the kind it was given, so QuickJS reports the error a plain run reports
    // (a module's early errors are not a script's). Only 'auto' falls back to a script, as a plain run does.
    if (!rec) return { code, type: kind === 'module' ? 'module' : 'script' };
    this.maps?.add(filename, rec.result.mapper, code);
    if (this.entryArmed) {
      this.entryArmed = false;
      // Function bodies come first in source order but run later: the entry is the first top-level statement.
      const sid = rec.result.statements.findIndex((st) => st.fn === -1);
      if (this.kernel) this.call('armEntry', rec.id, sid);
    }
    return { code: rec.result.code, type };
  };

  /** Instrumented code for `filename`, or the source unchanged when it does not parse (QuickJS reports the error). */
  instrumentSource(source: string, filename: string, type: 'script' | 'module'): string {
    return this.instrument(source, filename, type);
  }

  /** Converts a kernel result to plain data; the sandbox's tamper-proof reader replaces it at install. */
  private read: (h: QuickJSHandle) => unknown = (h) => this.ctx!.dump(h);

  /** Installs the kernel into a context; call before running instrumented code. */
  readonly install = (ctx: QuickJSContext, sandbox?: { read(h: QuickJSHandle): unknown }): void => {
    this.ctx = ctx;
    // The sandbox's reader is immune to a script's tampering with built-in prototypes; ctx.dump is not.
    if (sandbox) this.read = (h) => sandbox.read(h);
    const host = ctx.newObject();
    try {
      const fns: Array<[string, (...a: QuickJSHandle[]) => QuickJSHandle | undefined]> = [
        ['pause', (json) => ctx.newString(this.pause(JSON.parse(ctx.getString(json)) as PauseInfo))],
        ['log', (text, fid, sid) => {
          this.log(ctx.getString(text), ctx.getNumber(fid), ctx.getNumber(sid));
          return undefined;
        }],
        ['instrument', (src, kind) => {
          const r = this.runtimeCode(ctx.getString(src), ctx.getString(kind));
          return r === undefined ? undefined : ctx.newString(r);
        }],
        ['caught', (json) => ctx.newNumber(this.predictCaught(JSON.parse(ctx.getString(json)) as CatchQuery) ? 1 : 0)],
        ['fnText', (text) => {
          const t = this.originalText(ctx.getString(text));
          return t === undefined ? undefined : ctx.newString(t);
        }],
      ];
      for (const [name, impl] of fns) {
        const fn = ctx.newFunction(name, impl);
        ctx.setProp(host, name, fn);
        fn.dispose();
      }
      const factory = ctx.unwrapResult(ctx.evalCode(kernelSource, KERNEL_FILE));
      try {
        this.kernel = ctx.unwrapResult(ctx.callFunction(factory, ctx.undefined, host));
      } finally {
        factory.dispose();
      }
    } finally {
      host.dispose();
    }
    for (const f of this.files) this.register(f);
    this.call('setExceptionBreakpoints', JSON.stringify(this.exceptions));
    if (this.entryPending) this.call('requestPause');
  };

  /** Called from the runtime's interrupt handler: turns a host pause request into a stop at the next statement. */
  readonly onInterrupt = (): void => {
    if (!this.kernel || this.stopped) return;
    if (Atomics.load(this.options.control, PAUSE)) {
      Atomics.store(this.options.control, PAUSE, 0);
      this.call('requestPause');
    }
    if (this.options.port) this.drain(false);
  };

  /** Releases the kernel's handle; call before the context is disposed. */
  readonly dispose = (): void => {
    this.kernel?.dispose();
    this.kernel = undefined;
  };

  /** Answers one debug request (method without the `debug.` prefix). */
  request(method: DebugMethod | string, args: unknown[]): unknown {
    const a = args as any[];
    switch (method as DebugMethod) {
      case 'setBreakpoints':
        return this.setBreakpoints(a[0], a[1]);
      case 'breakpointLocations':
        return this.breakpointLocations(a[0], a[1], a[2]);
      case 'setExceptionBreakpoints':
        this.exceptions = a[0] ?? {};
        if (this.kernel) this.call('setExceptionBreakpoints', JSON.stringify(this.exceptions));
        return undefined;
      case 'pause':
        if (!this.stopped) {
          if (this.kernel) this.call('requestPause');
          else this.entryPending = true;
        }
        return undefined;
      case 'continue':
      case 'next':
      case 'stepOut':
        if (this.stopped) this.resumeAction = method;
        return undefined;
      case 'stepIn':
        if (this.stopped) this.resumeAction = this.stepInAction(a[0]);
        return undefined;
      case 'stepInTargets':
        return this.stepInTargets(a[0]);
      case 'stackTrace': {
        const start = a[0] ?? 0;
        const levels = a[1] || this.frames.length;
        return { frames: this.frames.slice(start, start + levels).map((f) => f.frame), totalFrames: this.frames.length };
      }
      case 'scopes':
        return this.scopes(a[0]);
      case 'variables':
        return JSON.parse(this.call('variables', a[0], a[1] ?? '', a[2] ?? 0, a[3] ?? 0)) as RemoteProperty[];
      case 'setVariable':
        return this.valueOrThrow(this.call('setVariable', a[0], a[1], a[2], this.frames[0]?.depth ?? -1, this.fileOf(0)));
      case 'evaluate':
        return this.valueOrThrow(this.call('evaluate', this.depthOf(a[1]), a[0], this.fileOf(a[1])));
      case 'setExpression':
        return this.valueOrThrow(this.call('evaluate', this.depthOf(a[2]), `${a[0]} = (${a[1]})`, this.fileOf(a[2])));
      case 'completions':
        return this.completions(a[0], a[1], a[2]);
      case 'exceptionInfo': {
        const s = this.stopped;
        return {
          exceptionId: s?.description?.split(':')[0] ?? 'Error',
          description: s?.description ?? '',
          breakMode: s?.uncaught ? 'unhandled' : 'always',
          stack: s?.exceptionStack ? this.mapStack(s.exceptionStack) : undefined,
        };
      }
      case 'loadedSources': {
        const seen = new Set<string>();
        return this.files
          .filter((f) => this.byName.get(f.filename) === f && !seen.has(f.filename) && seen.add(f.filename))
          .map((f): LoadedSource => ({ path: f.filename, name: baseName(f.filename) }));
      }
      case 'sourceProblem':
        return this.parser.parse(a[0])?.problem;
      case 'configure':
        this.stopOnEntry = !!a[0]?.stopOnEntry;
        return undefined;
      case 'runStarting':
        this.entryArmed = this.stopOnEntry;
        if (this.kernel) this.call('reset');
        return undefined;
      default:
        throw new Error(`unknown debug request ${method}`);
    }
  }

  // ---- files and breakpoints ----

  private instrumentFile(code: string, filename: string, type: 'script' | 'module', evalCode: boolean): FileRecord | undefined {
    const id = this.files.length;
    // Wrapping every function for engine-thrown exceptions costs a try/catch per call: only with exception breakpoints.
    const catchAll = !!(this.exceptions.all || this.exceptions.uncaught);
    // A later run of the same unchanged file reuses its record: registering it again each run grew the kernel's
    // files (and every refresh over them) run after run. Not for code that came through another map (TypeScript,
    // bundles): the same output may stand for a changed original.
    const reuseKey = !evalCode && !TS_FILE.test(filename) && !filename.startsWith('npm:') ? `${type}|${catchAll}|${filename}` : undefined;
    const previous = reuseKey === undefined ? undefined : this.reusable.get(reuseKey);
    if (previous && previous.source === code) return previous;
    let result: InstrumentResult;
    try {
      result = instrument(code, { filename, fileId: id, sourceType: type, evalCode, catchAll });
    } catch (e) {
      if (e instanceof InstrumentSyntaxError) return undefined;
      throw e;
    }
    const rec: FileRecord = { id, filename, source: code, result, ...this.originalPositions(filename, result, evalCode) };
    this.files.push(rec);
    if (reuseKey !== undefined) this.reusable.set(reuseKey, rec);
    if (!evalCode) {
      this.byName.set(filename, rec);
      this.options.emit({ type: 'loadedSource', source: { path: filename, name: baseName(filename) } });
    }
    if (this.kernel) this.register(rec);
    return rec;
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
      fnNames: r.functions.map((f) => f.name),
      // What the kernel needs to find the calls that can lead to a stop (see `computeCapture` in debug.kernel.js),
      // flat and with names interned: QuickJS's JSON.parse took 25 ms on the nested form for a 1 MB file.
      ...callTable(r.calls),
      stops: r.statements.flatMap((s, i) => (s.debugger ? [i] : [])),
      fileScope: r.fileScope,
      stmtLayout: r.statements.map((s) => s.layout),
      layouts: r.scopes,
    };
    this.call('registerFile', rec.id, JSON.stringify(meta));
    if (this.wanted.has(rec.filename)) {
      for (const b of this.applyBreakpoints(rec)) {
        const before = this.reported.get(b.id);
        if (before && before.verified === b.verified && before.line === b.line && before.column === b.column && before.message === b.message && before.reason === b.reason) continue;
        this.reported.set(b.id, b);
        this.options.emit({ type: 'breakpointChanged', breakpoint: b });
      }
    }
  }

  /** Code made at run time (eval, new Function): instrumented under a synthetic name, or undefined to run as is. */
  private runtimeCode(source: string, kind: string): string | undefined {
    const name = `<${kind} ${this.files.length}>`;
    // Registered in the kernel by instrumentFile already: the kernel only needs the code.
    const rec = this.instrumentFile(source, name, 'script', kind === 'eval');
    if (!rec) return undefined;
    return rec.result.code;
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

  private setBreakpoints(file: string, requests: BreakpointRequest[]): BreakpointResult[] {
    const wanted = requests.map((request) => ({ id: this.bpSeq++, request }));
    this.wanted.set(file, wanted);
    let results: BreakpointResult[] | undefined;
    // Every loaded copy of the file gets them (a second run loads its files afresh); the newest one answers.
    for (const rec of this.files) if (rec.filename === file && rec !== this.byName.get(file)) this.applyBreakpoints(rec);
    const rec = this.byName.get(file);
    if (rec) results = this.applyBreakpoints(rec);
    else results = this.placeAhead(file, wanted);
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
    if (PACKAGE_FILE.test(file)) return unverified(NOTE_PACKAGE, 'failed');
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

  /** Places the file's wanted breakpoints in one loaded copy of it; returns how they were placed. */
  private applyBreakpoints(rec: FileRecord): BreakpointResult[] {
    const { results, toKernel } = this.place(rec, this.wanted.get(rec.filename) ?? []);
    if (this.kernel) {
      const answers = JSON.parse(this.call('setBreakpoints', rec.id, JSON.stringify(toKernel))) as Array<{ id: number; verified: boolean; message?: string }>;
      for (const a of answers) {
        const r = results.find((x) => x.id === a.id)!;
        r.verified = a.verified;
        if (!a.verified) r.reason = 'failed';
        if (a.message) r.message = a.message;
      }
    }
    return results;
  }

  private breakpointLocations(file: string, line: number, endLine?: number): Array<{ line: number; column: number }> {
    const rec = this.byName.get(file) ?? (PACKAGE_FILE.test(file) ? undefined : this.parser.parse(file)?.table);
    if (!rec) return [];
    const out: Array<{ line: number; column: number }> = [];
    for (let l = line; l <= (endLine ?? line); l++) {
      for (const i of rec.byLine.get(l) ?? []) out.push({ line: l, column: rec.pos[i].column });
    }
    return out;
  }

  // ---- pausing ----

  /** Called by the kernel (inside QuickJS) when it stops: blocks until the client resumes; returns the action. */
  private pause(info: PauseInfo): string {
    const started = performance.now();
    this.entryPending = false;
    this.stopped = info;
    this.resumeAction = undefined;
    this.frames = this.buildFrames(info);
    this.options.emit({
      type: 'stopped',
      info: {
        reason: info.reason,
        hitBreakpointIds: info.hitBreakpointIds ?? undefined,
        description: info.description,
        text: info.description,
        uncaught: info.reason === 'exception' ? !!info.uncaught : undefined,
      },
    });
    try {
      if (this.options.onPause) return this.options.onPause(info, this);
      const { port, control } = this.options;
      if (!port) return 'continue';
      while (!this.resumeAction) {
        const seen = Atomics.load(control, WAKE);
        this.drain(true);
        if (this.resumeAction) break;
        // The kernel unwinds the script; the run then ends as cancelled.
        if (Atomics.load(control, CANCEL)) return 'cancel';
        Atomics.wait(control, WAKE, seen, 500);
      }
      return this.resumeAction;
    } finally {
      this.stopped = undefined;
      this.frames = [];
      this.pausedMs += performance.now() - started;
      this.options.emit({ type: 'continued' });
      if (this.deferred.length && this.options.port) {
        const port = this.options.port;
        const later = this.deferred;
        this.deferred = [];
        // The worker's own handler gets them once QuickJS has returned to the event loop.
        setImmediate(() => later.forEach((m) => port.emit('message', m)));
      }
    }
  }

  /** Answers queued `debug.*` requests; others wait for the worker's handler (deferred while paused). */
  private drain(paused: boolean): void {
    const port = this.options.port!;
    for (;;) {
      const got = receiveMessageOnPort(port);
      if (!got) return;
      const msg = got.message as { type: string; reqId?: number; method?: string; args?: unknown[] };
      const own = paused && msg.type === 'request' && !!this.options.answer && ANSWERED_WHILE_PAUSED.has(msg.method ?? '');
      if (msg.type === 'request' && typeof msg.method === 'string' && (own || msg.method.startsWith(DEBUG_METHOD_PREFIX))) {
        const method = own ? msg.method : msg.method.slice(DEBUG_METHOD_PREFIX.length);
        try {
          const value = own ? this.options.answer!(method, msg.args ?? []) : this.request(method, msg.args ?? []);
          port.postMessage({ type: 'reply', reqId: msg.reqId, ok: true, value });
        } catch (e) {
          port.postMessage({ type: 'reply', reqId: msg.reqId, ok: false, error: e instanceof Error ? e.message : String(e) });
        }
        if (paused && RESUME_METHODS.has(method as DebugMethod) && this.resumeAction) return;
      } else if (paused) {
        this.deferred.push(msg);
      } else {
        // Not ours while running: hand it to the worker's listener after the current QuickJS call returns.
        setImmediate(() => port.emit('message', msg));
      }
    }
  }

  private buildFrames(info: PauseInfo): Frame[] {
    const out: Frame[] = [];
    let depth = info.depth;
    let first = true;
    for (const raw of info.stack.split('\n')) {
      const m = /^\s*at (?:(.*?) \()?(.*?):(\d+):(\d+)\)?\s*$/.exec(raw) ?? /^\s*at (.*?) \((.*)\)\s*$/.exec(raw);
      if (!m) continue;
      const file = m[2];
      if (file.startsWith('<quickjs-sandbox:') || file === 'native') continue;
      const rec = this.byName.get(file) ?? this.files.find((f) => f.filename === file);
      // Depths count every script frame, shown or not, exactly as the kernel's stackDepth does.
      if (!rec && !first) {
        depth--;
        continue;
      }
      let line = Number(m[3]) || 0;
      let column = Number(m[4]) || 0;
      const rawName = m[1] ?? '';
      let name = rawName;
      let shownFile = file;
      const at = first && info.catchSite ? this.thrownAt(info.exceptionStack ?? '', file, rawName) : undefined;
      if (at) [line, column] = at;
      if (first && info.fid >= 0 && info.sid >= 0 && !info.catchSite) {
        const rec0 = this.files[info.fid];
        const s = rec0.pos[info.sid];
        line = s.line;
        column = s.column;
        shownFile = rec0.filename;
      } else if (this.maps?.map && line) {
        const p = this.maps.map(file, line, column);
        shownFile = p.file;
        line = p.line;
        column = p.column;
      } else if (rec && line) {
        // No map layers (in-thread use): the instrumenter's own mapper still gives original columns.
        ({ line, column } = rec.result.mapper.mapPosition(line, column));
      }
      // QuickJS names a script's top level `<eval>` (a module's `<anonymous>`), like code given to eval: only the latter
      // is not a loaded file.
      if (name === '<eval>') name = this.byName.get(file) === rec ? UNNAMED_FRAME : '(eval)';
      out.push({ frame: { id: out.length, name: name || UNNAMED_FRAME, file: shownFile, line, column }, depth, raw: rawName });
      depth--;
      first = false;
    }
    if (!out.length && info.fid >= 0 && info.sid >= 0) {
      const rec0 = this.files[info.fid];
      const s = rec0.pos[info.sid];
      out.push({ frame: { id: 0, name: UNNAMED_FRAME, file: rec0.filename, line: s.line, column: s.column }, depth: info.depth, raw: '' });
    }
    return out;
  }

  // ---- where an exception was thrown, and whether something will catch it ----

  /**
   * Where an error reported by a wrapper's catch was thrown: the top frame of its own stack (QuickJS records the
   * failing operation's position), when that frame is the one that caught it (`file`, same function name).
   * Positions are the running code's, as in a stack.
   */
  private thrownAt(errorStack: string, file: string, name: string): [number, number] | undefined {
    const top = stackFrames(errorStack).find((f) => !f.native && this.recordOf(f.file));
    if (!top || top.file !== file || top.name !== name) return undefined;
    return [top.line, top.column];
  }

  private recordOf(file: string): FileRecord | undefined {
    return this.byName.get(file) ?? this.files.find((f) => f.filename === file);
  }

  /**
   * Catch prediction at a throw, from the frames' positions (no counting at run time): a frame catches when its
   * position is in a try block (with a catch clause) of its own function. A throw that leaves an async function
   * rejects its promise: caught only if the caller awaits the call inside a try (while the caller is still on the
   * stack), or, after the function resumed from an await, if the kernel's awaiting chain (`awaited`) ends in a try.
   * A Promise executor turns a throw into a rejection nothing handles yet.
   */
  private predictCaught(q: CatchQuery): boolean {
    const frames = stackFrames(q.stack).filter((f) => !f.file.startsWith(KERNEL_FILE.slice(0, -1)));
    const at = this.thrownAt(q.errorStack, frames.find((f) => !f.native)?.file ?? '', frames.find((f) => !f.native)?.name ?? '');
    let first = true;
    for (let i = 0; i < frames.length; i++) {
      const f = frames[i];
      if (f.native) {
        if (f.name === 'Promise') return false;
        continue;
      }
      const rec = this.recordOf(f.file);
      if (!rec) continue;
      const [line, column] = first && at ? at : [f.line, f.column];
      first = false;
      const { fn, offset } = this.functionAt(rec, line, column);
      if (inRanges(rec.result.tries, fn, offset)) return true;
      const next = frames.slice(i + 1).find((c) => !c.native && this.recordOf(c.file));
      // A promise chain's callback run by a job, with a rejection handler further on in the chain.
      if (!next && fn >= 0 && rec.result.functions[fn].rejectionHandled) return true;
      if (fn < 0 || !rec.result.functions[fn].async) continue;
      if (!next) return !!q.asyncFrame && q.asyncFrame[0] === rec.id && q.asyncFrame[1] === fn && q.awaited === true;
      const caller = this.recordOf(next.file)!;
      const c = this.functionAt(caller, next.line, next.column);
      if (!inRanges(caller.result.awaits, c.fn, c.offset)) return false;
    }
    return false;
  }

  /** The innermost function of `rec` at a running-code position, and that position's offset in its source. */
  private functionAt(rec: FileRecord, line: number, column: number): { fn: number; offset: number } {
    const p = rec.result.mapper.mapPosition(line, column);
    let starts = lineStarts.get(rec);
    if (!starts) {
      starts = [0];
      for (let i = rec.source.indexOf('\n'); i >= 0; i = rec.source.indexOf('\n', i + 1)) starts.push(i + 1);
      lineStarts.set(rec, starts);
    }
    const offset = (starts[p.line - 1] ?? 0) + p.column - 1;
    let fn = -1;
    const fns = rec.result.functions;
    for (let i = 0; i < fns.length; i++) if (fns[i].start <= offset && offset < fns[i].end && (fn < 0 || fns[i].start >= fns[fn].start)) fn = i;
    return { fn, offset };
  }

  /** The loaded file a frame runs in (for its Script/Module scope), or -1. */
  private fileOf(frameId: number | undefined): number {
    if (frameId === undefined || !this.stopped) return -1;
    if (frameId === 0 && this.stopped.fid >= 0) return this.stopped.fid;
    const file = this.frames[frameId]?.frame.file;
    const id = file === undefined ? undefined : this.byName.get(file)?.id;
    return id ?? -1;
  }

  /** The calls of the paused statement (top frame only): a step can enter one of them. Ids index the file's calls. */
  private stepInTargets(frameId: number): Array<{ id: number; label: string }> {
    const s = this.stopped;
    // An exception wrapper's catch site is no statement: its stop has no calls to enter.
    if (!s || frameId !== 0 || s.fid < 0 || s.sid < 0 || s.catchSite) return [];
    const r = this.files[s.fid].result;
    const st = r.statements[s.sid];
    const out: Array<{ id: number; label: string }> = [];
    const seen = new Set<string>();
    r.calls.forEach((c, id) => {
      if (c.fn !== st.fn || c.line < st.line || c.line > st.endLine || (c.line === st.line && c.column < st.column)) return;
      // The same callee twice on a line is one target: the step stops in the first call that enters it.
      if (seen.has(c.label)) return;
      seen.add(c.label);
      out.push({ id, label: c.label });
    });
    return out;
  }

  /** The kernel's resume action for a step in, aimed at one call when `targetId` names one of the paused statement's. */
  private stepInAction(targetId: unknown): string {
    const s = this.stopped;
    if (typeof targetId !== 'number' || !s || s.fid < 0) return 'stepIn';
    const name = this.files[s.fid].result.calls[targetId]?.name;
    return name ? `stepIn:${name}` : 'stepIn';
  }

  /**
   * The kernel depth whose locals frame `frameId` may use, or -1 (its file's bindings only). A caller's locals come
   * from the last record taken at its depth; if that record was taken in another function or at a statement that
   * does not contain the caller's current line, it belongs to an earlier call: no locals rather than stale ones.
   */
  private depthOf(frameId: number | undefined): number {
    return this.localsOf(frameId).depth;
  }

  private localsOf(frameId: number | undefined): { depth: number; note: string } {
    const fr = frameId === undefined ? undefined : this.frames[frameId];
    if (!fr || !this.stopped) return { depth: -1, note: '' };
    if (frameId === 0) return { depth: fr.depth, note: '' };
    const t = this.stopped.trail.find((x) => x.depth === fr.depth);
    const s = t && this.files[t.fid]?.pos[t.sid];
    const f = fr.frame;
    if (t && s && t.name === fr.raw && this.files[t.fid].filename === f.file && f.line >= s.line && f.line <= s.endLine) return { depth: fr.depth, note: '' };
    // Frames outside the instrumented files (native code) have no locals to speak of.
    // A frame whose line is in a statement that used up its recording budget says so; others were never recorded.
    const spent = (this.stopped.spent ?? []).some(([fid, sid]) => {
      const p = this.files[fid]?.pos[sid];
      return !!p && this.files[fid].filename === f.file && f.line >= p.line && f.line <= p.endLine;
    });
    const note = this.byName.has(f.file) ? (spent ? noteSpent(this.stopped.recordBudget ?? 0) : NOTE_UNRECORDED) : '';
    return { depth: -1, note };
  }

  private scopes(frameId: number): DebugScope[] {
    const { depth, note } = this.localsOf(frameId);
    const list = JSON.parse(this.call('scopes', depth, this.fileOf(frameId), note)) as Array<{ name: string; ref: number; namedCount?: number; expensive?: boolean }>;
    return list.map((s) => ({ name: s.name, ref: s.ref, expensive: !!s.expensive, namedCount: s.namedCount }));
  }

  private completions(text: string, column: number, frameId?: number) {
    const before = text.slice(0, Math.max(0, column - 1));
    const m = /([\w$.]*?)\.?([\w$]*)$/.exec(before);
    const dot = before.lastIndexOf('.');
    const objectExpr = m && dot >= 0 && /[\w$)\]]\.[\w$]*$/.test(before) ? before.slice(0, dot).match(/[\w$.]+$/)?.[0] ?? '' : '';
    const names = JSON.parse(this.call('completions', this.depthOf(frameId), objectExpr, this.fileOf(frameId))) as string[];
    return names.map((label) => ({ label, type: objectExpr ? ('property' as const) : ('variable' as const) }));
  }

  private valueOrThrow(json: string): RemoteValue {
    const r = JSON.parse(json) as { value?: RemoteValue; error?: string };
    if (r.error !== undefined) throw new Error(r.error);
    return r.value!;
  }

  private log(text: string, fid: number, sid: number): void {
    const rec = fid >= 0 ? this.files[fid] : undefined;
    const s = rec?.pos[sid];
    this.options.emit({
      type: 'console',
      level: fid >= 0 ? 'log' : 'warn',
      text,
      groupDepth: 0,
      location: rec && s ? { file: rec.filename, line: s.line, column: s.column } : undefined,
    });
  }

  /** Original text of the function whose instrumented text is `text`: the outermost function marker in it. */
  private originalText(text: string): string | undefined {
    let best: { rec: FileRecord; start: number; end: number } | undefined;
    for (const m of text.matchAll(/\/\*Q(\d+)\.(\d+)\*\//g)) {
      const rec = this.files[Number(m[1])];
      const fn = rec?.result.functions[Number(m[2])];
      if (!fn) continue;
      if (!best || fn.end - fn.start > best.end - best.start) best = { rec, start: fn.start, end: fn.end };
    }
    return best ? best.rec.source.slice(best.start, best.end) : undefined;
  }

  private mapStack(stack: string): string {
    // Rendered as uncaught errors are, so one exception reads the same in the exception widget and in the output.
    if (this.maps?.frames) return formatFrames(this.maps.frames(stack));
    if (!this.maps?.map) return stack;
    return stack.replace(/\(([^()]+):(\d+):(\d+)\)/g, (all, file: string, l: string, c: string) => {
      const p = this.maps!.map!(file, Number(l), Number(c));
      return `(${p.file}:${p.line}:${p.column})`;
    });
  }

  /** Calls a kernel method with string/number arguments; returns its result dumped to plain data. */
  private call(name: string, ...args: Array<string | number>): any {
    const ctx = this.ctx!;
    const fn = ctx.getProp(this.kernel!, name);
    const handles = args.map((a) => (typeof a === 'number' ? ctx.newNumber(a) : ctx.newString(a)));
    try {
      const r = ctx.callFunction(fn, this.kernel!, ...handles);
      if (r.error) {
        const err = this.read(r.error) as { message?: string } | undefined;
        r.error.dispose();
        throw new Error(`debug kernel ${name}: ${err?.message ?? JSON.stringify(err)}`);
      }
      const v = this.read(r.value);
      r.value.dispose();
      return v;
    } finally {
      fn.dispose();
      handles.forEach((h) => h.dispose());
    }
  }
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

const NOTE_UNRECORDED =
  "this caller's locals were not recorded: its call does not lead, by name, to a function with a breakpoint or a " +
  '`debugger;` statement. Put a breakpoint in the function it calls, or step into the call from here, to see them.';
function noteSpent(budget: number): string {
  return (
    `this caller's locals were not recorded: its call ran ${budget.toLocaleString('en-US')} times without a stop, so ` +
    'recording there was switched off to keep the run fast. It resumes after this stop; a breakpoint hit sooner, or a ' +
    'step into the call, shows them.'
  );
}

const TS_FILE = /\.[cm]?tsx?$/;

/** A file inside a package folder: imports of packages run as esbuild bundles, which are not instrumented. */
const PACKAGE_FILE = /[\\/]node_modules[\\/]/;
const NOTE_PACKAGE =
  'breakpoints in packages are not supported yet: an imported package runs as one bundle without the debugger\'s ' +
  'hooks; put the breakpoint on the call in your own code';
const NOTE_NO_CODE = 'no code on this line or the 20 lines after it';
const NOTE_NOT_ON_DISK = 'the file is not loaded yet and is not on disk: the breakpoint is checked when the program loads it';

/** A breakpoint's reason when its file does not parse: the error, where it is, and what to do. */
function syntaxReason(p: SourceProblem): string {
  return `the file has a syntax error at line ${p.line}, column ${p.column}: ${p.message}; fix it and the breakpoint is placed`;
}

function baseName(p: string): string {
  return p.split(/[\\/]/).pop() || p;
}
