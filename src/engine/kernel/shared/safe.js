// Small helpers over the captured intrinsics that every kernel may use: null-prototype lists, property reads that
// never run a getter, brand checks through internal slots (never `instanceof`, which a program can fool).
import {
  StringCtor, NumberCtor, ObjectFreeze, ObjectDefineProperty, ObjectSetPrototypeOf,
  ObjectGetOwnPropertyDescriptorRaw, ArrayIsArray, ObjectIsPrototypeOf, ObjectToString, ArrayJoin, StrCharCodeAt,
  NumValueOf, StrValueOf, BoolValueOf, BigIntValueOf, SymbolValueOf, SymbolToString, DateGetTime, MapSize, SetSize,
  WeakMapHas, WeakSetHas, WeakRefDeref, ABByteLength, SABByteLength, TATag, DVByteLength, RegExpSource,
  RegExpFlagGetters, RegExpPrototype, RegExpGlobal, ErrorPrototype, PromisePrototype, MapPrototype, SetPrototype,
  DatePrototype, ArrayBufferPrototype, SharedArrayBufferPrototype, DataViewPrototype, WeakMapPrototype, WeakSetPrototype,
  WeakRefPrototype, NumberPrototype, StringPrototype, BooleanPrototype, BigIntPrototype, SymbolPrototype,
} from './intrinsics.js';

/** A fresh array with no prototype: pushing or joining it cannot reach user-replaced Array.prototype members. */
export const list = () => ObjectSetPrototypeOf([], null);
export const push = (arr, v) => { arr[arr.length] = v; };
export const join = (arr, sep) => ArrayJoin(arr, sep);
/** `arr[i]` without falling through to Array.prototype when the index is missing (a poisoned '0' getter). */
export const at = (arr, i) => (i < arr.length ? arr[i] : undefined);
export const listIncludes = (arr, v) => {
  for (let i = 0; i < arr.length; i++) if (arr[i] === v) return true;
  return false;
};

/** An own property descriptor with a null prototype, so reading `get`/`set` never falls through to Object.prototype. */
export function ownDesc(obj, key) {
  const d = ObjectGetOwnPropertyDescriptorRaw(obj, key);
  if (d !== undefined) ObjectSetPrototypeOf(d, null);
  return d;
}
/** The value of an own data property, or undefined; never runs a getter. */
export function ownData(obj, key) {
  try {
    const d = ownDesc(obj, key);
    return d !== undefined && !('get' in d) && !('set' in d) ? d.value : undefined;
  } catch {
    return undefined;
  }
}
/** `obj[key]`, or undefined when that throws. */
export function safeGet(obj, key) {
  try {
    return obj[key];
  } catch {
    return undefined;
  }
}
export function defineHidden(obj, key, value) {
  ObjectDefineProperty(obj, key, { __proto__: null, value, writable: true, enumerable: false, configurable: true });
}
export function defineData(obj, key, value) {
  ObjectDefineProperty(obj, key, { __proto__: null, value, writable: true, enumerable: true, configurable: true });
}
/** Why something failed, without running user code beyond own data properties. */
export function describeFailure(e) {
  try {
    if (typeof e === 'object' && e !== null) {
      const m = ownData(e, 'message');
      return typeof m === 'string' ? m : 'exception';
    }
    return typeof e === 'symbol' ? SymbolToString(e) : StringCtor(e);
  } catch {
    return 'exception';
  }
}
/** `String(v)` that cannot throw: hostile `toString`/`Symbol.toPrimitive` become a placeholder. */
export function safeString(v) {
  if (typeof v === 'symbol') return SymbolToString(v);
  try {
    return StringCtor(v);
  } catch (e) {
    return `[object (inspection failed: ${describeFailure(e)})]`;
  }
}
export function isIndexKey(key) {
  if (typeof key !== 'string' || key.length === 0 || key.length > 10) return false;
  if (key.length > 1 && StrCharCodeAt(key, 0) === 48) return false;
  for (let i = 0; i < key.length; i++) {
    const c = StrCharCodeAt(key, i);
    if (c < 48 || c > 57) return false;
  }
  return NumberCtor(key) < 4294967295;
}
export function isIdentifierKey(key) {
  if (key.length === 0) return false;
  for (let i = 0; i < key.length; i++) {
    const c = StrCharCodeAt(key, i);
    const letter = (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
    if (!letter && !(i > 0 && c >= 48 && c <= 57)) return false;
  }
  return true;
}

// Brand checks use internal slots through captured accessors, never `instanceof`. A throwing check costs an
// exception (and a backtrace) in QuickJS, so it only runs for candidates: objects whose chain holds the
// intrinsic prototype or whose tag names the class.
export function builtinTag(v) {
  try {
    return ObjectToString(v);
  } catch {
    return '';
  }
}
export function protoHas(proto, v) {
  try {
    return ObjectIsPrototypeOf(proto, v);
  } catch {
    return false;
  }
}
export const brand = (proto, tag, check) => (v) => {
  if (!protoHas(proto, v) && builtinTag(v) !== tag) return false;
  try {
    check(v);
    return true;
  } catch {
    return false;
  }
};
export const isMap = brand(MapPrototype, '[object Map]', MapSize);
export const isSet = brand(SetPrototype, '[object Set]', SetSize);
export const isDate = brand(DatePrototype, '[object Date]', DateGetTime);
export const isArrayBuffer = brand(ArrayBufferPrototype, '[object ArrayBuffer]', ABByteLength);
export const isSharedArrayBuffer = SABByteLength
  ? brand(SharedArrayBufferPrototype, '[object SharedArrayBuffer]', SABByteLength) : () => false;
export const isDataView = brand(DataViewPrototype, '[object DataView]', DVByteLength);
export const isWeakMap = brand(WeakMapPrototype, '[object WeakMap]', (v) => WeakMapHas(v, ObjectFreeze({})));
export const isWeakSet = brand(WeakSetPrototype, '[object WeakSet]', (v) => WeakSetHas(v, ObjectFreeze({})));
export const isWeakRef = WeakRefDeref ? brand(WeakRefPrototype, '[object WeakRef]', WeakRefDeref) : () => false;
export const isNumberObject = brand(NumberPrototype, '[object Number]', NumValueOf);
export const isStringObject = brand(StringPrototype, '[object String]', StrValueOf);
export const isBooleanObject = brand(BooleanPrototype, '[object Boolean]', BoolValueOf);
export const isBigIntObject = BigIntValueOf ? brand(BigIntPrototype, '[object BigInt]', BigIntValueOf) : () => false;
export const isSymbolObject = brand(SymbolPrototype, '[object Symbol]', SymbolValueOf);
export const typedArrayTag = (v) => {
  try {
    return TATag(v);
  } catch {
    return undefined;
  }
};
export function isRegExp(v) {
  if (!protoHas(RegExpPrototype, v) && builtinTag(v) !== '[object RegExp]') return false;
  try {
    return RegExpGlobal(v) !== undefined;
  } catch {
    return false;
  }
}
export function isArray(v) {
  try {
    return ArrayIsArray(v);
  } catch {
    return false;
  }
}
export const isError = (v) => builtinTag(v) === '[object Error]' || protoHas(ErrorPrototype, v);
export const isPromise = (v) => protoHas(PromisePrototype, v) || builtinTag(v) === '[object Promise]';
export const isArguments = (v) => builtinTag(v) === '[object Arguments]';
export function regExpToString(v) {
  let flags = '';
  for (let i = 0; i < RegExpFlagGetters.length; i++) {
    if (RegExpFlagGetters[i][1](v)) flags += RegExpFlagGetters[i][0];
  }
  return `/${RegExpSource(v)}/${flags}`;
}
export function regExpFlags(v) {
  let flags = '';
  for (let i = 0; i < RegExpFlagGetters.length; i++) {
    if (RegExpFlagGetters[i][1](v)) flags += RegExpFlagGetters[i][0];
  }
  return flags;
}
