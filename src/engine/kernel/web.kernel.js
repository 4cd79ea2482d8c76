// The web platform's common APIs inside QuickJS (the WinterTC Minimum Common Web API, as far as the sandbox supports
// it), one module each under web/: DOMException, Event, CustomEvent, EventTarget, AbortController, AbortSignal,
// Blob, File, MessageChannel/MessagePort/MessageEvent, reportError, crypto, navigator, performance.mark/measure, a
// locale-aware String.prototype.localeCompare;
// URL/URLSearchParams, the streams, CompressionStream/DecompressionStream, the fetch classes (Headers, Request, Response, FormData, fetch) and Intl are
// accessors that evaluate their bundles on first use.
// An ES module bundled into the script the warm engine evaluates once per context, after the globals kernel
// (scripts/kernel-bundle.mjs). The modules define their globals as the script is evaluated, before any user code,
// from intrinsics captured then (shared/intrinsics.js), so a script that replaces built-ins later cannot change how
// these behave. Host functions take and return plain strings, numbers and ArrayBuffers only: no host object ever
// reaches the script. A new web API is one module here and one import line below.
import { ObjectFreeze } from './shared/intrinsics.js';
import { useHost, connectPlatform } from './web/host.js';
import './web/domException.js';
import './web/events.js';
import './web/errorEvents.js';
import './web/abort.js';
import './web/blob.js';
import './web/cloneable.js';
import './web/messaging.js';
import './web/reportError.js';
import './web/crypto.js';
import './web/navigator.js';
import './web/userTiming.js';
import './web/collation.js';
import './web/url.js';
import './web/streams.js';
import './web/compression.js';
import './web/fetch.js';
import './web/intl.js';

/** Keeps the host functions (runtime/webHost.ts); returns `connect(platform)`, which the sandbox that takes this
 * pre-warmed context calls once the platform kernel is installed (its weak timeout and its fetch transport). */
export default function install(host) {
  useHost(host);
  return ObjectFreeze({ __proto__: null, connect(platform) { connectPlatform(platform); } });
}
