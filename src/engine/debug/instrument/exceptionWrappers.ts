/**
 * Exception wrappers (only while exception breakpoints are on): where a function body or block is split into nested
 * try blocks, the catch each one ends with, the catch sites they add to the statement table, and the reporting of
 * `throw` statements, which need no wrapper to be seen with their frame.
 */
import { HELPER } from './kernelNames';
import type { AnyNode } from './parse';
import { boundNames } from '../../estree';
import { fnId, post, pre, readerThunk, tokenArg, type WalkContext } from './walkContext';

/**
 * The end of a try block an exception wrapper added: its catch reports the error with the locals `list` reads, then
 * rethrows it. A reader that throws (a name in its TDZ after an unforeseen jump) must not replace the program's
 * error: that report is skipped and an outer catch makes it. No binding for that inner catch: every local a function
 * has costs on each call.
 */
export function reportingCatch(fid: number, site: number, list: string, tok: string): string {
  return `}catch(__qde){try{${HELPER.caught}(__qde,${fid},${site},${list}${tok})}catch{}throw __qde}`;
}

/**
 * Indices of the let/const/class declarations in `list` after which an exception wrapper may open a nested try
 * (see exceptionWrapper): none before a function declaration, none whose names (or those of a later
 * declaration) appear in an earlier statement, none at all with a direct eval.
 */
export function splitPoints(list: AnyNode[]): number[] {
  const candidates: number[] = [];
  let lastFn = -1;
  list.forEach((s, i) => {
    if ((s.type === 'VariableDeclaration' && s.kind !== 'var') || s.type === 'ClassDeclaration') candidates.push(i);
    else if (s.type === 'FunctionDeclaration') lastFn = i;
  });
  const usable = candidates.filter((i) => i > lastFn && i < list.length - 1);
  if (!usable.length) return [];
  // Names declared at or after each candidate.
  const later = new Set<string>();
  const laterAt = new Map<number, Set<string>>();
  for (let k = candidates.length - 1; k >= 0; k--) {
    const s = list[candidates[k]];
    if (s.type === 'ClassDeclaration') later.add(s.id.name);
    else for (const d of s.declarations) for (const name of boundNames(d.id)) later.add(name);
    laterAt.set(candidates[k], new Set(later));
  }
  const seen = new Set<string>();
  const out: number[] = [];
  let next = 0;
  for (let i = 0; i < list.length && next < usable.length; i++) {
    if (i === usable[next]) {
      const names = laterAt.get(i)!;
      if (seen.has('eval')) return out;
      let clash = false;
      for (const n of names) if (seen.has(n)) clash = true;
      if (!clash) out.push(i);
      next++;
    }
    identifiers(list[i], seen);
  }
  return out;
}

/**
 * Every identifier name written in `n`, nested functions included. Hand-written rather than acorn-walk: it must
 * also see the names acorn-walk's base walker skips (non-computed keys and member names, labels), since a split
 * is refused on any name that merely looks like a later declaration's; fewer names would mean more splits.
 */
function identifiers(n: AnyNode, out: Set<string>) {
  if (n.type === 'Identifier') out.add(n.name);
  for (const key in n) {
    if (key === 'type' || key === 'loc' || key === 'start' || key === 'end') continue;
    const v = n[key];
    if (Array.isArray(v)) {
      for (const c of v) if (c && typeof c.type === 'string') identifiers(c, out);
    } else if (v && typeof v === 'object' && typeof v.type === 'string') identifiers(v, out);
  }
}

/**
 * Exception wrapper of a statement list, between offsets `open` and `close` (inside its braces), in a function:
 * engine-thrown errors are only seen by a catch, and a catch sees only the names in scope around its `try`. So the
 * list becomes nested try blocks split after each let/const/class declaration (`try{ a; let x; try{ b }catch{…x…}
 * }catch{…}`), and each catch reports through a reader of the names declared before its `try`. A throw in a
 * declaration's own initialiser is reported by the enclosing catch, where that name is in its TDZ anyway.
 * A split moves the later declarations into an inner block, which changes nothing unless code before the split
 * names them (a closure's forward reference, a TDZ error) or a function declaration is after it (its hoisting
 * would shrink): no split there, nor anywhere in a list with a direct eval.
 * Call it before the list's own scope is pushed; the returned function, called right after the push, makes the
 * catches that see that scope. Returns null when nothing needs wrapping.
 */
export function exceptionWrapper(w: WalkContext, list: AnyNode[], open: number, close: number, force: boolean, hide?: Set<string>): (() => void) | null {
  const body = list.filter((s) => !(s.type === 'ExpressionStatement' && s.directive !== undefined));
  if (!body.length) return null;
  const splits = splitPoints(body);
  if (!splits.length && !force) return null;
  const fid = w.fid;
  const tok = tokenArg(w);
  const site = (at: number, hidden?: Set<string>) => {
    const cid = newCatchSite(w, close);
    const reader = readerThunk(w, cid, at, hidden);
    return () => reportingCatch(fid, cid, reader().list, tok);
  };
  const outer = site(open, hide);
  return () => {
    const inner = splits.map((i) => site(body[i].end));
    pre(w, open, 'try{');
    // A declaration without its semicolon (`const a = f()` then a newline) must not run into the inner try.
    for (const i of splits) pre(w, body[i].end, w.source[body[i].end - 1] === ';' ? 'try{' : ';try{');
    post(w, close, () => inner.reverse().map((t) => t()).join('') + outer());
  };
}

/** A catch site's statement entry (see StatementInfo.catchSite), at the offset of its catch. */
export function newCatchSite(w: WalkContext, at: number): number {
  const id = w.statements.length;
  w.statementOffsets.push(at);
  const p = w.lines.position(at);
  w.statements.push({ line: p.line, column: p.column + 1, endLine: p.line, endColumn: p.column + 1, fn: fnId(w), layout: -1, catchSite: true });
  return id;
}

/** `throw x` (statement `id`) reports `x` with the frame's locals before it leaves the frame, whatever the filter. */
export function throwStatement(w: WalkContext, s: AnyNode, id: number): void {
  pre(w, s.argument.start, `${HELPER.thrown}(`);
  w.visit.expr(w, s.argument);
  const reader = readerThunk(w, id);
  const tok = tokenArg(w);
  post(w, s.argument.end, () => `,${w.fid},${id},${reader().list}${tok})`);
}
