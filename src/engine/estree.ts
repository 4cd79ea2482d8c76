/**
 * Questions asked of an acorn ESTree tree by more than one part of the project: which names a binding pattern binds,
 * and whether code awaits at its top level. Walking is acorn-walk's; this module holds only what the walkers share.
 * Used by the REPL transform (the CLI's REPL and notebook cells), the language server and the debug instrumenter.
 */
import type { AnyNode, Node, Pattern } from 'acorn';
import * as walk from 'acorn-walk';

/**
 * Calls `onName` with each identifier a binding pattern (`a`, `{ a, b: [c] }`, `...rest`, `x = 1`) binds, and
 * `onExpression` with the expressions inside it that are evaluated, not bound: defaults, computed keys, and a member
 * expression as an assignment target (`[obj.a] = ...`).
 */
export function forEachBoundName(
  pattern: Pattern | null | undefined,
  onName: (id: { name: string; start: number; end: number }) => void,
  onExpression: (node: AnyNode) => void = () => undefined,
): void {
  if (!pattern) return;
  switch (pattern.type) {
    case 'Identifier':
      onName(pattern);
      return;
    case 'ObjectPattern':
      for (const prop of pattern.properties) {
        if (prop.type === 'RestElement') forEachBoundName(prop.argument, onName, onExpression);
        else {
          if (prop.computed) onExpression(prop.key);
          forEachBoundName(prop.value as Pattern, onName, onExpression);
        }
      }
      return;
    case 'ArrayPattern':
      for (const element of pattern.elements) forEachBoundName(element, onName, onExpression);
      return;
    case 'RestElement':
      forEachBoundName(pattern.argument, onName, onExpression);
      return;
    case 'AssignmentPattern':
      forEachBoundName(pattern.left, onName, onExpression);
      onExpression(pattern.right);
      return;
    default:
      onExpression(pattern);
  }
}

/** The names a binding pattern binds, in source order. */
export function boundNames(pattern: Pattern | null | undefined): string[] {
  const out: string[] = [];
  forEachBoundName(pattern, (id) => out.push(id.name));
  return out;
}

/** Thrown to end a walk as soon as the answer is known. */
const FOUND = Symbol('found');

/**
 * Whether `nodes` (a program, or its statements) use `await` or `for await` outside every function: such code must
 * run as a module or inside an async wrapper. An `await` inside a nested function belongs to that function; class
 * bodies are walked, since a computed key is evaluated where the class is.
 */
export function hasTopLevelAwait(nodes: Node | readonly Node[]): boolean {
  const visitors: walk.RecursiveVisitors<null> = {
    Function: () => undefined,
    AwaitExpression: () => {
      throw FOUND;
    },
    ForOfStatement: (node, st, c) => {
      if (node.await) throw FOUND;
      walk.base.ForOfStatement!(node, st, c);
    },
  };
  try {
    for (const node of Array.isArray(nodes) ? nodes : [nodes]) walk.recursive(node as Node, null, visitors);
  } catch (e) {
    if (e === FOUND) return true;
    throw e;
  }
  return false;
}
