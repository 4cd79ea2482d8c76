/**
 * Engine workers and the warm pool: one ready worker is kept per engine variant and stack size, so that a run
 * does not pay for starting a thread and instantiating QuickJS. Warm workers never keep the process alive.
 */
import * as path from 'node:path';
import { Worker, type TransferListItem } from 'node:worker_threads';
import { Control, type HostMessage, type WorkerInit, type WorkerMessage } from './protocol';
import { compiledModule, distDir, variantFor, type VariantName } from './variants';
import { memoryPages, type ResolvedOptions } from './options';

const MB = 1024 * 1024;

/** One engine worker thread and its control buffer. */
export class EngineWorker {
  readonly control: Int32Array;
  readonly ready: Promise<number>;
  private readonly listeners = new Set<(msg: WorkerMessage) => void>();
  private exitListeners = new Set<(code: number) => void>();
  exited = false;
  private fatal: string | undefined;

  constructor(readonly worker: Worker, control: SharedArrayBuffer) {
    this.control = new Int32Array(control);
    this.ready = new Promise((resolve, reject) => {
      const onMsg = (m: WorkerMessage) => {
        if (m.type === 'ready') resolve(m.startupMs);
        if (m.type === 'fatal') reject(new Error(`the engine failed to start: ${m.message}`));
      };
      this.listeners.add(onMsg);
      worker.once('error', reject);
      worker.once('exit', (code) => reject(new Error(`the engine worker exited during start-up (code ${code})`)));
    });
    worker.on('message', (m: WorkerMessage) => {
      if (m.type === 'fatal') this.fatal = m.message;
      for (const l of this.listeners) l(m);
    });
    worker.on('error', (e) => {
      this.fatal ??= e.message;
    });
    worker.on('exit', (code) => {
      this.exited = true;
      for (const l of this.exitListeners) l(code);
    });
    this.ready.catch(() => undefined);
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

/** Native stack the worker needs so that QuickJS's own limit always trips before V8's (see the stack trap). */
export function workerStackMb(stackSizeBytes: number, debug: boolean): number {
  const perMb = debug ? 6 : 4;
  return Math.ceil((stackSizeBytes / MB) * perMb) + 4;
}

async function spawn(variant: VariantName, stackMb: number, pages: number): Promise<EngineWorker> {
  const wasmModule = await compiledModule(variant);
  const control = new SharedArrayBuffer(Control.Size * 4);
  const init: WorkerInit = { wasmModule, variant, control, memoryPages: pages };
  const worker = new Worker(path.join(distDir, 'engine-worker.js'), {
    workerData: init,
    resourceLimits: { stackSizeMb: stackMb, maxOldGenerationSizeMb: 512, maxYoungGenerationSizeMb: 64 },
  });
  return new EngineWorker(worker, control);
}

/** What must match for a warm worker to serve a sandbox: fixed when the worker starts. */
function workerShape(o: ResolvedOptions) {
  const variant = variantFor(o.engine, o.leakCheck);
  const stackMb = workerStackMb(o.stackSizeBytes, o.debug);
  // The debug build's leak sanitizer allocates from the same memory: it cannot run under the limit's cap.
  const pages = variant === 'quickjs-debug' ? memoryPages(0) : memoryPages(o.memoryLimitBytes);
  return { variant, stackMb, pages, key: `${variant}/${stackMb}/${pages}` };
}

let keepWarm = true;
const warm = new Map<string, EngineWorker>();

/** Whether to keep a ready worker for the next sandbox (the CLI, which runs once, turns it off). */
export function setKeepWarm(on: boolean): void {
  keepWarm = on;
  if (!on) {
    for (const w of warm.values()) void w.terminate();
    warm.clear();
  }
}

/** Takes a ready worker for these options (the warm one when it fits) and starts the next warm one. */
export async function acquireWorker(o: ResolvedOptions): Promise<EngineWorker> {
  const { variant, stackMb, pages, key } = workerShape(o);
  let w = warm.get(key);
  warm.delete(key);
  if (!w || w.exited) w = await spawn(variant, stackMb, pages);
  w.worker.ref();
  if (keepWarm) {
    void spawn(variant, stackMb, pages).then((next) => {
      next.worker.unref();
      if (!keepWarm || warm.has(key)) void next.terminate();
      else {
        warm.set(key, next);
        next.onExit(() => {
          if (warm.get(key) === next) warm.delete(key);
        });
      }
    }, () => undefined);
  }
  await w.ready;
  return w;
}

/** Starts the warm worker ahead of the first run (e.g. when the extension activates). */
export function prewarm(o: ResolvedOptions): void {
  const { variant, stackMb, pages, key } = workerShape(o);
  if (!keepWarm || warm.has(key)) return;
  void spawn(variant, stackMb, pages).then((w) => {
    w.worker.unref();
    if (warm.has(key)) void w.terminate();
    else warm.set(key, w);
  }, () => undefined);
}
