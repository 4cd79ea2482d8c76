// The web platform's common APIs inside QuickJS (the WinterTC Minimum Common Web API, as far as the sandbox supports
// it): DOMException, Event, CustomEvent, EventTarget, AbortController, AbortSignal, crypto, navigator, reportError,
// performance.mark/measure, a locale-aware String.prototype.localeCompare; URL/URLSearchParams, the streams and the
// fetch classes (Headers, Request, Response, FormData, fetch) loaded lazily.
// Evaluated once per context while the engine waits in the warm pool, after the globals kernel; its completion value is
// install(host), which returns { connect(platform) } for the sandbox to call once the platform kernel is installed.
// Everything it relies on later is captured here first, so a script that replaces built-ins cannot change how these behave. Host functions
// take and return plain strings, numbers and ArrayBuffers only: no host object ever reaches the script.
(function install(host) {
  'use strict';
  const defineProperty = Object.defineProperty;
  const getPrototypeOf = Object.getPrototypeOf;
  const freeze = Object.freeze;
  const create = Object.create;
  const call = Function.prototype.call.bind(Function.prototype.call);
  const ErrorCtor = Error;
  const TypeErrorCtor = TypeError;
  const RangeErrorCtor = RangeError;
  const StringCtor = String;
  const NumberCtor = Number;
  const MathFloor = Math.floor, MathMin = Math.min, MathMax = Math.max;
  const DateNow = Date.now;
  const promiseResolve = Promise.resolve.bind(Promise);
  const promiseReject = Promise.reject.bind(Promise);
  const WeakMapCtor = WeakMap;
  const weakGet = WeakMap.prototype.get, weakSet = WeakMap.prototype.set, weakHas = WeakMap.prototype.has;
  const arrayPush = Array.prototype.push, arraySplice = Array.prototype.splice, arraySlice = Array.prototype.slice;
  const ArrayBufferCtor = ArrayBuffer;
  const isView = ArrayBuffer.isView;
  const Uint8ArrayCtor = Uint8Array;
  const u8Set = Uint8Array.prototype.set;
  const TypedArrayProto = getPrototypeOf(Uint8Array.prototype);
  const typedArrayTag = Object.getOwnPropertyDescriptor(TypedArrayProto, Symbol.toStringTag).get;
  const typedArrayBuffer = Object.getOwnPropertyDescriptor(TypedArrayProto, 'buffer').get;
  const typedArrayOffset = Object.getOwnPropertyDescriptor(TypedArrayProto, 'byteOffset').get;
  const typedArrayLength = Object.getOwnPropertyDescriptor(TypedArrayProto, 'byteLength').get;
  const DataViewCtor = DataView;
  const dataViewBuffer = Object.getOwnPropertyDescriptor(DataView.prototype, 'buffer').get;
  const dataViewOffset = Object.getOwnPropertyDescriptor(DataView.prototype, 'byteOffset').get;
  const dataViewLength = Object.getOwnPropertyDescriptor(DataView.prototype, 'byteLength').get;
  const arrayBufferSlice = ArrayBuffer.prototype.slice;
  const strToLowerCase = String.prototype.toLowerCase, strToUpperCase = String.prototype.toUpperCase;
  const strNormalize = String.prototype.normalize, strReplace = String.prototype.replace;
  const strCharCodeAt = String.prototype.charCodeAt, strSlice = String.prototype.slice, strPadStart = String.prototype.padStart;
  const numToString = Number.prototype.toString;
  const SymbolToStringTag = Symbol.toStringTag;
  const regExpExec = RegExp.prototype.exec;
  // The platform kernel's weak timeout (it never keeps the run alive by itself), handed over by connect().
  let setTimeoutFn;
  const hostRandom = host.randomBytes, hostDigest = host.digest, hostReportError = host.reportError, hostLoadUrl = host.loadUrl, hostLoadIdna = host.loadIdna;
  const hostLoadStreams = host.loadStreams, hostLoadFetch = host.loadFetch, hostLoadIntl = host.loadIntl;
  // A ReadableStream of bytes (set where the streams are made lazy, below), for Blob.stream() and bodies.
  let streamOfBytes;
  const hostNow = typeof performance === 'object' && performance ? performance.now.bind(performance) : () => 0;

  function defineGlobal(name, value) {
    defineProperty(globalThis, name, { value, writable: true, configurable: true, enumerable: false });
  }
  function tag(ctor, name) {
    defineProperty(ctor.prototype, SymbolToStringTag, { value: name, writable: false, enumerable: false, configurable: true });
  }
  /** Methods and accessors of web classes are enumerable on their prototypes (WebIDL), unlike class syntax's. */
  function webIdl(ctor) {
    const proto = ctor.prototype;
    const keys = Reflect.ownKeys(proto);
    for (let i = 0; i < keys.length; i++) {
      const k = keys[i];
      if (k === 'constructor' || typeof k === 'symbol') continue;
      const d = Object.getOwnPropertyDescriptor(proto, k);
      d.enumerable = true;
      defineProperty(proto, k, d);
    }
  }

  // ---- DOMException (WebIDL): an Error subclass whose legacy `code` follows from its name ----
  const legacyCodes = {
    __proto__: null, IndexSizeError: 1, HierarchyRequestError: 3, WrongDocumentError: 4, InvalidCharacterError: 5,
    NoModificationAllowedError: 7, NotFoundError: 8, NotSupportedError: 9, InvalidStateError: 11, SyntaxError: 12,
    InvalidModificationError: 13, NamespaceError: 14, InvalidAccessError: 15, TypeMismatchError: 17, SecurityError: 18,
    NetworkError: 19, AbortError: 20, URLMismatchError: 21, QuotaExceededError: 22, TimeoutError: 23,
    InvalidNodeTypeError: 24, DataCloneError: 25,
  };
  const codeNames = [
    'INDEX_SIZE_ERR', 'DOMSTRING_SIZE_ERR', 'HIERARCHY_REQUEST_ERR', 'WRONG_DOCUMENT_ERR', 'INVALID_CHARACTER_ERR',
    'NO_DATA_ALLOWED_ERR', 'NO_MODIFICATION_ALLOWED_ERR', 'NOT_FOUND_ERR', 'NOT_SUPPORTED_ERR', 'INUSE_ATTRIBUTE_ERR',
    'INVALID_STATE_ERR', 'SYNTAX_ERR', 'INVALID_MODIFICATION_ERR', 'NAMESPACE_ERR', 'INVALID_ACCESS_ERR',
    'VALIDATION_ERR', 'TYPE_MISMATCH_ERR', 'SECURITY_ERR', 'NETWORK_ERR', 'ABORT_ERR', 'URL_MISMATCH_ERR',
    'QUOTA_EXCEEDED_ERR', 'TIMEOUT_ERR', 'INVALID_NODE_TYPE_ERR', 'DATA_CLONE_ERR',
  ];
  const domState = new WeakMapCtor();
  class DOMException extends ErrorCtor {
    constructor(message = '', options = 'Error') {
      super(StringCtor(message));
      let name = options;
      if (options !== null && typeof options === 'object') {
        name = options.name === undefined ? 'Error' : options.name;
        if ('cause' in options) defineProperty(this, 'cause', { value: options.cause, writable: true, configurable: true, enumerable: false });
      }
      call(weakSet, domState, this, { name: StringCtor(name), message: StringCtor(message) });
    }
    get name() { return state(this).name; }
    get message() { return state(this).message; }
    get code() { return legacyCodes[state(this).name] || 0; }
  }
  function state(e) {
    const s = call(weakGet, domState, e);
    if (!s) throw new TypeErrorCtor('Illegal invocation: not a DOMException');
    return s;
  }
  for (let i = 0; i < codeNames.length; i++) {
    const d = { value: i + 1, writable: false, enumerable: true, configurable: false };
    defineProperty(DOMException, codeNames[i], d);
    defineProperty(DOMException.prototype, codeNames[i], d);
  }
  webIdl(DOMException);
  tag(DOMException, 'DOMException');
  defineGlobal('DOMException', DOMException);

  // ---- Event, CustomEvent (DOM standard, without a node tree: every dispatch is at the target) ----
  const eventState = new WeakMapCtor();
  function ev(e) {
    const s = call(weakGet, eventState, e);
    if (!s) throw new TypeErrorCtor('Illegal invocation: not an Event');
    return s;
  }
  class Event {
    constructor(type, init = undefined) {
      if (arguments.length === 0) throw new TypeErrorCtor("Failed to construct 'Event': 1 argument required, but only 0 present.");
      const o = init == null ? {} : init;
      call(weakSet, eventState, this, {
        type: StringCtor(type), bubbles: !!o.bubbles, cancelable: !!o.cancelable, composed: !!o.composed,
        target: null, currentTarget: null, phase: 0, canceled: false, stop: false, stopNow: false, inPassive: false,
        dispatching: false, timeStamp: hostNow(),
      });
      // isTrusted is an own unforgeable property in the spec.
      defineProperty(this, 'isTrusted', { get: isTrustedGetter, enumerable: true, configurable: false });
    }
    get type() { return ev(this).type; }
    get target() { return ev(this).target; }
    get srcElement() { return ev(this).target; }
    get currentTarget() { return ev(this).currentTarget; }
    composedPath() { const s = ev(this); return s.dispatching && s.currentTarget ? [s.currentTarget] : []; }
    get eventPhase() { return ev(this).phase; }
    stopPropagation() { ev(this).stop = true; }
    get cancelBubble() { return ev(this).stop; }
    set cancelBubble(v) { if (v) ev(this).stop = true; }
    stopImmediatePropagation() { const s = ev(this); s.stop = true; s.stopNow = true; }
    get bubbles() { return ev(this).bubbles; }
    get cancelable() { return ev(this).cancelable; }
    get returnValue() { return !ev(this).canceled; }
    set returnValue(v) { if (!v) cancel(ev(this)); }
    preventDefault() { cancel(ev(this)); }
    get defaultPrevented() { return ev(this).canceled; }
    get composed() { return ev(this).composed; }
    get timeStamp() { return ev(this).timeStamp; }
    initEvent(type, bubbles = false, cancelable = false) {
      const s = ev(this);
      if (s.dispatching) return;
      s.type = StringCtor(type); s.bubbles = !!bubbles; s.cancelable = !!cancelable;
      s.stop = false; s.stopNow = false; s.canceled = false; s.target = null;
    }
  }
  const isTrustedGetter = function () { return false; };
  function cancel(s) { if (s.cancelable && !s.inPassive) s.canceled = true; }
  const phases = ['NONE', 'CAPTURING_PHASE', 'AT_TARGET', 'BUBBLING_PHASE'];
  for (let i = 0; i < phases.length; i++) {
    const d = { value: i, writable: false, enumerable: true, configurable: false };
    defineProperty(Event, phases[i], d);
    defineProperty(Event.prototype, phases[i], d);
  }
  webIdl(Event);
  tag(Event, 'Event');

  const detailState = new WeakMapCtor();
  class CustomEvent extends Event {
    constructor(type, init = undefined) {
      if (arguments.length === 0) throw new TypeErrorCtor("Failed to construct 'CustomEvent': 1 argument required, but only 0 present.");
      super(type, init);
      call(weakSet, detailState, this, init == null || init.detail === undefined ? null : init.detail);
    }
    get detail() {
      if (!call(weakHas, detailState, this)) throw new TypeErrorCtor('Illegal invocation: not a CustomEvent');
      return call(weakGet, detailState, this);
    }
    initCustomEvent(type, bubbles = false, cancelable = false, detail = null) {
      const s = ev(this);
      if (s.dispatching) return;
      this.initEvent(type, bubbles, cancelable);
      call(weakSet, detailState, this, detail);
    }
  }
  webIdl(CustomEvent);
  tag(CustomEvent, 'CustomEvent');
  defineGlobal('Event', Event);
  defineGlobal('CustomEvent', CustomEvent);

  // ---- EventTarget ----
  const listenerState = new WeakMapCtor();
  function listenersOf(target) {
    let map = call(weakGet, listenerState, target);
    if (!map) {
      if (target === undefined || target === null) throw new TypeErrorCtor('Illegal invocation: not an EventTarget');
      map = create(null);
      call(weakSet, listenerState, target, map);
    }
    return map;
  }
  function flatten(options) {
    if (options !== null && typeof options === 'object') return !!options.capture;
    return !!options;
  }
  function removeListener(list, entry) {
    entry.removed = true;
    for (let i = 0; i < list.length; i++) if (list[i] === entry) { call(arraySplice, list, i, 1); return; }
  }
  class EventTarget {
    constructor() { listenersOf(this); }
    addEventListener(type, callback, options = undefined) {
      if (arguments.length < 2) throw new TypeErrorCtor(`Failed to execute 'addEventListener' on 'EventTarget': 2 arguments required, but only ${arguments.length} present.`);
      if (callback === null || callback === undefined) return;
      if (typeof callback !== 'function' && typeof callback !== 'object') {
        throw new TypeErrorCtor("Failed to execute 'addEventListener' on 'EventTarget': The callback provided as parameter 2 is not an object.");
      }
      const capture = flatten(options);
      let once = false, passive = false, signal = undefined;
      if (options !== null && typeof options === 'object') {
        once = !!options.once;
        passive = !!options.passive;
        signal = options.signal;
        if (signal !== undefined && !call(weakHas, signalState, signal)) {
          throw new TypeErrorCtor("Failed to execute 'addEventListener' on 'EventTarget': member signal is not of type AbortSignal.");
        }
      }
      if (signal !== undefined && signal.aborted) return;
      const map = listenersOf(this);
      const key = StringCtor(type);
      const list = map[key] || (map[key] = []);
      for (let i = 0; i < list.length; i++) if (list[i].callback === callback && list[i].capture === capture) return;
      const entry = { callback, capture, once, passive, removed: false };
      call(arrayPush, list, entry);
      if (signal !== undefined) addAbortAlgorithm(signal, () => removeListener(list, entry));
    }
    removeEventListener(type, callback, options = undefined) {
      const list = listenersOf(this)[StringCtor(type)];
      if (!list) return;
      const capture = flatten(options);
      for (let i = 0; i < list.length; i++) {
        if (list[i].callback === callback && list[i].capture === capture) { removeListener(list, list[i]); return; }
      }
    }
    dispatchEvent(event) {
      const s = call(weakGet, eventState, event);
      if (!s) throw new TypeErrorCtor("Failed to execute 'dispatchEvent' on 'EventTarget': parameter 1 is not of type 'Event'.");
      if (s.dispatching) throw new DOMException("Failed to execute 'dispatchEvent' on 'EventTarget': The event is already being dispatched.", 'InvalidStateError');
      return dispatch(this, event, s);
    }
  }
  function dispatch(target, event, s) {
    s.dispatching = true;
    s.target = target;
    s.currentTarget = target;
    s.phase = 2;
    try {
      const list = listenersOf(target)[s.type];
      if (list) {
        // The listeners present when dispatch starts, capturing ones first (the DOM's order at the target).
        const snapshot = call(arraySlice, list);
        for (let pass = 0; pass < 2 && !s.stopNow; pass++) {
          for (let i = 0; i < snapshot.length; i++) {
            const entry = snapshot[i];
            if (s.stopNow) break;
            if (entry.removed || entry.capture !== (pass === 0)) continue;
            if (entry.once) removeListener(list, entry);
            s.inPassive = entry.passive;
            try {
              const cb = entry.callback;
              if (typeof cb === 'function') call(cb, target, event);
              else {
                const handle = cb.handleEvent;
                if (typeof handle !== 'function') throw new TypeErrorCtor("The listener object has no 'handleEvent' method");
                call(handle, cb, event);
              }
            } catch (e) {
              // A listener's exception never reaches the dispatcher: it is reported like an uncaught error.
              hostReportError(e);
            }
            s.inPassive = false;
          }
        }
      }
    } finally {
      s.dispatching = false;
      s.phase = 0;
      s.currentTarget = null;
      s.stop = false;
      s.stopNow = false;
    }
    return !s.canceled;
  }
  webIdl(EventTarget);
  tag(EventTarget, 'EventTarget');
  defineGlobal('EventTarget', EventTarget);

  // ---- AbortSignal, AbortController ----
  const signalState = new WeakMapCtor();
  const constructing = { allowed: false };
  function sig(signal) {
    const s = call(weakGet, signalState, signal);
    if (!s) throw new TypeErrorCtor('Illegal invocation: not an AbortSignal');
    return s;
  }
  function newSignal() {
    constructing.allowed = true;
    try { return new AbortSignal(); } finally { constructing.allowed = false; }
  }
  function addAbortAlgorithm(signal, fn) {
    const s = sig(signal);
    if (!s.aborted) call(arrayPush, s.algorithms, fn);
  }
  function signalAbort(signal, reason) {
    const s = sig(signal);
    if (s.aborted) return;
    s.aborted = true;
    s.reason = reason === undefined ? new DOMException('This operation was aborted', 'AbortError') : reason;
    const dependents = s.dependents;
    s.dependents = [];
    const algorithms = s.algorithms;
    s.algorithms = [];
    // The spec marks every dependent aborted (signals of AbortSignal.any, and theirs in turn) before any event fires.
    const toFire = [];
    for (let i = 0; i < dependents.length; i++) {
      const d = sig(dependents[i]);
      if (d.aborted) continue;
      d.aborted = true;
      d.reason = s.reason;
      call(arrayPush, toFire, dependents[i]);
      for (let j = 0; j < d.dependents.length; j++) call(arrayPush, dependents, d.dependents[j]);
      d.dependents = [];
    }
    for (let i = 0; i < algorithms.length; i++) algorithms[i]();
    fire(signal);
    for (let i = 0; i < toFire.length; i++) {
      const d = sig(toFire[i]);
      const algs = d.algorithms;
      d.algorithms = [];
      for (let j = 0; j < algs.length; j++) algs[j]();
      fire(toFire[i]);
    }
  }
  function fire(signal) { const e = new Event('abort'); dispatch(signal, e, ev(e)); }
  class AbortSignal extends EventTarget {
    constructor() {
      if (!constructing.allowed) throw new TypeErrorCtor('Illegal constructor: use new AbortController().signal, AbortSignal.abort(), AbortSignal.timeout() or AbortSignal.any()');
      super();
      call(weakSet, signalState, this, { aborted: false, reason: undefined, algorithms: [], dependents: [], onabort: null, handler: null });
    }
    get aborted() { return sig(this).aborted; }
    get reason() { return sig(this).reason; }
    throwIfAborted() { const s = sig(this); if (s.aborted) throw s.reason; }
    get onabort() { return sig(this).onabort; }
    set onabort(fn) {
      const s = sig(this);
      if (s.handler) this.removeEventListener('abort', s.handler);
      s.onabort = typeof fn === 'function' || (fn !== null && typeof fn === 'object') ? fn : null;
      s.handler = null;
      if (s.onabort) {
        const self = this;
        s.handler = function (event) { const h = sig(self).onabort; if (typeof h === 'function') call(h, self, event); };
        this.addEventListener('abort', s.handler);
      }
    }
    static abort(reason = undefined) {
      const signal = newSignal();
      const s = sig(signal);
      s.aborted = true;
      s.reason = reason === undefined ? new DOMException('This operation was aborted', 'AbortError') : reason;
      return signal;
    }
    static timeout(milliseconds) {
      const ms = NumberCtor(milliseconds);
      if (!(ms >= 0 && ms <= 9007199254740991) || ms !== ms) {
        throw new TypeErrorCtor(`AbortSignal.timeout: ${StringCtor(milliseconds)} is not a non-negative integer number of milliseconds`);
      }
      const signal = newSignal();
      // The timer runs on the sandbox's event loop but, as in Node, does not keep the run alive by itself.
      setTimeoutFn(() => signalAbort(signal, new DOMException('The operation was aborted due to timeout', 'TimeoutError')), MathFloor(ms));
      return signal;
    }
    static any(signals) {
      const result = newSignal();
      const list = [];
      for (const signal of signals) {
        sig(signal);
        call(arrayPush, list, signal);
      }
      for (let i = 0; i < list.length; i++) {
        const s = sig(list[i]);
        if (s.aborted) { const r = sig(result); r.aborted = true; r.reason = s.reason; return result; }
      }
      for (let i = 0; i < list.length; i++) call(arrayPush, sig(list[i]).dependents, result);
      return result;
    }
  }
  webIdl(AbortSignal);
  tag(AbortSignal, 'AbortSignal');

  const controllerState = new WeakMapCtor();
  class AbortController {
    constructor() { call(weakSet, controllerState, this, newSignal()); }
    get signal() {
      const s = call(weakGet, controllerState, this);
      if (!s) throw new TypeErrorCtor('Illegal invocation: not an AbortController');
      return s;
    }
    abort(reason = undefined) { signalAbort(this.signal, reason); }
  }
  webIdl(AbortController);
  tag(AbortController, 'AbortController');
  defineGlobal('AbortSignal', AbortSignal);
  defineGlobal('AbortController', AbortController);

  // ---- Blob, File (File API): immutable bytes held in QuickJS ----
  const TextEncoderCtor = globalThis.TextEncoder, TextDecoderCtor = globalThis.TextDecoder;
  const encode = TextEncoderCtor.prototype.encode, decode = TextDecoderCtor.prototype.decode;
  const utf8 = new TextEncoderCtor(), utf8Decoder = new TextDecoderCtor();
  const blobBytes = new WeakMapCtor(), blobType = new WeakMapCtor();
  const lowerAsciiType = /^[\x20-\x7e]*$/;
  function bytesOf(blob) {
    const b = call(weakGet, blobBytes, blob);
    if (!b) throw new TypeErrorCtor('Illegal invocation: not a Blob');
    return b;
  }
  function normalizeType(type) {
    const t = StringCtor(type);
    // The File API: a type with characters outside U+0020..U+007E becomes the empty string; others are lower-cased.
    return call(regExpExec, lowerAsciiType, t) !== null ? call(strToLowerCase, t) : '';
  }
  class Blob {
    constructor(blobParts = undefined, options = undefined) {
      const chunks = [];
      let total = 0;
      if (blobParts !== undefined) {
        if (blobParts === null || typeof blobParts !== 'object' && typeof blobParts !== 'function') {
          throw new TypeErrorCtor("Failed to construct 'Blob': The provided value cannot be converted to a sequence.");
        }
        for (const part of blobParts) {
          let bytes;
          if (call(weakHas, blobBytes, part)) bytes = bytesOf(part);
          else if (part instanceof ArrayBufferCtor || isView(part)) bytes = new Uint8ArrayCtor(copyBufferSource(part, 'Blob'));
          else bytes = call(encode, utf8, StringCtor(part));
          call(arrayPush, chunks, bytes);
          total += bytes.length;
        }
      }
      const all = new Uint8ArrayCtor(total);
      let at = 0;
      for (let i = 0; i < chunks.length; i++) { call(u8Set, all, chunks[i], at); at += chunks[i].length; }
      call(weakSet, blobBytes, this, all);
      call(weakSet, blobType, this, options == null || options.type === undefined ? '' : normalizeType(options.type));
    }
    get size() { return bytesOf(this).length; }
    get type() { bytesOf(this); return call(weakGet, blobType, this); }
    slice(start = undefined, end = undefined, contentType = undefined) {
      const bytes = bytesOf(this);
      const size = bytes.length;
      const clamp = (v, d) => {
        if (v === undefined) return d;
        const n = MathFloor(NumberCtor(v)) || 0;
        return n < 0 ? MathMax(size + n, 0) : MathMin(n, size);
      };
      const from = clamp(start, 0), to = clamp(end, size);
      const out = new Blob([], { type: contentType === undefined ? '' : contentType });
      call(weakSet, blobBytes, out, new Uint8ArrayCtor(call(arrayBufferSlice, call(typedArrayBuffer, bytes), from, MathMax(from, to))));
      return out;
    }
    text() { try { return promiseResolve(call(decode, utf8Decoder, bytesOf(this))); } catch (e) { return promiseReject(e); } }
    arrayBuffer() { try { return promiseResolve(call(arrayBufferSlice, call(typedArrayBuffer, bytesOf(this)), 0)); } catch (e) { return promiseReject(e); } }
    bytes() { try { return promiseResolve(new Uint8ArrayCtor(call(arrayBufferSlice, call(typedArrayBuffer, bytesOf(this)), 0))); } catch (e) { return promiseReject(e); } }
    stream() { return streamOfBytes(bytesOf(this)); }
  }
  webIdl(Blob);
  tag(Blob, 'Blob');
  const fileState = new WeakMapCtor();
  class File extends Blob {
    constructor(fileBits, fileName, options = undefined) {
      if (arguments.length < 2) throw new TypeErrorCtor(`Failed to construct 'File': 2 arguments required, but only ${arguments.length} present.`);
      super(fileBits, options);
      const modified = options != null && options.lastModified !== undefined ? NumberCtor(options.lastModified) : DateNow();
      call(weakSet, fileState, this, { name: StringCtor(fileName), lastModified: MathFloor(modified) || 0 });
    }
    get name() { return fileOf(this).name; }
    get lastModified() { return fileOf(this).lastModified; }
  }
  function fileOf(f) {
    const s = call(weakGet, fileState, f);
    if (!s) throw new TypeErrorCtor('Illegal invocation: not a File');
    return s;
  }
  webIdl(File);
  tag(File, 'File');
  defineGlobal('Blob', Blob);
  defineGlobal('File', File);

  // ---- reportError ----
  defineGlobal('reportError', defineProperty(function reportError(e) {
    if (arguments.length === 0) throw new TypeErrorCtor("Failed to execute 'reportError': 1 argument required, but only 0 present.");
    hostReportError(e);
  }, 'name', { value: 'reportError' }));

  // ---- crypto: random bytes and digests from the host's node:crypto ----
  const integerArrays = {
    __proto__: null, Int8Array: 1, Uint8Array: 1, Uint8ClampedArray: 1, Int16Array: 1, Uint16Array: 1,
    Int32Array: 1, Uint32Array: 1, BigInt64Array: 1, BigUint64Array: 1,
  };
  let illegal = true;
  class SubtleCrypto {
    constructor() { if (illegal) throw new TypeErrorCtor('Illegal constructor'); }
    digest(algorithm, data) {
      try {
        let name = algorithm !== null && typeof algorithm === 'object' ? algorithm.name : algorithm;
        if (name === undefined) return promiseReject(new TypeErrorCtor('crypto.subtle.digest: the algorithm needs a name'));
        name = call(strToUpperCase, StringCtor(name));
        if (name !== 'SHA-1' && name !== 'SHA-256' && name !== 'SHA-384' && name !== 'SHA-512') {
          return promiseReject(new DOMException(`Unrecognized algorithm name: ${StringCtor(name)} (crypto.subtle.digest supports SHA-1, SHA-256, SHA-384 and SHA-512)`, 'NotSupportedError'));
        }
        const bytes = copyBufferSource(data, 'crypto.subtle.digest');
        return promiseResolve(hostDigest(name, bytes));
      } catch (e) {
        return promiseReject(e);
      }
    }
  }
  /** A fresh ArrayBuffer with the bytes of an ArrayBuffer, a typed array or a DataView. */
  function copyBufferSource(data, what) {
    if (data instanceof ArrayBufferCtor) return call(arrayBufferSlice, data, 0);
    if (isView(data)) {
      if (data instanceof DataViewCtor) {
        const off = call(dataViewOffset, data);
        return call(arrayBufferSlice, call(dataViewBuffer, data), off, off + call(dataViewLength, data));
      }
      const off = call(typedArrayOffset, data);
      return call(arrayBufferSlice, call(typedArrayBuffer, data), off, off + call(typedArrayLength, data));
    }
    throw new TypeErrorCtor(`${what}: the data must be an ArrayBuffer, a typed array or a DataView`);
  }
  function randomInto(view) {
    const n = call(typedArrayLength, view);
    if (n === 0) return;
    const bytes = hostRandom(n);
    call(u8Set, new Uint8ArrayCtor(call(typedArrayBuffer, view), call(typedArrayOffset, view), n), new Uint8ArrayCtor(bytes));
  }
  class Crypto {
    constructor() { if (illegal) throw new TypeErrorCtor('Illegal constructor'); }
    get subtle() { return subtle; }
    getRandomValues(array) {
      if (arguments.length === 0) throw new TypeErrorCtor("Failed to execute 'getRandomValues' on 'Crypto': 1 argument required, but only 0 present.");
      const kind = isView(array) && !(array instanceof DataViewCtor) ? call(typedArrayTag, array) : undefined;
      if (!kind || !integerArrays[kind]) {
        throw new DOMException("Failed to execute 'getRandomValues' on 'Crypto': The provided ArrayBufferView is not an integer array type.", 'TypeMismatchError');
      }
      if (call(typedArrayLength, array) > 65536) {
        throw new DOMException(`Failed to execute 'getRandomValues' on 'Crypto': The ArrayBufferView's byte length (${call(typedArrayLength, array)}) exceeds the number of bytes of entropy available via this API (65536).`, 'QuotaExceededError');
      }
      randomInto(array);
      return array;
    }
    randomUUID() {
      const b = new Uint8ArrayCtor(hostRandom(16));
      b[6] = (b[6] & 0x0f) | 0x40;
      b[8] = (b[8] & 0x3f) | 0x80;
      let hex = '';
      for (let i = 0; i < 16; i++) {
        if (i === 4 || i === 6 || i === 8 || i === 10) hex += '-';
        hex += call(strPadStart, call(numToString, b[i], 16), 2, '0');
      }
      return hex;
    }
  }
  illegal = false;
  const subtle = new SubtleCrypto();
  const crypto = new Crypto();
  webIdl(Crypto); webIdl(SubtleCrypto);
  tag(Crypto, 'Crypto'); tag(SubtleCrypto, 'SubtleCrypto');
  illegal = true;
  defineGlobal('Crypto', Crypto);
  defineGlobal('SubtleCrypto', SubtleCrypto);
  defineGlobal('crypto', crypto);

  // ---- navigator ----
  class Navigator {
    constructor() { if (illegal) throw new TypeErrorCtor('Illegal constructor'); }
    get userAgent() { return userAgent; }
    get language() { return 'en-US'; }
    get languages() { return languages; }
    get hardwareConcurrency() { return 1; }
  }
  const userAgent = `QuickJS-Sandbox/${StringCtor(host.version)}`;
  const languages = freeze(['en-US']);
  webIdl(Navigator);
  tag(Navigator, 'Navigator');
  illegal = false;
  const navigator = new Navigator();
  illegal = true;
  defineGlobal('Navigator', Navigator);
  defineGlobal('navigator', navigator);

  // ---- performance.mark / measure (User Timing), on the globals kernel's Performance ----
  if (typeof performance === 'object' && performance) {
    const perfProto = getPrototypeOf(performance);
    const entries = [];
    class PerformanceEntry {
      constructor(name, type, startTime, duration, detail) {
        if (illegal) throw new TypeErrorCtor('Illegal constructor');
        defineProperty(this, 'name', { value: name, enumerable: true });
        defineProperty(this, 'entryType', { value: type, enumerable: true });
        defineProperty(this, 'startTime', { value: startTime, enumerable: true });
        defineProperty(this, 'duration', { value: duration, enumerable: true });
        defineProperty(this, 'detail', { value: detail === undefined ? null : detail, enumerable: true });
      }
      toJSON() { return { name: this.name, entryType: this.entryType, startTime: this.startTime, duration: this.duration, detail: this.detail }; }
    }
    const entry = (name, type, start, duration, detail) => {
      illegal = false;
      try { return new PerformanceEntry(name, type, start, duration, detail); } finally { illegal = true; }
    };
    const markTime = (name, what) => {
      if (name === undefined) return undefined;
      if (typeof name === 'number') return name;
      const key = StringCtor(name);
      for (let i = entries.length - 1; i >= 0; i--) if (entries[i].entryType === 'mark' && entries[i].name === key) return entries[i].startTime;
      throw new DOMException(`Failed to execute '${what}' on 'Performance': The mark '${key}' does not exist.`, 'SyntaxError');
    };
    const methods = {
      mark(name, options = undefined) {
        if (arguments.length === 0) throw new TypeErrorCtor("Failed to execute 'mark' on 'Performance': 1 argument required, but only 0 present.");
        const start = options && options.startTime !== undefined ? NumberCtor(options.startTime) : hostNow();
        if (start < 0) throw new TypeErrorCtor("Failed to execute 'mark' on 'Performance': 'startTime' cannot be negative.");
        const e = entry(StringCtor(name), 'mark', start, 0, options ? options.detail : undefined);
        call(arrayPush, entries, e);
        return e;
      },
      measure(name, startOrOptions = undefined, endMark = undefined) {
        let start, end, detail;
        if (startOrOptions !== null && typeof startOrOptions === 'object') {
          start = markTime(startOrOptions.start, 'measure');
          end = markTime(startOrOptions.end, 'measure');
          if (start === undefined && startOrOptions.duration !== undefined && end !== undefined) start = end - NumberCtor(startOrOptions.duration);
          if (end === undefined && startOrOptions.duration !== undefined && start !== undefined) end = start + NumberCtor(startOrOptions.duration);
          detail = startOrOptions.detail;
        } else {
          start = markTime(startOrOptions, 'measure');
        }
        if (end === undefined) end = endMark === undefined ? hostNow() : markTime(endMark, 'measure');
        if (start === undefined) start = 0;
        const e = entry(StringCtor(name), 'measure', start, end - start, detail);
        call(arrayPush, entries, e);
        return e;
      },
      getEntries() { return call(arraySlice, entries); },
      getEntriesByType(type) { const out = []; for (let i = 0; i < entries.length; i++) if (entries[i].entryType === type) call(arrayPush, out, entries[i]); return out; },
      getEntriesByName(name, type = undefined) {
        const out = [];
        for (let i = 0; i < entries.length; i++) if (entries[i].name === name && (type === undefined || entries[i].entryType === type)) call(arrayPush, out, entries[i]);
        return out;
      },
      clearMarks(name = undefined) { clear('mark', name); },
      clearMeasures(name = undefined) { clear('measure', name); },
    };
    const clear = (type, name) => {
      for (let i = entries.length - 1; i >= 0; i--) {
        if (entries[i].entryType === type && (name === undefined || entries[i].name === name)) call(arraySplice, entries, i, 1);
      }
    };
    const keys = Object.keys(methods);
    for (let i = 0; i < keys.length; i++) {
      defineProperty(perfProto, keys[i], { value: methods[keys[i]], writable: true, enumerable: true, configurable: true });
    }
    tag(PerformanceEntry, 'PerformanceEntry');
    webIdl(PerformanceEntry);
  }

  // ---- String.prototype.localeCompare: QuickJS compares code units; give the root collation's main rules ----
  // Ordering by levels as the Unicode Collation Algorithm does for Latin text: letters first compared without accents
  // or case ('a' < 'B' < 'c'), then accents ('e' < 'é'), then case (lower before upper, as ICU's default). Digits sort
  // before letters, and punctuation and spaces before both. Scripts other than Latin compare by code point after that.
  const combining = /[\u0300-\u036f]/g;
  function primaryKey(s) { return call(strReplace, call(strNormalize, call(strToLowerCase, s), 'NFD'), combining, ''); }
  function weight(c) {
    // Whitespace and punctuation < digits < letters < everything else, each group in code point order.
    if (c >= 0x30 && c <= 0x39) return 0x10000 + c;
    if ((c >= 0x61 && c <= 0x7a) || (c >= 0xdf && c <= 0x24f)) return 0x20000 + c;
    if (c < 0x80) return c;
    return 0x30000 + c;
  }
  const isDigit = (c) => c >= 0x30 && c <= 0x39;
  /** With `numeric`, runs of digits compare by their value ('2' < '10'), as the collation option kn does. */
  function compareKeys(a, b, numeric) {
    let i = 0, j = 0;
    while (i < a.length && j < b.length) {
      const x = call(strCharCodeAt, a, i), y = call(strCharCodeAt, b, j);
      if (numeric && isDigit(x) && isDigit(y)) {
        let ei = i, ej = j;
        while (ei < a.length && isDigit(call(strCharCodeAt, a, ei))) ei++;
        while (ej < b.length && isDigit(call(strCharCodeAt, b, ej))) ej++;
        let si = i, sj = j;
        while (si < ei - 1 && call(strCharCodeAt, a, si) === 0x30) si++;
        while (sj < ej - 1 && call(strCharCodeAt, b, sj) === 0x30) sj++;
        if (ei - si !== ej - sj) return ei - si < ej - sj ? -1 : 1;
        const da = call(strSlice, a, si, ei), db = call(strSlice, b, sj, ej);
        if (da !== db) return da < db ? -1 : 1;
        i = ei; j = ej;
        continue;
      }
      if (x !== y) return weight(x) < weight(y) ? -1 : 1;
      i++; j++;
    }
    const ra = a.length - i, rb = b.length - j;
    return ra === rb ? 0 : ra < rb ? -1 : 1;
  }
  /** `sensitivity` as Intl.Collator takes it: base (letters only), accent, case, or variant (everything). */
  function collate(a, b, numeric, sensitivity) {
    if (a === b) return 0;
    const p = compareKeys(primaryKey(a), primaryKey(b), numeric);
    if (p || sensitivity === 'base') return p;
    if (sensitivity !== 'case') {
      const s = compareKeys(call(strNormalize, call(strToLowerCase, a), 'NFD'), call(strNormalize, call(strToLowerCase, b), 'NFD'), numeric);
      if (s || sensitivity === 'accent') return s;
    }
    // Tertiary: lower case before upper case at the first difference (accents left out when only case counts).
    let na = call(strNormalize, a, 'NFD'), nb = call(strNormalize, b, 'NFD');
    if (sensitivity === 'case') { na = call(strReplace, na, combining, ''); nb = call(strReplace, nb, combining, ''); }
    const n = MathMin(na.length, nb.length);
    for (let i = 0; i < n; i++) {
      const x = call(strCharCodeAt, na, i), y = call(strCharCodeAt, nb, i);
      if (x !== y) {
        const cx = call(strSlice, na, i, i + 1), cy = call(strSlice, nb, i, i + 1);
        const xl = call(strToLowerCase, cx) === cx, yl = call(strToLowerCase, cy) === cy;
        if (xl !== yl) return xl ? -1 : 1;
        if (sensitivity === 'case' || numeric) continue;
        return x < y ? -1 : 1;
      }
    }
    if (sensitivity === 'case' || numeric) return 0;
    return na.length === nb.length ? 0 : na.length < nb.length ? -1 : 1;
  }
  const sensitivities = { __proto__: null, base: 1, accent: 1, case: 1, variant: 1 };
  const localeCompare = {
    // `locales` is accepted and ignored: there is one ordering. Of the options, `numeric` and `sensitivity` apply.
    localeCompare(that, locales = undefined, options = undefined) {
      if (this === undefined || this === null) throw new TypeErrorCtor('String.prototype.localeCompare called on null or undefined');
      // As Intl.Collator would: a null locale list is a TypeError (CanonicalizeLocaleList).
      if (locales === null) throw new TypeErrorCtor('String.prototype.localeCompare: locales must not be null');
      let numeric = false, sensitivity = 'variant';
      if (options !== undefined && options !== null) {
        numeric = !!options.numeric;
        if (options.sensitivity !== undefined) {
          sensitivity = StringCtor(options.sensitivity);
          if (!sensitivities[sensitivity]) throw new RangeErrorCtor(`Value ${sensitivity} out of range for localeCompare options property sensitivity`);
        }
      }
      return collate(StringCtor(this), StringCtor(that), numeric, sensitivity);
    },
  }.localeCompare;
  defineProperty(String.prototype, 'localeCompare', { value: localeCompare, writable: true, enumerable: false, configurable: true });

  // ---- Implementations evaluated on first use: URL/URLSearchParams (about 100 KB, and 220 KB more for non-ASCII
  // hosts), the streams (about 70 KB) and the fetch classes. Each global is an accessor until then; touching one
  // evaluates its bundle once. ----
  /** Defines each name as a global that evaluates `load()` (an object of all of them) when first touched. */
  function lazyGlobals(names, load) {
    let loaded;
    const ensure = () => {
      if (!loaded) {
        loaded = load();
        for (let i = 0; i < names.length; i++) {
          // A global the script replaced before first use stays replaced.
          const d = Object.getOwnPropertyDescriptor(globalThis, names[i]);
          if (d && d.get && d.get.lazyWebGlobal) defineGlobal(names[i], loaded[names[i]]);
        }
      }
      return loaded;
    };
    for (let i = 0; i < names.length; i++) {
      const name = names[i];
      const get = defineProperty(function () { return ensure()[name]; }, 'name', { value: `get ${name}` });
      defineProperty(get, 'lazyWebGlobal', { value: true });
      defineProperty(globalThis, name, {
        get,
        // Assigning before first use replaces the global, as assigning a data property would.
        set: defineProperty(function (value) { defineGlobal(name, value); }, 'name', { value: `set ${name}` }),
        enumerable: false,
        configurable: true,
      });
    }
    return { ensure, peek: () => loaded };
  }
  const urlApi = lazyGlobals(['URL', 'URLSearchParams'], () => {
    const loaded = hostLoadUrl()(() => hostLoadIdna());
    return { URL: loaded.URL, URLSearchParams: loaded.URLSearchParams };
  });
  const streams = lazyGlobals([
    'ReadableStream', 'ReadableStreamDefaultReader', 'ReadableStreamBYOBReader', 'ReadableStreamBYOBRequest',
    'ReadableStreamDefaultController', 'ReadableByteStreamController', 'WritableStream', 'WritableStreamDefaultWriter',
    'WritableStreamDefaultController', 'TransformStream', 'TransformStreamDefaultController', 'ByteLengthQueuingStrategy',
    'CountQueuingStrategy', 'TextEncoderStream', 'TextDecoderStream',
  ], () => hostLoadStreams());
  /** A byte stream giving a copy of `bytes` in one chunk when first read; `onRead` is told when that happens. */
  streamOfBytes = (bytes, onRead = undefined) => {
    const ReadableStreamCtor = streams.ensure().ReadableStream;
    let done = false;
    return new ReadableStreamCtor({
      type: 'bytes',
      pull(controller) {
        if (onRead) onRead();
        const length = bytes === null ? 0 : bytes.length;
        if (!done && length) controller.enqueue(new Uint8ArrayCtor(call(arrayBufferSlice, call(typedArrayBuffer, bytes), call(typedArrayOffset, bytes), call(typedArrayOffset, bytes) + length)));
        done = true;
        controller.close();
      },
    });
  };
  /** Blobs and Files made from bytes the caller gives up (no copy). */
  function blobOf(bytes, type, name, lastModified) {
    const b = name === undefined ? new Blob([], { type }) : new File([], name, { type, lastModified });
    call(weakSet, blobBytes, b, bytes);
    return b;
  }
  let platformFetch;
  lazyGlobals(['Headers', 'Request', 'Response', 'FormData', 'fetch'], () => hostLoadFetch()({
    DOMException, Blob, File, AbortSignal, AbortController,
    blobBytes: (x) => (x !== null && (typeof x === 'object' || typeof x === 'function') ? call(weakGet, blobBytes, x) : undefined),
    newBlob: (bytes, type) => blobOf(bytes, type),
    newFile: (bytes, name, type, lastModified) => blobOf(bytes, type, name, lastModified),
    streamOfBytes: (bytes, onRead) => streamOfBytes(bytes, onRead),
    loadedStreams: streams.peek,
    urlApi: urlApi.ensure,
    searchParamsClass: () => { const u = urlApi.peek(); return u && u.URLSearchParams; },
    randomBytes: hostRandom,
    rawFetch: () => {
      if (!platformFetch) throw new TypeErrorCtor('fetch is not available in this context (no sandbox has connected it)');
      return platformFetch;
    },
  }));

  // ---- Intl: the FormatJS polyfills with `en` (dist/web-intl.js), evaluated on first use of Intl or of a toLocale*String
  // method; other locales' data and the time zone data are evaluated when a script first asks for them. Collator is
  // the kernel's own collation above (the polyfills have none), so it and localeCompare always agree. ----
  const localeMethods = [[NumberCtor.prototype, 'toLocaleString'], [BigInt.prototype, 'toLocaleString'], [Date.prototype, 'toLocaleString'],
    [Date.prototype, 'toLocaleDateString'], [Date.prototype, 'toLocaleTimeString']];
  const polyfilled = [];
  const triedIntlParts = create(null);
  let intlObject;
  /** Evaluates dist/web-intl-<part>.js into the Intl object once; the host answers undefined when there is no such file
   * (only the locales esbuild.mjs lists are bundled). */
  function loadIntlPart(part) {
    if (triedIntlParts[part]) return;
    triedIntlParts[part] = true;
    const fill = hostLoadIntl(part);
    if (fill) fill(intlObject);
  }
  const utcNames = /^(etc\/)?(utc|gmt|uct|zulu|universal|gmt[+-]?0)$/i;
  const isUtc = (tz) => call(regExpExec, utcNames, tz) !== null;
  /** A time zone other than UTC needs the time zone data. */
  function needZone(options) {
    if (options !== null && typeof options === 'object' && options.timeZone !== undefined && !isUtc(StringCtor(options.timeZone))) loadIntlPart('tz');
  }
  const intlApi = lazyGlobals(['Intl'], () => {
    intlObject = {};
    defineProperty(intlObject, SymbolToStringTag, { value: 'Intl', configurable: true });
    const before = [];
    for (let i = 0; i < localeMethods.length; i++) before[i] = localeMethods[i][0][localeMethods[i][1]];
    loadIntlPart('');
    for (let i = 0; i < localeMethods.length; i++) {
      const [proto, name] = localeMethods[i];
      const poly = proto[name];
      // Date's methods may name a time zone, which needs its data first.
      polyfilled[i] = proto === Date.prototype ? defineProperty({ [name](locales = undefined, options = undefined) { needZone(options); return call(poly, this, locales, options); } }[name], 'length', { value: 0 }) : poly;
      // A method the script replaced before Intl loaded stays replaced.
      defineProperty(proto, name, { value: before[i] === localeStubs[i] ? polyfilled[i] : before[i], writable: true, enumerable: false, configurable: true });
    }
    // Every service canonicalizes the locales it is given through Intl.getCanonicalLocales: the one place to load a
    // locale's data before the service resolves it.
    const canonical = intlObject.getCanonicalLocales;
    defineProperty(intlObject, 'getCanonicalLocales', { value: defineProperty(function getCanonicalLocales(locales) {
      const list = canonical(locales);
      for (let i = 0; i < list.length; i++) {
        // The language-region data first (en-GB), then the language's own (de for de-AT).
        const parts = list[i].split('-');
        const language = parts[0];
        for (let j = 1; j < parts.length; j++) if (call(regExpExec, /^[A-Z]{2}$/, parts[j]) !== null) loadIntlPart(`${language}-${parts[j]}`);
        if (language !== 'en') loadIntlPart(language);
      }
      return list;
    }, 'length', { value: 1 }), writable: true, configurable: true });
    const RealDateTimeFormat = intlObject.DateTimeFormat;
    const zone = StringCtor(host.timeZone);
    if (!isUtc(zone)) {
      loadIntlPart('tz');
      try { RealDateTimeFormat.__setDefaultTimeZone(zone); } catch (e) { /* a zone the data lacks: the formats use UTC */ }
    }
    const DateTimeFormat = new Proxy(RealDateTimeFormat, {
      construct(target, args, newTarget) { needZone(args[1]); return Reflect.construct(target, args, newTarget === DateTimeFormat ? target : newTarget); },
      apply(target, self, args) { needZone(args[1]); return Reflect.apply(target, self, args); },
    });
    defineProperty(intlObject, 'DateTimeFormat', { value: DateTimeFormat, writable: true, configurable: true });
    defineProperty(intlObject, 'Collator', { value: Collator, writable: true, configurable: true });
    return { Intl: intlObject };
  });
  const localeStubs = [];
  for (let i = 0; i < localeMethods.length; i++) {
    const [proto, name] = localeMethods[i];
    localeStubs[i] = defineProperty({ [name](locales = undefined, options = undefined) { intlApi.ensure(); return call(polyfilled[i], this, locales, options); } }[name], 'length', { value: 0 });
    defineProperty(proto, name, { value: localeStubs[i], writable: true, enumerable: false, configurable: true });
  }
  const collatorState = new WeakMapCtor();
  const usages = { __proto__: null, sort: 1, search: 1 };
  const caseFirsts = { __proto__: null, upper: 1, lower: 1, false: 1 };
  const matchers = { __proto__: null, lookup: 1, 'best fit': 1 };
  /** Intl.Collator over the kernel's collation: one order for every locale (the root collation's, for Latin text). */
  function Collator(locales = undefined, options = undefined) {
    if (new.target === undefined) return new Collator(locales, options);
    const requested = intlApi.ensure().Intl.getCanonicalLocales(locales);
    const o = options === undefined ? create(null) : options;
    if (o === null || (typeof o !== 'object' && typeof o !== 'function')) throw new TypeErrorCtor('Intl.Collator: options must be an object');
    // Each option is read once, in the order ECMA-402 reads them (a getter sees the same sequence).
    const option = (name, allowed, fallback) => {
      const raw = o[name];
      if (raw === undefined) return fallback;
      const v = StringCtor(raw);
      if (allowed && !allowed[v]) throw new RangeErrorCtor(`Value ${v} out of range for Intl.Collator options property ${name}`);
      return v;
    };
    const flag = (name) => { const raw = o[name]; return raw === undefined ? undefined : !!raw; };
    const usage = option('usage', usages, 'sort');
    option('localeMatcher', matchers, 'best fit');
    option('collation', undefined, undefined);
    const numeric = flag('numeric') || false;
    const caseFirst = option('caseFirst', caseFirsts, 'false');
    const sensitivity = option('sensitivity', sensitivities, 'variant');
    const ignorePunctuation = flag('ignorePunctuation') || false;
    call(weakSet, collatorState, this, { locale: requested.length ? requested[0] : 'en-US', usage, sensitivity, numeric, caseFirst, ignorePunctuation, bound: undefined });
  }
  function collatorOf(c) {
    const s = call(weakGet, collatorState, c);
    if (!s) throw new TypeErrorCtor('Illegal invocation: not an Intl.Collator');
    return s;
  }
  defineProperty(Collator.prototype, 'compare', { get: Object.getOwnPropertyDescriptor({ get compare() {
    const s = collatorOf(this);
    if (!s.bound) s.bound = defineProperty((a, b) => collate(StringCtor(a), StringCtor(b), s.numeric, s.sensitivity), 'length', { value: 2 });
    return s.bound;
  } }, 'compare').get, configurable: true });
  defineProperty(Collator, 'prototype', { writable: false });
  // Method syntax: built-in methods are not constructors and have no prototype property.
  defineProperty(Collator.prototype, 'resolvedOptions', { value: { resolvedOptions() {
    const s = collatorOf(this);
    return { locale: s.locale, usage: s.usage, sensitivity: s.sensitivity, ignorePunctuation: s.ignorePunctuation, collation: 'default', numeric: s.numeric, caseFirst: s.caseFirst };
  } }.resolvedOptions, writable: true, configurable: true });
  defineProperty(Collator, 'supportedLocalesOf', { value: { supportedLocalesOf(locales) { return intlApi.ensure().Intl.getCanonicalLocales(locales); } }.supportedLocalesOf, writable: true, configurable: true });
  tag(Collator, 'Intl.Collator');

  // The platform kernel's bridge, handed over when a sandbox takes this pre-warmed context: its weak timeout and its fetch transport.
  return freeze({ __proto__: null, connect(platform) { if (!setTimeoutFn) { setTimeoutFn = platform.weakTimeout; platformFetch = platform.fetch; } } });
})
