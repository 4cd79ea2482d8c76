// structuredClone: the HTML structured clone algorithm, with ArrayBuffers as the transferable type. Every type check is
// a brand check on captured intrinsics, and clones are made with intrinsic constructors, so a script's replaced
// globals play no part. The web part gives it the platform objects it defines (Blob, File, DOMException:
// usePlatformObjects, when globals/web.js evaluates the part; before then no such object exists).
import { dataCloneError } from './domException.js';
import {
  ObjectCtor, TypeErrorCtor, MapCtor, SetCtor, DateCtor, RegExpCtor, ArrayCtor, ArrayBufferCtor, DataViewCtor,
  Uint8ArrayCtor, ObjectKeys, ObjectHasOwn, FunctionToString, StrSlice, NumValueOf, StrValueOf, BoolValueOf,
  BigIntValueOf, SymbolToString, DateGetTime, MapGet, MapSet, MapHas, MapEntries, MapIterNext, SetAdd, SetValues,
  SetIterNext, ABByteLength, TATag, TALength, TABuffer, TAByteOffset, TASet, DVByteLength, DVByteOffset, DVBuffer,
  RegExpSource, typedArrayCtors, errorCtors, ABResizable, ABMaxByteLength, ABDetached, ABTransfer, ABSlice,
} from '../shared/intrinsics.js';
import {
  list, push, ownData, safeGet, defineHidden, defineData, safeString, builtinTag, isMap, isSet, isDate,
  isArrayBuffer, isSharedArrayBuffer, isDataView, isWeakMap, isWeakSet, isWeakRef, isNumberObject, isStringObject,
  isBooleanObject, isBigIntObject, isSymbolObject, typedArrayTag, isRegExp, isArray, isError, isPromise,
  regExpFlags,
} from '../shared/safe.js';

/** Serializable platform objects: `clone(value, cloneValue)` gives the copy, or undefined for anything else. */
let platformObjects;
export function usePlatformObjects(clone) { platformObjects = clone; }

function copyArrayBuffer(value) {
  if (ABDetached !== undefined && ABDetached(value)) throw dataCloneError('An ArrayBuffer is detached and could not be cloned.');
  const length = ABByteLength(value);
  if (ABResizable !== undefined && ABResizable(value)) {
    const copy = new ArrayBufferCtor(length, { maxByteLength: ABMaxByteLength(value) });
    TASet(new Uint8ArrayCtor(copy), new Uint8ArrayCtor(value));
    return copy;
  }
  return ABSlice(value, 0, length);
}

function cloneValue(value, memory) {
  const type = typeof value;
  if (type === 'symbol') throw dataCloneError(`${SymbolToString(value)} could not be cloned.`);
  if (type === 'function') {
    let source = 'function';
    try {
      source = FunctionToString(value);
    } catch {
      source = 'function';
    }
    throw dataCloneError(`${source} could not be cloned.`);
  }
  if (type !== 'object' || value === null) return value;
  if (MapHas(memory, value)) return MapGet(memory, value);
  let result = platformObjects === undefined ? undefined : platformObjects(value, (v) => cloneValue(v, memory));
  if (result !== undefined) {
    MapSet(memory, value, result);
    return result;
  }
  if (isBooleanObject(value)) result = ObjectCtor(BoolValueOf(value));
  else if (isNumberObject(value)) result = ObjectCtor(NumValueOf(value));
  else if (isStringObject(value)) result = ObjectCtor(StrValueOf(value));
  else if (isBigIntObject(value)) result = ObjectCtor(BigIntValueOf(value));
  else if (isSymbolObject(value)) throw dataCloneError('Symbol object could not be cloned.');
  else if (isDate(value)) result = new DateCtor(DateGetTime(value));
  else if (isRegExp(value)) result = new RegExpCtor(RegExpSource(value), regExpFlags(value));
  else if (isArrayBuffer(value)) result = copyArrayBuffer(value);
  else if (isSharedArrayBuffer(value)) {
    result = value; // shared memory is shared, not copied
  } else if (typedArrayTag(value) !== undefined) {
    const buffer = cloneValue(TABuffer(value), memory);
    result = new typedArrayCtors[TATag(value)](buffer, TAByteOffset(value), TALength(value));
  } else if (isDataView(value)) {
    const buffer = cloneValue(DVBuffer(value), memory);
    result = new DataViewCtor(buffer, DVByteOffset(value), DVByteLength(value));
  } else if (isMap(value)) {
    result = new MapCtor();
    MapSet(memory, value, result);
    const entries = list();
    const it = MapEntries(value);
    for (let r = MapIterNext(it); !r.done; r = MapIterNext(it)) push(entries, r.value);
    for (let i = 0; i < entries.length; i++) {
      MapSet(result, cloneValue(entries[i][0], memory), cloneValue(entries[i][1], memory));
    }
    return result;
  } else if (isSet(value)) {
    result = new SetCtor();
    MapSet(memory, value, result);
    const items = list();
    const it = SetValues(value);
    for (let r = SetIterNext(it); !r.done; r = SetIterNext(it)) push(items, r.value);
    for (let i = 0; i < items.length; i++) SetAdd(result, cloneValue(items[i], memory));
    return result;
  } else if (isError(value)) {
    const name = safeGet(value, 'name');
    const Ctor = typeof name === 'string' && errorCtors[name] !== undefined ? errorCtors[name] : errorCtors.Error;
    const message = ownData(value, 'message');
    result = message === undefined ? new Ctor() : new Ctor(safeString(message));
    const stack = safeGet(value, 'stack');
    if (typeof stack === 'string') defineHidden(result, 'stack', stack);
    MapSet(memory, value, result);
    if (ObjectHasOwn(value, 'cause')) defineHidden(result, 'cause', cloneValue(value.cause, memory));
    return result;
  } else if (isPromise(value) || isWeakMap(value) || isWeakSet(value) || isWeakRef(value)) {
    throw dataCloneError(`#<${StrSlice(builtinTag(value), 8, -1)}> could not be cloned.`);
  } else {
    result = isArray(value) ? new ArrayCtor(value.length) : {};
    MapSet(memory, value, result);
    const keys = ObjectKeys(value);
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i];
      defineData(result, key, cloneValue(value[key], memory));
    }
    return result;
  }
  MapSet(memory, value, result);
  return result;
}
/** The ArrayBuffers of `options.transfer`, checked as the HTML standard does before anything is cloned. */
function transferList(options) {
  if (options === undefined || options === null) return undefined;
  if (typeof options !== 'object' && typeof options !== 'function') throw new TypeErrorCtor("structuredClone: the options must be an object, such as { transfer: [buffer] }");
  const transfer = options.transfer;
  if (transfer === undefined) return undefined;
  if (transfer === null || typeof transfer !== 'object' && typeof transfer !== 'function') throw new TypeErrorCtor('structuredClone: options.transfer must be a sequence of objects');
  const buffers = list();
  for (const item of transfer) {
    if (item === null || typeof item !== 'object' && typeof item !== 'function') throw new TypeErrorCtor('structuredClone: options.transfer must be a sequence of objects');
    push(buffers, item);
  }
  const seen = new MapCtor();
  for (let i = 0; i < buffers.length; i++) {
    const b = buffers[i];
    if (!isArrayBuffer(b) || ABTransfer === undefined) throw dataCloneError('Value not transferable: only ArrayBuffers can be transferred.');
    if (MapHas(seen, b)) throw dataCloneError('ArrayBuffer at index ' + i + ' is a duplicate of an earlier ArrayBuffer. Duplicate ArrayBuffers cannot be transferred.');
    if (ABDetached !== undefined && ABDetached(b)) throw dataCloneError('ArrayBuffer at index ' + i + ' is already detached.');
    MapSet(seen, b, true);
  }
  return buffers;
}
export function structuredClone(value, options = undefined) {
  if (arguments.length === 0) throw new TypeErrorCtor('The "value" argument must be specified');
  const buffers = transferList(options);
  const memory = new MapCtor();
  // A transferred buffer's clone is its copy; the source is detached only once the whole value has cloned, so a
  // failing clone detaches nothing (the standard's order).
  if (buffers !== undefined) for (let i = 0; i < buffers.length; i++) MapSet(memory, buffers[i], copyArrayBuffer(buffers[i]));
  const result = cloneValue(value, memory);
  if (buffers !== undefined) for (let i = 0; i < buffers.length; i++) ABTransfer(buffers[i]);
  return result;
}
