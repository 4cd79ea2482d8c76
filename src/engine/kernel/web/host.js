// What the web part's modules reach outside themselves, all handed over by the globals kernel when it evaluates the
// part (globals/web.js, through shared/partInput.js): the host functions of runtime/webHost.ts, the platform kernel's
// pieces (filled when the sandbox connects the context), and the globals kernel's own objects. Never the live
// globals: the part is evaluated after user code, which may have replaced them.
import { partInput } from '../shared/partInput.js';

/** The host functions of runtime/webHost.ts (randomBytes, digest, reportError, load*, version, timeZone). */
export const host = partInput.host;
/**
 * The platform kernel's weak timeout (it never keeps the run alive by itself), its task (which does) and its fetch
 * transport: empty until the sandbox connects the context (connect(platform) of globals.kernel.js).
 */
export const platform = partInput.platform;
/** `performance.now()` of the globals kernel, for event time stamps and user timing. */
export const now = partInput.now;
/** The globals kernel's `performance` (user timing adds its methods to its prototype) and structuredClone. */
export const performance = partInput.performance;
export const structuredClone = partInput.structuredClone;
/** UTF-8 by the globals kernel's TextEncoder and TextDecoder, with their methods as they were before user code ran. */
export const encodeUtf8 = partInput.encodeUtf8;
export const decodeUtf8 = partInput.decodeUtf8;
