/**
 * Prologues: what runs first in the file (the reader of its top-level bindings) and in each function (the marker
 * the kernel finds its frame by, the invocation token of an async function under exception wrappers, the body's
 * outer exception wrapper), the function and class records the controller gets (names as QuickJS gives them,
 * kinds, positions), and the walk state saved and reset around each function's body. An arrow's expression body
 * becomes a block here, with its own statement and hook.
 */
import { HELPER, TOKEN_LOCAL } from './kernelNames';
import type { AnyNode } from './parse';
import type { FileScopeInfo, FunctionInfo } from './result';
import { bindNames, hoistVars, type FnCtx, type Scope } from './scopes';
import { arrowBodyStart, keyName, methodTextStart } from './syntax';
import { exceptionWrapper, newCatchSite, reportingCatch } from './exceptionWrappers';
import { hookCall, newStatement } from './statementHooks';
import { fnId, post, pre, readerThunk, tokenArg, type WalkContext } from './walkContext';

/**
 * One reader of the file's top-level bindings, registered before the first statement runs: a switch over the
 * names, so each name is read (or written) alone and a binding still in its temporal dead zone throws only for
 * itself. A script's let/const/class live in the global lexical scope, so the closure captures nothing.
 */
export function fileScope(w: WalkContext, ast: AnyNode, top: Scope): FileScopeInfo | undefined {
  if (w.options.evalCode) return undefined;
  let names: Map<string, boolean>;
  if (top.kind === 'module') names = top.names;
  else {
    // A script's functions and vars are properties of the global object (the Global scope shows them).
    names = new Map();
    for (const s of ast.body) {
      if (s.type === 'VariableDeclaration' && s.kind !== 'var') for (const d of s.declarations) bindNames(d.id, names, s.kind === 'const');
      else if (s.type === 'ClassDeclaration' && s.id) names.set(s.id.name, false);
    }
  }
  if (!names.size) return undefined;
  const first = ast.body.find((s: AnyNode) => !(s.type === 'ExpressionStatement' && s.directive !== undefined));
  if (!first) return undefined;
  const info: FileScopeInfo = { kind: top.kind === 'module' ? 'Module' : 'Script', names: [], consts: [] };
  const cases: string[] = [];
  for (const [name, konst] of names) {
    const i = info.names.length;
    info.names.push(name);
    info.consts.push(konst);
    cases.push(`case ${i}:${konst ? '' : `if(__qdw)${name}=__qdv;`}return ${name};`);
  }
  const sink = top.kind === 'script' ? `var ${HELPER.sink}=` : '';
  w.sp.insert(first.start, `${sink}${HELPER.fileScope}(${w.fid},(__qdi,__qdw,__qdv)=>{switch(__qdi){${cases.join('')}}});`, -1e9);
  return info;
}

/** `node`, when it is a function or class without a name of its own, is named `name` where it is written. */
export function hint(w: WalkContext, node: AnyNode, name: string): void {
  if (/^(FunctionExpression|ArrowFunctionExpression|ClassExpression)$/.test(node.type) && !node.id) w.nameHint = { node, name };
}

/** The name `node` got from where it is written ('' when none), used once. */
function hintFor(w: WalkContext, node: AnyNode): string {
  const h = w.nameHint;
  if (!h || h.node !== node) return '';
  w.nameHint = null;
  return h.name;
}

/**
 * The context of a function (or a class's pseudo-function) about to be walked, inside the current one. Written out
 * field by field rather than spread from `own`: every context then has one shape, and the walk and the readers
 * read them often (a spread made instrumenting a large file about 15% slower).
 */
function newFnCtx(w: WalkContext, own: Pick<FnCtx, 'id' | 'info' | 'async' | 'generator' | 'hasThis' | 'thisGuarded' | 'hoisted' | 'arrow' | 'derivedCtor'>, declared: Set<string>): FnCtx {
  return {
    id: own.id,
    info: own.info,
    async: own.async,
    generator: own.generator,
    hasThis: own.hasThis,
    thisGuarded: own.thisGuarded,
    hoisted: own.hoisted,
    arrow: own.arrow,
    tryDepth: 0,
    derivedCtor: own.derivedCtor,
    scopeBase: w.chain.length,
    refs: new Set(),
    declared,
    closure: null,
    outerChain: w.chain.slice(),
    parent: w.fn,
  };
}

/**
 * Walks a function's body (`walk`) in its own scope `names`: checks, lines and completion values start afresh in
 * it and are restored after it; the names it refers to and does not declare are its parent's references too.
 */
function withinFunction(w: WalkContext, ctx: FnCtx, names: Map<string, boolean>, walk: () => void): void {
  const savedSensitive = w.completionSensitive;
  const savedLine = w.lastLine;
  const savedSid = w.curSid;
  w.curSid = -1;
  w.lastLine = -1;
  w.completionSensitive = false;
  w.fn = ctx;
  w.chain.push({ kind: 'function', names });
  walk();
  w.chain.pop();
  w.fn = ctx.parent;
  w.completionSensitive = savedSensitive;
  w.lastLine = savedLine;
  w.curSid = savedSid;
  const parent = ctx.parent;
  if (parent) for (const r of ctx.refs) if (!ctx.declared.has(r)) parent.refs.add(r);
}

/** A function, arrow or method (`method` its definition, in class `className` when it has one). */
export function fnNode(w: WalkContext, n: AnyNode, method?: AnyNode, className?: string, derived = false): void {
  const isArrow = n.type === 'ArrowFunctionExpression';
  const parent = w.fn;
  const id = w.functions.length;
  w.fnIds.set(n, id);
  const textStart = method ? methodTextStart(method, w.source) : n.start;
  // A constructor runs as its class (`new Point` calls `Point`): it takes the class's name.
  const methodName = method && !method.computed ? (method.kind === 'constructor' && className ? className : keyName(method.key)) : '';
  const info: FunctionInfo = {
    name: n.id?.name ?? (method ? methodName : hintFor(w, n)),
    kind: isArrow ? 'arrow' : method ? 'method' : 'function',
    start: textStart,
    end: n.end,
    line: w.lines.line(n.start),
    column: w.lines.column(n.start) + 1,
    leaf: !(n.async || n.generator),
    parent: parent ? parent.id : -1,
  };
  if (n.async && !n.generator) info.async = true;
  if (n.async && n.generator) (info.asyncGenerator = true), (info.bodyStart = n.body.start);
  const derivedCtor = method?.kind === 'constructor' && w.derivedClass;
  w.functions.push(info);
  const names = new Map<string, boolean>();
  for (const p of n.params) bindNames(p, names, false);
  const bodyList: AnyNode[] | null = n.body.type === 'BlockStatement' ? n.body.body : null;
  if (bodyList) {
    hoistVars(bodyList, names);
    w.facts.hoistLexical(bodyList, names);
  }
  if (!isArrow && n.id && n.type === 'FunctionExpression') names.set(n.id.name, true);
  const ctx = newFnCtx(
    w,
    {
      id,
      info,
      async: !!n.async,
      generator: !!n.generator,
      hasThis: false,
      thisGuarded: (derived && method?.kind === 'constructor') || (isArrow && !!parent?.thisGuarded),
      hoisted: n.type === 'FunctionDeclaration',
      arrow: isArrow,
      derivedCtor,
    },
    new Set(names.keys()),
  );
  withinFunction(w, ctx, names, () => {
    w.depth++;
    for (const p of n.params) w.visit.expr(w, p);
    const marker = `/*Q${w.fid}.${id}*/`;
    // No depth counter: the kernel reads the call depth from the stack, and only while stepping.
    // An async function's (or async generator's) invocation gets a token before anything can throw (see HELPER.token).
    const token = w.options.catchAll && ctx.async ? `var ${TOKEN_LOCAL}=${HELPER.token}(${w.fid},${id}${ctx.generator ? ',1' : ''});` : '';
    if (bodyList) blockBody(w, n, bodyList, marker + token);
    else expressionBody(w, n, marker, token);
    w.depth--;
  });
}

/** A function's block body: the prologue after its directives, the outer exception wrapper, its statements. */
function blockBody(w: WalkContext, n: AnyNode, bodyList: AnyNode[], prologue: string): void {
  let at = n.body.start + 1;
  for (const s of bodyList) {
    if (s.type === 'ExpressionStatement' && s.directive !== undefined) at = s.end;
    else break;
  }
  // A directive without its semicolon must not run into the prologue (`"use strict"try{`).
  const sep = at > n.body.start + 1 && w.source[at - 1] !== ';' ? ';' : '';
  pre(w, at, () => sep + prologue);
  // The body's catch is outside its try block: it sees parameters and vars, not the body's function declarations.
  const hide = new Set<string>();
  for (const s of bodyList) if (s.type === 'FunctionDeclaration' && s.id) hide.add(s.id.name);
  // An empty body (or one of directives only) gets no wrapper: nothing in it can throw.
  const wrap = w.options.catchAll ? exceptionWrapper(w, bodyList, at, n.body.end - 1, true, hide) : null;
  wrap?.();
  w.depth++;
  w.visit.statementList(w, bodyList);
  w.depth--;
}

/** An arrow's expression body: becomes a block that returns it, so it has a statement of its own. */
function expressionBody(w: WalkContext, n: AnyNode, marker: string, token: string): void {
  const e = n.body;
  const catchAll = !!w.options.catchAll;
  const sid = newStatement(w, e);
  w.curSid = sid;
  const call = hookCall(w, sid, HELPER.hook);
  const test = `${HELPER.gate(w.fid, w.fn!.id)}&&${w.F}[${sid}]`;
  const before = w.sp.editCount + 1;
  let after = -1;
  // As for `return`: the taken branch repeats the body to capture its value, when the body has no edits.
  const oneLine = w.lines.line(e.start) === w.lines.line(e.end);
  const body = () => (after === before && oneLine ? w.source.slice(e.start, e.end) : undefined);
  const site = catchAll ? newCatchSite(w, n.end) : -1;
  const reader = catchAll ? readerThunk(w, site, n.body.start) : null;
  const tok = tokenArg(w);
  const epi = () => reportingCatch(w.fid, site, reader!().list, tok);
  const head = () => {
    const text = body();
    if (catchAll) return `{${marker}${token}try{if(${test}){${call()};${text === undefined ? '' : `return ${HELPER.ret}((${text}))`}}return `;
    return text === undefined ? `(${marker}${test}&&${call()},` : `(${marker}${test}?(${call()},${HELPER.ret}((${text}))):(`;
  };
  // The block a wrapped body becomes must enclose the parentheses of `() => ({ a: 1 })`, which acorn leaves
  // outside the body node, and nothing may stand between its `return` and the body: a comment holding a line
  // break there would end the return. So it goes from the body's first parenthesis to the arrow's end.
  const [open, close] = catchAll ? [arrowBodyStart(w.source, n as AnyNode & { params: AnyNode[] }), n.end] : [e.start, e.end];
  pre(w, open, head);
  w.depth++;
  w.visit.expr(w, e);
  after = w.sp.editCount;
  w.depth--;
  post(w, close, () => (catchAll ? `;${epi()}}` : body() === undefined ? ')' : '))'));
}

/** A class: its record, a marker, and its members (methods as functions, fields and static blocks as pseudo-functions). */
export function classNode(w: WalkContext, n: AnyNode): void {
  const id = w.functions.length;
  w.fnIds.set(n, id);
  const name: string = n.id?.name ?? hintFor(w, n);
  w.functions.push({
    name,
    kind: 'class',
    start: n.start,
    end: n.end,
    line: w.lines.line(n.start),
    column: w.lines.column(n.start) + 1,
    leaf: true,
    parent: fnId(w),
  });
  if (n.superClass) w.visit.expr(w, n.superClass);
  pre(w, n.body.start + 1, `/*Q${w.fid}.${id}*/`);
  const names = new Map<string, boolean>();
  if (n.id) names.set(n.id.name, true);
  w.chain.push({ kind: 'block', names });
  const savedDerived = w.derivedClass;
  w.derivedClass = !!n.superClass;
  for (const m of n.body.body) {
    if (m.computed) w.visit.expr(w, m.key);
    if (m.type === 'MethodDefinition') fnNode(w, m.value, m, name, !!n.superClass);
    else if (m.type === 'PropertyDefinition' && m.value) {
      if (!m.computed) hint(w, m.value, keyName(m.key));
      // A field initialiser runs as if in a method: `this` is the instance, completion does not matter.
      asPseudoFunction(w, id, () => w.visit.expr(w, m.value));
    } else if (m.type === 'StaticBlock') asPseudoFunction(w, id, () => w.visit.block(w, m.body));
  }
  w.derivedClass = savedDerived;
  w.chain.pop();
}

/** Class field initialisers and static blocks: walked as a function of the class (`this` bound, own checks). */
function asPseudoFunction(w: WalkContext, classId: number, walk: () => void): void {
  const info = w.functions[classId];
  const ctx = newFnCtx(
    w,
    { id: classId, info: { ...info, kind: 'static block' }, async: false, generator: false, hasThis: true, thisGuarded: false, hoisted: false, arrow: false },
    new Set(),
  );
  withinFunction(w, ctx, new Map(), walk);
}
