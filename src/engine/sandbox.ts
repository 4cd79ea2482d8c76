/**
 * The host side of one sandbox: the API everything else uses (CLI, debug adapter, extension, notebook).
 * The engine itself runs in a worker thread; this class never blocks its caller's thread.
 */
import type { MemoryStats, RecordTable, RemoteProperty, RemoteValue, RunOutcome, RunRequest, SandboxEvent, SandboxOptions } from './api';
import type { DebugEvent, DebugTarget } from './debug/api';
import { SandboxOptionError, formatBytes, limitEvent, limitMessage, resolveOptions, type ResolvedOptions } from './options';
import { acquireWorker, recyclable, releaseWorker, type EngineWorker } from './pool';
import { Control, INITIAL_MEMORY_PAGES, type HostMessage, type WorkerMessage } from './protocol';
import { remoteDebugTarget } from './debug/target';
import { HostFunctionServer, checkHostFunctions } from './hostFunctions';

/** Thrown by methods of a sandbox whose engine is gone (disposed or crashed). */
export class SandboxDisposedError extends Error {
  override name = 'SandboxDisposedError';
}

/** How long a worker may ignore a stop request before it is terminated (it is stuck inside one native call). */
const STOP_GRACE_MS = 1500;

/**
 * How long a dispose waits for the worker to free the sandbox before ending it unchecked. The leak-checking build
 * also scans its whole memory for leaks, several times slower on a loaded machine: given longer, so that its check
 * is not skipped.
 */
const disposeWaitMs = (o: ResolvedOptions) => (o.leakCheck ? 60_000 : 5000);

type Listener = (e: SandboxEvent | DebugEvent) => void;

export class Sandbox {
  private readonly listeners = new Set<Listener>();
  private nextId = 1;
  private readonly pendingRequests = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  private currentRun: { runId: number; resolve: (o: RunOutcome) => void; started: number } | undefined;
  private dead: string | undefined;
  private watchdog: NodeJS.Timeout | undefined;
  /** When the armed watchdog fires, and how long it had left when the debugger paused the script. */
  private watchdogDue = 0;
  private watchdogLeft: number | undefined;
  /** Present when the sandbox was created with `debug: true` and the engine's debug hooks are available. */
  debug?: DebugTarget;
  /** Answers the script's calls of the embedder's host functions; its port goes to the worker with the first configure. */
  private hostFunctions: HostFunctionServer | undefined;
  private hostCallsSent = false;
  /** Unhooks this sandbox from its worker, which may serve another sandbox after this one (see `dispose`). */
  private readonly detach: Array<() => void> = [];

  private constructor(private readonly worker: EngineWorker, readonly options: ResolvedOptions, private readonly stopOnEntry: boolean, hostFunctions?: SandboxOptions['hostFunctions']) {
    this.detach.push(worker.onMessage((m) => this.onMessage(m)), worker.onExit(() => this.onWorkerExit()));
    if (hostFunctions) {
      const server = (this.hostFunctions = new HostFunctionServer(hostFunctions, worker.control));
      this.detach.push(worker.onExit(() => server.close()), () => server.close());
    }
  }

  /** Creates a sandbox: a fresh QuickJS runtime and context in a (pre-warmed) worker thread. */
  static async create(options: SandboxOptions & { debug?: boolean } = {}): Promise<Sandbox> {
    const resolved = resolveOptions(options);
    const hostFunctions = checkHostFunctions(options.hostFunctions);
    const worker = await acquireWorker(resolved);
    const sandbox = new Sandbox(worker, resolved, !!options.stopOnEntry, hostFunctions);
    await sandbox.configure();
    if (resolved.debug) sandbox.debug = remoteDebugTarget({ send: (call) => sandbox.ask((reqId) => ({ type: 'debug', reqId, call })), control: worker.control });
    return sandbox;
  }

  /**
   * Replaces the QuickJS runtime and context with fresh ones in the same worker: a new realm, as `create` gives,
   * without starting a thread (a few ms instead of about 100). Breakpoints and exception filters go with the old
   * context; the options stay. For runners of many small isolated programs (the test262 conformance script).
   */
  async renew(): Promise<void> {
    if (this.dead) throw new SandboxDisposedError(this.dead);
    if (this.currentRun) throw new Error('a run is in progress in this sandbox; wait for it or cancel it before renewing');
    await this.configure();
  }

  /**
   * Has the worker apply the options to a fresh context. Resolved once it has: a bad option (a resolver module that
   * does not load) fails here, not as the first run's crash, and the first run does not pay for configuring.
   */
  private configure(): Promise<void> {
    const worker = this.worker;
    const configured = new Promise<void>((resolve, reject) => {
      const offExit = worker.onExit(() => reject(new SandboxDisposedError(worker.fatalMessage ?? 'the engine worker exited while being configured')));
      const off = worker.onMessage((m) => {
        if (m.type !== 'configured') return;
        off();
        offExit();
        if (m.error) reject(new SandboxOptionError(m.error));
        else resolve();
      });
    });
    const hostCalls = this.hostFunctions?.init;
    if (hostCalls && !this.hostCallsSent) {
      this.hostCallsSent = true;
      worker.post({ type: 'configure', options: this.options, stopOnEntry: this.stopOnEntry, hostCalls }, [hostCalls.port]);
    } else {
      worker.post({ type: 'configure', options: this.options, stopOnEntry: this.stopOnEntry });
    }
    return configured;
  }

  /** Subscribes to events; returns the unsubscribe function. */
  onEvent(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private fire(e: SandboxEvent | DebugEvent): void {
    for (const l of this.listeners) {
      try {
        l(e);
      } catch {
        // A failing listener must not stop the others or the engine's message handling.
      }
    }
  }

  /** Runs a file or source text; resolves when it has ended, however it ended. Runs on one sandbox queue up. */
  run(request: RunRequest): Promise<RunOutcome> {
    if (this.dead) return Promise.reject(new SandboxDisposedError(this.dead));
    if (this.currentRun) return Promise.reject(new Error('a run is already in progress in this sandbox; wait for it or cancel it'));
    const runId = this.nextId++;
    return new Promise<RunOutcome>((resolve) => {
      this.currentRun = { runId, resolve, started: performance.now() };
      this.worker.post({ type: 'run', runId, request });
      this.armWatchdog();
    });
  }

  /** The host's own timeout: if the engine cannot interrupt itself (stuck in a native call), end the worker. */
  private armWatchdog(after?: number): void {
    const t = this.options.timeoutMs;
    if (!t) return;
    // The engine stops itself at the timeout; this only catches a worker stuck inside one native call (a regexp,
    // JSON.stringify of deep nesting). Both delays scale with the timeout so the stop stays within twice it.
    const ms = after ?? t + Math.min(t / 4, 1000);
    this.watchdogDue = performance.now() + ms;
    this.watchdog = setTimeout(() => {
      if (!this.currentRun) return;
      this.worker.signalCancel('timeout');
      this.watchdog = setTimeout(() => this.kill('timeout'), Math.min(STOP_GRACE_MS, t / 2));
    }, ms);
    this.watchdog.unref?.();
  }

  /** Stops the current run. The sandbox stays usable unless the engine had to be terminated. */
  cancel(): void {
    if (!this.currentRun) return;
    this.worker.signalCancel();
    this.watchdogLeft = undefined;
    clearTimeout(this.watchdog);
    this.watchdog = setTimeout(() => this.kill('cancelled'), STOP_GRACE_MS);
  }

  private kill(reason: 'timeout' | 'cancelled'): void {
    if (!this.currentRun || this.dead) return;
    const run = this.currentRun;
    const message = reason === 'timeout' ? limitMessage('timeout', this.options) : 'the run was stopped';
    if (reason === 'timeout') this.fire(limitEvent('timeout', this.options));
    this.dead = `the engine was terminated because it did not stop by itself (${message}); create a new sandbox`;
    this.finishRun({
      status: reason === 'timeout' ? 'limit' : 'cancelled',
      exitCode: reason === 'timeout' ? 2 : 130,
      limit: reason === 'timeout' ? 'timeout' : undefined,
      message,
      durationMs: performance.now() - run.started,
    });
    void this.worker.terminate();
  }

  private finishRun(outcome: RunOutcome): void {
    const run = this.currentRun;
    if (!run) return;
    this.currentRun = undefined;
    this.watchdogLeft = undefined;
    clearTimeout(this.watchdog);
    this.fire({ type: 'exit', outcome });
    run.resolve(outcome);
  }

  private onMessage(m: WorkerMessage): void {
    switch (m.type) {
      case 'event':
        // Time paused in the debugger does not count: the engine's own deadline leaves it out too.
        if (m.event.type === 'stopped' && this.currentRun && this.watchdogLeft === undefined && this.watchdog) {
          this.watchdogLeft = Math.max(0, this.watchdogDue - performance.now());
          clearTimeout(this.watchdog);
        } else if (m.event.type === 'continued' && this.currentRun && this.watchdogLeft !== undefined) {
          const left = this.watchdogLeft;
          this.watchdogLeft = undefined;
          this.armWatchdog(left);
        }
        this.fire(m.event);
        break;
      case 'events':
        for (const e of m.events) this.fire(e);
        break;
      case 'runDone':
        if (this.currentRun?.runId === m.runId) this.finishRun(m.outcome);
        break;
      case 'reply': {
        const p = this.pendingRequests.get(m.reqId);
        this.pendingRequests.delete(m.reqId);
        if (p) m.ok ? p.resolve(m.value) : p.reject(new Error(m.error));
        break;
      }
      case 'fatal':
        this.dead = `the engine stopped: ${m.message}`;
        break;
      default:
        break;
    }
  }

  private onWorkerExit(): void {
    this.dead ??= 'the sandbox was disposed';
    for (const p of this.pendingRequests.values()) p.reject(new SandboxDisposedError(this.dead));
    this.pendingRequests.clear();
    if (this.currentRun) {
      const message = this.worker.fatalMessage || 'the engine worker exited unexpectedly';
      this.finishRun({ status: 'crashed', exitCode: 2, message, durationMs: performance.now() - this.currentRun.started });
    }
  }

  /** Sends a request to the worker and resolves with its reply. */
  request<T>(method: string, ...args: unknown[]): Promise<T> {
    return this.ask((reqId) => ({ type: 'request', reqId, method: method as never, args }));
  }

  /** Posts the message `make` builds around a fresh request id; resolves with the worker's reply to it. */
  private ask<T>(make: (reqId: number) => HostMessage): Promise<T> {
    if (this.dead) return Promise.reject(new SandboxDisposedError(this.dead));
    const reqId = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.pendingRequests.set(reqId, { resolve: resolve as (v: unknown) => void, reject });
      this.worker.post(make(reqId));
    });
  }

  /** QuickJS's memory report; with `classes`, object counts by class too. */
  memoryStats(options: { classes?: boolean } = {}): Promise<MemoryStats> {
    return this.request<MemoryStats>('memoryStats', !!options.classes);
  }

  /** The children of a remote value, paged. */
  children(id: number, filter?: 'indexed' | 'named', start?: number, count?: number): Promise<RemoteProperty[]> {
    return this.request<RemoteProperty[]>('children', id, filter, start, count);
  }

  /**
   * The first `maxRows` elements of an array of plain objects as a table of one-line previews (columns from
   * their own enumerable keys, at most `maxColumns`), in one request, stopping early past 4 Mi characters of
   * previews; undefined when the value is not such an array.
   */
  records(id: number, maxRows: number, maxColumns: number): Promise<RecordTable | undefined> {
    return this.request<RecordTable | undefined>('records', id, maxRows, maxColumns);
  }

  /** Runs a getter that was shown lazily. */
  invokeGetter(id: number, name: string): Promise<RemoteValue | undefined> {
    return this.request<RemoteValue | undefined>('invokeGetter', id, name);
  }

  /**
   * Names for tab completion between runs: the properties (own and inherited) of `globalThis` when `expression` is
   * empty, else of the value of `expression`, a dotted name (`Math`, `config.server`) evaluated in the global scope.
   * Anything that is not a dotted name, and any request during a run, gives `[]`.
   */
  completions(expression = ''): Promise<string[]> {
    return this.request<string[]>('completions', expression);
  }

  /**
   * The files on disk the last run read: its entry and every local module it imported (packages bundled from
   * node_modules are not listed). `run --watch` re-runs when one of them changes.
   */
  moduleFiles(): Promise<string[]> {
    return this.request<string[]>('moduleFiles');
  }

  /** Releases remote references (all of them when `id` is omitted). */
  release(id?: number): Promise<void> {
    return this.request<void>('release', id);
  }

  /** True once the engine is gone (disposed, crashed or terminated). */
  get disposed(): boolean {
    return this.dead !== undefined;
  }

  /**
   * Disposes the sandbox's runtime and context but keeps its worker, given a fresh runtime and context, for the
   * next sandbox (the pool's, see releaseWorker): nothing of this sandbox's realm survives, and the next creation
   * skips starting a thread and an engine.
   */
  private async recycle(): Promise<string | undefined> {
    const worker = this.worker;
    const { heapBytes, leak } = await new Promise<{ heapBytes?: number; leak?: string }>((resolve) => {
      const timer = setTimeout(() => resolve({}), disposeWaitMs(this.options));
      const offExit = worker.onExit(() => resolve({}));
      const off = worker.onMessage((m) => {
        if (m.type !== 'recycled') return;
        clearTimeout(timer);
        off();
        offExit();
        resolve(m);
      });
      worker.post({ type: 'recycle' });
    });
    this.dead = 'the sandbox was disposed';
    for (const off of this.detach.splice(0)) off();
    for (const p of this.pendingRequests.values()) p.reject(new SandboxDisposedError(this.dead));
    this.pendingRequests.clear();
    // A cancelled last run leaves the flag set; the next sandbox's requests between runs must not see it.
    Atomics.store(worker.control, Control.Cancel, 0);
    if (heapBytes !== undefined && heapBytes <= Math.max(RECYCLE_HEAP_MAX, worker.readyHeapBytes) && !worker.fatalMessage && !leak) releaseWorker(this.options, worker);
    else if (!worker.exited) await worker.terminate();
    return leak;
  }

  /**
   * Ends the sandbox: cancels a run, disposes every QuickJS handle and the worker. Resolves with the leak report
   * of the debug build (`leakCheck`), which is undefined when nothing leaked. An engine that was already gone
   * (crashed or terminated, see `disposed`) cannot be checked and also resolves undefined: check `disposed` first.
   */
  async dispose(): Promise<string | undefined> {
    if (this.dead) {
      if (!this.worker.exited) await this.worker.terminate();
      return undefined;
    }
    this.cancel();
    if (this.currentRun) await new Promise<void>((r) => this.onEvent((e) => e.type === 'exit' && r()));
    if (this.dead) return undefined;
    if (recyclable(this.options)) return this.recycle();
    const leak = await new Promise<string | undefined>((resolve) => {
      const timer = setTimeout(() => resolve(undefined), disposeWaitMs(this.options));
      this.worker.onMessage((m) => {
        if (m.type === 'disposed') {
          clearTimeout(timer);
          resolve(m.leak);
        }
      });
      this.worker.post({ type: 'dispose' });
    });
    this.dead = 'the sandbox was disposed';
    if (!this.worker.exited) await this.worker.terminate();
    return leak;
  }
}

/**
 * Most engine memory a disposed sandbox's worker may have grown to and still serve the next sandbox: the size a
 * fresh worker starts with. WebAssembly memory never shrinks; a worker whose engine grew beyond it is ended, so that
 * every sandbox starts with the heap, the headroom under its limit and the resident memory of a fresh one. A worker
 * that was larger when it reported ready (the leak-checking build's sanitizer takes ~100 MB) may keep that size.
 */
const RECYCLE_HEAP_MAX = INITIAL_MEMORY_PAGES * 65536;

/** A one-line description of a sandbox's limits, for headers and logs. */
export function describeLimits(o: ResolvedOptions): string {
  return `memory ${o.memoryLimitBytes ? formatBytes(o.memoryLimitBytes) : 'unlimited'}, stack ${formatBytes(o.stackSizeBytes)}, timeout ${o.timeoutMs ? `${o.timeoutMs / 1000} s` : 'none'}`;
}
