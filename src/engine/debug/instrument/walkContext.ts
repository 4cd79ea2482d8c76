/**
 * The walk context: all state one file's walk shares between its concepts (statement hooks, prologues, exception
 * wrappers, call sites), held in one explicit object that is made per file and passed to every step, and the small
 * operations they all make on it: edits ranked by the walk's depth, and the locals reader of a point of the walk.
 * Nothing here is module state; the walk's own entry points reach the concept modules through `visit`, so those
 * modules can recurse into the tree without importing the walk (instrumenter.ts), which imports them.
 */
import { SourceSplice } from '../splice';
import { HELPER, TOKEN_LOCAL, throughGlobal } from './kernelNames';
import type { AnyNode } from './parse';
import { LineTable } from './parse';
import { LocalsReaders } from './readers';
import type { CallInfo, FunctionInfo, InstrumentOptions, StatementInfo } from './result';
import { ScopeFacts, type FnCtx, type ReaderText, type Scope } from './scopes';
import type { LineRun } from './lineRuns';

/** The walk's entry points, for the concept modules that walk the children of what they instrument. */
export interface WalkVisit {
  /** A list of statements (program, block, case, function body): a check before each one. */
  statementList(w: WalkContext, list: AnyNode[]): void;
  /** A block's statements, with its scope and, where it may go, its exception wrapper. */
  block(w: WalkContext, body: AnyNode[], node?: AnyNode, force?: boolean): void;
  /** An expression (or binding pattern): refs, nested functions and classes, calls. */
  expr(w: WalkContext, e: AnyNode | null | undefined): void;
  /** The children of an expression node, each walked as an expression, one level deeper. */
  children(w: WalkContext, e: AnyNode): void;
}

/** One file's walk: what it reads, what it has produced so far, and where it is. */
export interface WalkContext {
  readonly source: string;
  readonly options: InstrumentOptions;
  readonly visit: WalkVisit;
  /** The file's id in helper calls, and the name of its flag array. */
  readonly fid: number;
  readonly F: string;
  readonly sp: SourceSplice;
  /** Positions of nodes: acorn parses without `locations` (see parseForInstrument). */
  readonly lines: LineTable;
  readonly facts: ScopeFacts;
  readonly readers: LocalsReaders;

  // ---- what the controller is told (see InstrumentResult) ----
  readonly statements: StatementInfo[];
  /** Source offset of each statement (or catch site), by id: where its locals reader looks from. */
  readonly statementOffsets: number[];
  readonly calls: CallInfo[];
  readonly functions: FunctionInfo[];
  readonly tries: number[];
  readonly awaits: number[];
  readonly handled: number[];
  readonly imports: number[];

  // ---- facts gathered during the walk, read when the text renders ----
  /** Statements that make a call, known once the walk has ended (see statementHooks' `check`). */
  callStatements: Set<number> | null;
  /** Copies of a line's statements that a check's taken branch runs instead of them, by statement id (see `lineRun`). */
  readonly runs: Map<number, LineRun>;
  /** Return statements inside such copies: their values are seen there. */
  readonly covered: WeakSet<object>;
  /** Function nodes by the index they got in `functions`, for calls that pass them as arguments. */
  readonly fnIds: WeakMap<object, number>;

  // ---- where the walk is ----
  /** The scopes around the code being walked, innermost last. */
  readonly chain: Scope[];
  /** The function being walked (null at top level). */
  fn: FnCtx | null;
  /** Nesting depth of the walk: the rank of the edits made here (outer edits wrap inner ones). */
  depth: number;
  /** The checked statement whose test runs last before the code being walked, in the current function. */
  curSid: number;
  /** Line of the last checked statement in the current function (reset per function and loop body). */
  lastLine: number;
  /** How many `with` bodies the walk is in (functions in them included: their names resolve through it too). */
  inWith: number;
  /** The line run starting at the statement being walked, set by `statementList` for `statement` to claim. */
  runStart: LineRun | null;
  /** The next block walked is a loop body whose head declares names: its exception wrapper shows them. */
  loopHeadBlock: boolean;
  /** Walking the members of a class that extends another (its constructor may run before `this` exists). */
  derivedClass: boolean;
  /** A name the function or class `node` gets from where it is written (`const f = () => {}`): QuickJS's name. */
  nameHint: { node: AnyNode; name: string } | null;
  /** Top-level script/eval code, where statement completion values are observable. */
  completionSensitive: boolean;
}

/** A fresh context for walking `source`. */
export function newWalkContext(source: string, options: InstrumentOptions, visit: WalkVisit): WalkContext {
  const facts = new ScopeFacts();
  const statements: StatementInfo[] = [];
  return {
    source,
    options,
    visit,
    fid: options.fileId,
    F: HELPER.flags(options.fileId),
    sp: new SourceSplice(source),
    lines: new LineTable(source),
    facts,
    readers: new LocalsReaders(facts, statements),
    statements,
    statementOffsets: [],
    calls: [],
    functions: [],
    tries: [],
    awaits: [],
    handled: [],
    imports: [],
    callStatements: null,
    runs: new Map(),
    covered: new WeakSet(),
    fnIds: new WeakMap(),
    chain: [],
    fn: null,
    depth: 0,
    curSid: -1,
    lastLine: -1,
    inWith: 0,
    runStart: null,
    loopHeadBlock: false,
    derivedClass: false,
    nameHint: null,
    completionSensitive: options.sourceType === 'script',
  };
}

/** Inserts text before what is inserted at `at` by walks nested deeper than this one. */
export function pre(w: WalkContext, at: number, text: string | (() => string)): void {
  insert(w, at, text, w.depth);
}

/** Inserts text after what is inserted at `at` by walks nested deeper than this one. */
export function post(w: WalkContext, at: number, text: string | (() => string)): void {
  insert(w, at, text, -1e6 - w.depth);
}

/** Inserts text, its helper names reached through WITH_GLOBAL inside a `with` body (see withStatement). */
export function insert(w: WalkContext, at: number, text: string | (() => string), rank: number): void {
  w.sp.insert(at, w.inWith ? throughGlobal(text) : text, rank);
}

/** The id of the current function for the tables (-1 at top level). */
export function fnId(w: WalkContext): number {
  return w.fn ? w.fn.id : -1;
}

/** The token argument helpers get in an async function under exception wrappers ('' elsewhere). */
export function tokenArg(w: WalkContext): string {
  const fn = w.fn;
  return w.options.catchAll && fn && fn.async ? `,${TOKEN_LOCAL}` : '';
}

/** Whether `name` is declared in a scope around the code being walked. */
export function isLocal(w: WalkContext, name: string): boolean {
  for (let i = w.chain.length - 1; i >= 0; i--) if (w.chain[i].names.has(name)) return true;
  return false;
}

/**
 * The locals of statement `id`: an array literal of values (`list`, built only when the hook runs) and the
 * destructuring pattern that writes changed values back (`pattern`, '' when nothing is assignable).
 * Closure names are known only when the function's walk ends, so the text is produced at render time.
 */
export function readerThunk(w: WalkContext, id: number, at = id >= 0 ? w.statementOffsets[id] : 0, hidden?: Set<string>): () => ReaderText {
  const fn = w.fn;
  const local: Scope[] = [];
  const base = fn ? fn.scopeBase : 0;
  for (let i = w.chain.length - 1; i >= base; i--) {
    const sc = w.chain[i];
    // Top-level bindings are served by the file scope reader (Script/Module scope), not per statement.
    if (sc.kind === 'script' || sc.kind === 'module') continue;
    local.push(sc);
    if (sc.kind === 'with') break;
  }
  let memo: ReaderText | undefined;
  return () => (memo ??= w.readers.text(id, at, fn, local, hidden));
}
