// The globals kernel: host-facing web APIs (console, TextEncoder/TextDecoder, atob/btoa, structuredClone,
// performance, display) and the value renderer, all written in JavaScript so they run INSIDE QuickJS.
// An ES module bundled into the script the worker evaluates (scripts/kernel-bundle.mjs); its default export
// `install(host)` is called once per context before user code. Everything the kernel relies on is captured before
// any program runs (shared/intrinsics.js), because user code that runs later in the same context may replace
// built-ins or poison prototypes; the kernel's own arrays and records have null prototypes for the same reason.
// See README.md beside this file for the contract.
import {
  G, ObjectCtor, ErrorCtor, TypeErrorCtor, RangeErrorCtor, MapCtor, SetCtor, WeakMapCtor, DateCtor, RegExpCtor,
  ArrayCtor, ArrayBufferCtor, DataViewCtor, Uint8ArrayCtor, StringCtor, NumberCtor, MathMin, MathMax, MathFloor,
  MathRound, MathSqrt, NumberIsNaN, NumberParseInt, NumberParseFloat, DateNow, encodeURIComponentFn,
  decodeURIComponentFn, escapeFn, unescapeFn, JSONStringify, StringFromCharCode, SymbolToStringTag, ReflectApply,
  ReflectOwnKeys, ObjectKeys, ObjectIs, ObjectFreeze, ObjectDefineProperty, ObjectGetPrototypeOf,
  ObjectSetPrototypeOf, ObjectGetOwnPropertyNames, ObjectGetOwnPropertySymbols, ObjectGetOwnPropertyDescriptorRaw,
  ArrayIsArray, ObjectHasOwn, ObjectIsEnumerable, ObjectIsPrototypeOf, ObjectToString, FunctionToString, ArrayJoin,
  StrSlice, StrCharCodeAt, StrIndexOf, StrLastIndexOf, StrIncludes, StrStartsWith, StrEndsWith, StrRepeat,
  StrPadStart, StrPadEnd, StrToLowerCase, StrTrim, NumToString, NumToFixed, NumValueOf, StrValueOf, BoolValueOf,
  BigIntValueOf, SymbolValueOf, SymbolToString, DateGetTime, DateToISOString, DateToString, MapGet, MapSet, MapHas,
  MapDelete, MapClear, MapEntries, MapSize, MapIterNext, SetAdd, SetHas, SetValues, SetSize, SetIterNext, WeakMapGet,
  WeakMapSet, WeakMapHas, WeakSetHas, WeakRefDeref, ABByteLength, SABByteLength, TATag, TALength, TABuffer,
  TAByteOffset, TAByteLength, TASet, DVByteLength, DVByteOffset, DVBuffer, RegExpSource, RegExpFlagGetters,
  RegExpPrototype, RegExpGlobal, ErrorPrototype, PromisePrototype, FunctionPrototype, AsyncFunctionPrototype,
  GeneratorFunctionPrototype, AsyncGeneratorFunctionPrototype, typedArrayCtors, errorCtors, builtInNames,
} from './shared/intrinsics.js';

export default function install(host) {
  const hostEmit = host.emit;
  const hostNow = host.now;
  const hostDisplay = host.display;
  const hostPromiseState = typeof host.promiseState === 'function' ? host.promiseState : undefined;

  /** The filename the worker gave this script, so console.trace can hide the kernel's own frames. */
  const kernelFile = (() => {
    const stack = new ErrorCtor().stack;
    if (typeof stack !== 'string') return undefined;
    const open = StrIndexOf(stack, '(');
    const end = StrIndexOf(stack, ')', open);
    if (open < 0 || end < 0) return undefined;
    const loc = StrSlice(stack, open + 1, end);
    const c2 = StrLastIndexOf(loc, ':');
    const c1 = c2 > 0 ? StrLastIndexOf(loc, ':', c2 - 1) : -1;
    return c1 > 0 ? StrSlice(loc, 0, c1) : loc;
  })();

  // ---------------------------------------------------------------------------------------------------------
  // Small safe helpers over the captured intrinsics.

  /** A fresh array with no prototype: pushing or joining it cannot reach user-replaced Array.prototype members. */
  const list = () => ObjectSetPrototypeOf([], null);
  const push = (arr, v) => { arr[arr.length] = v; };
  const join = (arr, sep) => ArrayJoin(arr, sep);
  /** `arr[i]` without falling through to Array.prototype when the index is missing (a poisoned '0' getter). */
  const at = (arr, i) => (i < arr.length ? arr[i] : undefined);
  const listIncludes = (arr, v) => {
    for (let i = 0; i < arr.length; i++) if (arr[i] === v) return true;
    return false;
  };

  /** An own property descriptor with a null prototype, so reading `get`/`set` never falls through to Object.prototype. */
  function ownDesc(obj, key) {
    const d = ObjectGetOwnPropertyDescriptorRaw(obj, key);
    if (d !== undefined) ObjectSetPrototypeOf(d, null);
    return d;
  }
  /** The value of an own data property, or undefined; never runs a getter. */
  function ownData(obj, key) {
    try {
      const d = ownDesc(obj, key);
      return d !== undefined && !('get' in d) && !('set' in d) ? d.value : undefined;
    } catch {
      return undefined;
    }
  }
  /** `obj[key]`, or undefined when that throws. */
  function safeGet(obj, key) {
    try {
      return obj[key];
    } catch {
      return undefined;
    }
  }
  function defineHidden(obj, key, value) {
    ObjectDefineProperty(obj, key, { __proto__: null, value, writable: true, enumerable: false, configurable: true });
  }
  function defineData(obj, key, value) {
    ObjectDefineProperty(obj, key, { __proto__: null, value, writable: true, enumerable: true, configurable: true });
  }
  /** Why something failed, without running user code beyond own data properties. */
  function describeFailure(e) {
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
  function safeString(v) {
    if (typeof v === 'symbol') return SymbolToString(v);
    try {
      return StringCtor(v);
    } catch (e) {
      return `[object (inspection failed: ${describeFailure(e)})]`;
    }
  }
  function isIndexKey(key) {
    if (typeof key !== 'string' || key.length === 0 || key.length > 10) return false;
    if (key.length > 1 && StrCharCodeAt(key, 0) === 48) return false;
    for (let i = 0; i < key.length; i++) {
      const c = StrCharCodeAt(key, i);
      if (c < 48 || c > 57) return false;
    }
    return NumberCtor(key) < 4294967295;
  }
  function isIdentifierKey(key) {
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
  function builtinTag(v) {
    try {
      return ObjectToString(v);
    } catch {
      return '';
    }
  }
  function protoHas(proto, v) {
    try {
      return ObjectIsPrototypeOf(proto, v);
    } catch {
      return false;
    }
  }
  const brand = (proto, tag, check) => (v) => {
    if (!protoHas(proto, v) && builtinTag(v) !== tag) return false;
    try {
      check(v);
      return true;
    } catch {
      return false;
    }
  };
  const isMap = brand(Map.prototype, '[object Map]', MapSize);
  const isSet = brand(Set.prototype, '[object Set]', SetSize);
  const isDate = brand(Date.prototype, '[object Date]', DateGetTime);
  const isArrayBuffer = brand(ArrayBuffer.prototype, '[object ArrayBuffer]', ABByteLength);
  const isSharedArrayBuffer = SABByteLength
    ? brand(SharedArrayBuffer.prototype, '[object SharedArrayBuffer]', SABByteLength) : () => false;
  const isDataView = brand(DataView.prototype, '[object DataView]', DVByteLength);
  const isWeakMap = brand(WeakMap.prototype, '[object WeakMap]', (v) => WeakMapHas(v, ObjectFreeze({})));
  const isWeakSet = brand(WeakSet.prototype, '[object WeakSet]', (v) => WeakSetHas(v, ObjectFreeze({})));
  const isWeakRef = WeakRefDeref ? brand(WeakRef.prototype, '[object WeakRef]', WeakRefDeref) : () => false;
  const isNumberObject = brand(Number.prototype, '[object Number]', NumValueOf);
  const isStringObject = brand(String.prototype, '[object String]', StrValueOf);
  const isBooleanObject = brand(Boolean.prototype, '[object Boolean]', BoolValueOf);
  const isBigIntObject = BigIntValueOf ? brand(BigInt.prototype, '[object BigInt]', BigIntValueOf) : () => false;
  const isSymbolObject = brand(Symbol.prototype, '[object Symbol]', SymbolValueOf);
  const typedArrayTag = (v) => {
    try {
      return TATag(v);
    } catch {
      return undefined;
    }
  };
  function isRegExp(v) {
    if (!protoHas(RegExpPrototype, v) && builtinTag(v) !== '[object RegExp]') return false;
    try {
      return RegExpGlobal(v) !== undefined;
    } catch {
      return false;
    }
  }
  function isArray(v) {
    try {
      return ArrayIsArray(v);
    } catch {
      return false;
    }
  }
  const isError = (v) => builtinTag(v) === '[object Error]' || protoHas(ErrorPrototype, v);
  const isPromise = (v) => protoHas(PromisePrototype, v) || builtinTag(v) === '[object Promise]';
  const isArguments = (v) => builtinTag(v) === '[object Arguments]';
  function regExpToString(v) {
    let flags = '';
    for (let i = 0; i < RegExpFlagGetters.length; i++) {
      if (RegExpFlagGetters[i][1](v)) flags += RegExpFlagGetters[i][0];
    }
    return `/${RegExpSource(v)}/${flags}`;
  }
  function regExpFlags(v) {
    let flags = '';
    for (let i = 0; i < RegExpFlagGetters.length; i++) {
      if (RegExpFlagGetters[i][1](v)) flags += RegExpFlagGetters[i][0];
    }
    return flags;
  }

  // ---------------------------------------------------------------------------------------------------------
  // inspect: Node 20's util.inspect without colors.

  const BUDGET = 1 << 20; // characters of output per call
  const HARD_DEPTH = 100; // nesting levels even with depth: Infinity; each level costs several QuickJS frames
  const KIND_OBJECT = 0;
  const KIND_ARRAY = 1;
  const KIND_ARRAY_EXTRAS = 2;

  function hex2(c) {
    const digits = '0123456789ABCDEF';
    return digits[(c >> 4) & 15] + digits[c & 15];
  }
  /** Quotes a string the way Node picks quotes: ' unless it contains ', then " or `. */
  function quoteString(str) {
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
  function controlEscape(c) {
    switch (c) {
      case 8: return '\\b';
      case 9: return '\\t';
      case 10: return '\\n';
      case 12: return '\\f';
      case 13: return '\\r';
      default: return `\\x${hex2(c)}`;
    }
  }
  const plural = (n, word) => `${n} ${word}${n > 1 ? 's' : ''}`;
  const formatNumber = (n) => (ObjectIs(n, -0) ? '-0' : `${n}`);

  function formatPrimitive(ctx, value) {
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
  function constructorName(ctx, obj, recurseTimes) {
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

  function prefixOf(constructor, tag, fallback, size = '') {
    if (constructor === null) {
      if (tag !== '' && fallback !== tag) return `[${fallback}${size}: null prototype] [${tag}] `;
      return `[${fallback}${size}: null prototype] `;
    }
    if (tag !== '' && constructor !== tag) return `${constructor}${size} [${tag}] `;
    return `${constructor}${size} `;
  }

  /** Own enumerable keys (all own keys with showHidden), symbols included, as Node lists them. */
  function keysOf(value, showHidden) {
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
  function nonIndexKeysOf(value, length, showHidden) {
    const out = list();
    const keys = length > 100000 ? ObjectGetOwnPropertySymbols(value) : ReflectOwnKeys(value);
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i];
      if (isIndexKey(key)) continue;
      if (showHidden || ObjectIsEnumerable(value, key)) push(out, key);
    }
    return out;
  }

  function formatValue(ctx, value, recurseTimes, inTypedArray) {
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

  function formatRaw(ctx, value, recurseTimes, inTypedArray) {
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

  function prependKeys(keys, first) {
    const out = list();
    for (let i = 0; i < first.length; i++) push(out, first[i]);
    for (let i = 0; i < keys.length; i++) push(out, keys[i]);
    return out;
  }

  function functionBase(value, constructor, tag) {
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
  function classBase(value, constructor, tag) {
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

  function boxedBase(ctx, value, keys, constructor, tag) {
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

  /** Node's stack text for an error; QuickJS's `stack` holds only the frames, so the header is added here. */
  function stackOf(err) {
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
  function errorHeader(err) {
    const rawName = safeGet(err, 'name');
    const rawMessage = safeGet(err, 'message');
    const name = rawName === undefined ? 'Error' : safeString(rawName);
    const message = rawMessage === undefined ? '' : safeString(rawMessage);
    if (name === '') return message;
    if (message === '') return name;
    return `${name}: ${message}`;
  }

  function formatError(ctx, err, constructor, tag, keys) {
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
  function improveStack(stack, constructor, name, tag) {
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
  function indentLines(text, indent) {
    let out = '';
    let start = 0;
    for (;;) {
      const nl = StrIndexOf(text, '\n', start);
      if (nl < 0) return out + StrSlice(text, start);
      out += `${StrSlice(text, start, nl)}\n${indent}`;
      start = nl + 1;
    }
  }

  function formatProperty(ctx, value, recurseTimes, key, kind) {
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

  function formatArray(ctx, value, recurseTimes) {
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
  function formatSparseArray(ctx, value, recurseTimes, maxLength, output, i) {
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
  function formatTypedArray(ctx, value) {
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
  function formatArrayBuffer(ctx, value) {
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
  function formatSet(ctx, value, recurseTimes) {
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
  function formatMap(ctx, value, recurseTimes) {
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
  function formatPromise(ctx, value, recurseTimes) {
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
  function formatWeakCollection() {
    const output = list();
    push(output, '<items unknown>');
    return output;
  }

  /** Node's compact=3 layout: short entries on one line, otherwise one entry per line (numbers grouped). */
  function reduceToSingleString(ctx, output, base, braces, kind, recurseTimes, value) {
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
  function isBelowBreakLength(ctx, output, start, base) {
    let total = output.length + start;
    if (total + output.length > ctx.breakLength) return false;
    for (let i = 0; i < output.length; i++) {
      total += output[i].length;
      if (total > ctx.breakLength) return false;
    }
    return base === '' || !StrIncludes(base, '\n');
  }
  /** Lays out many short array entries in aligned columns, the way Node does for arrays over 6 entries. */
  function groupArrayElements(ctx, output, value) {
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

  function numberOption(options, key, fallback) {
    const v = options === undefined ? undefined : ownData(options, key);
    if (v === null) return Infinity;
    return typeof v === 'number' && !NumberIsNaN(v) ? v : fallback;
  }
  /** Renders a value like Node's util.inspect(value, options) without colors; never throws. */
  function inspectWith(value, options, oneLine = false) {
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
  function hasBuiltInToString(value) {
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
  function numberText(n) {
    if (typeof n === 'bigint') return `${n}n`;
    if (typeof n === 'symbol') return 'NaN';
    return formatNumber(n);
  }
  function toNumberSafe(convert, v) {
    try {
      return numberText(convert(v));
    } catch (e) {
      return `[object (inspection failed: ${describeFailure(e)})]`;
    }
  }
  /** Formats console arguments like Node's util.format; never throws. */
  function formatArgs(args) {
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
  function truncate(str) {
    if (str.length <= BUDGET) return str;
    return `${StrSlice(str, 0, BUDGET)}... ${plural(str.length - BUDGET, 'more character')}`;
  }
  function jsonText(v) {
    try {
      const s = JSONStringify(v);
      return s === undefined ? 'undefined' : s;
    } catch (e) {
      const m = describeFailure(e);
      if (StrIncludes(StrToLowerCase(m), 'circular')) return '[Circular]';
      return `[object (inspection failed: ${m})]`;
    }
  }

  // ---------------------------------------------------------------------------------------------------------
  // console

  let groupDepth = 0;
  const counts = new MapCtor();
  const timers = new MapCtor();

  /** Sends one line to the host, indented for the current group like Node does. */
  function emit(level, text, stack) {
    if (groupDepth > 0) {
      const indent = StrRepeat(' ', groupDepth * 2);
      text = indent + indentLines(text, indent);
    }
    hostEmit(level, text, groupDepth, stack);
  }
  function callerStack() {
    try {
      const s = new ErrorCtor().stack;
      return typeof s === 'string' ? s : '';
    } catch {
      return '';
    }
  }
  /** The frames of a stack captured in the kernel, minus the kernel's own frames. */
  function userFrames(stack) {
    const out = list();
    let start = 0;
    while (start < stack.length) {
      let nl = StrIndexOf(stack, '\n', start);
      if (nl < 0) nl = stack.length;
      const line = StrSlice(stack, start, nl);
      start = nl + 1;
      if (line === '') continue;
      if (kernelFile !== undefined && (StrIncludes(line, `(${kernelFile}:`) || StrIncludes(line, ` ${kernelFile}:`))) continue;
      push(out, line);
    }
    return join(out, '\n');
  }
  function labelOf(label) {
    return label === undefined ? 'default' : safeString(label);
  }
  function formatDuration(ms) {
    let hours = 0;
    let minutes = 0;
    let seconds = 0;
    if (ms >= 1000) {
      if (ms >= 60000) {
        if (ms >= 3600000) {
          hours = MathFloor(ms / 3600000);
          ms %= 3600000;
        }
        minutes = MathFloor(ms / 60000);
        ms %= 60000;
      }
      seconds = ms / 1000;
    }
    if (hours !== 0 || minutes !== 0) {
      const fixed = NumToFixed(seconds, 3);
      const dot = StrIndexOf(fixed, '.');
      const pad = (n) => StrPadStart(`${n}`, 2, '0');
      const head = hours !== 0 ? `${hours}:${pad(minutes)}` : `${minutes}`;
      return `${head}:${pad(StrSlice(fixed, 0, dot))}.${StrSlice(fixed, dot + 1)} (${hours !== 0 ? 'h:m' : ''}m:ss.mmm)`;
    }
    if (seconds !== 0) return `${NumToFixed(seconds, 3)}s`;
    return `${NumberCtor(NumToFixed(ms, 3))}ms`;
  }
  function timeSince(label) {
    return formatDuration(hostNow() - MapGet(timers, label));
  }
  function warn(text, stack) {
    emit('warn', `Warning: ${text}`, stack);
  }
  function guard(fn) {
    try {
      fn();
    } catch (e) {
      // A console call must never throw into user code, whatever it was given.
      try {
        hostEmit('error', `[console: output failed: ${describeFailure(e)}]`, groupDepth, '');
      } catch {
        // The host itself failed; there is nowhere left to report it.
      }
    }
  }
  function argsList(args) {
    const out = list();
    for (let i = 0; i < args.length; i++) push(out, args[i]);
    return out;
  }

  function renderTable(head, columns) {
    const widths = list();
    let rows = 0;
    for (let i = 0; i < head.length; i++) {
      let w = head[i].length;
      const col = columns[i];
      for (let j = 0; j < col.length; j++) {
        const cell = col[j] === undefined ? '' : col[j];
        if (cell.length > w) w = cell.length;
      }
      if (col.length > rows) rows = col.length;
      push(widths, w);
    }
    const line = (l, m, r) => {
      const parts = list();
      for (let i = 0; i < widths.length; i++) push(parts, StrRepeat('─', widths[i] + 2));
      return l + join(parts, m) + r;
    };
    const row = (cells) => {
      const parts = list();
      for (let i = 0; i < widths.length; i++) push(parts, ` ${StrPadEnd(cells(i), widths[i], ' ')} `);
      return `│${join(parts, '│')}│`;
    };
    const out = list();
    push(out, line('┌', '┬', '┐'));
    push(out, row((i) => head[i]));
    push(out, line('├', '┼', '┤'));
    for (let r = 0; r < rows; r++) push(out, row((i) => (columns[i][r] === undefined ? '' : columns[i][r])));
    push(out, line('└', '┴', '┘'));
    return join(out, '\n');
  }
  function tableCell(v) {
    let depth = 0;
    if (v !== null && typeof v === 'object' && !isArray(v)) {
      try {
        if (ObjectKeys(v).length > 2) depth = -1;
      } catch {
        depth = -1;
      }
    }
    return inspectWith(v, { __proto__: null, depth, maxArrayLength: 3, breakLength: Infinity });
  }
  function tableText(data, properties) {
    const props = isArray(properties) ? argsList(properties) : undefined;
    if (isMap(data) || isSet(data)) {
      const map = isMap(data);
      const index = list();
      const keyCol = list();
      const valCol = list();
      const it = map ? MapEntries(data) : SetValues(data);
      for (let i = 0; ; i++) {
        const r = map ? MapIterNext(it) : SetIterNext(it);
        if (r.done) break;
        push(index, `${i}`);
        if (map) {
          push(keyCol, tableCell(r.value[0]));
          push(valCol, tableCell(r.value[1]));
        } else {
          push(valCol, tableCell(r.value));
        }
      }
      const head = list();
      const cols = list();
      push(head, '(iteration index)');
      push(cols, index);
      if (map) {
        push(head, 'Key');
        push(cols, keyCol);
      }
      push(head, 'Values');
      push(cols, valCol);
      return renderTable(head, cols);
    }
    const columnNames = list();
    const columns = new MapCtor();
    const valuesCol = list();
    let hasPrimitives = false;
    const indexCol = list();
    const rowKeys = ObjectKeys(data);
    for (let i = 0; i < rowKeys.length; i++) {
      push(indexCol, rowKeys[i]);
      const item = data[rowKeys[i]];
      const primitive = item === null || (typeof item !== 'object' && typeof item !== 'function');
      if (props === undefined && primitive) {
        hasPrimitives = true;
        valuesCol[i] = tableCell(item);
        continue;
      }
      const keys = props !== undefined ? props : primitive ? list() : ObjectKeys(item);
      for (let k = 0; k < keys.length; k++) {
        const key = safeString(keys[k]);
        let col = MapGet(columns, key);
        if (col === undefined) {
          col = list();
          MapSet(columns, key, col);
          push(columnNames, key);
        }
        col[i] = primitive || !ObjectHasOwn(item, key) ? '' : tableCell(item[key]);
      }
    }
    const head = list();
    const cols = list();
    push(head, '(index)');
    push(cols, indexCol);
    for (let i = 0; i < columnNames.length; i++) {
      push(head, columnNames[i]);
      push(cols, MapGet(columns, columnNames[i]));
    }
    if (hasPrimitives) {
      push(head, 'Values');
      push(cols, valuesCol);
    }
    return renderTable(head, cols);
  }

  /** The stack of an Error made inside a console method: its first frame is that method, the next its caller. */
  function stackText(e) {
    try {
      const s = e === undefined ? undefined : e.stack;
      return typeof s === 'string' ? s : '';
    } catch {
      return '';
    }
  }
  /**
   * A console method named `name`. The Error is created right here, inside the method, so the stack handed to
   * the host starts with exactly one kernel frame followed by the caller. Methods use the closure, not `this`,
   * so `const { log } = console; log(1)` works as in Node.
   */
  function consoleMethod(name, body) {
    const method = function (...args) {
      let e;
      try {
        e = new ErrorCtor();
      } catch {
        e = undefined;
      }
      guard(() => body(args, stackText(e)));
    };
    ObjectDefineProperty(method, 'name', { __proto__: null, value: name, configurable: true });
    return method;
  }
  const simple = (level) => (args, s) => emit(level, formatArgs(args), s);
  const group = (args, s) => {
    try {
      if (args.length > 0) emit('log', formatArgs(args), s);
    } finally {
      groupDepth++; // the group opens even when its label could not be printed
    }
  };
  const consoleBodies = {
    __proto__: null,
    log: simple('log'),
    info: simple('info'),
    warn: simple('warn'),
    error: simple('error'),
    debug: simple('debug'),
    trace(args, s) {
      const message = formatArgs(args);
      const frames = userFrames(s);
      const head = message === '' ? 'Trace' : `Trace: ${message}`;
      emit('trace', frames === '' ? head : `${head}\n${frames}`, s);
    },
    table(args, s) {
      const data = at(args, 0);
      if (data === null || typeof data !== 'object') emit('log', formatArgs(argsList(args)), s);
      else emit('log', tableText(data, at(args, 1)), s);
    },
    dir: (args, s) => emit('log', inspectWith(at(args, 0), at(args, 1)), s),
    dirxml: simple('log'),
    assert(args, s) {
      if (at(args, 0)) return;
      const rest = list();
      for (let i = 1; i < args.length; i++) push(rest, args[i]);
      if (rest.length === 0) push(rest, 'Assertion failed');
      else rest[0] = `Assertion failed: ${safeString(rest[0])}`;
      emit('warn', formatArgs(rest), s);
    },
    count(args, s) {
      const key = labelOf(at(args, 0));
      const n = (MapGet(counts, key) || 0) + 1;
      MapSet(counts, key, n);
      emit('log', `${key}: ${n}`, s);
    },
    countReset(args, s) {
      const key = labelOf(at(args, 0));
      if (MapHas(counts, key)) MapSet(counts, key, 0);
      else warn(`Count for '${key}' does not exist`, s);
    },
    time(args, s) {
      const key = labelOf(at(args, 0));
      if (MapHas(timers, key)) warn(`Label '${key}' already exists for console.time()`, s);
      else MapSet(timers, key, hostNow());
    },
    timeEnd(args, s) {
      const key = labelOf(at(args, 0));
      if (!MapHas(timers, key)) return warn(`No such label '${key}' for console.timeEnd()`, s);
      const text = `${key}: ${timeSince(key)}`;
      MapDelete(timers, key);
      emit('log', text, s);
    },
    timeLog(args, s) {
      const key = labelOf(at(args, 0));
      if (!MapHas(timers, key)) return warn(`No such label '${key}' for console.timeLog()`, s);
      const parts = list();
      push(parts, '%s: %s');
      push(parts, key);
      push(parts, timeSince(key));
      for (let i = 1; i < args.length; i++) push(parts, args[i]);
      emit('log', formatArgs(parts), s);
    },
    group,
    groupCollapsed: group,
    groupEnd() {
      if (groupDepth > 0) groupDepth--;
    },
  };
  const consoleObject = {};
  for (const name of ['log', 'info', 'warn', 'error', 'debug', 'trace', 'dir', 'dirxml', 'table', 'assert', 'count',
    'countReset', 'time', 'timeEnd', 'timeLog', 'group', 'groupCollapsed', 'groupEnd']) {
    defineData(consoleObject, name, consoleMethod(name, consoleBodies[name]));
  }
  ObjectDefineProperty(consoleObject, SymbolToStringTag, {
    __proto__: null, value: 'console', writable: false, enumerable: false, configurable: true,
  });

  // ---------------------------------------------------------------------------------------------------------
  // DOMException stand-in: not a global (the brief allows no extra names), but errors carry the web names.

  class DOMException extends ErrorCtor {
    constructor(message, name, code) {
      super(message);
      defineHidden(this, 'name', name);
      defineHidden(this, 'code', code);
    }
  }
  const invalidCharacter = (message) => new DOMException(message, 'InvalidCharacterError', 5);
  const dataCloneError = (message) => new DOMException(message, 'DataCloneError', 25);

  // ---------------------------------------------------------------------------------------------------------
  // TextEncoder / TextDecoder (UTF-8 only, as the Encoding standard requires of TextEncoder).

  function utf8Length(str) {
    let n = 0;
    for (let i = 0; i < str.length; i++) {
      const c = StrCharCodeAt(str, i);
      if (c < 0x80) n += 1;
      else if (c < 0x800) n += 2;
      else if (c >= 0xd800 && c <= 0xdbff && i + 1 < str.length) {
        const d = StrCharCodeAt(str, i + 1);
        if (d >= 0xdc00 && d <= 0xdfff) {
          n += 4;
          i++;
        } else {
          n += 3;
        }
      } else n += 3;
    }
    return n;
  }
  /** Writes UTF-8 of `str` into `out` from 0; stops before a character that does not fit. Returns [read, written]. */
  function utf8Write(str, out, limit) {
    let w = 0;
    let i = 0;
    for (; i < str.length; i++) {
      let cp = StrCharCodeAt(str, i);
      let units = 1;
      if (cp >= 0xd800 && cp <= 0xdfff) {
        const d = cp <= 0xdbff && i + 1 < str.length ? StrCharCodeAt(str, i + 1) : 0;
        if (d >= 0xdc00 && d <= 0xdfff) {
          cp = 0x10000 + ((cp - 0xd800) << 10) + (d - 0xdc00);
          units = 2;
        } else {
          cp = 0xfffd; // a lone surrogate cannot be encoded
        }
      }
      const size = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
      if (w + size > limit) break;
      if (size === 1) out[w++] = cp;
      else if (size === 2) {
        out[w++] = 0xc0 | (cp >> 6);
        out[w++] = 0x80 | (cp & 63);
      } else if (size === 3) {
        out[w++] = 0xe0 | (cp >> 12);
        out[w++] = 0x80 | ((cp >> 6) & 63);
        out[w++] = 0x80 | (cp & 63);
      } else {
        out[w++] = 0xf0 | (cp >> 18);
        out[w++] = 0x80 | ((cp >> 12) & 63);
        out[w++] = 0x80 | ((cp >> 6) & 63);
        out[w++] = 0x80 | (cp & 63);
      }
      i += units - 1;
    }
    return [i, w];
  }

  class TextEncoder {
    get encoding() { return 'utf-8'; }
    encode(input = '') {
      const str = StringCtor(input);
      let binary;
      try {
        // The engine's own UTF-8 encoder is far faster than a loop; it refuses lone surrogates.
        binary = unescapeFn(encodeURIComponentFn(str));
      } catch {
        const out = new Uint8ArrayCtor(utf8Length(str));
        utf8Write(str, out, out.length);
        return out;
      }
      const out = new Uint8ArrayCtor(binary.length);
      for (let i = 0; i < binary.length; i++) out[i] = StrCharCodeAt(binary, i);
      return out;
    }
    encodeInto(source, destination) {
      const str = StringCtor(source);
      if (typedArrayTag(destination) !== 'Uint8Array') {
        throw new TypeErrorCtor('The "dest" argument must be an instance of Uint8Array.');
      }
      const r = utf8Write(str, destination, TALength(destination));
      return { read: r[0], written: r[1] };
    }
  }

  /** A view of the bytes of any BufferSource, never copying. */
  function bytesOf(input) {
    if (input === undefined) return new Uint8ArrayCtor(0);
    if (isArrayBuffer(input) || isSharedArrayBuffer(input)) return new Uint8ArrayCtor(input);
    if (typedArrayTag(input) !== undefined) return new Uint8ArrayCtor(TABuffer(input), TAByteOffset(input), TAByteLength(input));
    if (isDataView(input)) return new Uint8ArrayCtor(DVBuffer(input), DVByteOffset(input), DVByteLength(input));
    throw new TypeErrorCtor('The "input" argument must be an instance of ArrayBuffer or ArrayBufferView.');
  }
  /** Decodes valid UTF-8 with the engine's URI decoder; undefined when the bytes are not valid UTF-8. */
  function fastDecode(bytes) {
    let binary = '';
    const buffer = TABuffer(bytes);
    const offset = TAByteOffset(bytes);
    for (let i = 0; i < bytes.length; i += 8192) {
      const view = new Uint8ArrayCtor(buffer, offset + i, MathMin(8192, bytes.length - i));
      binary += ReflectApply(StringFromCharCode, undefined, view);
    }
    try {
      return decodeURIComponentFn(escapeFn(binary));
    } catch {
      return undefined;
    }
  }
  const utf8Labels = ['unicode-1-1-utf-8', 'unicode11utf8', 'unicode20utf8', 'utf-8', 'utf8', 'x-unicode20utf8'];

  class TextDecoder {
    #fatal;
    #ignoreBOM;
    // Decoder state carried between `{ stream: true }` calls.
    #needed = 0;
    #seen = 0;
    #codePoint = 0;
    #lower = 0x80;
    #upper = 0xbf;
    #bomSeen = false;

    constructor(label = 'utf-8', options = undefined) {
      const name = StrToLowerCase(StrTrim(StringCtor(label)));
      if (!listIncludes(utf8Labels, name)) throw new RangeErrorCtor(`The "${name}" encoding is not supported`);
      const opts = options === undefined || options === null ? {} : ObjectCtor(options);
      this.#fatal = !!opts.fatal;
      this.#ignoreBOM = !!opts.ignoreBOM;
    }
    get encoding() { return 'utf-8'; }
    get fatal() { return this.#fatal; }
    get ignoreBOM() { return this.#ignoreBOM; }
    decode(input = undefined, options = undefined) {
      const stream = options !== undefined && options !== null && !!ObjectCtor(options).stream;
      const bytes = bytesOf(input);
      if (!stream && this.#needed === 0) {
        const fast = fastDecode(bytes);
        if (fast !== undefined) {
          const skip = !this.#bomSeen && !this.#ignoreBOM && StrCharCodeAt(fast, 0) === 0xfeff;
          this.#bomSeen = false;
          return skip ? StrSlice(fast, 1) : fast;
        }
      }
      const fatal = this.#fatal;
      // The state lives in locals while decoding (private fields are slow to touch per byte) and is saved at the end.
      let needed = this.#needed;
      let seen = this.#seen;
      let cp = this.#codePoint;
      let lower = this.#lower;
      let upper = this.#upper;
      let bomPending = !this.#bomSeen && !this.#ignoreBOM;
      let out = '';
      const units = list();
      let n = 0;
      const failed = () => {
        this.#reset();
        return new TypeErrorCtor('The encoded data was not valid for encoding utf-8');
      };
      for (let i = 0; i < bytes.length; i++) {
        const b = bytes[i];
        let code = -1;
        if (needed === 0) {
          if (b <= 0x7f) code = b;
          else if (b >= 0xc2 && b <= 0xdf) {
            needed = 1;
            cp = b & 0x1f;
          } else if (b >= 0xe0 && b <= 0xef) {
            if (b === 0xe0) lower = 0xa0;
            if (b === 0xed) upper = 0x9f;
            needed = 2;
            cp = b & 0xf;
          } else if (b >= 0xf0 && b <= 0xf4) {
            if (b === 0xf0) lower = 0x90;
            if (b === 0xf4) upper = 0x8f;
            needed = 3;
            cp = b & 0x7;
          } else {
            if (fatal) throw failed();
            code = 0xfffd;
          }
        } else if (b < lower || b > upper) {
          // A byte that cannot continue the sequence ends it; the byte is then read again on its own.
          needed = seen = cp = 0;
          lower = 0x80;
          upper = 0xbf;
          if (fatal) throw failed();
          code = 0xfffd;
          i--;
        } else {
          lower = 0x80;
          upper = 0xbf;
          cp = (cp << 6) | (b & 0x3f);
          if (++seen === needed) {
            code = cp;
            needed = seen = cp = 0;
          }
        }
        if (code < 0) continue;
        if (bomPending) {
          bomPending = false;
          if (code === 0xfeff) continue;
        }
        if (code >= 0x10000) {
          code -= 0x10000;
          units[n++] = 0xd800 + (code >> 10);
          units[n++] = 0xdc00 + (code & 0x3ff);
        } else {
          units[n++] = code;
        }
        if (n >= 8192) {
          units.length = n;
          out += ReflectApply(StringFromCharCode, undefined, units);
          n = 0;
        }
      }
      this.#bomSeen = this.#bomSeen || this.#ignoreBOM || !bomPending;
      if (!stream && needed !== 0) {
        if (fatal) throw failed();
        units[n++] = 0xfffd;
        needed = seen = cp = 0;
        lower = 0x80;
        upper = 0xbf;
      }
      units.length = n;
      out += ReflectApply(StringFromCharCode, undefined, units);
      this.#needed = needed;
      this.#seen = seen;
      this.#codePoint = cp;
      this.#lower = lower;
      this.#upper = upper;
      if (!stream) this.#bomSeen = false;
      return out;
    }
    #resetSequence() {
      this.#needed = 0;
      this.#seen = 0;
      this.#codePoint = 0;
      this.#lower = 0x80;
      this.#upper = 0xbf;
    }
    #reset() {
      this.#resetSequence();
      this.#bomSeen = false;
    }
  }
  for (const [cls, tag] of [[TextEncoder, 'TextEncoder'], [TextDecoder, 'TextDecoder']]) {
    ObjectDefineProperty(cls.prototype, SymbolToStringTag, {
      __proto__: null, value: tag, writable: false, enumerable: false, configurable: true,
    });
  }

  // ---------------------------------------------------------------------------------------------------------
  // atob / btoa

  const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  const B64_VALUES = new Uint8ArrayCtor(128).fill(255);
  const B64_CODES = new Uint8ArrayCtor(64);
  for (let i = 0; i < 64; i++) {
    B64_VALUES[StrCharCodeAt(B64, i)] = i;
    B64_CODES[i] = StrCharCodeAt(B64, i);
  }

  /** Appends char codes to `text` in chunks, as `String.fromCharCode` takes its arguments from an array. */
  function chunkedString() {
    const codes = list();
    let n = 0;
    let text = '';
    return {
      __proto__: null,
      add(code) {
        codes[n++] = code;
        if (n === 8192) {
          text += ReflectApply(StringFromCharCode, undefined, codes);
          n = 0;
        }
      },
      done() {
        codes.length = n;
        return text + ReflectApply(StringFromCharCode, undefined, codes);
      },
    };
  }
  function btoa(data) {
    if (arguments.length === 0) throw new TypeErrorCtor('The "data" argument must be specified');
    const str = StringCtor(data);
    const out = chunkedString();
    const n = str.length;
    for (let i = 0; i < n; i += 3) {
      const a = StrCharCodeAt(str, i);
      const b = i + 1 < n ? StrCharCodeAt(str, i + 1) : 0;
      const c = i + 2 < n ? StrCharCodeAt(str, i + 2) : 0;
      if (a > 255 || b > 255 || c > 255) throw invalidCharacter('Invalid character');
      const bits = (a << 16) | (b << 8) | c;
      out.add(B64_CODES[bits >> 18]);
      out.add(B64_CODES[(bits >> 12) & 63]);
      out.add(i + 1 < n ? B64_CODES[(bits >> 6) & 63] : 61);
      out.add(i + 2 < n ? B64_CODES[bits & 63] : 61);
    }
    return out.done();
  }
  function atob(data) {
    if (arguments.length === 0) throw new TypeErrorCtor('The "data" argument must be specified');
    const str = StringCtor(data);
    // Forgiving-base64: ASCII whitespace is skipped, and up to two '=' may end a length that is a multiple of 4.
    let count = 0;
    let end = str.length;
    for (let i = 0; i < str.length; i++) {
      const c = StrCharCodeAt(str, i);
      if (c !== 9 && c !== 10 && c !== 12 && c !== 13 && c !== 32) count++;
    }
    let padding = 0;
    if (count % 4 === 0) {
      for (let i = str.length - 1; i >= 0 && padding < 2; i--) {
        const c = StrCharCodeAt(str, i);
        if (c === 9 || c === 10 || c === 12 || c === 13 || c === 32) continue;
        if (c !== 61) break;
        padding++;
        end = i;
      }
    }
    if ((count - padding) % 4 === 1) throw invalidCharacter('The string to be decoded is not correctly encoded.');
    const out = chunkedString();
    let bits = 0;
    let acc = 0;
    for (let i = 0; i < end; i++) {
      const c = StrCharCodeAt(str, i);
      if (c === 9 || c === 10 || c === 12 || c === 13 || c === 32) continue;
      const v = c < 128 ? B64_VALUES[c] : 255;
      if (v === 255) throw invalidCharacter('Invalid character');
      acc = ((acc << 6) | v) & 0xffffff;
      bits += 6;
      if (bits >= 8) {
        bits -= 8;
        out.add((acc >> bits) & 255);
      }
    }
    return out.done();
  }

  // ---------------------------------------------------------------------------------------------------------
  // structuredClone (the HTML structured clone algorithm, minus transfer)

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
    let result;
    if (isBooleanObject(value)) result = ObjectCtor(BoolValueOf(value));
    else if (isNumberObject(value)) result = ObjectCtor(NumValueOf(value));
    else if (isStringObject(value)) result = ObjectCtor(StrValueOf(value));
    else if (isBigIntObject(value)) result = ObjectCtor(BigIntValueOf(value));
    else if (isSymbolObject(value)) throw dataCloneError('Symbol object could not be cloned.');
    else if (isDate(value)) result = new DateCtor(DateGetTime(value));
    else if (isRegExp(value)) result = new RegExpCtor(RegExpSource(value), regExpFlags(value));
    else if (isArrayBuffer(value)) {
      result = new ArrayBufferCtor(ABByteLength(value));
      TASet(new Uint8ArrayCtor(result), new Uint8ArrayCtor(value));
    } else if (isSharedArrayBuffer(value)) {
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
  function structuredClone(value, options = undefined) {
    if (arguments.length === 0) throw new TypeErrorCtor('The "value" argument must be specified');
    return cloneValue(value, new MapCtor());
  }

  // ---------------------------------------------------------------------------------------------------------
  // performance and display

  const timeOrigin = DateNow() - hostNow();
  class Performance {
    now() { return hostNow(); }
    get timeOrigin() { return timeOrigin; }
    toJSON() { return { timeOrigin }; }
  }
  ObjectDefineProperty(Performance.prototype, SymbolToStringTag, {
    __proto__: null, value: 'Performance', writable: false, enumerable: false, configurable: true,
  });
  const performance = new Performance();

  /** Mime types chosen by a single well-known key: display({ html: '<b>x</b>' }). */
  const displayKeys = { __proto__: null, html: 'text/html', svg: 'image/svg+xml', markdown: 'text/markdown',
    json: 'application/json', png: 'image/png', jpeg: 'image/jpeg', text: 'text/plain' };
  function display(value, mime = undefined) {
    let type = mime === undefined ? undefined : safeString(mime);
    let data = value;
    if (type === undefined && typeof value === 'object' && value !== null && !isArray(value)) {
      const keys = ObjectKeys(value);
      if (keys.length === 1 && displayKeys[keys[0]] !== undefined) {
        type = displayKeys[keys[0]];
        data = value[keys[0]];
      }
    }
    if (type === undefined) type = 'text/plain';
    let text;
    if (typeof data === 'string') text = data;
    else if (isArrayBuffer(data) || typedArrayTag(data) !== undefined || isDataView(data)) text = displayBytesText(type, bytesOf(data));
    else if (StrIncludes(type, 'json')) text = jsonText(data);
    else text = inspectWith(data);
    hostDisplay(type, text);
  }
  /** Bytes given to display(): text mimes read them as UTF-8; images and other binary mimes travel as base64. */
  function displayBytesText(type, bytes) {
    if (StrStartsWith(type, 'text/') || StrIncludes(type, 'json') || StrIncludes(type, 'xml')) return new TextDecoder().decode(bytes);
    let binary = '';
    for (let i = 0; i < bytes.length; i += 8192) {
      const codes = list();
      const end = MathMin(bytes.length, i + 8192);
      for (let j = i; j < end; j++) push(codes, bytes[j]);
      binary += ReflectApply(StringFromCharCode, undefined, codes);
    }
    return btoa(binary);
  }
  /**
   * display.chart(data, spec): the data and spec go to the notebook as JSON; the extension checks them (its errors
   * name the field to fix) and the notebook's chart renderer draws them.
   */
  function chart(data, spec = undefined) {
    if (data === null || typeof data !== 'object') {
      throw new TypeErrorCtor('display.chart(data, spec): data must be an array of records, an array of numbers, or an object of columns');
    }
    hostDisplay('application/vnd.quickjs.chart+json', jsonText({ __proto__: null, data, spec }));
  }
  defineHidden(display, 'chart', chart);

  // ---------------------------------------------------------------------------------------------------------
  // Remote references for debuggers and notebooks: ids for objects that stay inside the sandbox.

  const records = new MapCtor(); // id -> { kind: 'value' | 'entries' | 'entry', value, count }
  let idsByValue = new WeakMapCtor();
  let nextId = 1;

  function register(kind, value) {
    if (kind === 'value') {
      const existing = WeakMapGet(idsByValue, value);
      if (existing !== undefined) {
        const record = MapGet(records, existing);
        if (record !== undefined) {
          record.count++;
          return existing;
        }
      }
    }
    const id = nextId++;
    MapSet(records, id, { __proto__: null, kind, value, count: 1 });
    if (kind === 'value') WeakMapSet(idsByValue, value, id);
    return id;
  }
  function typeOfValue(v) {
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
  function previewOf(v) {
    if (typeof v === 'object' && v !== null && isError(v)) {
      const header = errorHeader(v);
      return header.length > 200 ? `${StrSlice(header, 0, 200)}…` : header;
    }
    const text = inspectWith(v, { __proto__: null, depth: 0, breakLength: Infinity, maxArrayLength: 20, maxStringLength: 200 }, true);
    const nl = StrIndexOf(text, '\n');
    const line = nl < 0 ? text : `${StrSlice(text, 0, nl)} …`;
    return line.length > 300 ? `${StrSlice(line, 0, 300)}…` : line;
  }
  function arrayLikeLength(v) {
    if (isArray(v)) return v.length;
    if (typedArrayTag(v) !== undefined) return TALength(v);
    if (isArguments(v)) {
      const n = ownData(v, 'length');
      return typeof n === 'number' ? n : undefined;
    }
    return undefined;
  }
  function remoteValue(v) {
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
  function property(name, value) {
    return { __proto__: null, name, value: remoteValue(value) };
  }
  function accessorProperty(name) {
    return { __proto__: null, name, getter: true, value: { __proto__: null, id: 0, preview: '(...)', type: 'accessor' } };
  }
  const keyName = (key) => (typeof key === 'symbol' ? SymbolToString(key) : key);

  function entriesChildren(record, filter, start, count) {
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
  function valueChildren(record, filter, start, count) {
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
  function cellPreview(v) {
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
  const TABLE_TEXT_BUDGET = 4 * 1024 * 1024;
  function recordTable(id, maxRows, maxColumns) {
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
  const bridge = {
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
    release(id) {
      if (id === undefined) {
        MapClear(records);
        idsByValue = new WeakMapCtor();
        return;
      }
      const record = MapGet(records, id);
      if (record === undefined) return;
      if (--record.count <= 0) MapDelete(records, id);
    },
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
          stack: stackOf(value),
        };
      }
      const text = inspectWith(value);
      return { __proto__: null, name: '', message: text, stack: '', thrown: text };
    },
  };

  // ---------------------------------------------------------------------------------------------------------
  // Globals, with the attributes browsers and Node use: writable, configurable, not enumerable.

  const globals = {
    __proto__: null, console: consoleObject, TextEncoder, TextDecoder, atob, btoa, structuredClone, performance, display,
  };
  const names = ObjectKeys(globals);
  for (let i = 0; i < names.length; i++) defineHidden(G, names[i], globals[names[i]]);
  return bridge;
}
