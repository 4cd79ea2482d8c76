/**
 * Scope analysis for the locals readers: the scopes the walk is in, what each function refers to, which names a
 * scope declares (hoisting), and where its let/const/class become initialised.
 */
import { forEachBoundName } from '../../estree';
import type { FunctionInfo } from './result';
import type { Pattern } from 'acorn';
import * as walk from 'acorn-walk';
import type { AnyNode } from './parse';

/** One scope of the chain the walk is in; `names` maps each name it declares to whether it is constant. */
export interface Scope {
  /** `with`: the body of a with statement, where names of scopes outside it resolve through its object. */
  kind: 'function' | 'block' | 'module' | 'script' | 'with';
  names: Map<string, boolean>; // name -> is constant
}

export interface FnCtx {
  id: number;
  info: FunctionInfo;
  async: boolean;
  generator: boolean;
  /**
   * Readers list `this` only when the function uses it already: a reader naming `this` makes QuickJS bind it
   * on every call, which cost ~40% on a call-heavy function.
   */
  hasThis: boolean;
  /** `this` may be uninitialised at a statement (a derived constructor before super() returned, or its arrows). */
  thisGuarded: boolean;
  /** A function declaration: hoisted, so it may run before any let/const around it is initialised. */
  hoisted: boolean;
  arrow: boolean;
  /** Try blocks with a catch clause around the code being walked, in this function. */
  tryDepth: number;
  /** A derived class's constructor: `this` may be uninitialised wherever an error is caught. */
  derivedCtor?: boolean;
  /** Index in the scope chain of this function's own scope. */
  scopeBase: number;
  refs: Set<string>;
  declared: Set<string>;
  /** Names referenced here but declared in an enclosing non-global scope, resolved after the walk. */
  closure: Array<{ name: string; konst: boolean; module: boolean; guarded: boolean }> | null;
  outerChain: Scope[];
  parent: FnCtx | null;
}


/** A statement's locals as code: the array literal the hook gets and the pattern that writes values back. */
export interface ReaderText {
  list: string;
  pattern: string;
}

/** Sets each name the binding pattern `p` binds in `out`, constant or not. */
export function bindNames(p: AnyNode | null | undefined, out: Map<string, boolean>, konst: boolean): void {
  forEachBoundName(p as Pattern | null | undefined, (id) => out.set(id.name, konst));
}

/**
 * What the analysis knows about each scope's names (a scope is known by its `names` map), for one file: kept here,
 * per instrumentation, rather than on the maps or in module state.
 */
export class ScopeFacts {
  /** Start offsets of let/const/class declarations per scope: a reader lists them only once they are initialised. */
  private readonly lexical = new WeakMap<Map<string, boolean>, Map<string, number>>();
  /** Scopes whose lexical names may be uninitialised at any statement (switch cases can jump over declarations). */
  private readonly unsafe = new WeakSet<Map<string, boolean>>();
  private readonly ids = new WeakMap<Map<string, boolean>, number>();
  private nextId = 0;

  /** A number naming the scope, for keys of reader texts that see the same names. */
  id(names: Map<string, boolean>): number {
    let id = this.ids.get(names);
    if (id === undefined) this.ids.set(names, (id = this.nextId++));
    return id;
  }

  /** Where each let/const/class of the scope is initialised (the end of its declaration); undefined when none. */
  initialisedAt(names: Map<string, boolean>): Map<string, number> | undefined {
    return this.lexical.get(names);
  }

  /** Marks a switch's scope: its cases can jump over any declaration. */
  markUnsafe(names: Map<string, boolean>): void {
    this.unsafe.add(names);
  }

  isUnsafe(names: Map<string, boolean>): boolean {
    return this.unsafe.has(names);
  }

  /** let/const/class/function declared directly in this statement list, into `out`. */
  hoistLexical(list: AnyNode[], out: Map<string, boolean>): void {
    for (let s of list) {
      if (s.type === 'ExportNamedDeclaration' || s.type === 'ExportDefaultDeclaration') s = s.declaration;
      if (!s) continue;
      if (s.type === 'VariableDeclaration' && s.kind !== 'var') {
        const before = new Set(out.keys());
        for (const d of s.declarations) bindNames(d.id, out, s.kind === 'const');
        for (const k of out.keys()) if (!before.has(k)) this.positions(out).set(k, s.end);
      } else if ((s.type === 'FunctionDeclaration' || s.type === 'ClassDeclaration') && s.id) {
        out.set(s.id.name, s.type === 'ClassDeclaration');
        if (s.type === 'ClassDeclaration') this.positions(out).set(s.id.name, s.end);
      }
    }
  }

  private positions(names: Map<string, boolean>): Map<string, number> {
    let m = this.lexical.get(names);
    if (!m) this.lexical.set(names, (m = new Map()));
    return m;
  }
}

/**
 * acorn-walk visitors for `hoistVars`: statements only, since expressions hold no `var` of this scope (a function or
 * class in them has its own), and neither do function and class declarations (a static block's vars are its own).
 */
const varWalker = walk.make<Map<string, boolean>>({
  Expression: () => undefined,
  Function: () => undefined,
  Class: () => undefined,
  VariableDeclaration: (s, out) => {
    if (s.kind === 'var') for (const d of s.declarations) bindNames(d.id, out, false);
  },
});

type VarVisitor = (node: AnyNode, out: Map<string, boolean>, c: typeof visitVars) => void;

/**
 * walk.recursive's own loop over a walker made once: `walk.recursive(node, state, visitors)` makes a fresh walker
 * object per call, which cost a quarter of the instrumenter's time on a 1 MB file (one call per statement).
 */
function visitVars(node: AnyNode, out: Map<string, boolean>, override?: string): void {
  (varWalker as unknown as Record<string, VarVisitor>)[override ?? node.type](node, out, visitVars);
}

/** `var` names declared anywhere in these statements (not inside nested functions), into `out`, in source order. */
export function hoistVars(list: AnyNode[], out: Map<string, boolean>): void {
  for (const s of list) visitVars(s, out);
}
