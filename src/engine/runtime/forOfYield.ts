/**
 * A workaround for a QuickJS compiler bug, applied to package bundles. Both engines the sandbox runs (Bellard's QuickJS
 * 2025-09-13 and quickjs-ng 0.12) fail to compile a generator whose for-of loop takes its iterable from an expression
 * holding `yield` (`for (const x of yield y)`: "InternalError: stack underflow (op=110, ...)" or "nip_catch: no catch
 * op"), and the whole module then fails to load. TypeScript writes exactly that for `for (const x of await y)` in an
 * async function compiled for ES2015/ES2016 (`__awaiter` over a generator), and packages such as liquidjs use
 * generators that way themselves, so such packages could not be imported at all.
 *
 * Each such loop takes its iterable from a variable computed just before it, in a block that holds both:
 *   label: for (const x of yield y) body   ->   {let q=(yield y);label: for (const x of q) body}
 * The iterable was evaluated once before the first iteration already, so nothing else changes (only an iterable that
 * read the loop's own variable, a ReferenceError before, now reads an outer one). No line break is added or removed:
 * lines keep their numbers and the bundle's source map only needs its columns moved.
 */
import type { Node } from 'acorn';
import * as walk from 'acorn-walk';
import { TraceMap, decodedMappings, encodedMappings, type SourceMapInput } from '@jridgewell/trace-mapping';
import { lineOf, lineStarts } from './lineLayout';

/** Part of a cached bundle's key: bundles cached before a change of the rewrite are made again, never reused. */
export const ENGINE_WORKAROUNDS = 'forOfYield-1';

/** Cheap test before parsing: a for-of head with `yield` after `of` (bundles without one are most). */
const SUSPECT = /\bfor\s*(?:await\s*)?\([^;]*?\bof\b[^;]*?\byield\b/;
const VAR = '__qjs_forOfIterable';

interface Edit {
  start: number;
  end: number;
  text: string;
}

/** Whether an expression evaluates a `yield` of the function it is in (not one of a function nested in it). */
function yieldsIn(expr: Node): boolean {
  let found = false;
  walk.recursive(expr, undefined, {
    YieldExpression() {
      found = true;
    },
    Function() {}, // a nested function's yield belongs to it
  });
  return found;
}

/**
 * The code with every for-of loop that yields in its head rewritten, and its source map moved with it; undefined
 * when there is none (or the code does not parse, which QuickJS will then report itself).
 */
export function hoistYieldFromForOf(code: string, map?: string): { code: string; map?: string } | undefined {
  if (!SUSPECT.test(code)) return undefined;
  let ast: Node;
  try {
    // Required here: the engine worker loads this module at its start, acorn only for a bundle that needs it.
    const { Parser } = require('acorn') as typeof import('acorn');
    ast = Parser.parse(code, { ecmaVersion: 'latest', sourceType: 'module', allowHashBang: true });
  } catch {
    return undefined;
  }
  const edits: Edit[] = [];
  let n = 0;
  walk.ancestor(ast, {
    ForOfStatement(node, _state, ancestors) {
      const loop = node as Node & { left: Node; right: Node; body: Node };
      if (!yieldsIn(loop.right)) return;
      // A labelled loop keeps its labels: the block goes around them, `continue label` still names the loop.
      let start = loop.start;
      for (let i = ancestors.length - 2; i >= 0 && ancestors[i]!.type === 'LabeledStatement'; i--) start = ancestors[i]!.start;
      const afterLeft = code.slice(loop.left.end, loop.right.start);
      const of = /^\s*of\b/.exec(afterLeft);
      const close = code.lastIndexOf(')', loop.body.start); // the for's own `)`, after any parentheses of the iterable
      if (!of || close < loop.right.end) return;
      const head = code.slice(start, loop.left.end + of[0].length); // `label: for (const x of`
      if (/[\r\n\u2028\u2029]/.test(head)) return; // moving it would move lines
      const name = `${VAR}${++n}`;
      edits.push({ start, end: start + head.length, text: `{let ${name}=(` });
      edits.push({ start: close, end: close + 1, text: `);${head} ${name})` });
      edits.push({ start: loop.end, end: loop.end, text: '}' });
    },
  });
  if (edits.length === 0) return undefined;
  edits.sort((a, b) => a.start - b.start || a.end - b.end);
  let out = '';
  let at = 0;
  for (const e of edits) {
    out += code.slice(at, e.start) + e.text;
    at = e.end;
  }
  out += code.slice(at);
  return { code: out, map: map && shiftMap(code, map, edits) };
}

/** The source map of the edited code: each generated column moved as the edits before it on its line moved it. */
function shiftMap(code: string, map: string, edits: Edit[]): string {
  const starts = lineStarts(code);
  const byLine = new Map<number, Edit[]>();
  for (const e of edits) {
    const line = lineOf(starts, e.start);
    byLine.set(line, [...(byLine.get(line) ?? []), e]);
  }
  const raw = JSON.parse(map) as SourceMapInput & { mappings: string };
  const lines = decodedMappings(new TraceMap(raw)).map((segments) => segments.map((s) => [...s]));
  for (const [line, onLine] of byLine) {
    const base = starts[line]!;
    lines[line] = (lines[line] ?? []).map((s) => {
      const offset = base + s[0]!;
      let shift = 0;
      for (const e of onLine) {
        // Text replaced or inserted before the segment moves it; a segment inside replaced text goes to its start.
        if (e.end <= offset) shift += e.text.length - (e.end - e.start);
        else if (e.start <= offset) return [e.start - base + shift, ...s.slice(1)];
        else break;
      }
      return [s[0]! + shift, ...s.slice(1)];
    });
  }
  const mappings = encodedMappings(new TraceMap({ ...(raw as object), mappings: lines } as SourceMapInput));
  return JSON.stringify({ ...(raw as object), mappings });
}
