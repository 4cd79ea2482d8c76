// The value renderer: Node 20's util.inspect without colors, and util.format. One renderer for every consumer: the
// console's lines, the previews of the notebook's object tree and of the debugger's Variables view, hover and watch
// (values/remote.js). Reads only own data properties and internal slots through captured intrinsics: it never runs a
// program's getter, toString or iterator.
import {
  MapCtor, Uint8ArrayCtor, NumberCtor, MathMin, MathMax, MathFloor, MathRound, MathSqrt, NumberIsNaN, NumberParseInt,
  NumberParseFloat, JSONStringify, StringFromCharCode, SymbolToStringTag, ReflectOwnKeys, ObjectKeys,
  ObjectGetPrototypeOf, ObjectGetOwnPropertyNames, ObjectGetOwnPropertySymbols, ObjectHasOwn, ObjectIsEnumerable,
  FunctionToString, StrSlice, StrCharCodeAt, StrIndexOf, StrIncludes, StrStartsWith, StrEndsWith, StrRepeat,
  StrPadStart, StrPadEnd, StrToLowerCase, NumToString, NumValueOf, StrValueOf, BoolValueOf, BigIntValueOf,
  SymbolValueOf, SymbolToString, DateGetTime, DateToISOString, DateToString, MapGet, MapSet, MapEntries, MapSize,
  MapIterNext, SetHas, SetValues, SetSize, SetIterNext, ABByteLength, SABByteLength, TALength, FunctionPrototype,
  AsyncFunctionPrototype, GeneratorFunctionPrototype, AsyncGeneratorFunctionPrototype, builtInNames,
} from '../shared/intrinsics.js';
import {
  list, push, join, at, listIncludes, ownDesc, ownData, safeGet, describeFailure, safeString, isIndexKey,
  isIdentifierKey, builtinTag, protoHas, isMap, isSet, isDate, isArrayBuffer, isSharedArrayBuffer, isDataView,
  isWeakMap, isWeakSet, isNumberObject, isStringObject, isBooleanObject, isBigIntObject, isSymbolObject,
  typedArrayTag, isRegExp, isArray, isError, isPromise, isArguments, regExpToString,
} from '../shared/safe.js';
import { BUDGET, mapStack, indentLines, plainText } from './lines.js';

/** How a promise's state is read (`host.promiseState`); without it, promises print as `Promise { <unknown> }`. */
let hostPromiseState;
export function usePromiseState(fn) {
  hostPromiseState = typeof fn === 'function' ? fn : undefined;
}

export const HARD_DEPTH = 100; // nesting levels even with depth: Infinity; each level costs several QuickJS frames
export const KIND_OBJECT = 0;
export const KIND_ARRAY = 1;
export const KIND_ARRAY_EXTRAS = 2;

export function hex2(c) {
  const digits = '0123456789ABCDEF';
  return digits[(c >> 4) & 15] + digits[c & 15];
}
/** Quotes a string the way Node picks quotes: ' unless it contains ', then " or `. */
export function quoteString(str) {
  let quote = 39;
  if (StrIncludes(str, "'")) {
    if (!StrIncludes(str, '"')) quote = 34;
    else if (!StrIncludes(str, '`') && !StrIncludes(str, '${')) quote = 96;
  }
  let out = '';
  let last = 0;
  const n = str.length;
  for (let i = 0; i < n; i++) {
    const c = StrCharCodeAt(str, i);
    let esc;
    if (c === quote || c === 92 || c < 32 || (c > 126 && c < 160)) {
      esc = c < 32 ? controlEscape(c) : c === 92 ? '\\\\' : c === 39 ? "\\'" : `\\x${hex2(c)}`;
    } else if (c >= 0xd800 && c <= 0xdfff) {
      if (c <= 0xdbff && i + 1 < n) {
        const d = StrCharCodeAt(str, i + 1);
        if (d >= 0xdc00 && d <= 0xdfff) {
          i++;
          continue;
        }
      }
      esc = `\\u${NumToString(c, 16)}`;
    } else {
      continue;
    }
    out += StrSlice(str, last, i) + esc;
    last = i + 1;
  }
  out += StrSlice(str, last);
  const q = StringFromCharCode(quote);
  return q + out + q;
}
export function controlEscape(c) {
  switch (c) {
    case 8: return '\\b';
    case 9: return '\\t';
    case 10: return '\\n';
    case 12: return '\\f';
    case 13: return '\\r';
    default: return `\\x${hex2(c)}`;
  }
}
export const plural = (n, word) => `${n} ${word}${n > 1 ? 's' : ''}`;
export const formatNumber = plainText;

export function formatPrimitive(ctx, value) {
  switch (typeof value) {
    case 'string': {
      let trailer = '';
      if (value.length > ctx.maxStringLength) {
        const remaining = value.length - ctx.maxStringLength;
        value = StrSlice(value, 0, ctx.maxStringLength);
        trailer = `... ${plural(remaining, 'more character')}`;
      }
      // Node breaks long multi-line strings at their newlines and joins the pieces with `+`.
      if (value.length > 16 && value.length > ctx.breakLength - ctx.indentationLvl - 4 && StrIncludes(value, '\n')) {
        const pieces = list();
        let start = 0;
        for (;;) {
          const nl = StrIndexOf(value, '\n', start);
          if (nl < 0 || nl === value.length - 1) {
            push(pieces, quoteString(StrSlice(value, start)));
            break;
          }
          push(pieces, quoteString(StrSlice(value, start, nl + 1)));
          start = nl + 1;
        }
        return join(pieces, ` +\n${StrRepeat(' ', ctx.indentationLvl + 2)}`) + trailer;
      }
      return quoteString(value) + trailer;
    }
    case 'number': return formatNumber(value);
    case 'bigint': return `${value}n`;
    case 'boolean': return value ? 'true' : 'false';
    case 'undefined': return 'undefined';
    case 'symbol': return SymbolToString(value);
    default: return safeString(value);
  }
}

/** Node's class name of an object: the first `constructor` on its chain that really constructed it. */
export function constructorName(ctx, obj, recurseTimes) {
  let proto = obj;
  let firstProto;
  let steps = 0;
  while (proto !== null && proto !== undefined && steps++ < 1000) {
    const d = ownDesc(proto, 'constructor');
    if (d !== undefined && typeof d.value === 'function') {
      const name = safeGet(d.value, 'name');
      if (typeof name === 'string' && name !== '' && protoHas(safeGet(d.value, 'prototype'), obj)) return name;
    }
    proto = ObjectGetPrototypeOf(proto);
    if (firstProto === undefined) firstProto = proto;
  }
  if (firstProto === null) return null;
  // An object whose chain has no named constructor: name the engine class and the prototype.
  const raw = StrSlice(builtinTag(obj), 8, -1) || 'Object';
  if (recurseTimes > ctx.depth) return `${raw} <Complex prototype>`;
  const protoName = constructorName(ctx, firstProto, recurseTimes + 1);
  if (protoName === null) {
    return `${raw} <${inspectWith(firstProto, { __proto__: null, depth: -1 })}>`;
  }
  return `${raw} <${protoName}>`;
}

export function prefixOf(constructor, tag, fallback, size = '') {
  if (constructor === null) {
    if (tag !== '' && fallback !== tag) return `[${fallback}${size}: null prototype] [${tag}] `;
    return `[${fallback}${size}: null prototype] `;
  }
  if (tag !== '' && constructor !== tag) return `${constructor}${size} [${tag}] `;
  return `${constructor}${size} `;
}

/** Own enumerable keys (all own keys with showHidden), symbols included, as Node lists them. */
export function keysOf(value, showHidden) {
  const out = list();
  const names = showHidden ? ObjectGetOwnPropertyNames(value) : ObjectKeys(value);
  for (let i = 0; i < names.length; i++) push(out, names[i]);
  const symbols = ObjectGetOwnPropertySymbols(value);
  for (let i = 0; i < symbols.length; i++) {
    if (showHidden || ObjectIsEnumerable(value, symbols[i])) push(out, symbols[i]);
  }
  return out;
}
/** Keys of an array-like other than its indices; skipped for huge arrays, whose key lists would cost too much. */
export function nonIndexKeysOf(value, length, showHidden) {
  const out = list();
  const keys = length > 100000 ? ObjectGetOwnPropertySymbols(value) : ReflectOwnKeys(value);
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i];
    if (isIndexKey(key)) continue;
    if (showHidden || ObjectIsEnumerable(value, key)) push(out, key);
  }
  return out;
}

export function formatValue(ctx, value, recurseTimes, inTypedArray) {
  if (typeof value !== 'object' && typeof value !== 'function') {
    const text = formatPrimitive(ctx, value);
    ctx.spent += text.length;
    return text;
  }
  if (value === null) return 'null';
  if (ctx.spent > BUDGET) return '...';
  if (listIncludes(ctx.seen, value)) {
    let index = MapGet(ctx.circular, value);
    if (index === undefined) {
      index = MapSize(ctx.circular) + 1;
      MapSet(ctx.circular, value, index);
    }
    return `[Circular *${index}]`;
  }
  const seenLength = ctx.seen.length;
  const indentation = ctx.indentationLvl;
  try {
    const text = formatRaw(ctx, value, recurseTimes, inTypedArray);
    // Short results are mostly leaves (functions, dates, empty objects) that nothing else counted.
    if (text.length < 64) ctx.spent += text.length;
    return text;
  } catch (e) {
    ctx.seen.length = seenLength;
    ctx.indentationLvl = indentation;
    return `[object (inspection failed: ${describeFailure(e)})]`;
  }
}

export function formatRaw(ctx, value, recurseTimes, inTypedArray) {
  const constructor = constructorName(ctx, value, recurseTimes);
  let tag = '';
  try {
    const t = value[SymbolToStringTag];
    // Node leaves out a tag that is an own enumerable property: it is printed as a key anyway.
    if (typeof t === 'string' && t !== '' && !(ctx.showHidden ? ObjectHasOwn : ObjectIsEnumerable)(value, SymbolToStringTag)) tag = t;
  } catch {
    tag = '';
  }
  let keys;
  let base = '';
  let formatter = null;
  let braces;
  let kind = KIND_OBJECT;
  let taTag;
  if (isArray(value)) {
    const length = value.length;
    const prefix = constructor !== 'Array' || tag !== '' ? prefixOf(constructor, tag, 'Array', `(${length})`) : '';
    keys = nonIndexKeysOf(value, length, ctx.showHidden);
    braces = [`${prefix}[`, ']'];
    if (length === 0 && keys.length === 0) return `${braces[0]}]`;
    kind = KIND_ARRAY_EXTRAS;
    formatter = formatArray;
  } else if (isSet(value)) {
    const size = SetSize(value);
    const prefix = prefixOf(constructor, tag, 'Set', `(${size})`);
    keys = keysOf(value, ctx.showHidden);
    if (size === 0 && keys.length === 0) return `${prefix}{}`;
    braces = [`${prefix}{`, '}'];
    formatter = formatSet;
  } else if (isMap(value)) {
    const size = MapSize(value);
    const prefix = prefixOf(constructor, tag, 'Map', `(${size})`);
    keys = keysOf(value, ctx.showHidden);
    if (size === 0 && keys.length === 0) return `${prefix}{}`;
    braces = [`${prefix}{`, '}'];
    formatter = formatMap;
  } else if ((taTag = typedArrayTag(value)) !== undefined) {
    const length = TALength(value);
    keys = nonIndexKeysOf(value, length, ctx.showHidden);
    const prefix = prefixOf(constructor, tag, constructor === null ? taTag : '', `(${length})`);
    braces = [`${prefix}[`, ']'];
    if (length === 0 && keys.length === 0 && !ctx.showHidden) return `${braces[0]}]`;
    kind = KIND_ARRAY_EXTRAS;
    formatter = formatTypedArray;
  } else {
    keys = keysOf(value, ctx.showHidden);
    braces = ['{', '}'];
    if (constructor === 'Object' && !isError(value)) {
      if (isArguments(value)) braces[0] = '[Arguments] {';
      else if (tag !== '') braces[0] = `${prefixOf(constructor, tag, 'Object')}{`;
      if (keys.length === 0) return `${braces[0]}}`;
    } else if (typeof value === 'function') {
      base = functionBase(value, constructor, tag);
      if (keys.length === 0) return base;
    } else if (isRegExp(value)) {
      base = regExpToString(value);
      const prefix = prefixOf(constructor, tag, 'RegExp');
      if (prefix !== 'RegExp ') base = `${prefix}${base}`;
      if (keys.length === 0 || recurseTimes > ctx.depth) return base;
    } else if (isDate(value)) {
      base = NumberIsNaN(DateGetTime(value)) ? DateToString(value) : DateToISOString(value);
      const prefix = prefixOf(constructor, tag, 'Date');
      if (prefix !== 'Date ') base = `${prefix}${base}`;
      if (keys.length === 0) return base;
    } else if (isError(value)) {
      base = formatError(ctx, value, constructor, tag, keys);
      if (keys.length === 0) return base;
    } else if (isArrayBuffer(value) || isSharedArrayBuffer(value)) {
      const prefix = prefixOf(constructor, tag, isArrayBuffer(value) ? 'ArrayBuffer' : 'SharedArrayBuffer');
      const byteLength = isArrayBuffer(value) ? ABByteLength(value) : SABByteLength(value);
      if (!inTypedArray) formatter = formatArrayBuffer;
      else if (keys.length === 0) return `${prefix}{ byteLength: ${formatNumber(byteLength)} }`;
      braces[0] = `${prefix}{`;
      keys = prependKeys(keys, ['byteLength']);
    } else if (isDataView(value)) {
      braces[0] = `${prefixOf(constructor, tag, 'DataView')}{`;
      keys = prependKeys(keys, ['byteLength', 'byteOffset', 'buffer']);
    } else if (isPromise(value)) {
      braces[0] = `${prefixOf(constructor, tag, 'Promise')}{`;
      formatter = formatPromise;
    } else if (isWeakSet(value)) {
      braces[0] = `${prefixOf(constructor, tag, 'WeakSet')}{`;
      formatter = formatWeakCollection;
    } else if (isWeakMap(value)) {
      braces[0] = `${prefixOf(constructor, tag, 'WeakMap')}{`;
      formatter = formatWeakCollection;
    } else if (isNumberObject(value) || isStringObject(value) || isBooleanObject(value) ||
      isBigIntObject(value) || isSymbolObject(value)) {
      const r = boxedBase(ctx, value, keys, constructor, tag);
      base = r.base;
      keys = r.keys;
      if (keys.length === 0) return base;
    } else {
      if (isArguments(value)) braces[0] = '[Arguments] {';
      else braces[0] = `${prefixOf(constructor, tag, 'Object')}{`;
      if (keys.length === 0) return `${braces[0]}}`;
    }
  }
  if (recurseTimes > ctx.depth || recurseTimes >= HARD_DEPTH) {
    const name = StrSlice(prefixOf(constructor, tag, 'Object'), 0, -1);
    return constructor !== null ? `[${name}]` : name;
  }
  recurseTimes += 1;
  push(ctx.seen, value);
  ctx.currentDepth = recurseTimes;
  const output = formatter !== null ? formatter(ctx, value, recurseTimes) : list();
  for (let i = 0; i < keys.length; i++) {
    if (ctx.spent > BUDGET) {
      push(output, '...');
      break;
    }
    push(output, formatProperty(ctx, value, recurseTimes, keys[i], kind));
  }
  const index = MapGet(ctx.circular, value);
  if (index !== undefined) base = base === '' ? `<ref *${index}>` : `<ref *${index}> ${base}`;
  ctx.seen.length -= 1;
  return reduceToSingleString(ctx, output, base, braces, kind, recurseTimes, value);
}

export function prependKeys(keys, first) {
  const out = list();
  for (let i = 0; i < first.length; i++) push(out, first[i]);
  for (let i = 0; i < keys.length; i++) push(out, keys[i]);
  return out;
}

export function functionBase(value, constructor, tag) {
  let source = '';
  try {
    source = FunctionToString(value);
  } catch {
    source = '';
  }
  if (StrStartsWith(source, 'class') && StrEndsWith(source, '}')) {
    const c = StrCharCodeAt(source, 5);
    if (c === 32 || c === 123 || c === 10 || c === 9 || c === 13) return classBase(value, constructor, tag);
  }
  let type = 'Function';
  if (protoHas(GeneratorFunctionPrototype, value) || protoHas(AsyncGeneratorFunctionPrototype, value)) type = `Generator${type}`;
  if (protoHas(AsyncFunctionPrototype, value) || protoHas(AsyncGeneratorFunctionPrototype, value)) type = `Async${type}`;
  let base = `[${type}`;
  if (constructor === null) base += ' (null prototype)';
  const name = ownData(value, 'name');
  if (typeof name !== 'string' || name === '') base += ' (anonymous)';
  else base += `: ${name}`;
  base += ']';
  if (constructor !== type && constructor !== null) base += ` ${constructor}`;
  if (tag !== '' && constructor !== tag) base += ` [${tag}]`;
  return base;
}
export function classBase(value, constructor, tag) {
  const own = ownData(value, 'name');
  const name = (typeof own === 'string' && own) || '(anonymous)';
  let base = `class ${name}`;
  if (constructor !== 'Function' && constructor !== null) base += ` [${constructor}]`;
  if (tag !== '' && constructor !== tag) base += ` [${tag}]`;
  if (constructor !== null) {
    const parent = ObjectGetPrototypeOf(value);
    const superName = parent !== null && parent !== FunctionPrototype ? ownData(parent, 'name') : undefined;
    if (typeof superName === 'string' && superName) base += ` extends ${superName}`;
  } else {
    base += ' extends [null prototype]';
  }
  return `[${base}]`;
}

export function boxedBase(ctx, value, keys, constructor, tag) {
  let type;
  let primitive;
  if (isNumberObject(value)) {
    type = 'Number';
    primitive = NumValueOf(value);
  } else if (isStringObject(value)) {
    type = 'String';
    primitive = StrValueOf(value);
    // The character indices of a String object only repeat its value.
    const rest = list();
    for (let i = 0; i < keys.length; i++) if (!isIndexKey(keys[i]) || NumberCtor(keys[i]) >= primitive.length) push(rest, keys[i]);
    keys = rest;
  } else if (isBooleanObject(value)) {
    type = 'Boolean';
    primitive = BoolValueOf(value);
  } else if (isBigIntObject(value)) {
    type = 'BigInt';
    primitive = BigIntValueOf(value);
  } else {
    type = 'Symbol';
    primitive = SymbolValueOf(value);
  }
  let base = `[${type}`;
  if (type !== constructor) base += constructor === null ? ' (null prototype)' : ` (${constructor})`;
  base += `: ${formatPrimitive({ __proto__: null, maxStringLength: Infinity, breakLength: Infinity, indentationLvl: 0, spent: 0 }, primitive)}]`;
  if (tag !== '' && tag !== constructor) base += ` [${tag}]`;
  return { __proto__: null, base, keys };
}

/** Node's stack text for an error as the user reads it: frames mapped to the original sources (TypeScript, packages). */
export function stackOf(err) {
  return mapStack(rawStackOf(err));
}
/**
 * Node's stack text for an error with QuickJS's own positions, for the host, which maps it itself (errorInfo);
 * QuickJS's `stack` holds only the frames, so the header is added here.
 */
export function rawStackOf(err) {
  const stack = safeGet(err, 'stack');
  const header = errorHeader(err);
  if (typeof stack === 'string' && stack !== '') {
    let s = stack;
    while (s.length > 0 && StrCharCodeAt(s, s.length - 1) === 10) s = StrSlice(s, 0, -1);
    if (StrStartsWith(s, '    at ')) return `${header}\n${s}`;
    return s;
  }
  return header;
}
export function errorHeader(err) {
  const rawName = safeGet(err, 'name');
  const rawMessage = safeGet(err, 'message');
  const name = rawName === undefined ? 'Error' : safeString(rawName);
  const message = rawMessage === undefined ? '' : safeString(rawMessage);
  if (name === '') return message;
  if (message === '') return name;
  return `${name}: ${message}`;
}

export function formatError(ctx, err, constructor, tag, keys) {
  const rawName = safeGet(err, 'name');
  const name = rawName != null ? safeString(rawName) : 'Error';
  let stack = stackOf(err);
  // Node hides name/message/stack keys whose text the stack already shows.
  if (!ctx.showHidden && keys.length !== 0) {
    const kept = list();
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i];
      if (key === 'name' || key === 'message' || key === 'stack') {
        const v = safeGet(err, key);
        if (typeof v === 'string' ? StrIncludes(stack, v) : StrIncludes(stack, safeString(v))) continue;
      }
      push(kept, key);
    }
    keys.length = 0;
    for (let i = 0; i < kept.length; i++) push(keys, kept[i]);
  }
  try {
    if ('cause' in err && !listIncludes(keys, 'cause')) push(keys, 'cause');
  } catch {
    // A revoked proxy or a throwing `has` trap: leave the cause out.
  }
  if (isArray(safeGet(err, 'errors')) && !listIncludes(keys, 'errors')) push(keys, 'errors');
  stack = improveStack(stack, constructor, name, tag);
  const message = safeGet(err, 'message');
  let pos = -1;
  if (typeof message === 'string' && message !== '') {
    pos = StrIndexOf(stack, message);
    if (pos !== -1) pos += message.length;
  }
  const framesAt = StrIndexOf(stack, '\n    at', pos === -1 ? 0 : pos);
  if (framesAt === -1) stack = `[${stack}]`;
  if (ctx.indentationLvl !== 0) stack = indentLines(stack, StrRepeat(' ', ctx.indentationLvl));
  ctx.spent += stack.length;
  return stack;
}
/** Puts the class name in front of a stack whose header names only a parent class (`class E extends Error`). */
export function improveStack(stack, constructor, name, tag) {
  let len = name.length;
  if (constructor === null ||
    (StrEndsWith(name, 'Error') && StrStartsWith(stack, name) &&
      (stack.length === len || StrCharCodeAt(stack, len) === 58 || StrCharCodeAt(stack, len) === 10))) {
    let fallback = 'Error';
    if (constructor === null) {
      let end = 0;
      while (end < stack.length) {
        const c = StrCharCodeAt(stack, end);
        if (c === 58 || c === 10) break;
        end++;
      }
      fallback = StrSlice(stack, 0, end);
      len = fallback.length;
      fallback = fallback || 'Error';
    }
    const prefix = StrSlice(prefixOf(constructor, tag, fallback), 0, -1);
    if (name !== prefix) {
      if (StrIncludes(prefix, name)) {
        stack = len === 0 ? `${prefix}: ${stack}` : `${prefix}${StrSlice(stack, len)}`;
      } else {
        stack = `${prefix} [${name}]${StrSlice(stack, len)}`;
      }
    }
  }
  return stack;
}
export function formatProperty(ctx, value, recurseTimes, key, kind) {
  let str;
  let desc = ownDesc(value, key);
  if (desc === undefined) desc = { __proto__: null, value: safeGet(value, key), enumerable: true };
  if (desc.value !== undefined) {
    ctx.indentationLvl += 2;
    str = formatValue(ctx, desc.value, recurseTimes);
    ctx.indentationLvl -= 2;
  } else if (desc.get !== undefined) {
    str = desc.set !== undefined ? '[Getter/Setter]' : '[Getter]';
  } else if (desc.set !== undefined) {
    str = '[Setter]';
  } else {
    str = 'undefined';
  }
  if (kind === KIND_ARRAY) {
    ctx.spent += ctx.indentationLvl + 2;
    return str;
  }
  let name;
  if (typeof key === 'symbol') name = `[${SymbolToString(key)}]`;
  else if (key === '__proto__') name = "['__proto__']";
  else if (desc.enumerable === false) name = `[${key}]`;
  else if (isIdentifierKey(key)) name = key;
  else name = quoteString(key);
  ctx.spent += name.length + ctx.indentationLvl + 4; // ": " and ", "
  return `${name}: ${str}`;
}

export function formatArray(ctx, value, recurseTimes) {
  const length = value.length;
  const max = MathMin(MathMax(0, ctx.maxArrayLength), length);
  const output = list();
  for (let i = 0; i < max; i++) {
    if (ctx.spent > BUDGET) {
      push(output, `... ${plural(length - i, 'more item')}`);
      return output;
    }
    if (!ObjectHasOwn(value, i)) return formatSparseArray(ctx, value, recurseTimes, max, output, i);
    push(output, formatProperty(ctx, value, recurseTimes, `${i}`, KIND_ARRAY));
  }
  if (length > max) push(output, `... ${plural(length - max, 'more item')}`);
  return output;
}
/** An array with holes: Node jumps between present indices and prints each run of holes once. */
export function formatSparseArray(ctx, value, recurseTimes, maxLength, output, i) {
  const keys = ObjectKeys(value);
  let index = i;
  for (; i < keys.length && output.length < maxLength; i++) {
    const key = keys[i];
    if (!isIndexKey(key)) break;
    const n = NumberCtor(key);
    if (n !== index) {
      push(output, `<${plural(n - index, 'empty item')}>`);
      index = n;
      if (output.length === maxLength) break;
    }
    push(output, formatProperty(ctx, value, recurseTimes, key, KIND_ARRAY));
    index++;
  }
  const remaining = value.length - index;
  if (output.length !== maxLength) {
    if (remaining > 0) push(output, `<${plural(remaining, 'empty item')}>`);
  } else if (remaining > 0) {
    push(output, `... ${plural(remaining, 'more item')}`);
  }
  return output;
}
export function formatTypedArray(ctx, value) {
  const length = TALength(value);
  const max = MathMin(MathMax(0, ctx.maxArrayLength), length);
  const output = list();
  for (let i = 0; i < max; i++) {
    const v = value[i];
    push(output, typeof v === 'bigint' ? `${v}n` : formatNumber(v));
  }
  ctx.spent += max * 4;
  if (length > max) push(output, `... ${plural(length - max, 'more item')}`);
  return output;
}
export function formatArrayBuffer(ctx, value) {
  let bytes;
  try {
    bytes = new Uint8ArrayCtor(value);
  } catch {
    return ['(detached)'];
  }
  const n = MathMin(MathMax(0, ctx.maxArrayLength), bytes.length);
  const parts = list();
  for (let i = 0; i < n; i++) push(parts, StrToLowerCase(hex2(bytes[i])));
  let str = join(parts, ' ');
  const remaining = bytes.length - n;
  if (remaining > 0) str += ` ... ${plural(remaining, 'more byte')}`;
  ctx.spent += str.length;
  const output = list();
  push(output, `[Uint8Contents]: <${str}>`);
  return output;
}
export function formatSet(ctx, value, recurseTimes) {
  const size = SetSize(value);
  const max = MathMin(MathMax(0, ctx.maxArrayLength), size);
  const output = list();
  ctx.indentationLvl += 2;
  const it = SetValues(value);
  for (let i = 0; i < max; i++) {
    const r = SetIterNext(it);
    if (r.done) break;
    push(output, formatValue(ctx, r.value, recurseTimes));
    ctx.spent += ctx.indentationLvl;
  }
  if (size > max) push(output, `... ${plural(size - max, 'more item')}`);
  ctx.indentationLvl -= 2;
  return output;
}
export function formatMap(ctx, value, recurseTimes) {
  const size = MapSize(value);
  const max = MathMin(MathMax(0, ctx.maxArrayLength), size);
  const output = list();
  ctx.indentationLvl += 2;
  const it = MapEntries(value);
  for (let i = 0; i < max; i++) {
    const r = MapIterNext(it);
    if (r.done) break;
    const entry = r.value;
    push(output, `${formatValue(ctx, entry[0], recurseTimes)} => ${formatValue(ctx, entry[1], recurseTimes)}`);
    ctx.spent += ctx.indentationLvl;
  }
  if (size > max) push(output, `... ${plural(size - max, 'more item')}`);
  ctx.indentationLvl -= 2;
  return output;
}
export function formatPromise(ctx, value, recurseTimes) {
  const output = list();
  let state;
  if (hostPromiseState !== undefined) {
    try {
      state = hostPromiseState(value);
    } catch {
      state = undefined;
    }
  }
  if (state === undefined || state === null || typeof state !== 'object') {
    push(output, '<unknown>');
  } else if (state.state === 'pending') {
    push(output, '<pending>');
  } else {
    ctx.indentationLvl += 2;
    const str = formatValue(ctx, state.value, recurseTimes);
    ctx.indentationLvl -= 2;
    push(output, state.state === 'rejected' ? `<rejected> ${str}` : str);
  }
  return output;
}
export function formatWeakCollection() {
  const output = list();
  push(output, '<items unknown>');
  return output;
}

/** Node's compact=3 layout: short entries on one line, otherwise one entry per line (numbers grouped). */
export function reduceToSingleString(ctx, output, base, braces, kind, recurseTimes, value) {
  const entries = output.length;
  if (kind === KIND_ARRAY_EXTRAS && entries > 6 && ctx.grouping) output = groupArrayElements(ctx, output, value);
  if (ctx.currentDepth - recurseTimes < ctx.compact && entries === output.length) {
    const start = output.length + ctx.indentationLvl + braces[0].length + base.length + 10;
    if (isBelowBreakLength(ctx, output, start, base)) {
      const joined = join(output, ', ');
      if (!StrIncludes(joined, '\n')) return `${base ? `${base} ` : ''}${braces[0]} ${joined} ${braces[1]}`;
    }
  }
  const indentation = `\n${StrRepeat(' ', ctx.indentationLvl)}`;
  return `${base ? `${base} ` : ''}${braces[0]}${indentation}  ${join(output, `,${indentation}  `)}${indentation}${braces[1]}`;
}
export function isBelowBreakLength(ctx, output, start, base) {
  let total = output.length + start;
  if (total + output.length > ctx.breakLength) return false;
  for (let i = 0; i < output.length; i++) {
    total += output[i].length;
    if (total > ctx.breakLength) return false;
  }
  return base === '' || !StrIncludes(base, '\n');
}
/** Lays out many short array entries in aligned columns, the way Node does for arrays over 6 entries. */
export function groupArrayElements(ctx, output, value) {
  let totalLength = 0;
  let maxLength = 0;
  let outputLength = output.length;
  if (ctx.maxArrayLength < output.length) outputLength--; // the "... more items" line stays alone
  const separatorSpace = 2;
  const dataLen = list();
  for (let i = 0; i < outputLength; i++) {
    const len = output[i].length;
    dataLen[i] = len;
    totalLength += len + separatorSpace;
    if (maxLength < len) maxLength = len;
  }
  const actualMax = maxLength + separatorSpace;
  if (actualMax * 3 + ctx.indentationLvl < ctx.breakLength &&
    (totalLength / actualMax > 5 || maxLength <= 6)) {
    const averageBias = MathSqrt(actualMax - totalLength / output.length);
    const biasedMax = MathMax(actualMax - 3 - averageBias, 1);
    const columns = MathMin(
      MathRound(MathSqrt(2.5 * biasedMax * outputLength) / biasedMax),
      MathFloor((ctx.breakLength - ctx.indentationLvl) / actualMax),
      ctx.compact * 4,
      15,
    );
    if (columns <= 1) return output;
    const lineWidths = list();
    for (let i = 0; i < columns; i++) {
      let width = 0;
      for (let j = i; j < outputLength; j += columns) if (dataLen[j] > width) width = dataLen[j];
      push(lineWidths, width + separatorSpace);
    }
    // Numbers align right, anything else left.
    let padStart = value !== undefined;
    if (padStart) {
      for (let i = 0; i < output.length; i++) {
        const v = ownData(value, i);
        if (typeof v !== 'number' && typeof v !== 'bigint') {
          padStart = false;
          break;
        }
      }
    }
    const grouped = list();
    for (let i = 0; i < outputLength; i += columns) {
      const max = MathMin(i + columns, outputLength);
      let str = '';
      let j = i;
      for (; j < max - 1; j++) {
        const cell = `${output[j]}, `;
        str += padStart ? StrPadStart(cell, lineWidths[j - i], ' ') : StrPadEnd(cell, lineWidths[j - i], ' ');
      }
      str += padStart ? StrPadStart(output[j], lineWidths[j - i] - separatorSpace, ' ') : output[j];
      push(grouped, str);
    }
    if (ctx.maxArrayLength < output.length) push(grouped, output[outputLength]);
    return grouped;
  }
  return output;
}

export function numberOption(options, key, fallback) {
  const v = options === undefined ? undefined : ownData(options, key);
  if (v === null) return Infinity;
  return typeof v === 'number' && !NumberIsNaN(v) ? v : fallback;
}
/** Renders a value like Node's util.inspect(value, options) without colors; never throws. */
export function inspectWith(value, options, oneLine = false) {
  if (typeof options !== 'object' || options === null) options = undefined;
  const ctx = {
    __proto__: null,
    depth: numberOption(options, 'depth', 2),
    breakLength: numberOption(options, 'breakLength', 80),
    compact: numberOption(options, 'compact', 3),
    maxArrayLength: numberOption(options, 'maxArrayLength', 100),
    maxStringLength: numberOption(options, 'maxStringLength', 10000),
    showHidden: options !== undefined && ownData(options, 'showHidden') === true,
    grouping: !oneLine, // previews stay on one line, so long arrays are not laid out in columns
    indentationLvl: 0,
    currentDepth: 0,
    seen: list(),
    circular: new MapCtor(),
    spent: 0,
  };
  try {
    return formatValue(ctx, value, 0);
  } catch (e) {
    return `[object (inspection failed: ${describeFailure(e)})]`;
  }
}

// ---------------------------------------------------------------------------------------------------------
// format: Node's util.format.

/** Whether `%s` should inspect the object (its toString is a built-in one) rather than call String(). */
export function hasBuiltInToString(value) {
  try {
    if (typeof value.toString !== 'function') return true;
    if (ObjectHasOwn(value, 'toString')) return false;
    let pointer = value;
    do {
      pointer = ObjectGetPrototypeOf(pointer);
    } while (pointer !== null && !ObjectHasOwn(pointer, 'toString'));
    if (pointer === null) return true;
    const d = ownDesc(pointer, 'constructor');
    return d !== undefined && typeof d.value === 'function' && SetHas(builtInNames, ownData(d.value, 'name'));
  } catch {
    return true;
  }
}
export function numberText(n) {
  if (typeof n === 'bigint') return `${n}n`;
  if (typeof n === 'symbol') return 'NaN';
  return formatNumber(n);
}
export function toNumberSafe(convert, v) {
  try {
    return numberText(convert(v));
  } catch (e) {
    return `[object (inspection failed: ${describeFailure(e)})]`;
  }
}
/** Formats console arguments like Node's util.format; never throws. */
export function formatArgs(args) {
  const first = at(args, 0);
  let a = 0;
  let str = '';
  let sep = '';
  if (typeof first === 'string') {
    if (args.length === 1) return truncate(first);
    let lastPos = 0;
    for (let i = 0; i < first.length - 1; i++) {
      if (StrCharCodeAt(first, i) !== 37) continue;
      const next = StrCharCodeAt(first, ++i);
      if (a + 1 !== args.length) {
        let piece;
        switch (next) {
          case 115: { // %s
            const arg = args[++a];
            if (typeof arg === 'number' || typeof arg === 'bigint') piece = numberText(arg);
            else if (typeof arg !== 'object' || arg === null || !hasBuiltInToString(arg)) piece = safeString(arg);
            else piece = inspectWith(arg, { __proto__: null, depth: 0 });
            break;
          }
          case 106: // %j
            piece = jsonText(args[++a]);
            break;
          case 100: { // %d
            const arg = args[++a];
            piece = typeof arg === 'bigint' || typeof arg === 'symbol' ? numberText(arg) : toNumberSafe(NumberCtor, arg);
            break;
          }
          case 79: // %O
            piece = inspectWith(args[++a]);
            break;
          case 111: // %o
            piece = inspectWith(args[++a], { __proto__: null, showHidden: true, depth: 4 });
            break;
          case 105: { // %i
            const arg = args[++a];
            piece = typeof arg === 'bigint' || typeof arg === 'symbol' ? numberText(arg) : toNumberSafe(NumberParseInt, arg);
            break;
          }
          case 102: { // %f
            const arg = args[++a];
            piece = typeof arg === 'symbol' ? 'NaN' : toNumberSafe(NumberParseFloat, arg);
            break;
          }
          case 99: // %c: CSS has no meaning outside a browser
            a += 1;
            piece = '';
            break;
          case 37: // %%
            str += StrSlice(first, lastPos, i);
            lastPos = i + 1;
            continue;
          default:
            continue;
        }
        if (lastPos !== i - 1) str += StrSlice(first, lastPos, i - 1);
        str += piece;
        lastPos = i + 1;
      } else if (next === 37) {
        str += StrSlice(first, lastPos, i);
        lastPos = i + 1;
      }
      if (str.length > BUDGET) break;
    }
    if (lastPos !== 0) {
      a++;
      sep = ' ';
      if (lastPos < first.length) str += StrSlice(first, lastPos);
    }
  }
  while (a < args.length && str.length <= BUDGET) {
    const value = args[a];
    str += sep;
    str += typeof value === 'string' ? value : inspectWith(value);
    sep = ' ';
    a++;
  }
  return truncate(str);
}
export function truncate(str) {
  if (str.length <= BUDGET) return str;
  return `${StrSlice(str, 0, BUDGET)}... ${plural(str.length - BUDGET, 'more character')}`;
}
export function jsonText(v) {
  try {
    const s = JSONStringify(v);
    return s === undefined ? 'undefined' : s;
  } catch (e) {
    const m = describeFailure(e);
    if (StrIncludes(StrToLowerCase(m), 'circular')) return '[Circular]';
    return `[object (inspection failed: ${m})]`;
  }
}
