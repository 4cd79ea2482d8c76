// The web part of the globals kernel: the web platform's common APIs inside QuickJS (the WinterTC Minimum Common Web
// API, as far as the sandbox supports it), one module each under web/: DOMException, Event, CustomEvent, EventTarget,
// AbortController, AbortSignal, Blob, File, MessageChannel/MessagePort/MessageEvent, reportError, crypto, navigator,
// performance.mark/measure, a locale-aware String.prototype.localeCompare; URL/URLSearchParams, the streams,
// CompressionStream/DecompressionStream, the fetch classes (Headers, Request, Response, FormData, fetch) and Intl
// are accessors that evaluate their own bundles on first use.
// About 50 KB that a run printing "hello" never needs: the globals kernel evaluates it the first time a script
// touches one of its globals or methods (globals/web.js holds the stubs), with the intrinsics captured before any
// program ran (scripts/kernel-bundle.mjs). The modules define their globals as the part is evaluated, in place of
// those stubs, and read nothing live: what they need of the globals kernel and the host comes through web/host.js.
// Host functions take and return plain strings, numbers and ArrayBuffers only: no host object ever reaches the
// script. A new web API is one module here, one import line below and its names in globals/web.js.
import './web/domException.js';
import './web/events.js';
import './web/errorEvents.js';
import './web/abort.js';
import './web/blob.js';
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
import { DOMException } from './web/domException.js';
import { clonePlatformObject } from './web/cloneable.js';

/**
 * What the globals kernel takes from the part: the class of its atob and structuredClone errors, and the cloner of
 * the part's platform objects.
 */
export default function install() {
  return { __proto__: null, DOMException, clonePlatformObject };
}
