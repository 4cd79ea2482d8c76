/**
 * The engine worker thread's entry (dist/engine-boot.js): compiles the engine's bundle (dist/engine-worker.js, built
 * from worker.ts) with V8's code cache when the host gives one (see codeCache.ts), then runs it as Node would run a
 * CommonJS module. It imports nothing of the engine, so that it stays a few hundred bytes that compile at once.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { Script, constants } from 'node:vm';
import { parentPort, receiveMessageOnPort, workerData } from 'node:worker_threads';
import { WORKER_BUNDLE, cacheFile, readCodeCache } from './codeCache';
import { BOOT_KEY, type HostMessage, type PrestartData, type WorkerBoot, type WorkerInit, type WorkerMessage } from './protocol';
import { applyV8Flags } from './v8Flags';

const file = path.join(__dirname, WORKER_BUNDLE);
const init = initOf(workerData as WorkerInit | PrestartData);

/**
 * A prestarted thread (pool.ts `prestart`) booted before its host knew the options: it waits, blocked, until the
 * host has posted them. Taken synchronously rather than with a 'message' listener: a port whose only listener is
 * removed stops, and delivered the host's next message tens of ms late (see worker.ts).
 */
function initOf(data: WorkerInit | PrestartData): WorkerInit {
  if (!('initSignal' in data)) return data;
  Atomics.wait(new Int32Array(data.initSignal), 0, 0);
  const msg = receiveMessageOnPort(parentPort!)?.message as HostMessage | undefined;
  if (msg?.type !== 'init') throw new Error(`a prestarted engine thread expected its init message, got ${msg?.type ?? 'none'}`);
  return msg.init;
}
// Node's bootstrap of this thread and the built-ins below are loaded: the flags no longer cost their code caches.
if (init.applyV8Flags) {
  applyV8Flags(init.v8Flags);
  parentPort!.postMessage({ type: 'v8FlagsSet' } satisfies WorkerMessage);
}
// The process's copy (or the one the CLI read), else the cache folder's file (read here, off the host's thread: see
// codeCache.ts). The file's name is only worked out when it is needed: its key's checksum loads node:zlib.
const file_ = () => (init.codeCacheDir ? cacheFile(init.codeCacheDir, file, init.v8Flags) : undefined);
const codeCache = init.codeCache ?? readCodeCache(file_());
// The wrapper is Node's own for CommonJS, on the bundle's first line, which holds only its banner: lines keep their numbers.
const script = new Script(`(function (exports, require, module, __filename, __dirname) {${readFileSync(file, 'utf8')}\n})`, {
  filename: file,
  cachedData: codeCache,
  // The bundle's own import() calls (a dependency imports node:module) resolve as they would in a module Node loaded.
  importModuleDynamically: constants.USE_MAIN_CONTEXT_DEFAULT_LOADER,
});
const boot: WorkerBoot = {
  wantsCodeCache: !codeCache || script.cachedDataRejected === true,
  createCachedData: () => script.createCachedData(),
  cacheFile: file_,
  init,
};
(globalThis as Record<symbol, unknown>)[BOOT_KEY] = boot;
const module = { exports: {} };
(script.runInThisContext() as (...args: unknown[]) => void).call(module.exports, module.exports, createRequire(file), module, file, __dirname);
