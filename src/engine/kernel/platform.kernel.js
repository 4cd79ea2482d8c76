// The sandbox's platform inside QuickJS: timers, queueMicrotask, sandbox.readFile, sandbox.env, scriptArgs, the
// `process` shim, and the transport under fetch (whose classes are in web/fetch.js).
// An ES module bundled into the script the engine evaluates once per context (scripts/kernel-bundle.mjs); its
// default export is install(host). Everything the script could tamper with later (built-ins, prototypes) is captured
// before it runs (shared/intrinsics.js; local names kept from before they were shared), and nothing but the
// documented names lands on globalThis.
import {
  ObjectDefineProperty as defineProperty, ObjectFreeze as freeze, ObjectCreate as create, MapCtor,
  MapProtoGet as mapGet, MapProtoSet as mapSet, MapProtoDelete as mapDelete, MapProtoHas as mapHas,
  FunctionCall as call, ReflectApply as apply, PromiseResolve as promiseResolve,
  PromiseProtoThen as then, TypeErrorCtor, StringCtor, NumberCtor,
  JSONParse as JSONparse, ArrayIsArray as isArray,
  ProxyCtor, StringProtoIndexOf as indexOf, ObjectKeys as objectKeys, BigIntCtor,
  ObjectGetOwnPropertyDescriptorRaw as ownDescriptor,
} from './shared/intrinsics.js';
import { hostJSON } from './shared/json.js';

/** The one-key object `{ "\0bigint": digits }` that runtime/valueBridge.ts writes for a BigInt. */
function reviveBigInt(key, value) {
  if (value === null || typeof value !== 'object' || isArray(value)) return value;
  const keys = objectKeys(value);
  return keys.length === 1 && keys[0] === '\0bigint' && typeof value[keys[0]] === 'string' ? BigIntCtor(value[keys[0]]) : value;
}

export default function install(host) {
  const hostSetTimer = host.setTimer, hostClearTimer = host.clearTimer, hostReportError = host.reportError;
  const hostFetch = host.fetch, hostReadFile = host.readFile, hostEnvGet = host.envGet, hostEnvNames = host.envNames;
  const hostExit = host.exit;
  const args = host.args, nodeEnv = host.nodeEnv;
  // Strings reach the host as C strings: a NUL would silently cut "ok.txt\0../x" down to "ok.txt" there.
  function rejectNul(text, what) {
    if (call(indexOf, text, '\0') >= 0) throw new TypeErrorCtor(`${what} must not contain a NUL character`);
    return text;
  }

  // The timer functions and queueMicrotask are operations of the global, enumerable as WebIDL has them (browsers,
  // Node, Deno); the sandbox's own globals are not.
  function defineGlobal(name, value, enumerable = false) {
    defineProperty(globalThis, name, { value, writable: true, configurable: true, enumerable });
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
  // `delay = 0`: one required argument, so `length` is 1 as WebIDL gives it (browsers, Deno).
  defineGlobal('setTimeout', nameFunction(function (callback, delay = 0, ...rest) { return addTimer('setTimeout', callback, delay, rest, false); }, 'setTimeout'), true);
  defineGlobal('setInterval', nameFunction(function (callback, delay = 0, ...rest) { return addTimer('setInterval', callback, delay, rest, true); }, 'setInterval'), true);
  defineGlobal('clearTimeout', nameFunction(function (id) { clearTimer(id); }, 'clearTimeout'), true);
  defineGlobal('clearInterval', nameFunction(function (id) { clearTimer(id); }, 'clearInterval'), true);
  defineGlobal('queueMicrotask', nameFunction(function (callback) {
    if (typeof callback !== 'function') throw new TypeErrorCtor('The "callback" argument of queueMicrotask must be a function');
    call(then, promiseResolve(), () => {
      try { callback(); } catch (e) { hostReportError(e); }
    });
  }, 'queueMicrotask'), true);

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

  // ---- process: the part of Node's global that code (and packages, through the `process` built-in) probes. It
  // grants nothing: `env` holds the granted variables and NODE_ENV (the one packages are bundled with), a copy the
  // script may change; `argv` is Node's shape, [runner, script, ...arguments]; the platform is the browsers' shim's.
  const processEnv = {};
  for (let i = 0; i < envNames.length; i++) if (envNames[i] in envTarget) processEnv[envNames[i]] = envTarget[envNames[i]];
  if (!('NODE_ENV' in processEnv)) processEnv.NODE_ENV = nodeEnv;
  const argv = ['quickjs-sandbox', '', ...args];
  const processObject = {
    title: 'quickjs-sandbox',
    env: processEnv,
    argv,
    execArgv: [],
    platform: 'browser',
    browser: true,
    version: '',
    versions: {},
    release: { name: 'quickjs-sandbox' },
    cwd: nameFunction(() => '/', 'cwd'),
    // Node runs ticks before promise reactions; a microtask is the nearest the sandbox has (before every timer).
    nextTick: nameFunction(function (callback, ...rest) {
      if (typeof callback !== 'function') throw new TypeErrorCtor('The "callback" argument of process.nextTick must be a function');
      call(then, promiseResolve(), () => apply(callback, undefined, rest));
    }, 'nextTick'),
    emitWarning: nameFunction(function () {}, 'emitWarning'),
    exitCode: undefined,
    // Ends the run with `code` (else `process.exitCode`, else 0), as Node ends the process: the host stops the run at
    // the next interrupt check, which the loop below reaches at once and no `catch` can stop.
    exit: nameFunction(function (code) {
      const n = NumberCtor(code === undefined ? processObject.exitCode ?? 0 : code);
      hostExit(n >= 0 && n <= 255 ? n | 0 : 1);
      for (;;) { /* until the interrupt */ }
    }, 'exit'),
    on: nameFunction(function () { return this; }, 'on'),
  };
  defineGlobal('process', processObject);

  // What the host calls: timers coming due.
  return freeze({
    runTimer(id) {
      const t = call(mapGet, timers, id);
      if (!t) return;
      if (!t.repeat) call(mapDelete, timers, id);
      apply(t.callback, undefined, t.rest);
    },
    hasTimer(id) { return call(mapHas, timers, id); },
    // `process.argv[1]`: the file a run starts from.
    setScript(file) { argv[1] = file; },
    // The exit code a run that ends by itself has: `process.exitCode` when the script set it (a data property only:
    // no getter of the script's runs here), else 0.
    exitCode() {
      const d = ownDescriptor(processObject, 'exitCode');
      if (d === undefined || !('value' in d) || d.value === undefined || d.value === null) return 0;
      const n = NumberCtor(d.value);
      return n >= 0 && n <= 255 ? n | 0 : 1;
    },
    // A timeout that does not keep the run alive (AbortSignal.timeout in web/abort.js, as Node unrefs its timer).
    weakTimeout(callback, delay) { return addTimer('AbortSignal.timeout', callback, delay, [], false, true); },
    // A task of the event loop that keeps the run alive until it has run (a MessagePort's delivery, web/messaging.js).
    task(callback) { return addTimer('MessagePort', callback, 0, [], false); },
    // The transport under web/fetch.js's fetch: the host checks the permission for each origin and hop.
    fetch(url, method, headersJson, body) { return hostFetch(rejectNul(StringCtor(url), 'fetch URL'), method, headersJson, body); },
    typeOf(value) { return value === null ? 'null' : typeof value; },
    serialize(value) { return hostJSON(value); },
    // The way in: host data as JSON text (runtime/valueBridge.ts `write`); BigInts come tagged and are revived only
    // when the host says the text holds some.
    parse(text, hasBigInts) { return hasBigInts ? JSONparse(text, reviveBigInt) : JSONparse(text); },
  });
}
