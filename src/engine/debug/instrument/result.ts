/** What the instrumenter is asked (`InstrumentOptions`) and what it tells the debug controller about the file. */
import type { EncodedSourceMap } from '@jridgewell/gen-mapping';
import type { ColumnMapper } from '../splice';

export interface InstrumentOptions {
  filename: string;
  fileId: number;
  sourceType: 'script' | 'module';
  /** Code given to `eval`: `super` may appear, and the completion value matters as for scripts. */
  evalCode?: boolean;
  /**
   * Wrap function bodies so exceptions the engine throws (TypeError, ...) are reported with their frame alive.
   * Costs a try/catch per call: only wanted while exception breakpoints are on.
   */
  catchAll?: boolean;
}

/** A breakpoint location: one statement, 1-based lines and columns in the original source. */
export interface StatementInfo {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  /** Index into `functions`, or -1 at top level. */
  fn: number;
  /** Index into `scopes`: which names the statement's locals reader returns, in order. */
  layout: number;
  /** A `debugger;` statement: its function is a place where the run can stop, like a breakpoint's. */
  debugger?: boolean;
  /**
   * A catch an exception wrapper added (at the end of the block it guards), not a place to break: its layout names
   * what that catch sees, the locals an engine-thrown error is shown with.
   */
  catchSite?: boolean;
}

/** A function (or class) of the source, for stack names, leaf depth and `toString`. */
export interface FunctionInfo {
  name: string;
  kind: 'function' | 'arrow' | 'method' | 'class' | 'static block';
  /** Original offsets of the text `Function.prototype.toString` must return. */
  start: number;
  end: number;
  line: number;
  column: number;
  /** A leaf makes no calls and has no depth prologue: the kernel adds 1 to the depth it sees. */
  leaf: boolean;
  parent: number;
  /** An async function (not an async generator): a throw in it rejects its promise. */
  async?: boolean;
  /**
   * An async generator: a throw in its body rejects the promise of the `next()` (or `return`/`throw`) that resumed
   * it; one in its parameters (before `bodyStart`, an original offset) is thrown to its caller.
   */
  asyncGenerator?: boolean;
  bodyStart?: number;
  /**
   * A callback of a promise chain that handles rejections further on (`p.then(cb).catch(h)`): what it throws when
   * a job runs it is caught.
   */
  rejectionHandled?: boolean;
}

/** Names a locals reader returns: accessor i+1 (after `this` when hasThis) is the i-th name across groups. */
export interface ScopeLayout {
  hasThis: boolean;
  /** `outer` groups come from the reader's second array (closure names), the others from the first. */
  groups: Array<{ kind: 'Local' | 'Closure' | 'Module'; names: string[]; consts: boolean[]; outer: boolean }>;
}

/** A call site, for step-in targets: which function call a step can enter. */
export interface CallInfo {
  line: number;
  column: number;
  /** Index into `functions` of the function containing the call, or -1 at top level. */
  fn: number;
  /** The callee as written (`add`, `obj.method`, `new Point`), shortened. */
  label: string;
  /** The name a called function has (`add`, `method`): matched against `FunctionInfo.name`; '' if unknown. */
  name: string;
  /** The checked statement whose flag test runs before the call (in the same function), or -1. */
  sid: number;
  /** Functions written as arguments of the call (`xs.map((x) => ...)`): they may run inside it. */
  fnArgs: number[];
  /** Names passed as arguments (`xs.forEach(visit)`): functions of that name may run inside the call. */
  argNames: string[];
}

/** The file's top-level bindings a reader closure serves: module bindings, or a script's let/const/class. */
export interface FileScopeInfo {
  kind: 'Module' | 'Script';
  names: string[];
  consts: boolean[];
}

export interface InstrumentResult {
  code: string;
  /** A standard map, exact at statement starts and edits; `mapper` is exact at every column (stack positions). */
  map: EncodedSourceMap;
  mapper: ColumnMapper;
  statements: StatementInfo[];
  functions: FunctionInfo[];
  scopes: ScopeLayout[];
  calls: CallInfo[];
  /** Absent when the file has no top-level bindings to show (or is eval code). */
  fileScope?: FileScopeInfo;
  /**
   * Try blocks that have a catch clause, as flat [fn, start, end] triples of original offsets (fn -1: top level):
   * a frame whose position is in one of its own function's try blocks catches what is thrown through it.
   */
  tries: number[];
  /** Operands of `await`, as flat [fn, start, end] triples: an async call there is awaited by its caller. */
  awaits: number[];
  /**
   * Calls whose promise a chain written after them handles (`f().then(a, h)`, `g.next().finally(b).catch(h)`), as
   * flat [fn, start, end] triples: a rejection of that promise is caught.
   */
  handled: number[];
  /** `import()` expressions, as flat [fn, start, end] triples: a throw in code they call rejects their promise. */
  imports: number[];
  /** The call statements test `HELPER.callGate` instead of `HELPER.gate` (exception wrappers are on). */
  callGates: boolean;
}
