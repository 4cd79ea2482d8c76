/**
 * Locals readers: the text each hook call passes to show a statement's locals (and write changed values back), and
 * the layouts that tell the kernel which name each value is. Built at render time, when every function's closure
 * names are known; statements that see the same names share one text and one layout.
 */
import { guardedRead } from './kernelNames';
import type { ScopeLayout, StatementInfo } from './result';
import type { FnCtx, ReaderText, Scope, ScopeFacts } from './scopes';

/** At most this many names per reader: a reader is text at every statement. */
const MAX_READER_NAMES = 60;
/**
 * Above this many names, a statement passes a direct-eval reader (`x=>eval(x)`, constant text) instead of its
 * values twice over: such scopes (module factories, big functions) made most of the code growth, and paying the
 * capture cost of an eval closure there is cheap next to their size (a factory runs once).
 */
const MAX_LISTED_NAMES = 12;
/** Closure names are listed only when few: each costs text at every statement of the function. */
const MAX_CLOSURE_NAMES = 6;

/** The readers and layouts of one file. */
export class LocalsReaders {
  /** The layouts, indexed by `StatementInfo.layout`. */
  readonly layouts: ScopeLayout[] = [];
  private readonly layoutIds = new Map<string, number>();
  private readonly readerCache = new Map<string, { reader: ReaderText; layout: number }>();

  /** `statements` is the instrumenter's own list, whose entries get their layout here. */
  constructor(private readonly facts: ScopeFacts, private readonly statements: StatementInfo[]) {}

  /** The reader text of statement (or catch site) `id` at offset `at`, seeing the scopes `local`; sets its layout. */
  text(id: number, at: number, fn: FnCtx | null, local: Scope[], hidden?: Set<string>): ReaderText {
    {
      // Statements that see the same names get the same text: compute it once per distinct view.
      let key = fn ? `${fn.id}:` : 't:';
      if (hidden?.size) key += `-${[...hidden].join(',')}:`;
      // A catch in a derived constructor may run before super(): reading `this` there would throw.
      const noThis = !!fn?.derivedCtor && id >= 0 && !!this.statements[id].catchSite;
      if (noThis) key += 'nothis:';
      for (const sc of local) {
        key += `${this.facts.id(sc.names)}`;
        const pos = this.facts.initialisedAt(sc.names);
        if (pos) {
          let n = 0;
          for (const p of pos.values()) if (p <= at) n++;
          key += `.${n}`;
        }
        key += ',';
      }
      const hit = this.readerCache.get(key);
      if (hit) {
        if (id >= 0) this.statements[id].layout = hit.layout;
        return hit.reader;
      }
      const seen = new Set<string>();
      const withThis = !!fn?.hasThis && !noThis;
      const layout: ScopeLayout = { hasThis: withThis, groups: [] };
      const values: string[] = withThis ? [fn!.thisGuarded ? guardedRead('this') : 'this'] : [];
      const targets: string[] = withThis ? [''] : [];
      let writable = 0;
      let count = 0;
      const add = (kind: 'Local' | 'Closure', name: string, konst: boolean, guarded = false) => {
        if (seen.has(name) || count >= MAX_READER_NAMES) return;
        seen.add(name);
        let g = layout.groups[layout.groups.length - 1];
        if (!g || g.kind !== kind) layout.groups.push((g = { kind, names: [], consts: [], outer: kind === 'Closure' }));
        // A guarded name may be uninitialised: writing it back would throw, so it is shown read-only.
        const ro = konst || guarded || name === 'eval' || name === 'arguments';
        values.push(guarded ? guardedRead(name) : name);
        targets.push(ro ? '' : name);
        if (!ro) writable++;
        g.names.push(name);
        g.consts.push(ro);
        count++;
      };
      let inWith = false;
      for (const sc of local) {
        const kind = 'Local';
        // Inside a with body, names of the scopes around it would be read through its object: none are listed.
        if (sc.kind === 'with') {
          inWith = true;
          break;
        }
        const pos = this.facts.initialisedAt(sc.names);
        const unsafe = this.facts.isUnsafe(sc.names);
        for (const [name, konst] of sc.names) {
          const p = pos?.get(name);
          // A let/const/class read before its declaration ran would throw inside the reader: leave it out, and
          // leave out the names it shadows too (reading `x` here reads this binding, not the outer one).
          if (p !== undefined && (unsafe || p > at)) {
            seen.add(name);
            continue;
          }
          if (hidden?.has(name)) continue;
          add(kind, name, konst);
        }
      }
      if (fn && !inWith) {
        const outer = this.closureOf(fn).filter((c) => !c.module);
        if (outer.length <= MAX_CLOSURE_NAMES) for (const c of outer) add('Closure', c.name, c.konst, c.guarded);
      }
      const layoutKey = JSON.stringify(layout);
      let li = this.layoutIds.get(layoutKey);
      if (li === undefined) {
        li = this.layouts.length;
        this.layouts.push(layout);
        this.layoutIds.set(layoutKey, li);
      }
      if (id >= 0) this.statements[id].layout = li;
      if (count > MAX_LISTED_NAMES && !seen.has('eval')) {
        const lazy: ReaderText = { list: '__qdx=>eval(__qdx)', pattern: '' };
        this.readerCache.set(key, { reader: lazy, layout: li });
        return lazy;
      }
      // Trailing holes are dropped from the pattern: `[a,,]` and `[a]` assign the same.
      while (targets.length && targets[targets.length - 1] === '') targets.pop();
      const reader: ReaderText = { list: `[${values.join(',')}]`, pattern: writable ? `[${targets.join(',')}]` : '' };
      this.readerCache.set(key, { reader, layout: li });
      return reader;
    }
  }

  /** Names `fn` reads from enclosing functions' scopes, once its walk has ended (its refs are complete). */
  private closureOf(fn: FnCtx) {
    if (fn.closure) return fn.closure;
    const out: Array<{ name: string; konst: boolean; module: boolean; guarded: boolean }> = [];
    for (const name of fn.refs) {
      if (fn.declared.has(name)) continue;
      for (let i = fn.outerChain.length - 1; i >= 0; i--) {
        const sc = fn.outerChain[i];
        // Past a with statement, the name may resolve through its object: it is not read at all.
        if (sc.kind === 'script' || sc.kind === 'with') break;
        const konst = sc.names.get(name);
        if (konst !== undefined) {
          // A let/const/class of an outer scope is uninitialised while the function may already run when the
          // function is hoisted, written before the declaration, or in a switch (cases jump over declarations).
          const p = this.facts.initialisedAt(sc.names)?.get(name);
          const guarded = p !== undefined && (fn.hoisted || fn.info.start < p || this.facts.isUnsafe(sc.names));
          out.push({ name, konst, module: sc.kind === 'module', guarded });
          break;
        }
      }
    }
    return (fn.closure = out);
  }
}
