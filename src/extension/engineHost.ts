/**
 * Loads the engine bundle (dist/engine.js) on first use rather than at activation: activation stays cheap, and the
 * engine, its workers and its wasm files are only touched when a script actually runs.
 */
import * as path from 'node:path';
import type { DebugEvent } from '../engine/debug/api';
import type { MemoryStats, RunOutcome, RunRequest, SandboxEvent, SandboxOptions } from '../engine/api';

/** The part of the engine's `Sandbox` the extension uses (see the host API in src/engine/index.ts). */
export interface SandboxHandle {
  onEvent(listener: (e: SandboxEvent | DebugEvent) => void): () => void;
  run(request: RunRequest): Promise<RunOutcome>;
  cancel(): void;
  memoryStats(opts?: { classes?: boolean }): Promise<MemoryStats>;
  dispose(): Promise<void>;
}

/** The engine module's exports the extension relies on. */
export interface EngineModule {
  Sandbox: { create(options: SandboxOptions & { debug?: boolean }): Promise<SandboxHandle> };
}

let engine: EngineModule | undefined;

/** The engine module, loaded once from beside this bundle. */
export function loadEngine(): EngineModule {
  // A computed path keeps esbuild from inlining the engine into extension.js; at run time both live in dist/.
  engine ??= require(path.join(__dirname, 'engine.js')) as EngineModule;
  return engine;
}
