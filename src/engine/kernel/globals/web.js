// The globals kernel's access to the web part (web.part.js: DOMException, events, Blob, crypto, URL, fetch, Intl...,
// about 50 KB that a run printing "hello" never needs). Until a script first touches it, each global the part defines
// is an accessor (web/lazyGlobals.js's shape, as URL's already was) and each built-in method it replaces is a stub;
// touching either evaluates the part, which puts its own globals and methods in their place, except where the script
// replaced one first. Making an atob or structuredClone error evaluates it too, so the error is a DOMException.
import * as intrinsics from '../shared/intrinsics.js';
import { G, ObjectKeys, ObjectFreeze, ReflectApply, TypeErrorCtor, StringPrototype, NumberPrototype, BigIntPrototype,
  DatePrototype, FunctionCall as call, ObjectDefineProperty as defineProperty, ObjectGetPrototypeOf as getPrototypeOf,
  ObjectGetOwnPropertyDescriptorRaw as getOwnPropertyDescriptor } from '../shared/intrinsics.js';
import { stubGlobal } from '../web/lazyGlobals.js';
import { useDOMException } from './domException.js';
import { usePlatformObjects } from './structuredClone.js';

/**
 * Every global the web part defines, in the order it defines them (its modules' order), and whether it is
 * enumerable (WebIDL's operations and attributes of the global). test/engine/kernel/web-part.test.mjs checks the part
 * against this list.
 */
export const webGlobals = [
  'DOMException', 'Event', 'CustomEvent', 'EventTarget', 'ErrorEvent', 'PromiseRejectionEvent', 'AbortSignal',
  'AbortController', 'ReadableStream', 'ReadableStreamDefaultReader', 'ReadableStreamBYOBReader',
  'ReadableStreamBYOBRequest', 'ReadableStreamDefaultController', 'ReadableByteStreamController', 'WritableStream',
  'WritableStreamDefaultWriter', 'WritableStreamDefaultController', 'TransformStream', 'TransformStreamDefaultController',
  'ByteLengthQueuingStrategy', 'CountQueuingStrategy', 'TextEncoderStream', 'TextDecoderStream', 'Blob', 'File',
  'MessageEvent', 'MessagePort', 'MessageChannel', 'reportError', 'Crypto', 'SubtleCrypto', 'crypto', 'Navigator',
  'navigator', 'PerformanceEntry', 'PerformanceMark', 'PerformanceMeasure', 'Performance', 'URL', 'URLSearchParams',
  'CompressionStream', 'DecompressionStream', 'Headers', 'Request', 'Response', 'FormData', 'fetch', 'Intl',
];
const enumerableGlobals = { __proto__: null, reportError: true, crypto: true, navigator: true, fetch: true };

/** The platform kernel's pieces (web/host.js's `platform`), filled by connect(platform). */
const platform = { __proto__: null, weakTimeout: undefined, task: undefined, fetch: undefined };
let load;
let loaded;

/** The part's exports ({ DOMException, clonePlatformObject }), evaluating it the first time. */
function webPart() {
  if (loaded === undefined) {
    loaded = load();
    usePlatformObjects(loaded.clonePlatformObject);
  }
  return loaded;
}

/**
 * Installs the stubs (nothing else is evaluated): `kernelHost` is the globals kernel's host (its `loadPart`, `now`
 * and `web`, the host functions of runtime/webHost.ts); `kernel` the globals kernel's own objects the part uses
 * (performance, structuredClone, TextEncoder, TextDecoder).
 */
export function installWebStubs(kernelHost, kernel) {
  const hostFns = { __proto__: null };
  const names = ObjectKeys(kernelHost.web);
  for (let i = 0; i < names.length; i++) hostFns[names[i]] = kernelHost.web[names[i]];
  // Captured now, before user code: the part's Blob encodes and decodes with these.
  const encode = kernel.TextEncoder.prototype.encode, decode = kernel.TextDecoder.prototype.decode;
  const utf8 = new kernel.TextEncoder(), utf8Decoder = new kernel.TextDecoder();
  const perfProto = getPrototypeOf(kernel.performance);
  // Every method the part puts on a built-in prototype (defineMethod of web/idl.js), with its length.
  const methods = [
    [StringPrototype, 'localeCompare', 1], [NumberPrototype, 'toLocaleString', 0], [BigIntPrototype, 'toLocaleString', 0],
    [DatePrototype, 'toLocaleString', 0], [DatePrototype, 'toLocaleDateString', 0], [DatePrototype, 'toLocaleTimeString', 0],
    [perfProto, 'mark', 1], [perfProto, 'measure', 1], [perfProto, 'getEntries', 0], [perfProto, 'getEntriesByType', 1],
    [perfProto, 'getEntriesByName', 1], [perfProto, 'clearMarks', 0], [perfProto, 'clearMeasures', 0],
  ];
  const stubs = [];
  for (let i = 0; i < methods.length; i++) {
    const proto = methods[i][0], name = methods[i][1];
    if (proto === undefined) continue; // a QuickJS without BigInt
    const record = { __proto__: null, proto, name, stub: undefined, impl: undefined };
    // The stub calls what the part defined (not the method now in place, which may be a script's wrapper of this
    // very stub); method syntax, as built-in methods have no prototype and are no constructors.
    record.stub = defineProperty({ [name](...args) {
      if (record.impl === undefined) webPart();
      if (record.impl === undefined) throw new TypeErrorCtor(`${name} is not available`);
      return ReflectApply(record.impl, this, args);
    } }[name], 'length', { value: methods[i][2] });
    const enumerable = proto === perfProto;
    defineProperty(proto, name, { value: record.stub, writable: true, enumerable, configurable: true });
    stubs[stubs.length] = record;
  }
  load = () => kernelHost.loadPart('web')(intrinsics, ObjectFreeze({
    __proto__: null,
    host: hostFns,
    platform,
    now: kernelHost.now,
    performance: kernel.performance,
    structuredClone: kernel.structuredClone,
    encodeUtf8: (s) => call(encode, utf8, s),
    decodeUtf8: (bytes) => call(decode, utf8Decoder, bytes),
    methods: stubs,
  }))();
  for (let i = 0; i < webGlobals.length; i++) {
    const name = webGlobals[i];
    const get = function () {
      webPart();
      // The part put the global (or its own accessor, for URL, the streams, fetch and Intl) in this one's place.
      const d = getOwnPropertyDescriptor(G, name);
      return d && d.get === get ? undefined : G[name];
    };
    stubGlobal(name, get, !!enumerableGlobals[name]);
  }
  // An atob or structuredClone error is made as the part's DOMException, which evaluates the part first.
  useDOMException(() => webPart().DOMException);
}

/**
 * What the host calls: `connect(platform)` hands the platform kernel's pieces to the part (once: a context is
 * connected to one sandbox); `load()` evaluates the part now (an engine made while nobody waits).
 */
export const webLink = ObjectFreeze({
  __proto__: null,
  connect(p) {
    if (platform.weakTimeout) return;
    platform.weakTimeout = p.weakTimeout;
    platform.task = p.task;
    platform.fetch = p.fetch;
  },
  load() { webPart(); },
});
