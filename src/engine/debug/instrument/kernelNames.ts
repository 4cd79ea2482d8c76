/**
 * The names and text the instrumentation shares with the debug kernel (debug.kernel.js): the global helpers an
 * instrumented file calls, and the small pieces of inserted text built from them. A rename here must be made there.
 */

/** Global helper names shared with debug.kernel.js. */
export const HELPER = {
  flags: (fileId: number) => `__qdF${fileId}`,
  /** Per function (index + 1; 0 is top level): true while any statement flag of that function is set. */
  gate: (fileId: number, fn: number) => `__qdb${fileId}_${fn + 1}`,
  /**
   * Under exception wrappers, the gate a function's call statements test instead (`InstrumentResult.callGates`):
   * true whenever `gate` is, and also while some call statement of the function records for exception stops.
   */
  callGate: (fileId: number, fn: number) => `__qdc${fileId}_${fn + 1}`,
  hook: '__qdH',
  depth: '__qdD',
  /** Records a returned value while stepping: `return X` gets `return __qdV(X)` in the taken branch only. */
  ret: '__qdV',
  /** Labels the block a statement's check can skip when its taken branch ran a copy of the statement's line. */
  skip: '__qdK',
  /** Registers a file's top-level (Script/Module) bindings reader, once at the top of the file. */
  fileScope: '__qdM',
  temp: '__qdT',
  sink: '__qdZ',
  /** Reports an explicit `throw`: `throw __qdX(value, fid, sid, locals[, token])`. */
  thrown: '__qdX',
  /** Reports what an exception wrapper's catch got: `__qdE(error, fid, catchSite, locals[, token])`. */
  caught: '__qdE',
  /** Gives an async function's invocation its token (a local, see TOKEN_LOCAL): its promise's awaiters are linked to it. */
  token: '__qdN',
  /**
   * `await X` becomes `__qdR(await __qdW(__qdO(), X, inTry, token), token)`: links the async call X made to this
   * awaiting frame, and tells the kernel which invocation runs again after the await.
   */
  awaitStart: '__qdO',
  awaited: '__qdW',
  /** A call whose promise a chain handles (`InstrumentResult.handled`) becomes `__qdJ(__qdO(), call)`: links it as handled. */
  handledCall: '__qdJ',
  resumed: '__qdR',
  debuggerStmt: '__qdB',
  evalSource: '__qdI',
  /** Ends code given to eval that makes no function: `try{code}finally{__qdL(fid)}` releases its registration. */
  evalDone: '__qdL',
  /** What a guarded read gives for a name it cannot read (in its temporal dead zone): shown as unavailable. */
  unavailable: '__qdU',
} as const;

/** The local holding an async function invocation's token (exception wrappers only). */
export const TOKEN_LOCAL = '__qdk';

/** Inside a `with` body, the local holding the global object, through which the helpers are reached. */
export const WITH_GLOBAL = '__qdG';
/**
 * The global helpers' names in inserted text (not the sink, a `var`; nor labels, locals and parameters the
 * instrumentation declares itself: `__qdK`, `__qdk`, `__qde`, `__qdx`, ...).
 */
const GLOBAL_HELPER = /(?<![\w$.])__qd(?:F\d+|[bc]\d+_\d+|[HDVMTXENOWJRBIU])(?![\w$])/g;

/**
 * A statement that evaluates `expr` and leaves a script's completion value as it was (a `var` statement's is
 * empty). Inside a `with` body the sink variable would be looked up on the object: an empty pattern binds nothing.
 */
export function sinkStatement(expr: string, inWith: boolean): string {
  return inWith ? `var {}=[${expr}]` : `var ${HELPER.sink}=${expr}`;
}

/** `text` with each global helper name reached as a property of WITH_GLOBAL. */
export function throughGlobal(text: string | (() => string)): string | (() => string) {
  const map = (t: string) => t.replace(GLOBAL_HELPER, (name) => `${WITH_GLOBAL}.${name}`);
  return typeof text === 'function' ? () => map(text()) : map(text);
}

/** Prefix shared by every helper global, so the kernel can hide them all from reflection. */
export const HELPER_PREFIX = '__qd';

/**
 * Reads `name` (or `this`) where it may be uninitialised: the kernel's unavailable marker instead of a throw.
 * The arrow exists only in the taken branch of a flag test, and captures nothing the function did not already.
 */
export function guardedRead(name: string): string {
  return `(()=>{try{return ${name}}catch{return ${HELPER.unavailable}}})()`;
}
