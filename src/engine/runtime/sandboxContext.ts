/**
 * One sandbox inside the engine worker: a QuickJS runtime and context with limits, the kernels that provide
 * host APIs, and the event loop that runs timers and host operations until the script is done.
 * Every QuickJS handle created here is disposed on every path; `dispose` proves it in leak-check mode.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { QuickJSContext, QuickJSHandle, QuickJSRuntime } from 'quickjs-emscripten-core';
import type { ErrorInfo, LimitKind, MemoryStats, RecordTable, RemoteProperty, RemoteValue, RunOutcome, RunRequest, SandboxEvent, StackFrame } from '../api';
import type { DebugEvent } from '../debug/api';
import { Control } from '../protocol';
import { limitEvent, limitMessage, type ResolvedOptions } from '../options';
import { ModuleHost, ModuleLoadError, loadResolverModule, type PreparedSource } from './modules';
import { Permissions } from './permissions';
import { HostOps } from './hostOps';
import { TimerQueue, wakeableWait } from './timers';
import { KERNEL_FILE_PREFIX, SourceMaps, formatFrames } from './stacks';
import { heapOnlyStats, readMemoryStats } from './memory';
import { installKernel, type WarmEngine } from './warmEngine';
import platformKernel from '../kernel/platform.kernel.js';

/** Free heap under which an exception that cannot be inspected is taken for the memory limit. */
const HEAP_FULL_MARGIN = 2 * 1024 * 1024;

/** `a`, `a.b.c`: what tab completion may evaluate (no calls, no operators, so nothing but getters can run). */
const DOTTED_NAME = /^[\p{ID_Start}$_][\p{ID_Continue}$\u200c\u200d]*(?:\.[\p{ID_Start}$_][\p{ID_Continue}$\u200c\u200d]*)*$/u;

/** Raised inside the run to unwind to its end; carries why. */
class StopRun extends Error {
  constructor(readonly outcome: Omit<RunOutcome, 'durationMs'>) {
    super(outcome.message ?? outcome.status);
  }
}

/** A JavaScript exception thrown by V8 out of the wasm module: the module instance must never be used again. */
export class EngineCrashed extends Error {
  override name = 'EngineCrashed';
}

/**
 * A compile-time syntax error as Node prints one: `file:line:column`, the source line and a caret under the column
 * (when the file is on disk), a blank line, then the message.
 */
function compileErrorText(at: StackFrame, head: string): string {
  const where = `${at.file}:${at.line}:${at.column}`;
  let excerpt = '';
  try {
    if (path.isAbsolute(at.file) && fs.statSync(at.file).size < 16 << 20) {
      const line = fs.readFileSync(at.file, 'utf8').split(/\r?\n/)[at.line - 1];
      if (line !== undefined && line.length <= 500) {
        // The caret lines up under the column even where the line indents with tabs.
        const pad = line.slice(0, Math.max(0, at.column - 1)).replace(/[^\t]/g, ' ');
        excerpt = `\n${line}\n${pad}^\n`;
      }
    }
  } catch {
    // Not a readable file (a notebook cell, source given as text): the location alone says where.
  }
  return `${where}${excerpt}\n${head}`;
}

/** Hooks the debugger installs; all optional so that a plain run pays nothing. */
export interface DebugHooks {
  /** Rewrites each source before QuickJS compiles it. */
  /** With 'auto', the instrumenter's parse decides whether the code is a script or a module (and says which). */
  instrument?(code: string, filename: string, type: 'script' | 'module' | 'auto', maps: SourceMaps): { code: string; type: 'script' | 'module' };
  /** Called from the interrupt handler, so that pause requests reach a tight loop. */
  onInterrupt?(): void;
  /** Called after the kernels are installed, before the first run. */
  install?(ctx: QuickJSContext, sandbox: SandboxContext): void;
  /** Called before the context is disposed, to release the debugger's handles. */
  dispose?(): void;
  /** Milliseconds the script has spent paused in the debugger: the run's time limit leaves them out. */
  pausedMs?(): number;
}

/** Where events go; `tick` lets batched events out while a script computes. */
type Emit = ((event: SandboxEvent | DebugEvent) => void) & { tick?: () => void };

export class SandboxContext {
  readonly runtime: QuickJSRuntime;
  readonly context: QuickJSContext;
  readonly maps = new SourceMaps();
  private readonly bridge: QuickJSHandle;
  private readonly platform: QuickJSHandle;
  private readonly typeOfFn: QuickJSHandle;
  private readonly serializeFn: QuickJSHandle;
  private readonly permissions: Permissions;
  private readonly modules: ModuleHost;
  private readonly timers = new TimerQueue();
  private readonly ops: HostOps;
  private readonly abort = new AbortController();
  private deadline = Infinity;
  private stopReason: LimitKind | 'cancelled' | undefined;
  private outputBytes = 0;
  private uncaught: QuickJSHandle | undefined;
  private lastSample = 0;
  private nextDetailedSample = 0;
  private readonly createdAt = performance.now();
  private disposed = false;
  /** True from the start of a run to its end, including while it awaits timers or host operations. */
  private running = false;

  constructor(
    warm: WarmEngine,
    readonly options: ResolvedOptions,
    private readonly emit: Emit,
    private readonly control: Int32Array,
    private readonly heap: () => { size: number; max: number },
    private readonly debug: DebugHooks = {},
  ) {
    this.runtime = warm.runtime;
    this.context = warm.context;
    this.ops = new HostOps(this.context);
    this.bridge = warm.bridge;
    this.runtime.setMaxStackSize(options.stackSizeBytes);
    warm.interrupt = () => this.shouldInterrupt();
    warm.sink = {
      console: (level, text, depth, stack) => this.onConsole(level, text, depth, stack),
      display: (mime, data) => {
        this.emit({ type: 'display', mime: this.context.getString(mime), data: this.context.getString(data) });
      },
      promiseState: (p) => this.promiseState(p),
      now: () => performance.now() - this.createdAt,
      reportError: (err) => {
        this.uncaught ??= err.dup();
      },
    };
    this.permissions = new Permissions(options.cwd, options.permissions.read, options.permissions.net, options.permissions.env, options.permissions.envValues, undefined,
      (denial) => this.emit({ type: 'denied', ...denial }));
    const roots = [options.cwd, ...options.permissions.read];
    const instrument = debug.instrument
      ? (code: string, filename: string, type: 'script' | 'module' | 'auto') => debug.instrument!(code, filename, type, this.maps)
      : undefined;
    const resolver = options.moduleResolver ? loadResolverModule(options.moduleResolver) : undefined;
    this.modules = new ModuleHost(roots, options.staticModules, this.maps, instrument, resolver, options.nodeEnv);
    this.runtime.setModuleLoader(
      (name) => {
        try {
          return this.modules.load(name);
        } catch (e) {
          return { error: e instanceof Error ? e : new Error(String(e)) };
        }
      },
      (base, requested) => {
        try {
          return this.modules.normalize(base, requested);
        } catch (e) {
          return { error: e instanceof Error ? e : new Error(String(e)) };
        }
      },
    );
    this.platform = installKernel(this.context, platformKernel, 'platform', this.platformHost(), (host) => {
      const args = this.context.newArray();
      options.args.forEach((a, i) => {
        const s = this.context.newString(a);
        this.context.setProp(args, i, s);
        s.dispose();
      });
      this.context.setProp(host, 'args', args);
      args.dispose();
    });
    this.connectWebKernel(warm.web);
    this.typeOfFn = this.context.getProp(this.platform, 'typeOf');
    this.serializeFn = this.context.getProp(this.platform, 'serialize');
    this.debug.install?.(this.context, this);
  }

  /** Hands the web kernel (installed in the warm engine) the platform kernel's weak timeout, before any user code runs. */
  private connectWebKernel(web: QuickJSHandle): void {
    const ctx = this.context;
    const connect = ctx.getProp(web, 'connect');
    const setTimeoutFn = ctx.getProp(this.platform, 'weakTimeout');
    try {
      ctx.unwrapResult(ctx.callFunction(connect, web, setTimeoutFn)).dispose();
    } finally {
      setTimeoutFn.dispose();
      connect.dispose();
      web.dispose();
    }
  }

  private platformHost(): Record<string, (...args: QuickJSHandle[]) => QuickJSHandle | void> {
    const ctx = this.context;
    return {
      setTimer: (id, delay, repeat, weak) => {
        this.timers.add(ctx.getNumber(id), ctx.getNumber(delay), !!ctx.dump(repeat), weak !== undefined && !!ctx.dump(weak));
      },
      clearTimer: (id) => {
        this.timers.clear(ctx.getNumber(id));
      },
      reportError: (err) => {
        this.uncaught ??= err.dup();
      },
      readFile: (p, asBytes) => this.ops.start(() => this.permissions.readFile(ctx.getString(p), !!ctx.dump(asBytes)), (v) =>
        typeof v === 'string' ? ctx.newString(v) : ctx.newArrayBuffer(v.buffer.slice(v.byteOffset, v.byteOffset + v.byteLength))),
      fetch: (url, method, headers, body) => {
        const bodyValue = this.typeOf(body) === 'string' ? ctx.getString(body) : this.typeOf(body) === 'undefined' ? undefined : new Uint8Array(ctx.getArrayBuffer(body).value);
        const args = [ctx.getString(url), ctx.getString(method), JSON.parse(ctx.getString(headers)) as Array<[string, string]>] as const;
        return this.ops.start(() => this.permissions.fetch(...args, bodyValue, this.abort.signal), (r) => {
          const arr = ctx.newArray();
          const meta = ctx.newString(r.meta);
          const buf = ctx.newArrayBuffer(r.body.buffer.slice(r.body.byteOffset, r.body.byteOffset + r.body.byteLength));
          ctx.setProp(arr, 0, meta);
          ctx.setProp(arr, 1, buf);
          meta.dispose();
          buf.dispose();
          return arr;
        });
      },
      envGet: (name) => {
        const v = this.permissions.envGet(ctx.getString(name));
        return v === undefined ? ctx.undefined : ctx.newString(v);
      },
      envNames: () => ctx.newString(JSON.stringify(this.permissions.envNames())),
    };
  }

  private onConsole(level: QuickJSHandle, text: QuickJSHandle, depth: QuickJSHandle, stack: QuickJSHandle): void {
    const ctx = this.context;
    const t = ctx.getString(text);
    this.outputBytes += t.length + 1;
    if (this.options.outputLimitBytes && this.outputBytes > this.options.outputLimitBytes) {
      this.stopReason ??= 'output';
      throw new Error(limitMessage('output', this.options));
    }
    const frames = this.maps.frames(this.typeOf(stack) === 'string' ? ctx.getString(stack) : '');
    const caller = frames[0];
    this.emit({
      type: 'console',
      level: ctx.getString(level) as never,
      text: t,
      groupDepth: ctx.getNumber(depth),
      location: caller && caller.line > 0 ? { file: caller.file, line: caller.line, column: caller.column } : undefined,
    });
  }

  private shouldInterrupt(): boolean {
    if (this.stopReason) return true;
    const cancel = Atomics.load(this.control, Control.Cancel);
    if (cancel) {
      this.stopReason = cancel === 2 ? 'timeout' : 'cancelled';
      return true;
    }
    const now = performance.now();
    if (now > this.deadlineNow()) {
      this.stopReason = 'timeout';
      return true;
    }
    this.maybeSampleMemory(now);
    this.emit.tick?.();
    this.debug.onInterrupt?.();
    return false;
  }

  /** The run's deadline, pushed back by the time spent paused in the debugger. */
  private deadlineNow(): number {
    return this.deadline + (this.debug.pausedMs?.() ?? 0);
  }

  /** Takes a memory sample when the sampling interval has passed since the last one. */
  private maybeSampleMemory(now: number): void {
    if (this.options.memorySampleIntervalMs && now - this.lastSample >= this.options.memorySampleIntervalMs) {
      this.lastSample = now;
      this.sampleMemory(now);
    }
  }

  /**
   * When the event loop must wake next to keep the sampling interval while the script waits on timers or I/O (the
   * interrupt handler samples only while it computes). Infinity when sampling is off.
   */
  private nextSampleDue(): number {
    const interval = this.options.memorySampleIntervalMs;
    return interval ? this.lastSample + interval : Infinity;
  }

  /**
   * A memory sample during a run. The detailed report walks the whole heap (tens of ms on a large one), so detailed
   * samples are spaced to keep their measured cost near 1% of run time; the samples between them carry the heap size.
   */
  private sampleMemory(now: number): void {
    if (now < this.nextDetailedSample) {
      this.emit({ type: 'memory', stats: heapOnlyStats(this.options.memoryLimitBytes, now - this.createdAt, this.heap()) });
      return;
    }
    const stats = this.memoryStats(false);
    const cost = performance.now() - now;
    this.nextDetailedSample = now + cost * 100;
    this.emit({ type: 'memory', stats });
  }

  /**
   * `typeof` of a value, with `null` as 'null'. Not `QuickJSContext.typeof`: it frees QuickJS's string with the
   * wrong allocator, so the debug build's leak check counts every call as a leak.
   */
  typeOf(h: QuickJSHandle): string {
    const r = this.context.callFunction(this.typeOfFn, this.context.undefined, h);
    if (r.error) {
      r.error.dispose();
      return 'object';
    }
    try {
      return this.context.getString(r.value);
    } finally {
      r.value.dispose();
    }
  }

  /** `{ state, value }` of a promise, for rendering `Promise { <pending> }` as Node does. */
  private promiseState(p: QuickJSHandle): QuickJSHandle {
    const ctx = this.context;
    const state = ctx.getPromiseState(p);
    const out = ctx.newObject();
    const name = ctx.newString(state.type);
    ctx.setProp(out, 'state', name);
    name.dispose();
    if (state.type === 'fulfilled' && !state.notAPromise) {
      ctx.setProp(out, 'value', state.value);
      state.value.dispose();
    } else if (state.type === 'rejected') {
      ctx.setProp(out, 'value', state.error);
      state.error.dispose();
    }
    return out;
  }

  /** Runs one request to completion: the code, then its timers and host operations. */
  async run(request: RunRequest): Promise<RunOutcome> {
    const started = performance.now();
    this.running = true;
    // pausedMs counts over the sandbox's life: only pauses during this run may push its deadline back.
    this.deadline = (this.options.timeoutMs ? started + this.options.timeoutMs : Infinity) - (this.debug.pausedMs?.() ?? 0);
    this.stopReason = undefined;
    this.outputBytes = 0;
    Atomics.store(this.control, Control.Cancel, 0);
    let phases: RunOutcome['phases'];
    const finish = (o: Omit<RunOutcome, 'durationMs'>): RunOutcome => ({ ...o, durationMs: performance.now() - started, ...(phases && { phases }) });
    let tla: QuickJSHandle | undefined;
    try {
      let source: PreparedSource;
      try {
        source = request.kind === 'file'
          ? this.modules.prepareFile(request.path)
          : this.modules.prepareText(request.source, request.filename ?? '<input>', request.type ?? 'auto', request.language);
        await this.modules.preparePackages(request);
      } catch (e) {
        return finish(this.reportHostError(e as Error));
      }
      const prepared = performance.now();
      const result = this.guard(() => this.context.evalCode(source.code, source.filename, { type: source.type === 'module' ? 'module' : 'global' }));
      phases = { prepareMs: prepared - started, evaluateMs: performance.now() - prepared };
      if (result.error) {
        this.throwFromError(result.error);
      }
      const value = result.value;
      try {
        if (source.type === 'module') {
          if (this.typeOf(value) === 'object' && this.isPromise(value)) tla = value.dup();
        } else {
          if (this.isPromise(value)) tla = value.dup();
          else if (this.typeOf(value) !== 'undefined') this.emitResult(value);
        }
      } finally {
        value.dispose();
      }
      await this.eventLoop();
      if (tla) {
        const state = this.context.getPromiseState(tla);
        if (state.type === 'rejected') {
          this.reportError(state.error, source.type === 'module' ? 'uncaught' : 'unhandledRejection');
          state.error.dispose();
          return finish({ status: 'error', exitCode: 1, message: 'the script ended with an uncaught error' });
        }
        if (state.type === 'fulfilled') {
          if (source.type === 'script' && this.typeOf(state.value) !== 'undefined') this.emitResult(state.value);
          state.value.dispose();
        } else if (source.type === 'module') {
          return finish({ status: 'error', exitCode: 13, message: 'the module\'s top-level await never settled: nothing was left that could settle it (no timer, no pending fetch or file read)' });
        }
      }
      return finish({ status: 'completed', exitCode: 0 });
    } catch (e) {
      if (e instanceof StopRun) return finish(e.outcome);
      if (e instanceof EngineCrashed) throw e;
      throw e;
    } finally {
      this.running = false;
      tla?.dispose();
      this.uncaught?.dispose();
      this.uncaught = undefined;
      this.clearPending();
      // Requests between runs (a notebook reading a 10,000-row table, a tree expanded later) are not part of the
      // run: its deadline must not interrupt them.
      this.deadline = Infinity;
    }
  }

  private isPromise(h: QuickJSHandle): boolean {
    if (this.typeOf(h) !== 'object') return false;
    const state = this.context.getPromiseState(h);
    // For a non-promise, getPromiseState hands back `h` itself: it must not be disposed here.
    if (state.type === 'fulfilled') {
      if (state.notAPromise) return false;
      state.value.dispose();
    } else if (state.type === 'rejected') {
      state.error.dispose();
    }
    return true;
  }

  /** Calls into QuickJS, turning a host exception out of wasm into `EngineCrashed`. */
  private guard<T>(fn: () => T): T {
    try {
      return fn();
    } catch (e) {
      if (e instanceof StopRun) throw e;
      throw new EngineCrashed(`the script overflowed the engine's native stack (${(e as Error).message}); nesting too deep to run`);
    }
  }

  private drainJobs(): void {
    for (;;) {
      const r = this.guard(() => this.runtime.executePendingJobs(-1));
      if (r.error) {
        this.throwFromError(r.error);
      }
      const n = r.value;
      if (this.uncaught) {
        const err = this.uncaught;
        this.uncaught = undefined;
        this.throwFromError(err);
      }
      if (this.stopReason) this.throwStop();
      if (n === 0) return;
    }
  }

  private async eventLoop(): Promise<void> {
    for (;;) {
      this.drainJobs();
      const next = this.timers.next();
      const cancelled = () => Atomics.load(this.control, Control.Cancel) !== 0;
      // Weak timers fire while something else keeps the run alive, and never keep it alive themselves.
      if (next && (this.timers.hasStrong() || this.ops.size > 0)) {
        const wait = Math.min(next.due, this.deadlineNow(), this.nextSampleDue()) - performance.now();
        if (wait > 0) await wakeableWait(wait, cancelled, (wake) => this.ops.onSettle(wake));
        this.checkBetweenJobs();
        this.fireDueTimers();
        continue;
      }
      if (this.ops.size > 0) {
        await wakeableWait(Math.min(this.deadlineNow(), this.nextSampleDue()) - performance.now(), cancelled, (wake) => this.ops.onSettle(wake));
        this.checkBetweenJobs();
        continue;
      }
      return;
    }
  }

  private checkBetweenJobs(): void {
    const cancel = Atomics.load(this.control, Control.Cancel);
    if (cancel) this.stopReason ??= cancel === 2 ? 'timeout' : 'cancelled';
    const now = performance.now();
    if (now > this.deadlineNow()) this.stopReason ??= 'timeout';
    if (this.stopReason) this.throwStop();
    this.maybeSampleMemory(now);
  }

  private fireDueTimers(): void {
    for (const t of this.timers.due(performance.now())) {
      if (!this.timers.has(t.id)) continue; // cleared by an earlier callback
      this.timers.fired(t);
      const fn = this.context.getProp(this.platform, 'runTimer');
      const id = this.context.newNumber(t.id);
      try {
        const r = this.guard(() => this.context.callFunction(fn, this.platform, id));
        if (r.error) this.throwFromError(r.error);
        r.value.dispose();
      } finally {
        fn.dispose();
        id.dispose();
      }
      this.drainJobs();
    }
  }

  private throwStop(): never {
    const reason = this.stopReason!;
    if (reason === 'cancelled') throw new StopRun({ status: 'cancelled', exitCode: 130, message: 'the run was stopped' });
    const event = limitEvent(reason, this.options);
    this.emit(event);
    throw new StopRun({ status: 'limit', exitCode: 2, limit: reason, message: event.message });
  }

  /** Classifies an exception that reached the top: a limit, or an uncaught error. Disposes `err`. */
  private throwFromError(err: QuickJSHandle): never {
    try {
      // Cancelled while paused in the debugger: the kernel unwound the script with an error of its own.
      if (this.debug.pausedMs && Atomics.load(this.control, Control.Cancel)) this.stopReason ??= 'cancelled';
      if (this.stopReason) this.throwStop();
      const kind = this.limitOf(err);
      if (kind) {
        this.stopReason = kind;
        this.throwStop();
      }
      this.reportError(err, 'uncaught');
      throw new StopRun({ status: 'error', exitCode: 1, message: 'the script ended with an uncaught error' });
    } finally {
      err.dispose();
    }
  }

  private limitOf(err: QuickJSHandle): LimitKind | undefined {
    const ctx = this.context;
    const heap = this.heap();
    // On a full heap QuickJS may not even manage to allocate its error object and throws null instead, and
    // inspecting the value may itself fail: both mean the memory limit.
    const heapFull = heap.max - heap.size < HEAP_FULL_MARGIN;
    let type: string;
    try {
      type = this.typeOf(err);
    } catch {
      return heapFull ? 'memory' : undefined;
    }
    if (type !== 'object') return heapFull && (type === 'null' || type === 'undefined') ? 'memory' : undefined;
    let name: QuickJSHandle | undefined;
    let message: QuickJSHandle | undefined;
    try {
      name = ctx.getProp(err, 'name');
      message = ctx.getProp(err, 'message');
      const n = this.typeOf(name) === 'string' ? ctx.getString(name) : '';
      const m = this.typeOf(message) === 'string' ? ctx.getString(message) : '';
      if (n === 'InternalError' && m === 'out of memory') return 'memory';
      if ((n === 'InternalError' && m === 'stack overflow') || (n === 'RangeError' && m === 'Maximum call stack size exceeded')) return 'stack';
      if (n === 'InternalError' && m === 'interrupted') return this.stopReason === 'cancelled' ? undefined : (this.stopReason ?? 'timeout') as LimitKind;
      return undefined;
    } catch {
      return heapFull ? 'memory' : undefined;
    } finally {
      name?.dispose();
      message?.dispose();
    }
  }

  /** Emits an `error` event for a thrown value, with its stack mapped to original sources. */
  reportError(err: QuickJSHandle, kind: 'uncaught' | 'unhandledRejection'): void {
    this.emit({ type: 'error', kind, error: this.errorInfo(err) });
  }

  /** Describes a thrown value: name, message, mapped stack. */
  errorInfo(err: QuickJSHandle): ErrorInfo {
    const raw = this.callBridge('errorInfo', [err], (h) => this.read(h)) as { name?: string; message?: string; stack?: string; thrown?: string } | undefined;
    const info = raw ?? { name: 'Error', message: 'the error could not be inspected' };
    const frames = this.maps.frames(info.stack ?? '');
    const name = info.name ?? 'Error';
    const message = this.modules.explainLinkError(info.message ?? '');
    const head = info.thrown !== undefined ? `Uncaught ${info.thrown}` : message ? `${name}: ${message}` : name;
    // QuickJS gives a syntax error found while compiling one nameless location and no frame (nothing ran yet).
    const rawFrames = (info.stack ?? '').split('\n').filter((l) => /^\s+at /.test(l));
    if (name === 'SyntaxError' && frames.length === 1 && rawFrames.length === 1 && /^\s+at [^(]*:\d+:\d+\s*$/.test(rawFrames[0]!)) {
      return { name, message, stack: compileErrorText(frames[0]!, head), frames, compile: true };
    }
    return { name, message, stack: frames.length ? `${head}\n${formatFrames(frames)}` : head, frames, thrown: info.thrown };
  }

  private reportHostError(e: Error): Omit<RunOutcome, 'durationMs'> {
    const name = e instanceof ModuleLoadError ? 'ModuleLoadError' : e.name || 'Error';
    this.emit({ type: 'error', kind: 'uncaught', error: { name, message: e.message, stack: `${name}: ${e.message}`, frames: [] } });
    return { status: 'error', exitCode: 1, message: e.message };
  }

  private emitResult(value: QuickJSHandle): void {
    const text = this.callBridge('inspect', [value], (h) => this.context.getString(h)) ?? '';
    const ref = this.callBridge('ref', [value], (h) => this.read(h)) as RemoteValue | undefined;
    this.emit({ type: 'result', text, value: ref });
  }

  /**
   * Plain data (kernel results, the memory report) out of QuickJS as JSON text made by the platform kernel.
   * Not `QuickJSContext.dump`: it uses QuickJS's JSON.stringify, which a setter on Array.prototype[0] hijacks.
   * Not `getOwnPropertyNames`/`getLength`: quickjs-emscripten 0.32 reads their results through a typed array
   * made once over the wasm heap, which goes stale when the heap grows, and then frees garbage pointers.
   */
  read(h: QuickJSHandle): unknown {
    const r = this.context.callFunction(this.serializeFn, this.context.undefined, h);
    if (r.error) {
      r.error.dispose();
      return undefined;
    }
    try {
      return JSON.parse(this.context.getString(r.value)) as unknown;
    } finally {
      r.value.dispose();
    }
  }

  /** Calls `bridge[method](...args)` and converts the result; returns undefined when it throws. */
  callBridge<T>(method: string, args: QuickJSHandle[], convert: (h: QuickJSHandle) => T): T | undefined {
    const ctx = this.context;
    const fn = ctx.getProp(this.bridge, method);
    try {
      const r = this.guard(() => ctx.callFunction(fn, this.bridge, ...args));
      if (r.error) {
        r.error.dispose();
        return undefined;
      }
      try {
        return convert(r.value);
      } finally {
        r.value.dispose();
      }
    } finally {
      fn.dispose();
    }
  }

  /** Pages through the children of a remote value. */
  children(id: number, filter?: string, start?: number, count?: number): RemoteProperty[] {
    const ctx = this.context;
    const args = [ctx.newNumber(id), filter ? ctx.newString(filter) : ctx.undefined, ctx.newNumber(start ?? 0), ctx.newNumber(count ?? 1e9)];
    try {
      return (this.callBridge('children', args, (h) => this.read(h)) as RemoteProperty[] | undefined) ?? [];
    } finally {
      for (const a of args) a.dispose();
    }
  }

  /** An array of plain objects as a table of previews, read in one call; undefined when the value is not one. */
  records(id: number, maxRows: number, maxColumns: number): RecordTable | undefined {
    const ctx = this.context;
    const args = [ctx.newNumber(id), ctx.newNumber(maxRows), ctx.newNumber(maxColumns)];
    try {
      return (this.callBridge('records', args, (h) => this.read(h)) as RecordTable | null | undefined) ?? undefined;
    } finally {
      for (const a of args) a.dispose();
    }
  }

  /** Runs a getter that `children` left unevaluated. */
  invokeGetter(id: number, name: string): RemoteValue | undefined {
    const ctx = this.context;
    const args = [ctx.newNumber(id), ctx.newString(name)];
    try {
      return this.callBridge('invokeGetter', args, (h) => this.read(h)) as RemoteValue | undefined;
    } finally {
      for (const a of args) a.dispose();
    }
  }

  /**
   * Names for tab completion: the properties (own and inherited) of `globalThis` when `expression` is empty, else of
   * the value of `expression`, a dotted name such as `Math` or `config.server`, evaluated in the global scope.
   * Only between runs: evaluating may run getters, which must not interleave with a run's own code. The evaluation
   * gets its own short deadline, so a getter that never returns cannot hang the prompt.
   */
  completions(expression: string): string[] {
    if (this.running || (expression && !DOTTED_NAME.test(expression))) return [];
    const saved = { deadline: this.deadline, stopReason: this.stopReason };
    // A cancelled run leaves the flag set until the next run starts; between runs it means nothing.
    Atomics.store(this.control, Control.Cancel, 0);
    this.deadline = performance.now() + 2000; // generous: a loaded machine must not turn a Tab into nothing
    this.stopReason = undefined;
    const ctx = this.context;
    try {
      const r = this.guard(() => ctx.evalCode(expression || 'globalThis', '<completion>', { type: 'global' }));
      if (r.error) {
        r.error.dispose();
        return [];
      }
      try {
        return (this.callBridge('propertyNames', [r.value], (h) => this.read(h)) as string[] | undefined) ?? [];
      } finally {
        r.value.dispose();
      }
    } finally {
      this.deadline = saved.deadline;
      this.stopReason = saved.stopReason;
    }
  }

  /** Releases remote references (all when `id` is undefined). */
  release(id?: number): void {
    const ctx = this.context;
    const args = id === undefined ? [] : [ctx.newNumber(id)];
    try {
      this.callBridge('release', args, () => undefined);
    } finally {
      for (const a of args) a.dispose();
    }
  }

  /** The runtime's memory report. */
  memoryStats(classes: boolean): MemoryStats {
    return readMemoryStats(this.runtime, (h) => this.read(h), this.options.memoryLimitBytes, classes, performance.now() - this.createdAt, this.heap());
  }

  private clearPending(): void {
    this.timers.clearAll();
    this.ops.clear();
  }

  /** Disposes every handle, then the context and runtime; in leak-check mode throws if anything leaked. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.abort.abort();
    this.timers.clearAll();
    this.ops.close();
    this.uncaught?.dispose();
    this.debug.dispose?.();
    this.bridge.dispose();
    this.typeOfFn.dispose();
    this.serializeFn.dispose();
    this.platform.dispose();
    this.context.dispose();
    this.runtime.dispose();
  }
}
