/**
 * The one message protocol between the host (`Sandbox`) and its engine worker.
 * Everything here is structured-clone data. Urgent signals (cancel, pause) also travel through
 * a shared control buffer, because a worker busy running a script reads no messages.
 */
import type { MemoryStats, RemoteProperty, RunOutcome, RunRequest, SandboxEvent } from './api';
import type { DebugEvent } from './debug/api';
import type { DebugCall } from './debug/protocol';
import type { MessagePort } from 'node:worker_threads';
import type { ResolvedOptions } from './options';
import type { CodeCacheInit } from './codeCache';

/** Indexes into the control buffer (`Int32Array` over a `SharedArrayBuffer`). */
export const enum Control {
  /** Non-zero: stop the current run: 1 cancelled by the user, 2 the host's timeout watchdog. */
  Cancel = 0,
  /** Non-zero: the debugger asks the script to pause at the next statement. */
  Pause = 1,
  /** Bumped with `Atomics.notify` to wake a worker blocked in `Atomics.wait`. */
  Wake = 2,
  /**
   * Non-zero: a creation is waiting for this worker, still starting: it skips its warm-up trip (WorkerInit.warmUp), or
   * what is left of it. Shared memory rather than a message: the worker reads it without turning its event loop.
   */
  Waited = 3,
  /** Number of slots. */
  Size = 4,
}

/** The engine's WebAssembly memory when a worker starts, in 64 KiB pages (16 MiB); it grows up to `memoryPages`. */
export const INITIAL_MEMORY_PAGES = 256;

/** Data the worker starts with. */
export interface WorkerInit extends CodeCacheInit {
  /** The compiled engine; absent when the worker was started while it compiled: then the first message brings it. */
  wasmModule?: WebAssembly.Module;
  variant: string;
  control: SharedArrayBuffer;
  /** Maximum size of the engine's WebAssembly memory in 64 KiB pages: this is how the memory limit is enforced. */
  memoryPages: number;
  /**
   * Exercise the run path on a throwaway engine before reporting ready (see worker.ts), so that a fresh sandbox's
   * first run costs what later ones do; skipped on a cold start, where it would only delay the caller (pool.ts).
   */
  warmUp: boolean;
  /** Set `v8Flags` in the process once the thread has booted, then say so (`v8FlagsSet`): see v8Flags.ts. */
  applyV8Flags?: boolean;
}

/**
 * The workerData of a thread started before its options were known (pool.ts `prestart`): the thread waits on this
 * buffer's first int32 until the host has posted its `init` message, which it then takes synchronously.
 */
export interface PrestartData {
  initSignal: SharedArrayBuffer;
}

/** What the worker's entry (workerBoot.ts) leaves for the bundle, under this global key, in the worker's own isolate. */
export const BOOT_KEY = Symbol.for('quickjs-sandbox.workerBoot');

/** The worker entry's handle: whether the host should get a new code cache, and how to make one. */
export interface WorkerBoot {
  /** True when the worker was given no cache, or V8 rejected the one it was given. */
  wantsCodeCache: boolean;
  createCachedData(): Uint8Array;
  /** Where the worker writes the cache it makes (codeCache.ts), if the host has a cache folder. */
  cacheFile(): string | undefined;
  /** The worker's start-up data: its workerData, or the `init` message of a prestarted thread. */
  init: WorkerInit;
}

/** Host to worker. */
export type HostMessage =
  /** A prestarted thread's start-up data (see PrestartData), the first message it gets. */
  | { type: 'init'; init: WorkerInit }
  /** `stopOnEntry` (with `options.debug`): every program run stops at its entry file's first statement.
   * `hostCalls` comes with the first configure of a sandbox that has host functions (the worker keeps it on renew). */
  | { type: 'configure'; options: ResolvedOptions; stopOnEntry?: boolean; hostCalls?: HostCallsInit }
  | { type: 'run'; runId: number; request: RunRequest }
  | { type: 'request'; reqId: number; method: RequestMethod; args: unknown[] }
  /** A request of the debug table (src/engine/debug/protocol.ts), answered with `reply` like `request`. */
  | { type: 'debug'; reqId: number; call: DebugCall }
  | { type: 'wake' }
  /** Dispose the sandbox but keep the engine: make a fresh runtime and context for the next sandbox (see pool.ts). */
  | { type: 'recycle' }
  | { type: 'dispose' }
  /** The compiled engine, to a worker started without it (see WorkerInit.wasmModule). */
  | { type: 'wasm'; wasmModule: WebAssembly.Module };

/** Questions the host may ask the worker between or during runs. */
export type RequestMethod = 'children' | 'records' | 'completions' | 'invokeGetter' | 'memoryStats' | 'moduleFiles' | 'release';

/** Worker to host. */
export type WorkerMessage =
  /**
   * `heapBytes`: the engine's WebAssembly memory once ready, the size a recycled worker may keep (see sandbox.ts).
   * `wantsCodeCache`: the worker will send a `codeCache` after its first run (see codeCache.ts).
   * `warmedUp`: it made the warm-up trip (WorkerInit.warmUp, unless a waiting creation cut it short: Control.Waited).
   */
  | { type: 'ready'; startupMs: number; heapBytes: number; wantsCodeCache: boolean; warmedUp: boolean }
  /** V8's code cache of the engine's bundle, made after the worker's first run. */
  | { type: 'codeCache'; data: Uint8Array }
  /** The worker has set the process's V8 flags (WorkerInit.applyV8Flags): the host may now compile the engine. */
  | { type: 'v8FlagsSet' }
  | { type: 'configured'; error?: string }
  | { type: 'event'; event: SandboxEvent | DebugEvent }
  | { type: 'events'; events: Array<SandboxEvent | DebugEvent> }
  | { type: 'runDone'; runId: number; outcome: RunOutcome }
  | { type: 'reply'; reqId: number; ok: true; value: unknown }
  | { type: 'reply'; reqId: number; ok: false; error: string }
  | { type: 'fatal'; message: string }
  | { type: 'disposed'; leak?: string }
  /** After `recycle`: the engine's WebAssembly memory, which never shrinks, in bytes; on the leak-checking build, the
   * leak report, after which the worker exits instead of serving another sandbox. */
  | { type: 'recycled'; heapBytes: number; leak?: string };

/** The channel for calls of the embedder's host functions (src/engine/hostFunctions.ts): names and a port. */
export interface HostCallsInit {
  names: string[];
  port: MessagePort;
}

/**
 * Worker to host over the host-calls port: the script called a host function. The worker blocks in `Atomics.wait`
 * on `Control.Wake` until the reply comes, so that a synchronous host function returns synchronously in the script.
 */
export interface HostCall {
  type: 'call';
  id: number;
  name: string;
  args: unknown[];
}

/** Host to worker over the host-calls port: a call's result, or (`async`) the promise it returned, settled later. */
export type HostCallReply =
  | { type: 'return'; id: number; ok: true; value: unknown }
  | { type: 'return'; id: number; ok: false; error: { name: string; message: string } }
  | { type: 'return'; id: number; async: true }
  | { type: 'settle'; id: number; ok: true; value: unknown }
  | { type: 'settle'; id: number; ok: false; error: { name: string; message: string } };

/** Shapes of replies, by request method. */
export interface RequestResults {
  children: RemoteProperty[];
  memoryStats: MemoryStats;
}
