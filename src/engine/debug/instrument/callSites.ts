/**
 * Call sites and awaits: the call table (step-in targets, callers' locals), the positions catch prediction reads
 * (awaits, dynamic imports, calls whose rejection is handled), the async links placed under exception wrappers
 * (awaited operands, handled promise chains) and the marking of direct `eval`'s source for instrumentation.
 */
import { HELPER, TOKEN_LOCAL } from './kernelNames';
import type { AnyNode } from './parse';
import type { CallInfo } from './result';
import { combinatorOnOtherConstructor, inOptionalChain, keyName } from './syntax';
import { fnId, insert, isLocal, post, pre, tokenArg, type WalkContext } from './walkContext';

/** A call, `new`, tagged template or `import()`: recorded, its parts walked. */
export function callExpression(w: WalkContext, e: AnyNode): void {
  if (w.fn) w.fn.info.leaf = false;
  if (e.type === 'ImportExpression') {
    w.imports.push(fnId(w), e.start, e.end);
    return w.visit.children(w, e);
  }
  const call = callSite(w, e);
  w.visit.children(w, e);
  if (e.type === 'CallExpression') markHandledCallbacks(w, e);
  if (e.type === 'CallExpression' && combinatorOnOtherConstructor(e)) w.handled.push(fnId(w), e.start, e.end);
  for (const a of e.arguments ?? []) {
    const id = w.fnIds.get(a);
    if (id !== undefined) call.fnArgs.push(id);
    else if (a.type === 'Identifier') call.argNames.push(a.name);
  }
  if (e.type === 'CallExpression' && e.callee.type === 'Identifier' && e.callee.name === 'eval' && e.arguments.length > 0 && !isLocal(w, 'eval')) {
    const a = e.arguments[0];
    if (a.type !== 'SpreadElement') {
      w.depth++;
      pre(w, a.start, `${HELPER.evalSource}(`);
      post(w, a.end, ')');
      w.depth--;
    }
  }
}

/**
 * `await x`: recorded for catch prediction; in an async function under exception wrappers the awaited operand is
 * marked so the kernel can link the async call in it to this frame (HELPER.awaited). Returns false when nothing was
 * placed and the caller walks the expression as any other.
 */
export function awaitExpression(w: WalkContext, e: AnyNode): boolean {
  const fn = w.fn;
  w.awaits.push(fnId(w), e.argument.start, e.argument.end);
  if (!tokenArg(w)) return false;
  pre(w, e.start, `${HELPER.resumed}(`);
  w.depth++;
  pre(w, e.argument.start, `${HELPER.awaited}(${HELPER.awaitStart}(),`);
  w.visit.expr(w, e.argument);
  post(w, e.argument.end, `,${fn!.tryDepth > 0 ? 1 : 0},${TOKEN_LOCAL})`);
  w.depth--;
  post(w, e.end, `,${TOKEN_LOCAL})`);
  return true;
}

/**
 * `for await (... of X)` awaits each step like an `await`: its head counts as one for catch prediction, and in an
 * async function under exception wrappers X is marked as an await's operand is (HELPER.awaited), so the kernel
 * links the function's invocation to whatever awaits it once the loop first waits.
 */
export function forAwaitHead(w: WalkContext, s: AnyNode): void {
  const fn = w.fn;
  w.awaits.push(fnId(w), s.start, s.body.start);
  if (!tokenArg(w)) return w.visit.expr(w, s.right);
  w.depth++;
  pre(w, s.right.start, `${HELPER.awaited}(${HELPER.awaitStart}(),`);
  w.visit.expr(w, s.right);
  post(w, s.right.end, `,${fn!.tryDepth > 0 ? 1 : 0},${TOKEN_LOCAL})`);
  w.depth--;
}

/**
 * `X.then(a).finally(b).catch(h)` (or a last `.then(f, h)`): the callbacks before the rejection handler run from
 * jobs with no caller on the stack, and a throw in them is caught by that handler. (The `f` of a last
 * `.then(f, h)` is not covered by its own `h`.) When X is a call (`load()`, `it.next()`, `Promise.all(xs)`), a
 * rejection of the promise it returns is caught too.
 */
function markHandledCallbacks(w: WalkContext, e: AnyNode): void {
  const link = (c: AnyNode) => (c.type === 'CallExpression' && c.callee.type === 'MemberExpression' && !c.callee.computed ? keyName(c.callee.property) : '');
  const name = link(e);
  if (name !== 'catch' && !(name === 'then' && e.arguments.length >= 2)) return;
  let c = e.callee.object;
  for (; /^(then|catch|finally)$/.test(link(c)); c = c.callee.object) {
    for (const a of c.arguments) {
      const id = w.fnIds.get(a);
      if (id !== undefined) w.functions[id].rejectionHandled = true;
    }
  }
  if (c.type !== 'CallExpression' && c.type !== 'NewExpression' && c.type !== 'ImportExpression') return;
  w.handled.push(fnId(w), c.start, c.end);
  // In an optional chain (`o.f?.().then(a, h)`) a wrapper would end the short circuit before `.then`.
  if (!w.options.catchAll || c.type === 'ImportExpression' || inOptionalChain(c)) return;
  // After an async callee resumes, its caller is off the stack: the kernel links it as handled instead. Ranked
  // between this chain (whose other edits wrap it) and the call's own parts.
  insert(w, c.start, `${HELPER.handledCall}(${HELPER.awaitStart}(),`, w.depth + 0.5);
  insert(w, c.end, ')', -1e6 - w.depth - 0.5);
}

/** Records a call for step-in targets and for recording caller frames' locals. */
function callSite(w: WalkContext, e: AnyNode): CallInfo {
  const callee: AnyNode = e.type === 'TaggedTemplateExpression' ? e.tag : e.callee;
  let name = '';
  if (callee.type === 'Identifier') name = callee.name;
  else if (callee.type === 'MemberExpression' && !callee.computed) name = keyName(callee.property);
  let label = w.source.slice(callee.start, callee.end).replace(/\s+/g, ' ');
  if (label.length > 40) label = '…' + label.slice(-39);
  if (e.type === 'NewExpression') label = 'new ' + label;
  const call: CallInfo = { line: w.lines.line(e.start), column: w.lines.column(e.start) + 1, fn: fnId(w), label, name, sid: w.curSid, fnArgs: [], argNames: [] };
  w.calls.push(call);
  return call;
}
