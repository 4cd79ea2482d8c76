/**
 * The engine worker: owns one QuickJS module instance and at most one sandbox context, and answers the host's
 * messages (src/engine/protocol.ts). A V8 exception escaping the wasm module poisons the instance, so the worker
 * reports it and exits instead of running anything else.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { newQuickJSWASMModuleFromVariant, newVariant, type QuickJSWASMModule, type QuickJSSyncVariant } from 'quickjs-emscripten-core';
import RELEASE from '@jitl/quickjs-wasmfile-release-sync';
import { writeCodeCache } from './codeCache';
import { BOOT_KEY, Control, INITIAL_MEMORY_PAGES, type HostMessage, type WorkerBoot, type WorkerInit, type WorkerMessage } from './protocol';
import { resolveOptions } from './options';
import { EngineCrashed, SandboxContext, type DebugHooks } from './runtime/sandboxContext';
import { WarmEngine, preloadParts } from './runtime/warmEngine';
import { HostCallChannel } from './runtime/hostCalls';
import { disposeAndCheck, newLeakCheckingModule } from './runtime/leakCheck';
import type { SandboxEvent } from './api';
import type { DebugEvent } from './debug/api';
import type { DebugController } from './debug/controller';
import type { DebugCall } from './debug/protocol';

// The engine's own prints (emscripten's heap-growth notices, the debug build's sanitizer) are not the script's
// output, which travels as events. Silenced here rather than with piped worker stdio: a flowing stdio stream keeps
// the host process alive even after the worker is unref'd.
process.stdout.write = (() => true) as typeof process.stdout.write;
process.stderr.write = (() => true) as typeof process.stderr.write;

const started = performance.now();
/** Left by the thread's entry (workerBoot.ts); absent when the bundle was loaded some other way. */
const boot = (globalThis as Record<symbol, WorkerBoot | undefined>)[BOOT_KEY];
const init = boot?.init ?? (workerData as WorkerInit);
const control = new Int32Array(init.control);
const port = parentPort!;
/** The engine builds by variant name; the other builds' code is loaded only by the workers that run them. */
const base: Record<string, () => QuickJSSyncVariant> = {
  quickjs: () => RELEASE,
  'quickjs-ng': () => (require('@jitl/quickjs-ng-wasmfile-release-sync') as typeof import('@jitl/quickjs-ng-wasmfile-release-sync')).default,
  'quickjs-debug': () => (require('@jitl/quickjs-wasmfile-debug-sync') as typeof import('@jitl/quickjs-wasmfile-debug-sync')).default,
};

let sandbox: SandboxContext | undefined;
/** Runtime, context and globals kernel made before any sandbox asks, so configuring one costs little. */
let warm: WarmEngine | undefined;
let debugController: DebugController | undefined;
let wasmMemory: WebAssembly.Memory;
let runQueue: Promise<void> = Promise.resolve();
/** The embedder's host functions, when the sandbox has any: kept across renewals. */
let hostCalls: HostCallChannel | undefined;

/**
 * Console lines and memory samples travel in batches: one message per line made a console flood arrive at the
 * host as thousands of messages that Node delivers in one turn, blocking the host's event loop. A batch is sent
 * at 256 events, after 16 ms, before any other message, and from the interrupt handler while a script computes.
 */
let batch: Array<SandboxEvent | DebugEvent> = [];
let batchStarted = 0;
let batchTimer: NodeJS.Timeout | undefined;

function flushEvents(): void {
  if (batchTimer) clearTimeout(batchTimer);
  batchTimer = undefined;
  if (batch.length === 0) return;
  const events = batch;
  batch = [];
  port.postMessage({ type: 'events', events } satisfies WorkerMessage);
}

function post(msg: WorkerMessage): void {
  flushEvents();
  port.postMessage(msg);
}

const emit = Object.assign(
  (event: SandboxEvent | DebugEvent) => {
    if (event.type !== 'console' && event.type !== 'memory') return post({ type: 'event', event });
    if (batch.length === 0) {
      batchStarted = performance.now();
      batchTimer = setTimeout(flushEvents, 16);
    }
    batch.push(event);
    if (batch.length >= 256) flushEvents();
  },
  {
    /** Called often while a script computes: sends a batch that has waited long enough. */
    tick(): void {
      if (batch.length > 0 && performance.now() - batchStarted >= 16) flushEvents();
    },
  },
);

/** The debugger's hooks for a debug session; the debug controller (src/engine/debug/) plugs in here. */
function debugHooks(stopOnEntry: boolean, skipFiles: readonly string[] | undefined): DebugHooks | undefined {
  // Required lazily: plain runs never load the instrumenter (acorn, source maps) into the worker.
  const { DebugController: Controller } = require('./debug/controller') as typeof import('./debug/controller');
  // While paused the worker's own message loop is blocked: the controller answers inspection requests itself.
  const c = new Controller({ port, control, emit, answer, stopOnEntry, skipFiles });
  debugController = c;
  return { instrument: c.instrumentTyped, install: c.install, onInterrupt: c.onInterrupt, onUncaught: c.onUncaught, dispose: c.dispose, pausedMs: () => c.pausedMs };
}

function crash(e: unknown): never {
  // Some errors carry no message (QuickJS's unwrap of an exception it could not describe): the name still says what.
  const message = e instanceof Error ? e.message || `${e.name} (no message)` : String(e);
  post({ type: 'fatal', message });
  process.exit(1);
}

/**
 * The listener that took the compiled module (a cold start), removed once main's own listener is on: a port left
 * with no 'message' listener stops, and once restarted it delivered the next message (the host's configure) about
 * 40 ms late.
 */
let wasmListener: ((m: HostMessage) => void) | undefined;

async function main(qjs: QuickJSWASMModule): Promise<void> {
  port.on('message', (msg: HostMessage) => {
    switch (msg.type) {
      case 'configure':
        try {
          const heap = () => ({ size: wasmMemory.buffer.byteLength, max: Math.max(INITIAL_MEMORY_PAGES, init.memoryPages) * 65536 });
          // Configuring again renews the sandbox (Sandbox.renew): the old runtime and context go, a fresh pair comes.
          sandbox?.dispose();
          const engine = warm ?? new WarmEngine(qjs, false);
          warm = undefined;
          debugController = undefined;
          sandbox = new SandboxContext(engine, msg.options, emit, control, heap, msg.options.debug ? debugHooks(!!msg.stopOnEntry, msg.options.skipFiles) : undefined);
          if (msg.hostCalls) hostCalls = new HostCallChannel(msg.hostCalls, control);
          hostCalls?.install(sandbox);
          post({ type: 'configured' });
        } catch (e) {
          // Sandbox.create rejects with this; the worker, half set up, is not used again.
          post({ type: 'configured', error: e instanceof Error ? e.message : String(e) });
          crash(e);
        }
        break;
      case 'run':
        runQueue = runQueue.then(async () => {
          const debug = debugController;
          try {
            debug?.runStarting();
            const outcome = await sandbox!.run(msg.request);
            debug?.runEnded();
            post({ type: 'runDone', runId: msg.runId, outcome });
            sendCodeCache();
          } catch (e) {
            if (e instanceof EngineCrashed) {
              emit({ type: 'limit', limit: 'stack', message: e.message, summary: e.message });
              post({ type: 'runDone', runId: msg.runId, outcome: { status: 'crashed', exitCode: 2, limit: 'stack', durationMs: 0, message: e.message } });
            }
            crash(e);
          }
        });
        break;
      case 'request':
      case 'debug':
        // Answered at once, even during a run: the run is then awaiting timers or I/O, never inside QuickJS.
        try {
          const value = msg.type === 'debug' ? debugRequest(msg.call) : answer(msg.method, msg.args);
          post({ type: 'reply', reqId: msg.reqId, ok: true, value });
        } catch (e) {
          post({ type: 'reply', reqId: msg.reqId, ok: false, error: e instanceof Error ? e.message : String(e) });
          // A trap inside wasm leaves the engine in an unknown state: never run it again.
          if (e instanceof WebAssembly.RuntimeError) crash(e);
        }
        break;
      case 'wake':
        break;
      case 'recycle': {
        // The leak-checking build checks here as at a dispose: its runtime is freed all the same.
        const leak = disposeAndCheck(qjs, () => sandbox?.dispose());
        sandbox = undefined;
        debugController = undefined;
        hostCalls?.close();
        hostCalls = undefined;
        if (leak) {
          post({ type: 'recycled', heapBytes: wasmMemory.buffer.byteLength, leak });
          setImmediate(() => process.exit(0)); // a failed dispose can leave the instance aborted: never reused
          break;
        }
        // Made before the reply: the dispose waits for it, so that the next sandbox's creation finds the engine
        // ready (made after the reply, the next creation waited for it: 20 sandboxes, each disposed before the next
        // one, median 3 -> 14 ms to first output).
        try {
          warm = new WarmEngine(qjs, false);
          preloadParts(warm);
        } catch (e) {
          crash(e);
        }
        post({ type: 'recycled', heapBytes: wasmMemory.buffer.byteLength, leak });
        break;
      }
      case 'dispose': {
        const leak = disposeAndCheck(qjs, () => sandbox?.dispose());
        post({ type: 'disposed', leak });
        setImmediate(() => process.exit(0));
        break;
      }
    }
  });
  if (wasmListener) port.off('message', wasmListener);
  const warmedUp = init.warmUp && !Atomics.load(control, Control.Waited);
  if (warmedUp) {
    await warmUpRunPath(qjs);
    // The scratch engine's trip has had V8 compile the interrupt path: this one skips the loop that reaches it.
    warm = new WarmEngine(qjs, 'light');
  } else {
    // A cold start (see pool.ts): its caller waits, and the trip would only come before their own first run.
    warm = new WarmEngine(qjs, false);
  }
  post({
    type: 'ready',
    startupMs: performance.now() - started,
    heapBytes: wasmMemory.buffer.byteLength,
    wantsCodeCache: !!boot?.wantsCodeCache,
    warmedUp: warmedUp && !Atomics.load(control, Control.Waited),
  });
}

/**
 * Sends the host V8's code cache of this bundle once, after the first run, when the worker had none that V8 took:
 * by then V8 has compiled the functions a run uses, and the cache holds them too. After the run's result, so that
 * nobody waits for it.
 */
function sendCodeCache(): void {
  if (!boot?.wantsCodeCache) return;
  boot.wantsCodeCache = false;
  const data = boot.createCachedData();
  // Written here, not by the host (see codeCache.ts); the message follows, so a CLI waiting for it finds the file.
  const file = boot.cacheFile();
  if (file) writeCodeCache(file, data);
  post({ type: 'codeCache', data });
}

/**
 * Runs one small script on a throwaway engine before the worker reports ready: V8 then has compiled the host code
 * of a run (source preparation, the event loop, result rendering) in this thread, and a user's first run in the
 * sandbox costs what later ones do (about 1.3 ms less CPU). The warm pool does this while nobody waits.
 */
async function warmUpRunPath(qjs: QuickJSWASMModule): Promise<void> {
  const scratch = new SandboxContext(
    new WarmEngine(qjs),
    resolveOptions({ timeoutMs: 0, memoryLimitBytes: 0 }),
    () => undefined,
    new Int32Array(new SharedArrayBuffer(Control.Size * 4)),
    () => ({ size: wasmMemory.buffer.byteLength, max: Math.max(INITIAL_MEMORY_PAGES, init.memoryPages) * 65536 }),
  );
  try {
    await scratch.run({ kind: 'source', source: 'const o = { a: [1, 2] }; await 0; o', filename: 'warm-up.mjs', type: 'module' });
    if (Atomics.load(control, Control.Waited)) return; // a creation now waits for this worker: its caller comes first
    await scratch.run({ kind: 'source', source: '[1, 2].map((x) => x * 2)', filename: 'warm-up.js', type: 'script' });
  } finally {
    scratch.dispose();
  }
}

/** A request of the debug table (src/engine/debug/protocol.ts), answered by the debug controller. */
function debugRequest(call: DebugCall): unknown {
  if (!sandbox) throw new Error('the sandbox is not configured');
  if (!debugController) throw new Error('the sandbox was created without debug: true');
  return debugController.handle(call);
}

function answer(method: string, args: unknown[]): unknown {
  if (!sandbox) throw new Error('the sandbox is not configured');
  switch (method) {
    case 'children':
      return sandbox.children(args[0] as number, args[1] as string | undefined, args[2] as number | undefined, args[3] as number | undefined);
    case 'records':
      return sandbox.records(args[0] as number, args[1] as number, args[2] as number);
    case 'invokeGetter':
      return sandbox.invokeGetter(args[0] as number, args[1] as string);
    case 'release':
      return sandbox.release(args[0] as number | undefined);
    case 'memoryStats':
      return sandbox.memoryStats(!!args[0]);
    case 'completions':
      return sandbox.completions(String(args[0] ?? ''));
    case 'moduleFiles':
      return sandbox.moduleFiles();
    default:
      throw new Error(`unknown request "${method}"`);
  }
}

(async () => {
  // The memory limit is the maximum of this memory: QuickJS gets a clean out-of-memory when growth is refused.
  wasmMemory = new WebAssembly.Memory({ initial: INITIAL_MEMORY_PAGES, maximum: Math.max(INITIAL_MEMORY_PAGES, init.memoryPages) });
  // Started while the host compiled the engine (a cold start): its first message brings the module.
  const wasmModule = init.wasmModule ?? (await new Promise<WebAssembly.Module>((resolve) => port.on('message', (wasmListener = (m) => m.type === 'wasm' && resolve(m.wasmModule)))));
  const qjs: QuickJSWASMModule = init.variant === 'quickjs-debug'
    ? ((await newLeakCheckingModule(base[init.variant]!(), wasmModule, wasmMemory)) as unknown as QuickJSWASMModule)
    : await newQuickJSWASMModuleFromVariant(newVariant(base[init.variant]!(), { wasmModule, wasmMemory }));
  await main(qjs);
})().catch(crash);
