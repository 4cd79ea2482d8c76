/**
 * The worker-side debugger: the hooks a debug sandbox's context calls (instrument a file, install the kernel, the
 * interrupt handler) and the handlers of the debug request table (protocol.ts). It composes one part per concept:
 * - fileRegistry.ts   loaded files and the breakpoints in them;
 * - kernelBridge.ts   the debug kernel inside QuickJS, and the host functions it calls;
 * - runState.ts       the run state machine (prelude, stop-on-entry, running, paused);
 * - pauseLoop.ts      blocking the worker while paused and answering requests meanwhile;
 * - frames.ts         the frames and scopes of a stop; catchPrediction.ts, whether a throw will be caught.
 *
 * Wiring (src/engine/worker.ts): `new DebugController({ port, control, emit, answer, stopOnEntry, skipFiles })`, its hooks
 * given to SandboxContext, `handle(call)` for each `debug` message that arrives while the script is not paused,
 * `runStarting()`/`runEnded()` around each run. `control[Control.Pause]` set by the host makes the next statement
 * stop (checked in the interrupt handler).
 */
import type { MessagePort } from 'node:worker_threads';
import type { QuickJSContext, QuickJSHandle } from 'quickjs-emscripten-core';
import type { RemoteProperty, RemoteValue, SandboxEvent } from '../api';
import type { BundleCache } from '../runtime/bundleCache';
import type { DebugEvent, ExceptionBreakpoints } from './api';
import { predictCaught } from './catchPrediction';
import { FileRegistry, type MapSink } from './fileRegistry';
import { exceptionDetails, stackFrames, type PausedStack } from './frames';
import { KernelBridge, type DebugSandbox, type PauseInfo } from './kernelBridge';
import { PauseLoop, type ResumeAction } from './pauseLoop';
import { dispatch, type DebugArgs, type DebugCall, type DebugHandlers, type DebugMethod, type DebugResult } from './protocol';
import { RunState } from './runState';
import { skipMatcher } from './skipFiles';

export type { MapSink } from './fileRegistry';
export type { PauseInfo } from './kernelBridge';

/** Slot of the worker's control buffer the host raises to pause (same number as src/engine/protocol.ts Control). */
const PAUSE = 1;

export interface DebugControllerOptions {
  /** The port requests arrive on (the worker's parentPort); undefined means no blocking pauses (tests drive `onPause`). */
  port?: MessagePort;
  /** The worker's control buffer. */
  control: Int32Array;
  emit: (event: DebugEvent | SandboxEvent) => void;
  /** Answers a pause without a port: gets the stop, returns the resume action (tests, in-thread use). */
  onPause?: (stop: PauseInfo, controller: DebugController) => ResumeAction;
  /** Stop at the first top-level statement of every program run's entry file (see runState.ts). */
  stopOnEntry?: boolean;
  /** Glob patterns of files steps pass through and exceptions are not stopped in (launch `skipFiles`; skipFiles.ts). */
  skipFiles?: readonly string[];
  /**
   * Answers a non-debug request (`memoryStats`, `children`, `invokeGetter`, `release`) while paused, when the
   * worker's own handler cannot run; throws for methods it does not know. Without it they wait for the resume.
   */
  answer?: (method: string, args: unknown[]) => unknown;
}

/** The worker-side debugger; see the module comment for how the worker wires it. */
export class DebugController {
  private readonly kernel = new KernelBridge();
  private exceptions: ExceptionBreakpoints = {};
  private readonly files: FileRegistry;
  private readonly loop: PauseLoop;
  private readonly run: RunState;
  private readonly control: Int32Array;
  private readonly emit: (event: DebugEvent | SandboxEvent) => void;

  constructor(options: DebugControllerOptions) {
    this.control = options.control;
    this.emit = options.emit;
    this.files = new FileRegistry(this.kernel, options.emit, () => this.exceptions, skipMatcher(options.skipFiles ?? []));
    const onPause = options.onPause;
    this.loop = new PauseLoop({
      port: options.port,
      control: options.control,
      emit: options.emit,
      answer: options.answer,
      handle: (call) => this.handle(call),
      onPause: onPause && ((stop) => onPause(stop, this)),
    });
    this.run = new RunState(this.kernel, this.files, this.loop, !!options.stopOnEntry);
  }

  /** Milliseconds spent paused, so the run's time limit can leave them out. */
  get pausedMs(): number {
    return this.loop.pausedMs;
  }

  /** The action of the resume request that ended the current pause (`stepIn:<name>` for a step into one call). */
  get resumeAction(): ResumeAction | undefined {
    return this.loop.resumeAction;
  }

  // ---- hooks (SandboxContext's DebugHooks) ----

  /** Instruments one file (entry or module) and registers it; returns the code QuickJS should run. */
  readonly instrument = (code: string, filename: string, type: 'script' | 'module', maps?: MapSink): string =>
    this.instrumentTyped(code, filename, type, maps).code;

  /**
   * As `instrument`, for a file whose kind may be unknown: with 'auto', the instrumenter's own parse decides (a
   * script first; a module when only that parses, i.e. top-level await), so the file is parsed once, not twice.
   */
  readonly instrumentTyped = (
    code: string,
    filename: string,
    kind: 'script' | 'module' | 'auto',
    maps?: MapSink,
    sources?: readonly string[],
    cache?: BundleCache,
  ): { code: string; type: 'script' | 'module' } => {
    if (maps) this.files.maps = maps;
    // A bundle of packages the session does not debug runs as it is: instrumenting one costs about a second per 250 KB.
    if (sources && !this.files.debugs(filename, sources)) return { code, type: kind === 'module' ? 'module' : 'script' };
    let type: 'script' | 'module' = kind === 'module' ? 'module' : 'script';
    let rec = this.files.instrumentFile(code, filename, type, false, undefined, sources && { sources, cache });
    if (!rec && kind === 'auto') rec = this.files.instrumentFile(code, filename, (type = 'module'), false);
    // Unparsable code runs as it is, as the kind it was given, so QuickJS reports the error a plain run reports
    // (a module's early errors are not a script's). Only 'auto' falls back to a script, as a plain run does.
    if (!rec) return { code, type: kind === 'module' ? 'module' : 'script' };
    this.files.entryId ??= rec.id;
    this.files.maps?.add(filename, rec.result.mapper, code);
    this.run.fileInstrumented(rec);
    return { code: rec.result.code, type };
  };

  /** Instrumented code for `filename`, or the source unchanged when it does not parse (QuickJS reports the error). */
  instrumentSource(source: string, filename: string, type: 'script' | 'module'): string {
    return this.instrument(source, filename, type);
  }

  /** Installs the kernel into a context; call before running instrumented code. */
  readonly install = (ctx: QuickJSContext, sandbox?: DebugSandbox): void => {
    this.kernel.install(
      ctx,
      {
        pause: (info) => this.run.stop(info),
        log: (text, fid, sid) =>
          this.emit({ type: 'console', level: fid >= 0 ? 'log' : 'warn', text, groupDepth: 0, location: this.files.location(fid, sid) }),
        instrument: (source, kind, released, stepping) => this.files.runtimeCode(source, kind, released, stepping),
        caught: (query) => predictCaught(this.files, query),
        fnText: (text) => this.files.originalText(text),
      },
      sandbox,
    );
    this.files.registerAll();
    this.kernel.call('setExceptionBreakpoints', JSON.stringify(this.exceptions));
    this.run.installed();
  };

  /** Called from the runtime's interrupt handler: turns a host pause request into a stop at the next statement. */
  readonly onInterrupt = (): void => {
    if (!this.kernel.installed || this.run.paused) return;
    if (Atomics.load(this.control, PAUSE)) {
      Atomics.store(this.control, PAUSE, 0);
      this.run.requestPause();
    }
    if (this.loop.hasPort) this.loop.drain(false);
  };

  /**
   * Called with an error that ends the run (or a module's evaluation) uncaught, before it is reported: with an
   * exception filter on, it stops there unless a stop showed it already. An error the engine throws at a file's top
   * level can be seen no earlier (see uncaughtAtTop in debug.kernel.js).
   */
  readonly onUncaught = (err: QuickJSHandle): void => {
    if (!this.kernel.installed || this.run.paused || !(this.exceptions.all || this.exceptions.uncaught)) return;
    const lines = this.kernel.call('errorStack', err).split('\n');
    // The frames from the first in a file the debugger loaded (JSON.parse's error starts at a position in its text).
    const first = lines.findIndex((l) => stackFrames(l).some((f) => !f.native && this.files.recordOf(f.file)));
    // Not thrown in a file the debugger loaded (a syntax error found before anything ran): nothing to show.
    if (first < 0) return;
    const rec = this.files.recordOf(stackFrames(lines[first])[0].file)!;
    try {
      this.kernel.call('uncaughtAtTop', err, rec.id, lines.slice(first).join('\n'));
    } catch {
      // Stopped by the user at this stop: the kernel unwinds with an error of its own; the run is ending anyway.
    }
  };

  /** Releases the kernel's handle; call before the context is disposed. */
  readonly dispose = (): void => {
    this.kernel.dispose();
  };

  /** A run starts in this context (the worker calls it before evaluating anything). */
  runStarting(): void {
    this.files.entryId = undefined;
    this.run.runStarting();
  }

  /** The run ended, however it ended. */
  runEnded(): void {
    this.run.runEnded();
  }

  // ---- requests ----

  /** Answers one request of the table, as it came off the wire. */
  handle(call: DebugCall): unknown {
    return dispatch(this.handlers, call.method, call.args);
  }

  /** Answers one request of the table (in-thread use and tests). */
  request<M extends DebugMethod>(method: M, args: DebugArgs<M>): DebugResult<M> {
    return dispatch(this.handlers, method, args);
  }

  /** The stop the script is paused at; undefined while it runs. */
  private get stack(): PausedStack | undefined {
    return this.run.paused;
  }

  /** One handler per request of the table: the compiler checks each against its entry's arguments and result. */
  private readonly handlers: DebugHandlers = {
    setBreakpoints: (file, breakpoints) => this.files.setBreakpoints(file, breakpoints),
    breakpointLocations: (file, line, endLine) => this.files.breakpointLocations(file, line, endLine),
    setExceptionBreakpoints: (config) => {
      this.exceptions = config ?? {};
      if (this.kernel.installed) this.kernel.call('setExceptionBreakpoints', JSON.stringify(this.exceptions));
    },
    pause: () => this.run.requestPause(),
    continue: () => this.run.resume('continue'),
    next: () => this.run.resume('next'),
    stepOut: () => this.run.resume('stepOut'),
    stepIn: (targetId) => this.run.resume(this.stack?.stepInAction(targetId) ?? 'stepIn'),
    stepInTargets: (frameId) => this.stack?.stepInTargets(frameId) ?? [],
    stackTrace: (startFrame, levels) => this.stack?.stackTrace(startFrame, levels) ?? { frames: [], totalFrames: 0 },
    scopes: (frameId) => {
      const { depth, note } = this.stack?.localsOf(frameId) ?? { depth: -1, note: '' };
      const list = JSON.parse(this.kernel.call('scopes', depth, this.fileOf(frameId), note)) as Array<{ name: string; ref: number; namedCount?: number; expensive?: boolean }>;
      return list.map((s) => ({ name: s.name, ref: s.ref, expensive: !!s.expensive, namedCount: s.namedCount }));
    },
    variables: (ref, filter, start, count) => JSON.parse(this.kernel.call('variables', ref, filter ?? '', start ?? 0, count ?? 0)) as RemoteProperty[],
    setVariable: (ref, name, expression) =>
      valueOrThrow(this.kernel.call('setVariable', ref, name, expression, this.stack?.topDepth() ?? -1, this.fileOf(0))),
    evaluate: (expression, frameId) => valueOrThrow(this.kernel.call('evaluate', this.depthOf(frameId), expression, this.fileOf(frameId))),
    setExpression: (expression, value, frameId) =>
      valueOrThrow(this.kernel.call('evaluate', this.depthOf(frameId), `${expression} = (${value})`, this.fileOf(frameId))),
    completions: (text, column, frameId) => {
      const objectExpr = completedObject(text, column);
      const names = JSON.parse(this.kernel.call('completions', this.depthOf(frameId), objectExpr, this.fileOf(frameId))) as string[];
      return names.map((label) => ({ label, type: objectExpr ? ('property' as const) : ('variable' as const) }));
    },
    exceptionInfo: () => this.stack?.exceptionInfo() ?? exceptionDetails(undefined, this.files),
    loadedSources: () => this.files.loadedSources(),
    sourceProblem: (file) => this.files.sourceProblem(file),
    nextRun: (role) => this.run.nextRun(role),
  };

  /** The kernel depth whose locals frame `frameId` may use, or -1 (its file's bindings only). */
  private depthOf(frameId: number | undefined): number {
    return this.stack?.localsOf(frameId).depth ?? -1;
  }

  /** The loaded file frame `frameId` runs in, or -1 (nothing paused, or not a loaded file). */
  private fileOf(frameId: number | undefined): number {
    return this.stack?.fileOf(frameId) ?? -1;
  }
}

/** The object expression whose properties complete the text before `column` (`a.b.c` for `a.b.c.x|`), or ''. */
function completedObject(text: string, column: number): string {
  const before = text.slice(0, Math.max(0, column - 1));
  const m = /([\w$.]*?)\.?([\w$]*)$/.exec(before);
  const dot = before.lastIndexOf('.');
  return m && dot >= 0 && /[\w$)\]]\.[\w$]*$/.test(before) ? before.slice(0, dot).match(/[\w$.]+$/)?.[0] ?? '' : '';
}

function valueOrThrow(json: string): RemoteValue {
  const r = JSON.parse(json) as { value?: RemoteValue; error?: string };
  if (r.error !== undefined) throw new Error(r.error);
  return r.value!;
}
