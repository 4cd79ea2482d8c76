// The sandbox's platform inside QuickJS: timers, queueMicrotask, fetch, sandbox.readFile, sandbox.env, scriptArgs.
// An ES module bundled into the script the engine evaluates once per context (scripts/kernel-bundle.mjs); its
// default export is install(host). Everything the script could tamper with later (built-ins, prototypes) is captured
// before it runs (shared/intrinsics.js; local names kept from before they were shared), and nothing but the
// documented names lands on globalThis.
import {
  ObjectDefineProperty as defineProperty, ObjectFreeze as freeze, ObjectCreate as create, MapCtor,
  MapProtoGet as mapGet, MapProtoSet as mapSet, MapProtoDelete as mapDelete, MapProtoHas as mapHas,
  FunctionCall as call, ReflectApply as apply, PromiseCtor, PromiseResolve as promiseResolve,
  PromiseReject as promiseReject, PromiseProtoThen as then, TypeErrorCtor, StringCtor, NumberCtor,
  JSONStringify as JSONstringify, JSONParse as JSONparse, ArrayIsArray as isArray, ArrayProtoPush as arrayPush,
  ProxyCtor, StringProtoIndexOf as indexOf,
} from './shared/intrinsics.js';
import { hostJSON } from './shared/json.js';

export default function install(host) {
  const hostSetTimer = host.setTimer, hostClearTimer = host.clearTimer, hostReportError = host.reportError;
  const hostFetch = host.fetch, hostReadFile = host.readFile, hostEnvGet = host.envGet, hostEnvNames = host.envNames;
  const args = host.args;
  const TextDecoderCtor = globalThis.TextDecoder;
  // Strings reach the host as C strings: a NUL would silently cut "ok.txt\0../x" down to "ok.txt" there.
  function rejectNul(text, what) {
    if (call(indexOf, text, '\0') >= 0) throw new TypeErrorCtor(`${what} must not contain a NUL character`);
    return text;
  }

  function defineGlobal(name, value) {
    defineProperty(globalThis, name, { value, writable: true, configurable: true, enumerable: false });
  }
  function nameFunction(fn, name) {
    defineProperty(fn, 'name', { value: name, configurable: true });
    return fn;
  }

  // ---- timers: callbacks stay in QuickJS; the host only knows ids and due times ----
  const timers = new MapCtor();
  let nextTimerId = 1;
  function addTimer(kind, callback, delay, rest, repeat, weak = false) {
    if (typeof callback !== 'function') {
      throw new TypeErrorCtor(`The "callback" argument of ${kind} must be a function. Received ${typeof callback}`);
    }
    let ms = NumberCtor(delay);
    // Node's rule: anything outside 1..2^31-1 (and NaN) becomes 1 ms.
    if (!(ms >= 1 && ms <= 2147483647)) ms = 1;
    const id = nextTimerId++;
    call(mapSet, timers, id, { callback, rest, repeat });
    hostSetTimer(id, ms, repeat, weak);
    return id;
  }
  function clearTimer(id) {
    if (typeof id !== 'number' || !call(mapHas, timers, id)) return;
    call(mapDelete, timers, id);
    hostClearTimer(id);
  }
  defineGlobal('setTimeout', nameFunction(function (callback, delay, ...rest) { return addTimer('setTimeout', callback, delay, rest, false); }, 'setTimeout'));
  defineGlobal('setInterval', nameFunction(function (callback, delay, ...rest) { return addTimer('setInterval', callback, delay, rest, true); }, 'setInterval'));
  defineGlobal('clearTimeout', nameFunction(function (id) { clearTimer(id); }, 'clearTimeout'));
  defineGlobal('clearInterval', nameFunction(function (id) { clearTimer(id); }, 'clearInterval'));
  defineGlobal('queueMicrotask', nameFunction(function (callback) {
    if (typeof callback !== 'function') throw new TypeErrorCtor('The "callback" argument of queueMicrotask must be a function');
    call(then, promiseResolve(), () => {
      try { callback(); } catch (e) { hostReportError(e); }
    });
  }, 'queueMicrotask'));

  // ---- permissions: file reading, env, fetch ----
  const sandboxObject = create(null);
  defineProperty(sandboxObject, 'readFile', {
    value: nameFunction(function readFile(path, encoding) {
      if (typeof path !== 'string') throw new TypeErrorCtor('sandbox.readFile(path) needs a path string');
      const asBytes = encoding === null || encoding === 'bytes';
      return hostReadFile(rejectNul(path, 'sandbox.readFile path'), asBytes);
    }, 'readFile'),
    enumerable: true,
  });
  const envNames = JSONparse(hostEnvNames());
  const envTarget = create(null);
  for (let i = 0; i < envNames.length; i++) {
    const value = hostEnvGet(envNames[i]);
    if (value !== undefined) envTarget[envNames[i]] = value;
  }
  freeze(envTarget);
  const env = new ProxyCtor(envTarget, {
    get(target, key) {
      if (typeof key !== 'string') return undefined;
      if (key in target) return target[key];
      // Built-ins probe these protocol names (JSON.stringify, await): they are not requests for a variable.
      if (key === 'toJSON' || key === 'then') return undefined;
      rejectNul(key, 'an environment variable name');
      // Asking for a variable that was not granted is a permission error, never a silent undefined.
      return hostEnvGet(key);
    },
    set() { throw new TypeErrorCtor('sandbox.env is read-only'); },
    defineProperty() { throw new TypeErrorCtor('sandbox.env is read-only'); },
    deleteProperty() { throw new TypeErrorCtor('sandbox.env is read-only'); },
  });
  defineProperty(sandboxObject, 'env', { value: env, enumerable: true });
  defineProperty(sandboxObject, 'args', { value: freeze(args.slice()), enumerable: true });
  defineGlobal('sandbox', freeze(sandboxObject));
  defineGlobal('scriptArgs', freeze(args.slice()));

  class Headers {
    #map = new MapCtor();
    constructor(init) {
      if (init == null) return;
      if (isArray(init)) { for (const [k, v] of init) this.append(k, v); return; }
      if (init instanceof Headers) { init.forEach((v, k) => this.append(k, v)); return; }
      for (const k of Object.keys(init)) this.append(k, init[k]);
    }
    append(name, value) {
      const key = StringCtor(name).toLowerCase();
      const prev = call(mapGet, this.#map, key);
      call(mapSet, this.#map, key, prev === undefined ? StringCtor(value) : prev + ', ' + StringCtor(value));
    }
    set(name, value) { call(mapSet, this.#map, StringCtor(name).toLowerCase(), StringCtor(value)); }
    get(name) { const v = call(mapGet, this.#map, StringCtor(name).toLowerCase()); return v === undefined ? null : v; }
    has(name) { return call(mapHas, this.#map, StringCtor(name).toLowerCase()); }
    delete(name) { call(mapDelete, this.#map, StringCtor(name).toLowerCase()); }
    forEach(fn, thisArg) { this.#map.forEach((v, k) => call(fn, thisArg, v, k, this)); }
    *entries() { yield* this.#map.entries(); }
    *keys() { yield* this.#map.keys(); }
    *values() { yield* this.#map.values(); }
    [Symbol.iterator]() { return this.entries(); }
  }

  class Response {
    #body; #used = false;
    constructor(meta, body) {
      this.status = meta.status;
      this.statusText = meta.statusText;
      this.ok = meta.status >= 200 && meta.status < 300;
      this.url = meta.url;
      this.redirected = meta.redirected;
      this.headers = new Headers(meta.headers);
      this.#body = body;
    }
    #take() {
      if (this.#used) throw new TypeErrorCtor('Body has already been consumed');
      this.#used = true;
      return this.#body;
    }
    get bodyUsed() { return this.#used; }
    async arrayBuffer() { return this.#take(); }
    async text() { return new TextDecoderCtor().decode(this.#take()); }
    async json() { return JSONparse(await this.text()); }
  }

  defineGlobal('Headers', Headers);
  defineGlobal('Response', Response);
  defineGlobal('fetch', nameFunction(function fetch(input, init) {
    const url = typeof input === 'string' ? input : input && typeof input.url === 'string' ? input.url : StringCtor(input);
    const options = init || {};
    const method = options.method ? StringCtor(options.method).toUpperCase() : 'GET';
    const headers = [];
    new Headers(options.headers).forEach((v, k) => call(arrayPush, headers, [k, v]));
    let body = options.body;
    if (body != null && typeof body !== 'string' && !(body instanceof ArrayBuffer)) {
      body = ArrayBuffer.isView(body) ? body.buffer.slice(body.byteOffset, body.byteOffset + body.byteLength) : StringCtor(body);
    }
    rejectNul(StringCtor(url), 'fetch URL');
    // An AbortSignal (web.kernel.js) rejects the fetch with its reason; the host request itself runs to its end.
    const signal = options.signal;
    if (signal != null && signal.aborted) return promiseReject(signal.reason);
    const response = call(then, hostFetch(url, method, JSONstringify(headers), body == null ? undefined : body),
      (pair) => new Response(JSONparse(pair[0]), pair[1]));
    if (signal == null) return response;
    return new PromiseCtor((resolve, reject) => {
      signal.addEventListener('abort', () => reject(signal.reason), { once: true });
      call(then, response, resolve, reject);
    });
  }, 'fetch'));

  // What the host calls: timers coming due.
  return freeze({
    runTimer(id) {
      const t = call(mapGet, timers, id);
      if (!t) return;
      if (!t.repeat) call(mapDelete, timers, id);
      apply(t.callback, undefined, t.rest);
    },
    hasTimer(id) { return call(mapHas, timers, id); },
    // A timeout that does not keep the run alive (AbortSignal.timeout in web.kernel.js, as Node unrefs its timer).
    weakTimeout(callback, delay) { return addTimer('AbortSignal.timeout', callback, delay, [], false, true); },
    typeOf(value) { return value === null ? 'null' : typeof value; },
    serialize(value) { return hostJSON(value); },
  });
}
