/** Line runs: how a line's return values are seen while stepping, at no cost when not stepping. */
import { HELPER } from './kernelNames';
import type { AnyNode, LineTable } from './parse';

/**
 * Statements on one line, from a checked statement on: when they hold a return, the check's taken branch runs a copy
 * of them with every returned value passed through `__qdV`, then leaves (`exits`: the copy ends with a return) or
 * skips the originals. Copies hold nothing that the instrumentation edits or checks (functions, classes, loops,
 * throw, try, `debugger`, direct eval) and declare no let/const at their top (a copy would shadow those bindings).
 */
export interface LineRun {
  nodes: AnyNode[];
  copy: string;
  exits: boolean;
  returns: AnyNode[];
}

export function lineRun(list: AnyNode[], i: number, source: string, lines: LineTable, catchAll = false): LineRun | null {
  const line = lines.line(list[i].start);
  const nodes: AnyNode[] = [];
  const returns: AnyNode[] = [];
  let exits = false;
  for (let j = i; j < list.length && !exits; j++) {
    const s = list[j];
    if (lines.line(s.start) !== line || lines.line(s.end) !== line) break;
    if (s.type === 'VariableDeclaration' && s.kind !== 'var') return null;
    if (!copyable(s, returns, catchAll)) return null;
    nodes.push(s);
    exits = s.type === 'ReturnStatement';
  }
  if (!returns.length) return null;
  let copy = '';
  let at = nodes[0].start;
  for (const r of returns) {
    if (!r.argument) continue;
    copy += source.slice(at, r.argument.start) + `${HELPER.ret}((` + source.slice(r.argument.start, r.argument.end) + '))';
    at = r.argument.end;
  }
  copy += source.slice(at, nodes[nodes.length - 1].end);
  return { nodes, copy, exits, returns };
}

/**
 * Whether `n` can run as a copy (see LineRun); collects its return statements. Hand-written rather than acorn-walk:
 * it stops at the first node that cannot be copied, where an acorn-walk walker would have to be thrown out of.
 */
export function copyable(n: AnyNode, returns: AnyNode[], catchAll = false): boolean {
  switch (n.type) {
    // Under exception wrappers an await and a promise chain's call are edited (they link async callers): a copy
    // would lose that. Their call statements run the taken branch outside stepping too (callers' locals).
    case 'AwaitExpression':
      if (catchAll) return false;
      break;
    case 'FunctionExpression':
    case 'ArrowFunctionExpression':
    case 'FunctionDeclaration':
    case 'ClassExpression':
    case 'ClassDeclaration':
    case 'ThrowStatement':
    case 'TryStatement':
    case 'DebuggerStatement':
    case 'ImportExpression':
    // A loop body has checks of its own (a pause must reach a one-line loop): a copy would run without them.
    case 'ForStatement':
    case 'ForInStatement':
    case 'ForOfStatement':
    case 'WhileStatement':
    case 'DoWhileStatement':
      return false;
    case 'CallExpression':
      if (n.callee.type === 'Identifier' && n.callee.name === 'eval') return false;
      if (catchAll && n.callee.type === 'MemberExpression' && /^(then|catch|finally)$/.test(n.callee.property.name ?? n.callee.property.value)) return false;
      break;
    case 'ReturnStatement':
      returns.push(n);
      break;
  }
  for (const key in n) {
    if (key === 'type' || key === 'loc' || key === 'start' || key === 'end') continue;
    const v = n[key];
    if (Array.isArray(v)) {
      for (const c of v) if (c && typeof c.type === 'string' && !copyable(c, returns, catchAll)) return false;
    } else if (v && typeof v === 'object' && typeof v.type === 'string' && !copyable(v, returns, catchAll)) return false;
  }
  return true;
}
