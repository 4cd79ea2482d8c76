/**
 * One sandbox inside the engine worker: a QuickJS runtime and context with limits, the kernels that provide
 * host APIs, and the event loop that runs timers and host operations until the script is done.
 * The parts live beside it by concept: the host functions (`hostBindings.ts`), the run's limits (`runLimits.ts`),
 * reading values out of QuickJS (`valueBridge.ts`), describing errors (`errorInfo.ts`), memory samples (`memory.ts`).
 * Every QuickJS handle created here is disposed on every path; `dispose` proves it in leak-check mode.
 */
import { Scope, type QuickJSContext, type QuickJSHandle, type QuickJSRuntime } from 'quickjs-emscripten-core';
import type { ErrorInfo, MemoryStats, RecordTable, RemoteProperty, RemoteValue, RunOutcome, RunRequest, SandboxEvent } from '../api';
import type { DebugEvent } from '../debug/api';
import type { ResolvedOptions } from '../options';
import type { BundleCache } from './bundleCache';
import { ModuleHost, loadResolverModule, type PreparedSource } from './modules';
import { Permissions } from './permissions';
import { HostOps } from './hostOps';
import { TimerQueue, wakeableWait } from './timers';
import { SourceMaps } from './stacks';
import { MemorySampler, heapOnlyStats, readMemoryStats } from './memory';
import type { WarmEngine } from './warmEngine';
import { connectWebKernel, globalsSink, installPlatformKernel, type HostBindingsDeps } from './hostBindings';
import { EngineCrashed, RunLimits, StopRun, guard } from './runLimits';
import { ValueBridge, consumeResult, type CallResult } from './valueBridge';
import { describeError, hostErrorInfo, type RawErrorInfo } from './errorInfo';

export { EngineCrashed };

/** `a`, `a.b.c`: what tab completion may evaluate (no calls, no operators, so nothing but getters can run). */
const DOTTED_NAME = /^[\p{ID_Start}$_][\p{ID_Continue}$\u200c\u200d]*(?:\.[\p{ID_Start}$_][\p{ID_Continue}$\u200c\u200d]*)*$/u;

/** Hooks the debugger installs; all optional so that a plain run pays nothing. */
export interface DebugHooks {
  /** Rewrites each source before QuickJS compiles it. */
  /** With 'auto', the instrumenter's parse decides whether the code is a script or a module (and says which). */
  /**
   * `sources`: a package bundle's files, which decide whether it needs the hooks (see FileRegistry.debugs); `cache`:
   * the disk cache of bundles, which keeps a bundle's instrumentation too (debug/instrumentCache.ts).
   */
  instrument?(
    code: string,
    filename: string,
    type: 'script' | 'module' | 'auto',
    maps: SourceMaps,
    sources?: readonly string[],
    cache?: BundleCache,
  ): { code: string; type: 'script' | 'module' };
  /** Called from the interrupt handler, so that pause requests reach a tight loop. */
  onInterrupt?(): void;
  /** Called after the kernels are installed, before the first run. */
  install?(ctx: QuickJSContext, sandbox: SandboxContext): void;
  /** Called before the context is disposed, to release the debugger's handles. */
  dispose?(): void;
  /** Called with an error that ends the run uncaught, before it is reported: the debugger may stop at it. */
  onUncaught?(err: QuickJSHandle): void;
  /** Milliseconds the script has spent paused in the debugger: the run's time limit leaves them out. */
  pausedMs?(): number;
}

/** Where events go; `tick` lets batched events out while a script computes. */
type Emit = ((event: SandboxEvent | DebugEvent) => void) & { tick?: () => void };

export class SandboxContext {
  readonly runtime: QuickJSRuntime;
  readonly context: QuickJSContext;
  readonly maps = new SourceMaps();
  /** Handles the sandbox holds for its whole life, disposed (last made, first) before the context. */
  private readonly owned = new Scope();
  /** The platform kernel's exports (`runTimer`, `typeOf`, `serialize`...). */
  private readonly platform: QuickJSHandle;
  private readonly values: ValueBridge;
  /** The values bridge (kernel/values/): the debug kernel renders with it, so every view shows a value alike. */
  get valuesBridge(): QuickJSHandle {
    return this.values.kernelBridge;
  }
  private readonly limits: RunLimits;
  private readonly sampler: MemorySampler;
  private readonly permissions: Permissions;
  private readonly modules: ModuleHost;
  private readonly timers = new TimerQueue();
  /** Host operations the script awaits (file reads, fetches, async host functions); pending ones keep a run alive. */
  readonly ops: HostOps;
  private readonly abort = new AbortController();
  /** The first error reported as uncaught while jobs ran (reportError, a throwing listener): owned until thrown. */
  private uncaught: QuickJSHandle | undefined;
  private readonly createdAt = performance.now();
  private disposed = false;
  /** True from the start of a run to its end, including while it awaits timers or host operations. */
  private running = false;

  constructor(
    warm: WarmEngine,
    readonly options: ResolvedOptions,
    private readonly emit: Emit,
    control: Int32Array,
    private readonly heap: () => { size: number; max: number },
    private readonly debug: DebugHooks = {},
  ) {
    this.runtime = warm.runtime;
    this.context = warm.context;
    this.ops = new HostOps(this.context);
    this.runtime.setMaxStackSize(options.stackSizeBytes);
    this.limits = new RunLimits(options, control, emit, heap, () => this.debug.pausedMs?.() ?? 0);
    this.sampler = new MemorySampler(
      options.memorySampleIntervalMs,
      (now) => heapOnlyStats(options.memoryLimitBytes, now - this.createdAt, this.heap()),
      () => this.memoryStats(false),
      (stats) => this.emit({ type: 'memory', stats }),
    );
    warm.interrupt = () => this.shouldInterrupt();
    this.permissions = new Permissions(options.cwd, options.permissions.read, options.permissions.net, options.permissions.env, options.permissions.envValues, undefined,
      (denial) => this.emit({ type: 'denied', ...denial }));
    const host: HostBindingsDeps = {
      ctx: this.context,
      options,
      timers: this.timers,
      ops: this.ops,
      permissions: this.permissions,
      limits: this.limits,
      maps: this.maps,
      signal: this.abort.signal,
      emit,
      typeOf: (h) => this.typeOf(h),
      reportUncaught: (err) => {
        this.uncaught ??= err.dup();
      },
      now: () => performance.now() - this.createdAt,
    };
    warm.sink = globalsSink(host);
    const roots = [options.cwd, ...options.permissions.read];
    const instrument = debug.instrument
      ? (code: string, filename: string, type: 'script' | 'module' | 'auto', sources?: readonly string[], cache?: BundleCache) =>
          debug.instrument!(code, filename, type, this.maps, sources, cache)
      : undefined;
    const resolver = options.moduleResolver ? loadResolverModule(options.moduleResolver) : undefined;
    this.modules = new ModuleHost(roots, options.staticModules, this.maps, instrument, resolver, options.nodeEnv, options.cacheDir);
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
    this.platform = this.owned.manage(installPlatformKernel(host));
    connectWebKernel(this.context, warm.web, this.platform);
    this.values = this.owned.manage(new ValueBridge(this.context, warm.bridge, warm.plainResult, this.platform));
    this.debug.install?.(this.context, this);
  }

  private shouldInterrupt(): boolean {
    const now = performance.now();
    if (this.limits.interrupted(now)) return true;
    this.sampler.maybeSample(now);
    this.emit.tick?.();
    this.debug.onInterrupt?.();
    return false;
  }

  /** `typeof` of a value, with `null` as 'null' (see `ValueBridge.typeOf`). */
  typeOf(h: QuickJSHandle): string {
    return this.values.typeOf(h);
  }

  /** Runs one request to completion: the code, then its timers and host operations. */
  async run(request: RunRequest): Promise<RunOutcome> {
    const started = performance.now();
    this.running = true;
    this.limits.start(started);
    let phases: RunOutcome['phases'];
    const finish = (o: Omit<RunOutcome, 'durationMs'>): RunOutcome => ({ ...o, durationMs: performance.now() - started, ...(phases && { phases }) });
    /** The promise of a module's (or an async cell's) completion, settled by the event loop. */
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
      this.setScript(source.filename);
      const result = guard(() => this.context.evalCode(source.code, source.filename, { type: source.type === 'module' ? 'module' : 'global' }));
      phases = { prepareMs: prepared - started, evaluateMs: performance.now() - prepared };
      if (result.error) this.throwFromError(result.error);
      tla = Scope.withScope((scope) => {
        const value = scope.manage(result.value);
        if (source.type === 'module') return this.typeOf(value) === 'object' && this.values.isPromise(value) ? value.dup() : undefined;
        if (this.values.isPromise(value)) return value.dup();
        if (this.typeOf(value) !== 'undefined') this.emitResult(value);
        return undefined;
      });
      await this.eventLoop();
      if (tla) {
        const state = this.context.getPromiseState(tla);
        if (state.type === 'rejected') {
          Scope.withScope((scope) => {
            const err = scope.manage(state.error);
            this.debugUncaught(err);
            this.reportError(err, source.type === 'module' ? 'uncaught' : 'unhandledRejection');
          });
          return finish({ status: 'error', exitCode: 1, message: 'the script ended with an uncaught error' });
        }
        if (state.type === 'fulfilled') {
          Scope.withScope((scope) => {
            const value = scope.manage(state.value);
            if (source.type === 'script' && this.typeOf(value) !== 'undefined') this.emitResult(value);
          });
        } else if (source.type === 'module') {
          return finish({ status: 'error', exitCode: 13, message: 'the module\'s top-level await never settled: nothing was left that could settle it (no timer, no pending fetch or file read)' });
        }
      }
      const exitCode = this.processExitCode();
      if (exitCode !== 0) return finish({ status: 'error', exitCode, message: `the script set process.exitCode to ${exitCode}` });
      return finish({ status: 'completed', exitCode: 0 });
    } catch (e) {
      if (e instanceof StopRun) return finish(e.outcome);
      throw e;
    } finally {
      this.running = false;
      tla?.dispose();
      this.uncaught?.dispose();
      this.uncaught = undefined;
      this.clearPending();
      this.limits.end();
    }
  }

  private drainJobs(): void {
    for (;;) {
      const r = guard(() => this.runtime.executePendingJobs(-1));
      if (r.error) this.throwFromError(r.error);
      const n = r.value;
      if (this.uncaught) {
        const err = this.uncaught;
        this.uncaught = undefined;
        this.throwFromError(err);
      }
      if (this.limits.stopReason) this.limits.throwStop();
      if (n === 0) return;
    }
  }

  private async eventLoop(): Promise<void> {
    const cancelled = () => this.limits.cancelRequested();
    for (;;) {
      this.drainJobs();
      const next = this.timers.next();
      // Weak timers fire while something else keeps the run alive, and never keep it alive themselves.
      if (next && (this.timers.hasStrong() || this.ops.size > 0)) {
        const wait = Math.min(next.due, this.limits.deadlineNow(), this.sampler.nextDue()) - performance.now();
        if (wait > 0) await wakeableWait(wait, cancelled, (wake) => this.ops.onSettle(wake));
        this.checkBetweenJobs();
        this.fireDueTimers();
        continue;
      }
      if (this.ops.size > 0) {
        await wakeableWait(Math.min(this.limits.deadlineNow(), this.sampler.nextDue()) - performance.now(), cancelled, (wake) => this.ops.onSettle(wake));
        this.checkBetweenJobs();
        continue;
      }
      return;
    }
  }

  private checkBetweenJobs(): void {
    const now = performance.now();
    this.limits.checkBetweenJobs(now);
    this.sampler.maybeSample(now);
  }

  /** `process.exitCode` as the script left it (platform.kernel.js), for a run that ended by itself. */
  private processExitCode(): number {
    return Scope.withScope((scope) => {
      const fn = scope.manage(this.context.getProp(this.platform, 'exitCode'));
      const code = scope.manage(this.context.unwrapResult(this.context.callFunction(fn, this.platform)));
      return this.context.getNumber(code);
    });
  }

  /** `process.argv[1]` for the run about to start (platform.kernel.js). */
  private setScript(file: string): void {
    Scope.withScope((scope) => {
      const fn = scope.manage(this.context.getProp(this.platform, 'setScript'));
      const name = scope.manage(this.context.newString(file));
      scope.manage(this.context.unwrapResult(this.context.callFunction(fn, this.platform, name)));
    });
  }

  private fireDueTimers(): void {
    for (const t of this.timers.due(performance.now())) {
      if (!this.timers.has(t.id)) continue; // cleared by an earlier callback
      this.timers.fired(t);
      const r = Scope.withScope((scope): CallResult => {
        const fn = scope.manage(this.context.getProp(this.platform, 'runTimer'));
        const id = scope.manage(this.context.newNumber(t.id));
        return guard(() => this.context.callFunction(fn, this.platform, id));
      });
      if (r.error) this.throwFromError(r.error);
      r.value.dispose();
      this.drainJobs();
    }
  }

  /** Lets the debugger stop at an error that ends the run; the user may stop the run there. */
  private debugUncaught(err: QuickJSHandle): void {
    if (!this.debug.onUncaught) return;
    this.debug.onUncaught(err);
    this.limits.checkBetweenJobs(performance.now());
  }

  /** Classifies an exception that reached the top: a limit, or an uncaught error. Takes `err`. */
  private throwFromError(err: QuickJSHandle): never {
    Scope.withScope((scope) => {
      scope.manage(err);
      // Cancelled while paused in the debugger: the kernel unwound the script with an error of its own.
      if (this.debug.pausedMs && this.limits.cancelRequested()) this.limits.stopReason ??= 'cancelled';
      if (this.limits.stopReason) this.limits.throwStop();
      const kind = this.limits.limitOf(err, this.values);
      if (kind) {
        this.limits.stopReason = kind;
        this.limits.throwStop();
      }
      this.debugUncaught(err);
      this.reportError(err, 'uncaught');
    });
    throw new StopRun({ status: 'error', exitCode: 1, message: 'the script ended with an uncaught error' });
  }

  /** Emits an `error` event for a thrown value, with its stack mapped to original sources. */
  reportError(err: QuickJSHandle, kind: 'uncaught' | 'unhandledRejection'): void {
    this.emit({ type: 'error', kind, error: this.errorInfo(err) });
  }

  /** Describes a thrown value: name, message, mapped stack. */
  errorInfo(err: QuickJSHandle): ErrorInfo {
    return describeError(this.values.errorInfo(err) as RawErrorInfo | undefined, this.maps, (m, name, frames) => this.modules.explainError(m, name, frames));
  }

  private reportHostError(e: Error): Omit<RunOutcome, 'durationMs'> {
    this.emit({ type: 'error', kind: 'uncaught', error: hostErrorInfo(e) });
    return { status: 'error', exitCode: 1, message: e.message };
  }

  private emitResult(value: QuickJSHandle): void {
    const { text, ref } = this.values.result(value);
    this.emit({ type: 'result', text, value: ref });
  }

  /** Plain data out of QuickJS (see `ValueBridge.read`); the debug controller reads its kernel's results with it. */
  read(h: QuickJSHandle): unknown {
    return this.values.read(h);
  }

  /** Plain host data into QuickJS (see `ValueBridge.write`); host functions' results take this way. */
  write(v: unknown): QuickJSHandle {
    return this.values.write(v);
  }

  /** Calls `bridge[method](...args)` and converts the result; returns undefined when it throws. */
  callBridge<T>(method: string, args: QuickJSHandle[], convert: (h: QuickJSHandle) => T): T | undefined {
    return this.values.call(method, args, convert);
  }

  /** Pages through the children of a remote value. */
  children(id: number, filter?: string, start?: number, count?: number): RemoteProperty[] {
    return this.values.children(id, filter, start, count);
  }

  /** An array of plain objects as a table of previews, read in one call; undefined when the value is not one. */
  records(id: number, maxRows: number, maxColumns: number): RecordTable | undefined {
    return this.values.records(id, maxRows, maxColumns);
  }

  /** Runs a getter that `children` left unevaluated. */
  invokeGetter(id: number, name: string): RemoteValue | undefined {
    return this.values.invokeGetter(id, name);
  }

  /**
   * Names for tab completion: the properties (own and inherited) of `globalThis` when `expression` is empty, else of
   * the value of `expression`, a dotted name such as `Math` or `config.server`, evaluated in the global scope.
   * Only between runs: evaluating may run getters, which must not interleave with a run's own code. The evaluation
   * gets its own short deadline (generous: a loaded machine must not turn a Tab into nothing).
   */
  completions(expression: string): string[] {
    if (this.running || (expression && !DOTTED_NAME.test(expression))) return [];
    return this.limits.withShortDeadline(2000, () => {
      const r = guard(() => this.context.evalCode(expression || 'globalThis', '<completion>', { type: 'global' }));
      return consumeResult(r, (value) => this.values.propertyNames(value), []);
    });
  }

  /** The files on disk the last run read its entry and local imports from. */
  moduleFiles(): string[] {
    return [...this.modules.files];
  }

  /** Releases remote references (all when `id` is undefined). */
  release(id?: number): void {
    this.values.release(id);
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
    this.owned.dispose();
    this.context.dispose();
    this.runtime.dispose();
  }
}
