/**
 * The engine's public surface: create a sandbox, run code in it, listen to what happens.
 */
export * from './api';
export type * from './debug/api';
export { Sandbox, SandboxDisposedError, describeLimits } from './sandbox';
export { DEFAULTS, SandboxOptionError, formatBytes, limitMessage, parseDuration, parseSize, resolveOptions, type ResolvedOptions } from './options';
export { prestart, prewarm, setKeepWarm } from './pool';
