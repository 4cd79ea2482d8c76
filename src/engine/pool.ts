/**
 * Engine workers and the warm pool: one ready worker is kept per engine variant and stack size, so that a run
 * does not pay for starting a thread and instantiating QuickJS. Warm workers never keep the process alive.
 */
import type { Worker, TransferListItem } from 'node:worker_threads';
import { Control, type HostMessage, type WorkerInit, type WorkerMessage } from './protocol';
import { compiledModule, compiledModuleIfDone, variantFor, type VariantName } from './variants';
import { adoptPrestarted, prestartThread, startThread, workerStackMb } from './engineThread';
import { memoryPages, type ResolvedOptions } from './options';
import { codeCacheInit, expectCodeCache, keepCodeCache } from './codeCache';
import { delegateV8Flags, v8FlagsSetByWorker } from './v8Flags';

/** The engine's bundle, which each worker's entry (dist/engine-boot.js, from workerBoot.ts) compiles and runs. */

/** One engine worker thread and its control buffer. */
export class EngineWorker {
  readonly control: Int32Array;
  readonly ready: Promise<number>;
  private readonly listeners = new Set<(msg: WorkerMessage) => void>();
  private exitListeners = new Set<(code: number) => void>();
  exited = false;
  /** True once the engine inside has started and reported ready. */
  isReady = false;
  /** The engine's WebAssembly memory when it reported ready. */
  readyHeapBytes = 0;
  /** Whether it made the whole warm-up trip before it reported ready (see spawnSync). */
  warmedUp = false;
  private fatal: string | undefined;

  /** `warmUp`: it was started to make the warm-up trip before it reports ready. */
  constructor(readonly worker: Worker, control: SharedArrayBuffer, readonly warmUp = false) {
    this.control = new Int32Array(control);
    this.ready = new Promise((resolve, reject) => {
      const onMsg = (m: WorkerMessage) => {
        if (m.type === 'ready') {
          this.readyHeapBytes = m.heapBytes;
          this.warmedUp = m.warmedUp;
          resolve(m.startupMs);
        }
        if (m.type === 'fatal') reject(new Error(`the engine failed to start: ${m.message}`));
      };
      this.listeners.add(onMsg);
      worker.once('error', reject);
      worker.once('exit', (code) => reject(new Error(`the engine worker exited during start-up (code ${code})`)));
    });
    let wantsCodeCache = false;
    worker.on('message', (m: WorkerMessage) => {
      if (m.type === 'fatal') this.fatal = m.message;
      else if (m.type === 'ready') wantsCodeCache = m.wantsCodeCache;
      else if (m.type === 'runDone' && wantsCodeCache) {
        // The worker sends its code cache next: a process about to exit waits for it (codeCacheSettled).
        wantsCodeCache = false;
        expectCodeCache(new Promise<void>((resolve) => {
          const off = this.onMessage((c) => c.type === 'codeCache' && (off(), offExit(), resolve()));
          const offExit = this.onExit(() => (off(), resolve()));
        }));
      } else if (m.type === 'codeCache') keepCodeCache(m.data);
      for (const l of this.listeners) l(m);
    });
    worker.on('error', (e) => {
      this.fatal ??= e.message;
    });
    worker.on('exit', (code) => {
      this.exited = true;
      for (const l of this.exitListeners) l(code);
    });
    this.ready.then(() => (this.isReady = true), () => undefined);
  }

  /** Why the worker died, if it did. */
  get fatalMessage(): string | undefined {
    return this.fatal;
  }

  post(msg: HostMessage, transfer?: TransferListItem[]): void {
    if (!this.exited) this.worker.postMessage(msg, transfer);
  }

  onMessage(l: (msg: WorkerMessage) => void): () => void {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  }

  onExit(l: (code: number) => void): () => void {
    this.exitListeners.add(l);
    return () => this.exitListeners.delete(l);
  }

  /** Asks a busy worker to stop the current run; a worker that does not react is terminated by the caller. */
  signalCancel(reason: 'cancel' | 'timeout' = 'cancel'): void {
    Atomics.store(this.control, Control.Cancel, reason === 'timeout' ? 2 : 1);
    Atomics.add(this.control, Control.Wake, 1);
    Atomics.notify(this.control, Control.Wake);
  }

  terminate(): Promise<number> {
    return this.worker.terminate();
  }
}

/**
 * Starts a worker. While the variant's module is still compiling (the first sandbox of a process: a cold start), the
 * thread starts at once and gets the module when it is ready, so that Node's start-up of the thread and the worker
 * script's loading overlap the compile. With `warmUp`, the worker makes the warm-up trip before it reports ready, so
 * that a fresh sandbox's first run costs what later ones do. A worker started
 * for a burst (by the pool or by an acquire in one that found none) skips it: its caller waits for it, and its CPU
 * (about 60% more than the worker's start without it) is what the next creations of the burst wait for. (The first
 * worker of a process skips it too, for the module it does not have yet.)
 */
function spawnSync(variant: VariantName, stackMb: number, pages: number, cacheDir: string | undefined, warmUp: boolean): EngineWorker {
  const wasmModule = compiledModuleIfDone(variant);
  const control = new SharedArrayBuffer(Control.Size * 4);
  // A worker started before the module is compiled sets the process's pending V8 flags (v8Flags.ts); the compile waits.
  const applyV8Flags = !wasmModule && delegateV8Flags();
  const init: WorkerInit = { wasmModule, variant, control, memoryPages: pages, warmUp: warmUp && wasmModule !== undefined, applyV8Flags, ...codeCacheInit(cacheDir) };
  const worker = adoptPrestarted(stackMb, init) ?? startThread(stackMb, init);
  const w = new EngineWorker(worker, control, init.warmUp);
  if (applyV8Flags) {
    const offSet = w.onMessage((m) => m.type === 'v8FlagsSet' && (offSet(), offExit(), v8FlagsSetByWorker(true)));
    const offExit = w.onExit(() => (offSet(), offExit(), v8FlagsSetByWorker(false)));
  }
  // A failed compile rejects the acquire that started this worker, which then ends it.
  if (!wasmModule) {
    void compiledModule(variant).then((m) => w.post({ type: 'wasm', wasmModule: m }), () => undefined);
  }
  return w;
}

/**
 * Starts the thread of a process's first worker before the process has its options, for the stack these need
 * (engineThread.ts `prestartThread`): the CLI starts one for the default options before it loads. Returns its threadId.
 */
export function prestart(o: ResolvedOptions): number {
  return prestartThread(workerShape(o).stackMb);
}

/** What must match for a warm worker to serve a sandbox: fixed when the worker starts. */
function workerShape(o: ResolvedOptions) {
  const variant = variantFor(o.engine, o.leakCheck);
  const stackMb = workerStackMb(o.stackSizeBytes, o.debug, variant);
  // The debug build's leak sanitizer allocates from the same memory: it cannot run under the limit's cap.
  const pages = variant === 'quickjs-debug' ? memoryPages(0) : memoryPages(o.memoryLimitBytes);
  return { variant, stackMb, pages, key: `${variant}/${stackMb}/${pages}` };
}

let keepWarm = true;
/** Workers waiting for a sandbox, by shape: started ahead of demand, or recycled from a disposed sandbox. */
const idle = new Map<string, EngineWorker[]>();
/** How many idle workers to keep by shape: one, more while a burst of creations outruns the pool. */
const wanted = new Map<string, number>();
/**
 * Most idle workers kept for one shape during a burst (each is a thread with its own engine, about 13 MB). Starting
 * one takes tens of ms of CPU whatever the pool does; started together, several become ready together, so that most
 * creations of a burst find one ready instead of each waiting for the next.
 */
const MAX_IDLE = 8;
/**
 * Creations closer together than this are a burst. Only a burst that finds no ready worker raises `wanted`: a
 * sandbox made seconds after the last one on a busy machine may find its worker still starting, and keeping more
 * idle workers for it would hold tens of MB for nothing.
 */
const BURST_GAP_MS = 250;
/** A shape with no creation for this long has seen its burst end: its idle workers beyond one are ended. */
const TRIM_AFTER_MS = 5000;
const lastAcquire = new Map<string, number>();
const trimTimers = new Map<string, NodeJS.Timeout>();

/** Whether to keep ready workers for the next sandboxes (the CLI, which runs once, turns it off). */
export function setKeepWarm(on: boolean): void {
  keepWarm = on;
  if (!on) {
    for (const list of idle.values()) for (const w of list) void w.terminate();
    for (const t of trimTimers.values()) clearTimeout(t);
    idle.clear();
    wanted.clear();
    lastAcquire.clear();
    trimTimers.clear();
  }
}

function idleList(key: string): EngineWorker[] {
  let list = idle.get(key);
  if (!list) idle.set(key, (list = []));
  return list;
}

/** Adds an idle worker that leaves the list by itself if it dies. */
function keepIdle(key: string, w: EngineWorker): void {
  w.worker.unref();
  idleList(key).push(w);
  w.onExit(() => {
    const list = idle.get(key);
    const i = list?.indexOf(w) ?? -1;
    if (i >= 0) list!.splice(i, 1);
  });
}

/** Starts workers until the shape has as many idle (ready or starting) as wanted. */
function refill(shape: ReturnType<typeof workerShape>, cacheDir: string | undefined): void {
  const { variant, stackMb, pages, key } = shape;
  if (!keepWarm) return;
  const list = idleList(key);
  const burst = (wanted.get(key) ?? 1) > 1;
  for (let n = list.length; n < (wanted.get(key) ?? 1); n++) {
    // Listed at once, while still starting, so that the next acquire finds it rather than starting another.
    const w = spawnSync(variant, stackMb, pages, cacheDir, !burst);
    keepIdle(key, w);
  }
}

/** (Re)arms the end-of-burst timer of a shape: when it fires, the pool goes back to one idle worker. */
function armTrim(key: string): void {
  clearTimeout(trimTimers.get(key));
  const timer = setTimeout(() => {
    trimTimers.delete(key);
    wanted.delete(key);
    const list = idleList(key);
    // Ready workers are kept first: the one left must serve the next creation at once.
    list.sort((a, b) => Number(b.isReady) - Number(a.isReady));
    for (const w of list.splice(1)) void w.terminate();
  }, TRIM_AFTER_MS);
  timer.unref();
  trimTimers.set(key, timer);
}

/**
 * Takes a worker for these options (a ready idle one when there is one) and starts the next ones ahead of demand.
 * An acquire in a burst that finds none ready means creations outrun the pool: the pool doubles the idle workers it
 * keeps (up to MAX_IDLE) until TRIM_AFTER_MS pass without a creation.
 */
export async function acquireWorker(o: ResolvedOptions): Promise<EngineWorker> {
  const shape = workerShape(o);
  const { variant, stackMb, pages, key } = shape;
  const list = idleList(key);
  let at = list.findIndex((w) => w.isReady && !w.exited);
  const now = Date.now();
  const inBurst = now - (lastAcquire.get(key) ?? -Infinity) < BURST_GAP_MS;
  lastAcquire.set(key, now);
  // Debug sessions and leak-checking runs are not bursts worth holding threads for: a person starts a debug session,
  // and its worker cannot be recycled, so each creation would leave the doubled workers behind (100 debug sessions
  // back to back grew the host by 75 MB of idle threads and their allocator arenas); leak-checking runs are tests,
  // whose workers are recycled one after another.
  if (at < 0 && keepWarm && inBurst && recyclable(o) && variant !== 'quickjs-debug') wanted.set(key, Math.min(MAX_IDLE, 2 * (wanted.get(key) ?? 1)));
  if (keepWarm && (wanted.get(key) ?? 1) > 1) armTrim(key);
  if (at < 0) at = list.findIndex((w) => !w.exited);
  const w = at >= 0 ? list.splice(at, 1)[0]! : spawnSync(variant, stackMb, pages, o.cacheDir, !(keepWarm && inBurst));
  // A worker still starting that was started ahead with the warm-up trip skips what is left of it: the trip saves its
  // first run about 1 ms and costs tens of ms of CPU (a second engine and its kernels), which this caller would wait for.
  if (!w.isReady) Atomics.store(w.control, Control.Waited, 1);
  try {
    await compiledModule(variant);
  } catch (e) {
    void w.terminate();
    throw e;
  }
  w.worker.ref();
  refill(shape, o.cacheDir);
  await w.ready;
  return w;
}

/**
 * Takes back the worker of a disposed sandbox whose engine has been given a fresh runtime and context: the next
 * sandbox of that shape then starts in a few milliseconds. Terminated instead when the pool is full or off.
 */
export function releaseWorker(o: ResolvedOptions, w: EngineWorker): void {
  const { key } = workerShape(o);
  if (!keepWarm || w.exited || idleList(key).length >= (wanted.get(key) ?? 1) + 1) {
    void w.terminate();
    return;
  }
  keepIdle(key, w);
}

/**
 * Whether a disposed sandbox's worker may serve another sandbox (see releaseWorker). A leak-checking worker may: its
 * leak check is per QuickJS runtime, made when the sandbox's runtime is freed, and a worker that found a leak exits.
 */
export function recyclable(o: ResolvedOptions): boolean {
  return keepWarm && !o.debug;
}

/** Starts the warm worker ahead of the first run (e.g. when the extension activates). */
export function prewarm(o: ResolvedOptions): void {
  void compiledModule(workerShape(o).variant).then(() => refill(workerShape(o), o.cacheDir), () => undefined);
}
