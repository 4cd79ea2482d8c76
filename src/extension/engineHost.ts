/**
 * Loads the engine and the debug session on first use rather than at activation. esbuild wraps a module reached
 * only through `require()` in a lazy initialiser, so activation stays cheap: the engine's module code, its workers
 * and its wasm files are only touched when a script actually runs or a debug session starts.
 */
import type * as Engine from '../engine';
import type * as Session from '../debug-adapter/session';

let engine: typeof Engine | undefined;
let session: typeof Session | undefined;

/** The engine module (src/engine/index.ts), evaluated once. */
export function loadEngine(): typeof Engine {
  engine ??= require('../engine') as typeof Engine;
  return engine;
}

/** The debug adapter's session module (src/debug-adapter/session.ts), evaluated once. */
export function loadDebugSession(): typeof Session {
  session ??= require('../debug-adapter/session') as typeof Session;
  return session;
}

let packageCacheDir: string | undefined;

/** The extension's package bundle cache (in its global storage), given to every sandbox it creates. */
export function setPackageCacheDir(dir: string): void {
  packageCacheDir = dir;
}

export function getPackageCacheDir(): string | undefined {
  return packageCacheDir;
}
