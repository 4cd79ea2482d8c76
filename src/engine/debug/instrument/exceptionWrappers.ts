/**
 * Exception wrappers (only while exception breakpoints are on): where a function body or block is split into nested
 * try blocks, and the catch each one ends with. `Instrumenter.exceptionWrapper` places them.
 */
import { HELPER } from './kernelNames';
import type { AnyNode } from './parse';
import { boundNames } from '../../estree';

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
 * (see Instrumenter.exceptionWrapper): none before a function declaration, none whose names (or those of a later
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
