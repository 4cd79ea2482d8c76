// Remote references for the notebook's object tree, the console's expandable values and the debugger's Variables
// view, hover and watch: ids for objects that stay inside the sandbox, their previews and their paged children, all
// rendered by values/inspect.js so every consumer shows a value the same way. One registry, two lifetimes: a
// reference taken by `ref` is counted and lives until `release`; one taken for a pause (`pauseRef`, `pauseChildren`, `pauseScope`) lives until
// `releasePause`, which the debugger calls on resume. The two never release each other's references.
import {
  G, ObjectCtor, TypeErrorCtor, MapCtor, SetCtor, WeakMapCtor, MathMin, ReflectApply, ReflectOwnKeys, ObjectKeys,
  ObjectIs, ObjectGetPrototypeOf, ObjectGetOwnPropertyNames, StrSlice, StrCharCodeAt, StrIndexOf, NumValueOf,
  StrValueOf, BoolValueOf, BigIntValueOf, SymbolValueOf, SymbolToString, MapGet, MapSet, MapDelete, MapEntries,
  MapSize, MapIterNext, SetAdd, SetHas, SetValues, SetSize, SetIterNext, WeakMapGet, WeakMapSet, TALength,
  builtInNames,
} from '../shared/intrinsics.js';
import {
  list, push, at, ownDesc, ownData, safeGet, describeFailure, safeString, isMap, isSet, isDate, isNumberObject,
  isStringObject, isBooleanObject, isBigIntObject, isSymbolObject, typedArrayTag, isRegExp, isArray, isError,
  isPromise, isArguments,
} from '../shared/safe.js';
import {
  constructorName, nonIndexKeysOf, rawStackOf, errorHeader, inspectWith, formatArgs,
} from './inspect.js';

/** id -> { kind: 'value' | 'entries' | 'entry' | 'scope', value, count, pause }. */
export const records = new MapCtor();
const idsByValue = new WeakMapCtor();
let nextId = 1;
/** Whether the references being made now are for a pause (see `withPause`) or counted. */
let forPause = false;

/**
 * A reference to `value`: an object shown once keeps its id while any reference to it lives, so a tree that shows
 * the same object twice can tell. A counted reference adds one to `count`; a pause reference only marks the record.
 */
export function register(kind, value) {
  if (kind === 'value') {
    const existing = WeakMapGet(idsByValue, value);
    const record = existing === undefined ? undefined : MapGet(records, existing);
    if (record !== undefined) {
      if (forPause) record.pause = true;
      else record.count++;
      return existing;
    }
  }
  const id = nextId++;
  MapSet(records, id, { __proto__: null, kind, value, count: forPause ? 0 : 1, pause: forPause });
  if (kind === 'value') WeakMapSet(idsByValue, value, id);
  return id;
}
/** Runs `fn` making pause references (ids that `releasePause` ends), not counted ones. */
export function withPause(fn) {
  const outer = forPause;
  forPause = true;
  try {
    return fn();
  } finally {
    forPause = outer;
  }
}
/** Drops one counted reference of `id`, every counted reference when `id` is undefined, or every pause reference when `pause`. */
export function release(id, pause = false) {
  if (id !== undefined) {
    const record = MapGet(records, id);
    if (record !== undefined && --record.count <= 0 && !record.pause) MapDelete(records, id);
    return;
  }
  const ids = list();
  const it = MapEntries(records);
  for (let r = MapIterNext(it); !r.done; r = MapIterNext(it)) push(ids, r.value[0]);
  for (let i = 0; i < ids.length; i++) {
    const record = MapGet(records, ids[i]);
    if (pause) record.pause = false;
    else record.count = 0;
    if (record.count <= 0 && !record.pause) MapDelete(records, ids[i]);
  }
}
export function typeOfValue(v) {
  if (v === null) return 'null';
  const t = typeof v;
  if (t !== 'object') return t;
  if (isArray(v)) return 'array';
  if (isMap(v)) return 'map';
  if (isSet(v)) return 'set';
  if (isDate(v)) return 'date';
  if (isRegExp(v)) return 'regexp';
  if (isError(v)) return 'error';
  if (isPromise(v)) return 'promise';
  if (typedArrayTag(v) !== undefined) return 'typedarray';
  return 'object';
}
export function previewOf(v) {
  if (typeof v === 'object' && v !== null && isError(v)) {
    const header = errorHeader(v);
    return header.length > 200 ? `${StrSlice(header, 0, 200)}…` : header;
  }
  const text = inspectWith(v, { __proto__: null, depth: 0, breakLength: Infinity, maxArrayLength: 20, maxStringLength: 200 }, true);
  const nl = StrIndexOf(text, '\n');
  const line = nl < 0 ? text : `${StrSlice(text, 0, nl)} …`;
  return line.length > 300 ? `${StrSlice(line, 0, 300)}…` : line;
}
export function arrayLikeLength(v) {
  if (isArray(v)) return v.length;
  if (typedArrayTag(v) !== undefined) return TALength(v);
  if (isArguments(v)) {
    const n = ownData(v, 'length');
    return typeof n === 'number' ? n : undefined;
  }
  return undefined;
}
export function remoteValue(v) {
  const type = typeOfValue(v);
  if (type !== 'object' && type !== 'function' && type !== 'array' && type !== 'map' && type !== 'set' &&
    type !== 'date' && type !== 'regexp' && type !== 'error' && type !== 'promise' && type !== 'typedarray') {
    return { __proto__: null, id: 0, preview: previewOf(v), type };
  }
  const result = { __proto__: null, id: register('value', v), preview: previewOf(v), type };
  try {
    const name = constructorName({ __proto__: null, depth: 0 }, v, 0);
    result.className = name === null ? 'Object' : name;
    const length = arrayLikeLength(v);
    if (length !== undefined) result.indexedCount = length;
    const keys = length !== undefined ? nonIndexKeysOf(v, length, true) : ReflectOwnKeys(v);
    result.namedCount = keys.length;
  } catch {
    // A hostile proxy: the id and preview are enough to show it.
  }
  return result;
}
export function property(name, value) {
  return { __proto__: null, name, value: remoteValue(value) };
}
export function accessorProperty(name) {
  return { __proto__: null, name, getter: true, value: { __proto__: null, id: 0, preview: '(...)', type: 'accessor' } };
}
export const keyName = (key) => (typeof key === 'symbol' ? SymbolToString(key) : key);

export function entriesChildren(record, filter, start, count) {
  const out = list();
  if (filter === 'named') return out;
  const target = record.value;
  const map = isMap(target);
  const it = map ? MapEntries(target) : SetValues(target);
  const from = start || 0;
  const to = count === undefined ? Infinity : from + count;
  for (let i = 0; i < to; i++) {
    const r = map ? MapIterNext(it) : SetIterNext(it);
    if (r.done) break;
    if (i < from) continue;
    if (map) {
      const pair = r.value;
      const id = register('entry', pair);
      push(out, { __proto__: null, name: `${i}`, value: {
        __proto__: null, id, type: 'object', className: 'Object', namedCount: 2,
        preview: `{${previewOf(pair[0])} => ${previewOf(pair[1])}}`,
      } });
    } else {
      push(out, property(`${i}`, r.value));
    }
  }
  return out;
}
export function valueChildren(record, filter, start, count) {
  const obj = record.value;
  const out = list();
  const length = arrayLikeLength(obj);
  if (filter !== 'named' && length !== undefined) {
    const from = start || 0;
    const to = count === undefined ? length : MathMin(length, from + count);
    const typed = typedArrayTag(obj) !== undefined;
    for (let i = from; i < to; i++) {
      if (typed) {
        push(out, property(`${i}`, obj[i]));
        continue;
      }
      const d = ownDesc(obj, `${i}`);
      if (d === undefined) continue;
      push(out, 'get' in d || 'set' in d ? accessorProperty(`${i}`) : property(`${i}`, d.value));
    }
  }
  if (filter === 'indexed') return out;
  const named = list();
  const seenNames = new SetCtor();
  const keys = length !== undefined ? nonIndexKeysOf(obj, length, true) : ReflectOwnKeys(obj);
  for (let i = 0; i < keys.length; i++) {
    const d = ownDesc(obj, keys[i]);
    if (d === undefined) continue;
    const name = keyName(keys[i]);
    SetAdd(seenNames, name);
    push(named, 'get' in d || 'set' in d ? accessorProperty(name) : property(name, d.value));
  }
  // Accessors of user classes live on prototypes; debuggers show them on the instance, as Chrome does.
  let proto = ObjectGetPrototypeOf(obj);
  for (let steps = 0; proto !== null && steps < 100; steps++) {
    const ctor = ownData(proto, 'constructor');
    if (typeof ctor === 'function' && SetHas(builtInNames, ownData(ctor, 'name')) && ownData(G, ownData(ctor, 'name')) === ctor) break;
    const protoKeys = ReflectOwnKeys(proto);
    for (let i = 0; i < protoKeys.length; i++) {
      const name = keyName(protoKeys[i]);
      if (SetHas(seenNames, name)) continue;
      const d = ownDesc(proto, protoKeys[i]);
      if (d !== undefined && d.get !== undefined) {
        SetAdd(seenNames, name);
        push(named, accessorProperty(name));
      }
    }
    proto = ObjectGetPrototypeOf(proto);
  }
  if (isMap(obj) || isSet(obj)) {
    const size = isMap(obj) ? MapSize(obj) : SetSize(obj);
    push(named, { __proto__: null, name: '[[Entries]]', value: {
      __proto__: null, id: register('entries', obj), preview: `Array(${size})`, type: 'array', indexedCount: size,
    } });
  } else if (isNumberObject(obj) || isStringObject(obj) || isBooleanObject(obj) || isBigIntObject(obj) || isSymbolObject(obj)) {
    const primitive = isNumberObject(obj) ? NumValueOf(obj) : isStringObject(obj) ? StrValueOf(obj)
      : isBooleanObject(obj) ? BoolValueOf(obj) : isBigIntObject(obj) ? BigIntValueOf(obj) : SymbolValueOf(obj);
    push(named, property('[[PrimitiveValue]]', primitive));
  }
  const prototype = ObjectGetPrototypeOf(obj);
  if (prototype !== null) push(named, property('[[Prototype]]', prototype));
  if (filter === 'named' && (start !== undefined || count !== undefined)) {
    const from = start || 0;
    const to = count === undefined ? named.length : MathMin(named.length, from + count);
    for (let i = from; i < to; i++) push(out, named[i]);
    return out;
  }
  for (let i = 0; i < named.length; i++) push(out, named[i]);
  return out;
}

/** previewOf, with the common cells (numbers, plain short strings) made directly: 10,000 rows take 40,000 calls. */
export function cellPreview(v) {
  const t = typeof v;
  if (t === 'number') return ObjectIs(v, -0) ? '-0' : `${v}`;
  if (t === 'boolean') return v ? 'true' : 'false';
  if (v === null) return 'null';
  if (t === 'string' && v.length <= 200) {
    let plain = true;
    for (let i = 0; i < v.length && plain; i++) {
      const c = StrCharCodeAt(v, i);
      plain = c >= 32 && c !== 39 && c !== 92 && c < 127;
    }
    if (plain) return `'${v}'`;
  }
  return previewOf(v);
}
/**
 * The first `maxRows` elements of an array of plain objects as a table of one-line previews, in one call (the
 * notebook's record tables: through `children` that is one request per row). Accessors are never run. Undefined
 * when the value is not such an array. Rows stop early once their previews pass TABLE_TEXT_BUDGET characters, so
 * wide rows of long strings cannot make a reply of tens of megabytes.
 */
export const TABLE_TEXT_BUDGET = 4 * 1024 * 1024;
export function recordTable(id, maxRows, maxColumns) {
  const record = MapGet(records, id);
  if (record === undefined || record.kind !== 'value' || !isArray(record.value)) return undefined;
  const arr = record.value;
  const n = MathMin(arr.length, maxRows);
  const columns = list();
  const columnAt = new MapCtor();
  const rows = list();
  let chars = 0;
  for (let i = 0; i < n && chars < TABLE_TEXT_BUDGET; i++) {
    const d = ownDesc(arr, `${i}`);
    if (d === undefined || 'get' in d || 'set' in d || typeOfValue(d.value) !== 'object') return undefined;
    const item = d.value;
    const className = constructorName({ __proto__: null, depth: 0 }, item, 0);
    if (className !== null && className !== 'Object') return undefined;
    const keys = ObjectKeys(item);
    const row = list();
    for (let k = 0; k < keys.length; k++) {
      const kd = ownDesc(item, keys[k]);
      if (kd === undefined || 'get' in kd || 'set' in kd) continue;
      let at = MapGet(columnAt, keys[k]);
      if (at === undefined) {
        if (columns.length >= maxColumns) continue;
        at = columns.length;
        push(columns, keys[k]);
        MapSet(columnAt, keys[k], at);
      }
      row[at] = cellPreview(kd.value);
      chars += row[at].length;
    }
    push(rows, row);
  }
  if (columns.length === 0) return undefined;
  for (let i = 0; i < rows.length; i++) {
    for (let c = 0; c < columns.length; c++) if (rows[i][c] === undefined) rows[i][c] = '';
  }
  return { __proto__: null, columns, rows, total: arr.length };
}

/** Everything the worker keeps and user code never sees. */
export const bridge = {
  __proto__: null,
  inspect: (value, options) => inspectWith(value, options),
  format: (...args) => formatArgs(args),
  ref: (value) => remoteValue(value),
  children(id, filter, start, count) {
    const record = MapGet(records, id);
    if (record === undefined) return list();
    if (typeof start !== 'number') start = undefined;
    if (typeof count !== 'number') count = undefined;
    try {
      if (record.kind === 'scope') return list(); // the debug kernel lists a scope's variables itself
      if (record.kind === 'entries') return entriesChildren(record, filter, start, count);
      if (record.kind === 'entry') {
        const out = list();
        if (filter === 'indexed') return out;
        push(out, property('key', record.value[0]));
        push(out, property('value', record.value[1]));
        return out;
      }
      return valueChildren(record, filter, start, count);
    } catch (e) {
      const out = list();
      push(out, { __proto__: null, name: '[[Error]]', value: {
        __proto__: null, id: 0, type: 'string', preview: `inspection failed: ${describeFailure(e)}` } });
      return out;
    }
  },
  records: (id, maxRows, maxColumns) => recordTable(id, maxRows, maxColumns),
  invokeGetter(id, name) {
    const record = MapGet(records, id);
    if (record === undefined || record.kind !== 'value') throw new TypeErrorCtor(`no object with id ${id}`);
    const receiver = record.value;
    for (let o = receiver, steps = 0; o !== null && steps < 1000; o = ObjectGetPrototypeOf(o), steps++) {
      const keys = ReflectOwnKeys(o);
      for (let i = 0; i < keys.length; i++) {
        if (keyName(keys[i]) !== name) continue;
        const d = ownDesc(o, keys[i]);
        if (d === undefined) continue;
        if (d.get !== undefined) return remoteValue(ReflectApply(d.get, receiver, []));
        return remoteValue(d.value);
      }
    }
    throw new TypeErrorCtor(`no property ${name}`);
  },
  /** Releases one counted reference, or all of them without `id` (a pause's references are not touched). */
  release: (id) => release(id),
  // ---- the debugger's side (debug.kernel.js): references that live until the program resumes ----
  /**
   * A remote value whose references end at `releasePause`. Without `namedCount`: it counts own keys, while the list
   * also holds internal slots and `[[Prototype]]`, and a DAP client pages named children by the count it is given.
   */
  pauseRef(value) {
    const remote = withPause(() => remoteValue(value));
    remote.namedCount = undefined;
    return remote;
  },
  /** `children`, making pause references. */
  pauseChildren: (id, filter, start, count) => withPause(() => bridge.children(id, filter, start, count)),
  /** The id of a pause reference to `value` (an object), without rendering it. */
  pauseId: (value) => withPause(() => register('value', value)),
  /** The object behind a value reference, or undefined. */
  value(id) {
    const record = MapGet(records, id);
    return record !== undefined && record.kind === 'value' ? record.value : undefined;
  },
  /** A pause reference for a debugger scope (`entry` is the debug kernel's own record; see `scope`). */
  pauseScope: (entry) => withPause(() => register('scope', entry)),
  /** The entry of a scope reference, or undefined when `id` is not one. */
  scope(id) {
    const record = MapGet(records, id);
    return record !== undefined && record.kind === 'scope' ? record.value : undefined;
  },
  /** Ends every pause reference: the program resumed. */
  releasePause: () => release(undefined, true),
  /** The one-line preview every consumer shows for `value`. */
  preview: (value) => previewOf(value),
  /** String keys of `value` and of its prototype chain, for the REPL's tab completion. Never runs a getter. */
  propertyNames(value) {
    const out = list();
    const seen = new SetCtor();
    let o = value === null || value === undefined ? null : ObjectCtor(value);
    for (let steps = 0; o !== null && steps < 100; o = ObjectGetPrototypeOf(o), steps++) {
      const keys = ObjectGetOwnPropertyNames(o);
      for (let i = 0; i < keys.length; i++) {
        if (SetHas(seen, keys[i])) continue;
        SetAdd(seen, keys[i]);
        push(out, keys[i]);
      }
    }
    return out;
  },
  errorInfo(value) {
    if (typeof value === 'object' && value !== null && isError(value)) {
      const rawName = safeGet(value, 'name');
      const rawMessage = safeGet(value, 'message');
      return {
        __proto__: null,
        name: rawName === undefined ? 'Error' : safeString(rawName),
        message: rawMessage === undefined ? '' : safeString(rawMessage),
        // Unmapped: the host maps this stack into frames itself, and a second mapping would move them again.
        stack: rawStackOf(value),
      };
    }
    const text = inspectWith(value);
    return { __proto__: null, name: '', message: text, stack: '', thrown: text };
  },
};
