// The error constructors package code gets, so that the `stack` of an error a package makes names the package's own
// file and line. A bundle (runtime/packages.ts) holds many package files in one script, and QuickJS writes `stack`
// once, when the error is made, with the bundle's positions and no hook to change them. These constructors make the
// intrinsic error and write its `stack` again with its frames in bundles mapped through the bundle's source map
// (`host.mapStack`, the one mapping of printed stacks). The script's own frames stay as QuickJS wrote them, as in its
// own errors' stacks: printing maps those, and must not map a package frame twice.
//
// Package code only: esbuild's `inject` gives them to a package's free `Error`, `TypeError`, ... names through
// dist/node-builtins/errors.mjs (scripts/node-builtins.mjs), which reads them from the global below. The script's own
// code, and the globals it sees, keep QuickJS's constructors. An error QuickJS raises by itself inside package code
// (reading a property of undefined) is not made by a constructor and keeps the bundle's position in `e.stack`; printed,
// it is mapped like any other.
import { G, ObjectCreate, ObjectDefineProperty, ObjectFreeze, ObjectSetPrototypeOf, ReflectConstruct, StrIndexOf, StrSlice, StrEndsWith, errorCtors,
  MapCtor, MapGet, MapSet, MapSize, MapClear } from '../shared/intrinsics.js';
import { ownData, defineHidden } from '../shared/safe.js';
import { mapStack } from '../values/lines.js';

/** The global (a registered symbol) that errors.mjs reads; a test runs a package's error through both. */
export const PACKAGE_ERRORS_KEY = 'quickjs-sandbox.packageErrors';

/**
 * Mapped stacks by QuickJS's text: a package that makes errors in a loop makes the same stack again and again, and the
 * mapping (a call to the host) costs ~25 us where a lookup here costs ~1. Emptied when full: a bounded memory.
 */
const mapped = new MapCtor();
const MAPPED_MAX = 64;
function mappedStack(raw) {
  let s = MapGet(mapped, raw);
  if (s === undefined) {
    if (MapSize(mapped) >= MAPPED_MAX) MapClear(mapped);
    s = mapStack(raw, true);
    MapSet(mapped, raw, s);
  }
  return s;
}

/**
 * The frames below the error class's own constructor, as V8 starts an error's stack (Node prints where the
 * `YAMLParseError` was made, not the `super()` calls of its constructors): up to the first frame of a function named
 * as the class; all of them if none is.
 */
function belowConstructor(stack, Class) {
  const name = ownData(Class, 'name');
  if (typeof name !== 'string' || name === '') return stack;
  const at = StrIndexOf(stack, `    at ${name} (`);
  if (at < 0) return stack;
  const nl = StrIndexOf(stack, '\n', at);
  return nl < 0 ? stack : StrSlice(stack, nl + 1);
}

function wrap(name, Native) {
  // A plain function, not a class: it is called with and without `new` as the intrinsic is, and a package class that
  // extends it (`class ZodError extends Error`) gets the object it returns as its `this`.
  const Wrapped = function (...args) {
    const err = ReflectConstruct(Native, args, new.target === undefined ? Wrapped : new.target);
    let stack = ownData(err, 'stack');
    if (typeof stack !== 'string') return err;
    // The first frame is Reflect.construct's own (the next, this function's, the mapping drops as the sandbox's).
    const nl = StrIndexOf(stack, '\n');
    if (nl > 0 && StrEndsWith(StrSlice(stack, 0, nl), '(native)')) stack = StrSlice(stack, nl + 1);
    if (new.target !== undefined && new.target !== Wrapped) stack = belowConstructor(stack, new.target);
    defineHidden(err, 'stack', mappedStack(stack));
    return err;
  };
  ObjectDefineProperty(Wrapped, 'name', { __proto__: null, value: name, configurable: true });
  ObjectDefineProperty(Wrapped, 'length', { __proto__: null, value: Native.length, configurable: true });
  // Instances are the intrinsic's (`instanceof Error` holds in the script), statics fall through to it.
  ObjectDefineProperty(Wrapped, 'prototype', { __proto__: null, value: Native.prototype, writable: false, enumerable: false, configurable: false });
  ObjectSetPrototypeOf(Wrapped, Native);
  return Wrapped;
}

/**
 * V8's `Error.captureStackTrace(target, fn)`, which Node packages call unguarded to give an object of their own a
 * stack (http-errors for each HTTP error class): `target.stack` becomes the stack of the call, in the packages'
 * positions, starting below the frame of `fn` when given (as the error classes above start below their constructor).
 */
function captureStackTrace(target, fn) {
  if (target === null || (typeof target !== 'object' && typeof target !== 'function')) {
    throw new errorCtors.TypeError('The "targetObject" argument must be of type object');
  }
  let stack = ownData(ReflectConstruct(errorCtors.Error, []), 'stack');
  if (typeof stack !== 'string') return;
  const nl = StrIndexOf(stack, '\n');
  if (nl > 0 && StrEndsWith(StrSlice(stack, 0, nl), '(native)')) stack = StrSlice(stack, nl + 1);
  if (typeof fn === 'function') stack = belowConstructor(stack, fn);
  defineHidden(target, 'stack', mappedStack(stack));
}

/** Defines the global errors.mjs reads: a frozen record of the wrapped constructors. */
export function installPackageErrors() {
  const out = ObjectCreate(null);
  const natives = ObjectCreate(null);
  for (const name in errorCtors) natives[name] = errorCtors[name];
  if (typeof G.AggregateError === 'function') natives.AggregateError = G.AggregateError;
  for (const name in natives) out[name] = wrap(name, natives[name]);
  // Other statics fall through to the intrinsic, which has none of V8's.
  defineHidden(out.Error, 'captureStackTrace', captureStackTrace);
  ObjectDefineProperty(G, Symbol.for(PACKAGE_ERRORS_KEY), { __proto__: null, value: ObjectFreeze(out), writable: false, enumerable: false, configurable: false });
}
