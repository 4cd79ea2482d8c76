// What the web kernel's modules reach outside themselves: the host functions install(host) received (webHost.ts),
// the platform kernel's pieces connect(platform) hands over, and the globals kernel's clock. The modules read them
// when a script calls them, never while they are evaluated (which is before install runs).
import { ObjectKeys } from '../shared/intrinsics.js';

/** The host functions of runtime/webHost.ts (randomBytes, digest, reportError, load*, version, timeZone). */
export const host = { __proto__: null };
/**
 * The platform kernel's weak timeout (it never keeps the run alive by itself), its task (which does) and its fetch
 * transport.
 */
export const platform = { __proto__: null, weakTimeout: undefined, task: undefined, fetch: undefined };

/** Keeps the host functions for the modules; called once by install. */
export function useHost(h) {
  const names = ObjectKeys(h);
  for (let i = 0; i < names.length; i++) host[names[i]] = h[names[i]];
}
/** Keeps the platform kernel's pieces, once: a context is connected to one sandbox. */
export function connectPlatform(p) {
  if (platform.weakTimeout) return;
  platform.weakTimeout = p.weakTimeout;
  platform.task = p.task;
  platform.fetch = p.fetch;
}

/** `performance.now()` of the globals kernel (installed before this one), for event time stamps and user timing. */
export const now = typeof performance === 'object' && performance ? performance.now.bind(performance) : () => 0;
