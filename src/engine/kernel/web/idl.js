// WebIDL's shape for the kernel's classes: globals with the attributes browsers use, a toStringTag, enumerable
// members, and interfaces a script may not construct itself.
import { G, TypeErrorCtor, StringCtor, NumberCtor, MathFloor, SymbolToStringTag, ReflectOwnKeys, ObjectDefineProperty as defineProperty,
  ObjectGetOwnPropertyDescriptorRaw as getOwnPropertyDescriptor } from '../shared/intrinsics.js';
import { partInput } from '../shared/partInput.js';

/** WebIDL's DOMString conversion: String(v), but a Symbol is a TypeError rather than the text "Symbol(...)". */
export function domString(v) {
  if (typeof v === 'symbol') throw new TypeErrorCtor('Cannot convert a Symbol value to a string');
  return StringCtor(v);
}
/** WebIDL's integer conversions (long long; `>>> 0` of it is unsigned long): the integer part; NaN and infinities are 0. */
export function integerPart(v) {
  const x = NumberCtor(v);
  if (x !== x || x === 1 / 0 || x === -1 / 0) return 0;
  const t = x < 0 ? -MathFloor(-x) : MathFloor(x);
  return t === 0 ? 0 : t;
}
/**
 * A global as WebIDL defines it, writable and configurable: interfaces (classes) not enumerable; operations and
 * attributes of the global (`reportError`, `crypto`, `navigator`) enumerable, as in browsers, Node and Deno.
 */
export function replaceGlobal(name, value, enumerable = false) {
  defineProperty(G, name, { value, writable: true, configurable: true, enumerable });
}
/** Whether the global `name` is still the accessor of a global evaluated on first touch (web/lazyGlobals.js). */
export function isLazyGlobal(name) {
  const d = getOwnPropertyDescriptor(G, name);
  return !!(d && d.get && d.get.lazyWebGlobal);
}
/**
 * The global `name` (see replaceGlobal) in place of its accessor: the web part is evaluated when a script first
 * touches one of its globals (globals/web.js), and a global the script replaced or deleted before then stays so.
 */
export function defineGlobal(name, value, enumerable = false) {
  if (isLazyGlobal(name)) replaceGlobal(name, value, enumerable);
}
/**
 * A method the web part puts on a built-in prototype (`localeCompare`, `toLocaleString`, `performance.mark`...) in
 * place of the globals kernel's stub (globals/web.js), which calls `impl` from now on; a method the script replaced
 * before the part was evaluated stays the script's.
 */
export function defineMethod(proto, name, impl, enumerable = false) {
  const stubs = partInput.methods;
  for (let i = 0; i < stubs.length; i++) {
    const s = stubs[i];
    if (s.proto !== proto || s.name !== name) continue;
    s.impl = impl;
    const d = getOwnPropertyDescriptor(proto, name);
    if (!d || d.value !== s.stub) return;
  }
  defineProperty(proto, name, { value: impl, writable: true, enumerable, configurable: true });
}
export function tag(ctor, name) {
  defineProperty(ctor.prototype, SymbolToStringTag, { value: name, writable: false, enumerable: false, configurable: true });
}
/** Methods and accessors of web classes, static ones too, are enumerable (WebIDL), unlike class syntax's. */
export function webIdl(ctor) {
  enumerable(ctor.prototype, true);
  enumerable(ctor, false);
}
function enumerable(obj, isPrototype) {
  const keys = ReflectOwnKeys(obj);
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i];
    if (typeof k === 'symbol' || (isPrototype ? k === 'constructor' : k === 'prototype' || k === 'length' || k === 'name')) continue;
    const d = getOwnPropertyDescriptor(obj, k);
    if (d.enumerable || !d.configurable) continue;
    d.enumerable = true;
    defineProperty(obj, k, d);
  }
}

let constructing = false;
/** In the constructor of an interface scripts may not construct (Crypto, Navigator, PerformanceEntry). */
export function refuseConstruction() {
  if (!constructing) throw new TypeErrorCtor('Illegal constructor');
}
/** `make()`, allowed to construct such interfaces: the kernel's own instances. */
export function internalNew(make) {
  constructing = true;
  try {
    return make();
  } finally {
    constructing = false;
  }
}
