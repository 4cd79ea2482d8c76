// The built-ins every kernel relies on, captured when the kernel's script is evaluated: before any program runs in
// the context. A program may later replace a global, delete a method or poison a prototype; the kernels call only
// what is captured here (methods uncurried, so `MapGet(m, k)` never reads `Map.prototype.get` again). One name per
// intrinsic for all kernels. Each kernel is bundled on its own (scripts/kernel-bundle.mjs) and keeps only what it
// imports, so a small kernel does not pay for the whole table.
/**
 * `capture(() => X)` is X. esbuild drops an unused capture only when it can prove the expression has no effect, and a
 * property read such as `Map.prototype.get` might run a getter as far as it knows; the annotated call of an arrow says
 * it has none, so each kernel's bundle keeps only the intrinsics that kernel uses (fewer objects per sandbox).
 */
const capture = (f) => f();

export const G = globalThis;
export const ObjectCtor = Object;
export const ErrorCtor = Error;
export const TypeErrorCtor = TypeError;
export const RangeErrorCtor = RangeError;
export const MapCtor = Map;
export const SetCtor = Set;
export const WeakMapCtor = WeakMap;
export const DateCtor = Date;
export const RegExpCtor = RegExp;
export const ArrayCtor = Array;
export const ArrayBufferCtor = ArrayBuffer;
export const DataViewCtor = DataView;
export const Uint8ArrayCtor = Uint8Array;
export const StringCtor = String;
export const NumberCtor = Number;
export const BigIntCtor = /* @__PURE__ */ capture(() => (typeof BigInt === 'function' ? BigInt : undefined));
export const MathMin = /* @__PURE__ */ capture(() => Math.min);
export const MathMax = /* @__PURE__ */ capture(() => Math.max);
export const MathFloor = /* @__PURE__ */ capture(() => Math.floor);
export const MathRound = /* @__PURE__ */ capture(() => Math.round);
export const MathSqrt = /* @__PURE__ */ capture(() => Math.sqrt);
export const NumberIsNaN = /* @__PURE__ */ capture(() => Number.isNaN);
export const NumberParseInt = /* @__PURE__ */ capture(() => Number.parseInt);
export const NumberParseFloat = /* @__PURE__ */ capture(() => Number.parseFloat);
export const DateNow = /* @__PURE__ */ capture(() => Date.now);
export const encodeURIComponentFn = encodeURIComponent;
export const decodeURIComponentFn = decodeURIComponent;
export const escapeFn = escape;
export const unescapeFn = unescape;
export const JSONStringify = /* @__PURE__ */ capture(() => JSON.stringify);
export const StringFromCharCode = /* @__PURE__ */ capture(() => String.fromCharCode);
export const SymbolToStringTag = /* @__PURE__ */ capture(() => Symbol.toStringTag);
export const ReflectApply = /* @__PURE__ */ capture(() => Reflect.apply);
export const ReflectOwnKeys = /* @__PURE__ */ capture(() => Reflect.ownKeys);
export const ObjectKeys = /* @__PURE__ */ capture(() => Object.keys);
export const ObjectIs = /* @__PURE__ */ capture(() => Object.is);
export const ObjectCreate = /* @__PURE__ */ capture(() => Object.create);
export const ObjectFreeze = /* @__PURE__ */ capture(() => Object.freeze);
export const ObjectDefineProperty = /* @__PURE__ */ capture(() => Object.defineProperty);
export const ObjectGetPrototypeOf = /* @__PURE__ */ capture(() => Object.getPrototypeOf);
export const ObjectSetPrototypeOf = /* @__PURE__ */ capture(() => Object.setPrototypeOf);
export const ObjectGetOwnPropertyNames = /* @__PURE__ */ capture(() => Object.getOwnPropertyNames);
export const ObjectGetOwnPropertySymbols = /* @__PURE__ */ capture(() => Object.getOwnPropertySymbols);
export const ObjectGetOwnPropertyDescriptorRaw = /* @__PURE__ */ capture(() => Object.getOwnPropertyDescriptor);
export const ArrayIsArray = /* @__PURE__ */ capture(() => Array.isArray);

// `uncurry(fn)(self, ...args)` calls the captured `fn` with `self` as `this`, immune to later prototype edits.
export const uncurry = Function.prototype.bind.bind(Function.prototype.call);
/** `FunctionCall(fn, self, ...args)` calls `fn` with `self` as `this`, immune to a replaced `Function.prototype.call`. */
export const FunctionCall = /* @__PURE__ */ capture(() => Function.prototype.call.bind(Function.prototype.call));
export const getterOf = (proto, key) => ObjectGetOwnPropertyDescriptorRaw(proto, key).get;

export const ObjectHasOwn = /* @__PURE__ */ capture(() => uncurry(Object.prototype.hasOwnProperty));
export const ObjectIsEnumerable = /* @__PURE__ */ capture(() => uncurry(Object.prototype.propertyIsEnumerable));
export const ObjectIsPrototypeOf = /* @__PURE__ */ capture(() => uncurry(Object.prototype.isPrototypeOf));
export const ObjectToString = /* @__PURE__ */ capture(() => uncurry(Object.prototype.toString));
export const FunctionToString = /* @__PURE__ */ capture(() => uncurry(Function.prototype.toString));
export const ArrayJoin = /* @__PURE__ */ capture(() => uncurry(Array.prototype.join));
export const StrSlice = /* @__PURE__ */ capture(() => uncurry(String.prototype.slice));
export const StrCharCodeAt = /* @__PURE__ */ capture(() => uncurry(String.prototype.charCodeAt));
export const StrIndexOf = /* @__PURE__ */ capture(() => uncurry(String.prototype.indexOf));
export const StrLastIndexOf = /* @__PURE__ */ capture(() => uncurry(String.prototype.lastIndexOf));
export const StrIncludes = /* @__PURE__ */ capture(() => uncurry(String.prototype.includes));
export const StrStartsWith = /* @__PURE__ */ capture(() => uncurry(String.prototype.startsWith));
export const StrEndsWith = /* @__PURE__ */ capture(() => uncurry(String.prototype.endsWith));
export const StrRepeat = /* @__PURE__ */ capture(() => uncurry(String.prototype.repeat));
export const StrPadStart = /* @__PURE__ */ capture(() => uncurry(String.prototype.padStart));
export const StrPadEnd = /* @__PURE__ */ capture(() => uncurry(String.prototype.padEnd));
export const StrToLowerCase = /* @__PURE__ */ capture(() => uncurry(String.prototype.toLowerCase));
export const StrTrim = /* @__PURE__ */ capture(() => uncurry(String.prototype.trim));
export const NumToString = /* @__PURE__ */ capture(() => uncurry(Number.prototype.toString));
export const NumToFixed = /* @__PURE__ */ capture(() => uncurry(Number.prototype.toFixed));
export const NumValueOf = /* @__PURE__ */ capture(() => uncurry(Number.prototype.valueOf));
export const StrValueOf = /* @__PURE__ */ capture(() => uncurry(String.prototype.valueOf));
export const BoolValueOf = /* @__PURE__ */ capture(() => uncurry(Boolean.prototype.valueOf));
export const BigIntValueOf = /* @__PURE__ */ capture(() => (typeof BigInt === 'function' ? uncurry(BigInt.prototype.valueOf) : undefined));
export const SymbolValueOf = /* @__PURE__ */ capture(() => uncurry(Symbol.prototype.valueOf));
export const SymbolToString = /* @__PURE__ */ capture(() => uncurry(Symbol.prototype.toString));
export const DateGetTime = /* @__PURE__ */ capture(() => uncurry(Date.prototype.getTime));
export const DateToISOString = /* @__PURE__ */ capture(() => uncurry(Date.prototype.toISOString));
export const DateToString = /* @__PURE__ */ capture(() => uncurry(Date.prototype.toString));
export const MapGet = /* @__PURE__ */ capture(() => uncurry(Map.prototype.get));
export const MapSet = /* @__PURE__ */ capture(() => uncurry(Map.prototype.set));
export const MapHas = /* @__PURE__ */ capture(() => uncurry(Map.prototype.has));
export const MapDelete = /* @__PURE__ */ capture(() => uncurry(Map.prototype.delete));
export const MapClear = /* @__PURE__ */ capture(() => uncurry(Map.prototype.clear));
export const MapEntries = /* @__PURE__ */ capture(() => uncurry(Map.prototype.entries));
export const MapSize = /* @__PURE__ */ capture(() => uncurry(getterOf(Map.prototype, 'size')));
export const MapIterNext = /* @__PURE__ */ capture(() => uncurry(ObjectGetPrototypeOf(new MapCtor().entries()).next));
export const SetAdd = /* @__PURE__ */ capture(() => uncurry(Set.prototype.add));
export const SetHas = /* @__PURE__ */ capture(() => uncurry(Set.prototype.has));
export const SetValues = /* @__PURE__ */ capture(() => uncurry(Set.prototype.values));
export const SetSize = /* @__PURE__ */ capture(() => uncurry(getterOf(Set.prototype, 'size')));
export const SetIterNext = /* @__PURE__ */ capture(() => uncurry(ObjectGetPrototypeOf(new SetCtor().values()).next));
export const WeakMapGet = /* @__PURE__ */ capture(() => uncurry(WeakMap.prototype.get));
export const WeakMapSet = /* @__PURE__ */ capture(() => uncurry(WeakMap.prototype.set));
export const WeakMapHas = /* @__PURE__ */ capture(() => uncurry(WeakMap.prototype.has));
export const WeakSetHas = /* @__PURE__ */ capture(() => uncurry(WeakSet.prototype.has));
export const WeakRefDeref = /* @__PURE__ */ capture(() => (typeof WeakRef === 'function' ? uncurry(WeakRef.prototype.deref) : undefined));
export const ABByteLength = /* @__PURE__ */ capture(() => uncurry(getterOf(ArrayBuffer.prototype, 'byteLength')));
// Resizable and transferable ArrayBuffers (ES2024); undefined on an engine without them.
const optionalGetter = (proto, key) => { const d = ObjectGetOwnPropertyDescriptorRaw(proto, key); return d && d.get ? uncurry(d.get) : undefined; };
export const ABResizable = /* @__PURE__ */ capture(() => optionalGetter(ArrayBuffer.prototype, 'resizable'));
export const ABMaxByteLength = /* @__PURE__ */ capture(() => optionalGetter(ArrayBuffer.prototype, 'maxByteLength'));
export const ABDetached = /* @__PURE__ */ capture(() => optionalGetter(ArrayBuffer.prototype, 'detached'));
export const ABTransfer = /* @__PURE__ */ capture(() => (typeof ArrayBuffer.prototype.transfer === 'function' ? uncurry(ArrayBuffer.prototype.transfer) : undefined));
export const SABByteLength = /* @__PURE__ */ capture(() => (typeof SharedArrayBuffer === 'function'
  ? uncurry(getterOf(SharedArrayBuffer.prototype, 'byteLength')) : undefined));
export const TypedArrayPrototype = /* @__PURE__ */ capture(() => ObjectGetPrototypeOf(Uint8Array.prototype));
export const TATag = /* @__PURE__ */ capture(() => uncurry(getterOf(TypedArrayPrototype, SymbolToStringTag)));
export const TALength = /* @__PURE__ */ capture(() => uncurry(getterOf(TypedArrayPrototype, 'length')));
export const TABuffer = /* @__PURE__ */ capture(() => uncurry(getterOf(TypedArrayPrototype, 'buffer')));
export const TAByteOffset = /* @__PURE__ */ capture(() => uncurry(getterOf(TypedArrayPrototype, 'byteOffset')));
export const TAByteLength = /* @__PURE__ */ capture(() => uncurry(getterOf(TypedArrayPrototype, 'byteLength')));
export const TASet = /* @__PURE__ */ capture(() => uncurry(TypedArrayPrototype.set));
export const DVByteLength = /* @__PURE__ */ capture(() => uncurry(getterOf(DataView.prototype, 'byteLength')));
export const DVByteOffset = /* @__PURE__ */ capture(() => uncurry(getterOf(DataView.prototype, 'byteOffset')));
export const DVBuffer = /* @__PURE__ */ capture(() => uncurry(getterOf(DataView.prototype, 'buffer')));
export const RegExpSource = /* @__PURE__ */ capture(() => uncurry(getterOf(RegExp.prototype, 'source')));
/** [flag letter, uncurried getter] for each RegExp flag the engine knows, in the order `flags` lists them. */
export const RegExpFlagGetters = /* @__PURE__ */ capture(() => {
  const out = ObjectSetPrototypeOf([], null);
  for (const [flag, key] of [['d', 'hasIndices'], ['g', 'global'], ['i', 'ignoreCase'], ['m', 'multiline'],
    ['s', 'dotAll'], ['u', 'unicode'], ['v', 'unicodeSets'], ['y', 'sticky']]) {
    const d = ObjectGetOwnPropertyDescriptorRaw(RegExp.prototype, key);
    if (d && d.get) out[out.length] = [flag, uncurry(d.get)];
  }
  return out;
});
// The prototypes the brand checks of shared/safe.js compare with (read here: a part of a kernel evaluated after a
// program ran must not read them through globals the program may have replaced).
export const MapPrototype = /* @__PURE__ */ capture(() => Map.prototype);
export const SetPrototype = /* @__PURE__ */ capture(() => Set.prototype);
export const DatePrototype = /* @__PURE__ */ capture(() => Date.prototype);
export const ArrayBufferPrototype = /* @__PURE__ */ capture(() => ArrayBuffer.prototype);
export const DataViewPrototype = /* @__PURE__ */ capture(() => DataView.prototype);
export const WeakMapPrototype = /* @__PURE__ */ capture(() => WeakMap.prototype);
export const WeakSetPrototype = /* @__PURE__ */ capture(() => WeakSet.prototype);
export const NumberPrototype = /* @__PURE__ */ capture(() => Number.prototype);
export const StringPrototype = /* @__PURE__ */ capture(() => String.prototype);
export const BooleanPrototype = /* @__PURE__ */ capture(() => Boolean.prototype);
export const SymbolPrototype = /* @__PURE__ */ capture(() => Symbol.prototype);
export const WeakRefPrototype = /* @__PURE__ */ capture(() => (typeof WeakRef === 'function' ? WeakRef.prototype : undefined));
export const BigIntPrototype = /* @__PURE__ */ capture(() => (typeof BigInt === 'function' ? BigInt.prototype : undefined));
export const SharedArrayBufferPrototype = /* @__PURE__ */ capture(() => (typeof SharedArrayBuffer === 'function' ? SharedArrayBuffer.prototype : undefined));
export const RegExpPrototype = /* @__PURE__ */ capture(() => RegExp.prototype);
export const RegExpGlobal = /* @__PURE__ */ capture(() => uncurry(getterOf(RegExp.prototype, 'global')));
export const ErrorPrototype = /* @__PURE__ */ capture(() => Error.prototype);
export const PromisePrototype = /* @__PURE__ */ capture(() => Promise.prototype);
export const FunctionPrototype = /* @__PURE__ */ capture(() => Function.prototype);
export const AsyncFunctionPrototype = /* @__PURE__ */ capture(() => ObjectGetPrototypeOf(async function () {}));
export const GeneratorFunctionPrototype = /* @__PURE__ */ capture(() => ObjectGetPrototypeOf(function* () {}));
export const AsyncGeneratorFunctionPrototype = /* @__PURE__ */ capture(() => ObjectGetPrototypeOf(async function* () {}));

/** Intrinsic typed-array constructors by their tag, so clones never use a replaced global. */
export const typedArrayCtors = /* @__PURE__ */ capture(() => {
  const out = ObjectCreate(null);
  for (const name of ['Int8Array', 'Uint8Array', 'Uint8ClampedArray', 'Int16Array', 'Uint16Array', 'Int32Array',
    'Uint32Array', 'Float16Array', 'Float32Array', 'Float64Array', 'BigInt64Array', 'BigUint64Array']) {
    if (typeof G[name] === 'function') out[name] = G[name];
  }
  return out;
});
/** Intrinsic error constructors that structuredClone may recreate. */
export const errorCtors = /* @__PURE__ */ capture(() => {
  const out = ObjectCreate(null);
  for (const name of ['Error', 'EvalError', 'RangeError', 'ReferenceError', 'SyntaxError', 'TypeError', 'URIError']) {
    out[name] = G[name];
  }
  return out;
});
/**
 * Names of built-in constructors (`Object`, `Map`, ...), as Node uses them to decide `%s`: the globals of a fresh
 * context, before any kernel adds its own (TextEncoder is not one of them).
 */
export const builtInNames = /* @__PURE__ */ capture(() => {
  const out = new SetCtor();
  for (const name of ObjectGetOwnPropertyNames(G)) {
    const c = StrCharCodeAt(name, 0);
    const d = ObjectGetOwnPropertyDescriptorRaw(G, name);
    if (c >= 65 && c <= 90 && d && typeof d.value === 'function') SetAdd(out, name);
  }
  return out;
});

// Raw methods, for the few places that call them with `ReflectApply` or pass them on.
export const FunctionCtor = Function;
export const evalFn = eval;
export const ProxyCtor = Proxy;
export const PromiseCtor = Promise;
export const PromiseResolve = /* @__PURE__ */ capture(() => Promise.resolve.bind(Promise));
export const PromiseReject = /* @__PURE__ */ capture(() => Promise.reject.bind(Promise));
export const PromiseProtoThen = /* @__PURE__ */ capture(() => Promise.prototype.then);
export const WeakSetCtor = WeakSet;
export const Uint32ArrayCtor = Uint32Array;
export const JSONParse = /* @__PURE__ */ capture(() => JSON.parse);
export const NumberIsFinite = /* @__PURE__ */ capture(() => Number.isFinite);
export const ObjectGetOwnPropertyDescriptors = /* @__PURE__ */ capture(() => Object.getOwnPropertyDescriptors);
export const FunctionProtoToString = /* @__PURE__ */ capture(() => Function.prototype.toString);
export const ArrayProtoPush = /* @__PURE__ */ capture(() => Array.prototype.push);
export const StringProtoIndexOf = /* @__PURE__ */ capture(() => String.prototype.indexOf);
export const MapProtoGet = /* @__PURE__ */ capture(() => Map.prototype.get);
export const MapProtoSet = /* @__PURE__ */ capture(() => Map.prototype.set);
export const MapProtoHas = /* @__PURE__ */ capture(() => Map.prototype.has);
export const MapProtoDelete = /* @__PURE__ */ capture(() => Map.prototype.delete);
export const MapProtoClear = /* @__PURE__ */ capture(() => Map.prototype.clear);
export const MapProtoSize = /* @__PURE__ */ capture(() => getterOf(Map.prototype, 'size'));
export const WeakSetProtoHas = /* @__PURE__ */ capture(() => WeakSet.prototype.has);
export const WeakSetProtoAdd = /* @__PURE__ */ capture(() => WeakSet.prototype.add);
export const WeakMapProtoGet = /* @__PURE__ */ capture(() => WeakMap.prototype.get);
export const WeakMapProtoSet = /* @__PURE__ */ capture(() => WeakMap.prototype.set);
export const MapKeys = /* @__PURE__ */ capture(() => uncurry(Map.prototype.keys));
export const SetClear = /* @__PURE__ */ capture(() => uncurry(Set.prototype.clear));
export const SetDelete = /* @__PURE__ */ capture(() => uncurry(Set.prototype.delete));
export const WeakSetAdd = /* @__PURE__ */ capture(() => uncurry(WeakSet.prototype.add));
export const TAFill = /* @__PURE__ */ capture(() => uncurry(TypedArrayPrototype.fill));
export const RegExpExec = /* @__PURE__ */ capture(() => uncurry(RegExp.prototype.exec));
export const ArrayPush = /* @__PURE__ */ capture(() => uncurry(Array.prototype.push));
export const ArraySlice = /* @__PURE__ */ capture(() => uncurry(Array.prototype.slice));
export const ArraySplice = /* @__PURE__ */ capture(() => uncurry(Array.prototype.splice));
export const ArrayBufferIsView = /* @__PURE__ */ capture(() => ArrayBuffer.isView);
export const ABSlice = /* @__PURE__ */ capture(() => uncurry(ArrayBuffer.prototype.slice));
export const StrToUpperCase = /* @__PURE__ */ capture(() => uncurry(String.prototype.toUpperCase));
export const StrNormalize = /* @__PURE__ */ capture(() => uncurry(String.prototype.normalize));
export const StrReplace = /* @__PURE__ */ capture(() => uncurry(String.prototype.replace));
export const StrSplit = /* @__PURE__ */ capture(() => uncurry(String.prototype.split));
export const ReflectConstruct = /* @__PURE__ */ capture(() => Reflect.construct);
