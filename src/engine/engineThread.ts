/**
 * Starting the engine's threads, and the one thread a process may start before it knows its options (`prestart`).
 * Small and free of the engine's other modules: the CLI's entry (src/cli/start.ts) starts that thread before it
 * loads the rest of the CLI. The entry and the CLI are separate bundles, each with its own copy of this module, so
 * the waiting thread is kept on a global, not in this module.
 */
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { HostMessage, PrestartData, WorkerInit } from './protocol';
import { distDir, type VariantName } from './variants';

const MB = 1024 * 1024;

/**
 * Native stack the worker needs so that QuickJS's own limit always trips before V8's (see the stack trap). The
 * leak-checking build's frames are several times larger (sanitizer instrumentation), the more so while V8 still runs
 * its baseline code: a fresh process's first deep recursion on it overflowed V8 under the release build's allowance.
 */
export function workerStackMb(stackSizeBytes: number, debug: boolean, variant: VariantName = 'quickjs'): number {
  const perMb = (debug ? 6 : 4) * (variant === 'quickjs-debug' ? 4 : 1);
  return Math.ceil((stackSizeBytes / MB) * perMb) + 4;
}

/** An engine thread: its entry compiles the engine's bundle (workerBoot.ts). Its stack is fixed here, for good. */
export function startThread(stackMb: number, workerData: WorkerInit | PrestartData): Worker {
  return new Worker(path.join(distDir, 'engine-boot.js'), {
    workerData,
    resourceLimits: { stackSizeMb: stackMb, maxOldGenerationSizeMb: 512, maxYoungGenerationSizeMb: 64 },
  });
}

interface Prestarted {
  worker: Worker;
  stackMb: number;
  signal: Int32Array;
  exited: boolean;
}
const PRESTARTED = Symbol.for('quickjs-sandbox.prestartedThread');
const slot = globalThis as { [PRESTARTED]?: Prestarted };

/**
 * Starts a thread for the process's first engine worker before its options are known, with the stack they are
 * expected to need: Node's boot of a thread takes about 30 ms, which then overlaps the loading of the caller's own
 * code. Only the stack is fixed at a thread's start; everything else (variant, memory, V8 flags, code cache) reaches
 * it with the first worker that takes it (`adoptPrestarted`); one that needs another stack ends it instead. The
 * thread keeps no process alive while it waits. One at a time; returns its threadId.
 */
export function prestartThread(stackMb: number): number {
  const waiting = slot[PRESTARTED];
  if (waiting) return waiting.worker.threadId;
  const signal = new Int32Array(new SharedArrayBuffer(4));
  const worker = startThread(stackMb, { initSignal: signal.buffer as SharedArrayBuffer });
  const p: Prestarted = { worker, stackMb, signal, exited: false };
  worker.unref();
  // An error before a worker takes it is that worker's to report (the thread exits, and its taker starts another).
  worker.on('error', () => undefined);
  worker.once('exit', () => (p.exited = true));
  slot[PRESTARTED] = p;
  return worker.threadId;
}

/** The prestarted thread, given `init`, when it has the stack asked for; else it is ended and none is returned. */
export function adoptPrestarted(stackMb: number, init: WorkerInit): Worker | undefined {
  const p = slot[PRESTARTED];
  if (!p) return undefined;
  delete slot[PRESTARTED];
  if (p.exited || p.stackMb !== stackMb) {
    void p.worker.terminate();
    return undefined;
  }
  p.worker.postMessage({ type: 'init', init } satisfies HostMessage);
  Atomics.store(p.signal, 0, 1);
  Atomics.notify(p.signal, 0);
  return p.worker;
}
