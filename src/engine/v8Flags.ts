/**
 * V8 flags a process asks for (the CLI's `--liftoff-only`), set once the first engine worker's thread has booted.
 *
 * V8's flags are process-wide and part of the hash that every code cache is checked against, Node's own included:
 * Node compiles its built-in modules from caches made under the default flags. A worker thread started after a flag
 * changed compiles each built-in it boots from source, which took its start from about 25 to about 52 ms of CPU
 * (Node 20, 2 cores). So the host does not set them itself: the worker started for the first sandbox sets them when
 * Node's bootstrap and the built-ins the engine needs are loaded (workerBoot.ts), and only then does the host compile
 * the engine's module, for the flags V8 reads at compile time. The module's compile is short (5-10 ms) and overlaps
 * the worker's loading of its bundle.
 */
import { setFlagsFromString } from 'node:v8';

/** The flags asked for (a code cache file is keyed by them: see codeCache.ts). */
let flags = '';
/** Resolved once the flags are set in this process; undefined while no flags are pending. */
let applied: Promise<void> | undefined;
let markApplied: (() => void) | undefined;
/** Whether a worker has been told to set them (and not yet done so). */
let delegated = false;

/**
 * Asks for V8 flags before the engine's first module is compiled. They are set by the first worker started after
 * this call, or by the host itself when the module is compiled before any worker asks for it.
 */
export function setV8Flags(v8Flags: string): void {
  flags = v8Flags;
  applied = new Promise<void>((resolve) => (markApplied = resolve));
  delegated = false;
}

/** The flags this process asked for ('' for none). */
export function v8Flags(): string {
  return flags;
}

/**
 * Host side, when a worker is started: whether it should set the flags (only the first, while they are pending).
 * `done` is called when it has, or when it died before it could (the host then sets them itself).
 */
export function delegateV8Flags(): boolean {
  if (!markApplied || delegated) return false;
  delegated = true;
  return true;
}

/** Host side: the worker told to set the flags has set them, or exited first. */
export function v8FlagsSetByWorker(set: boolean): void {
  if (!markApplied) return;
  if (!set) setFlagsFromString(flags);
  markApplied();
  markApplied = undefined;
}

/** Host side: resolves once the flags are set, setting them here when no worker has been asked to. */
export function v8FlagsReady(): Promise<void> {
  if (markApplied && !delegated) v8FlagsSetByWorker(false);
  return applied ?? Promise.resolve();
}

/** Worker side: sets the flags in the process (see the module's comment for when). */
export function applyV8Flags(v8Flags: string): void {
  setFlagsFromString(v8Flags);
}
