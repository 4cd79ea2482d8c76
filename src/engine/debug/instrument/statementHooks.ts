/**
 * Statement hooks: which statements get a check, the check's text (function gate, call gate, flag byte, hook call
 * with the locals reader), the statement table entry each check gets, `debugger;` turned into a hook call, and how
 * return values are seen while stepping (line-run copies, or a gate test on the returned value).
 */
import { HELPER, sinkStatement, throughGlobal } from './kernelNames';
import { lineRun } from './lineRuns';
import type { AnyNode } from './parse';
import { isCheckable } from './syntax';
import { fnId, post, pre, readerThunk, type WalkContext } from './walkContext';

/** A new entry of the statement table for `s`; returns its id. */
export function newStatement(w: WalkContext, s: AnyNode): number {
  const id = w.statements.length;
  w.statementOffsets.push(s.start);
  w.statements.push({
    line: w.lines.line(s.start),
    column: w.lines.column(s.start) + 1,
    endLine: w.lines.line(s.end),
    endColumn: w.lines.column(s.end) + 1,
    fn: fnId(w),
    layout: -1,
  });
  return id;
}

/** The line run that starts at `list[i]`, if its check may carry one (the first statement of a line in a function). */
export function lineRunAt(w: WalkContext, list: AnyNode[], i: number): void {
  const s = list[i];
  w.runStart = w.fn && w.lines.line(s.start) !== w.lastLine ? lineRun(list, i, w.source, w.lines, !!w.options.catchAll) : null;
}

/**
 * The edits before statement `s` (in a list, or `inList` false: a single-statement body, which gets braces if
 * checked): its check, and the line run it starts. Returns the statement's id (-1 when unchecked) and whether it
 * was braced (the caller closes the brace after walking it).
 */
export function beforeStatement(w: WalkContext, s: AnyNode, inList: boolean, labelled: boolean): { id: number; braced: boolean } {
  const run = w.runStart;
  w.runStart = null;
  // One check per line and function is enough for line breakpoints and line stepping; every extra check costs
  // about 7% on a call-heavy function. Throw and debugger statements keep theirs (they report their own position).
  const firstOnLine = w.lines.line(s.start) !== w.lastLine;
  const checked = !labelled && isCheckable(s) && (firstOnLine || s.type === 'ThrowStatement' || s.type === 'DebuggerStatement');
  if (checked) w.lastLine = w.lines.line(s.start);
  // `debugger;` becomes one expression statement in place (no check before it), so it needs no braces.
  const braced = !inList && s.type !== 'BlockStatement' && s.type !== 'EmptyStatement' && s.type !== 'DebuggerStatement';
  if (braced) pre(w, s.start, '{');
  let id = -1;
  if (checked) {
    id = newStatement(w, s);
    w.curSid = id;
    if (run && run.nodes[0] === s) {
      w.runs.set(id, run);
      for (const r of run.returns) w.covered.add(r);
      // A copy that may fall through must skip the original: a labelled block around the line's statements.
      if (!run.exits) {
        pre(w, s.start, `${HELPER.skip}:{`);
        post(w, run.nodes[run.nodes.length - 1].end, '}');
      }
    }
    if (s.type !== 'DebuggerStatement') pre(w, s.start, check(w, id, s));
    else w.statements[id].debugger = true;
  }
  return { id, braced };
}

/** The flag test placed before statement `id`. */
function check(w: WalkContext, id: number, s: AnyNode): () => string {
  const call = hookCall(w, id, HELPER.hook);
  // An `if` statement would reset a script's completion value; a `var` keeps it.
  const sensitive = w.completionSensitive && s.type !== 'ExpressionStatement';
  // The function's boolean gate first: reading a global is ~3x cheaper than reading a typed array element.
  const fn = fnId(w);
  const gate = HELPER.gate(w.fid, fn);
  const flag = `${w.F}[${id}]`;
  const inWith = w.inWith > 0;
  const catchAll = !!w.options.catchAll;
  return () => {
    // Under exception wrappers a call statement tests the function's call gate: the kernel turns it on (not the
    // gate) while such statements record callers' locals for exception stops, so that a function that ran a
    // call once before its hot loop does not make every statement of that loop test its flag.
    w.callStatements ??= new Set(w.calls.map((c) => c.sid));
    const g = catchAll && w.callStatements.has(id) ? HELPER.callGate(w.fid, fn) : gate;
    const test = `if(${g})if(${flag})`;
    if (sensitive) return `${sinkStatement(`${g}&&${flag}&&${call()}`, inWith)};`;
    // While stepping, a copy of the line with its returned values recorded runs in the taken branch instead of
    // the line itself, so return values are seen at no cost otherwise.
    const run = w.runs.get(id);
    if (run) return `${test}{${call()};${run.copy};${run.exits ? '' : `break ${HELPER.skip}`}}`;
    return `${test}${call()};`;
  };
}

/**
 * The hook call of statement `id`: `fn(fid, id, [locals])`, and when some local can be assigned, the array the
 * hook returns (only after a pause changed something) is destructured back into the locals.
 */
export function hookCall(w: WalkContext, id: number, fn: string): () => string {
  const reader = readerThunk(w, id);
  return () => {
    const r = reader();
    const call = `${fn}(${w.fid},${id},${r.list})`;
    return r.pattern ? `(${HELPER.temp}=${call})&&(${r.pattern}=${HELPER.temp})` : call;
  };
}

/** `return x`: its value is seen while stepping, by the line run's copy or else through the function's gate. */
export function returnStatement(w: WalkContext, s: AnyNode): void {
  if (!s.argument) return;
  const before = w.sp.editCount;
  w.visit.expr(w, s.argument);
  const fn = w.fn;
  if (!fn || w.covered.has(s)) return;
  // Not in a copy its line's taken branch runs (above): the value passes a test of the function's gate, which
  // costs one global read per return, so only returns that no copy can cover (spanning lines, or sharing a
  // line with a function or a throw) pay it.
  const gate = HELPER.gate(w.fid, fn.id);
  const arg = s.argument;
  if (w.lines.line(arg.start) === w.lines.line(arg.end) && w.sp.editCount === before) {
    pre(w, arg.start, `${gate}?${HELPER.ret}((${w.source.slice(arg.start, arg.end)})):(`);
    post(w, arg.end, ')');
  } else {
    pre(w, arg.start, `(${HELPER.temp}=(`);
    post(w, arg.end, `),${gate}?${HELPER.ret}(${HELPER.temp}):${HELPER.temp})`);
  }
}

/** `debugger;` becomes a call of the kernel's debugger hook in its place (statement `id`). */
export function debuggerStatement(w: WalkContext, s: AnyNode, id: number): void {
  const call = hookCall(w, id, HELPER.debuggerStmt);
  const sensitive = w.completionSensitive;
  const inWith = w.inWith > 0;
  const text = () => (sensitive ? sinkStatement(call(), inWith) : call());
  w.sp.replace(s.start, s.start + 'debugger'.length, inWith ? throughGlobal(text) : text);
}
