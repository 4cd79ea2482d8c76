/**
 * The instrumenter's walk over one file: which child of each node is a statement list, a single-statement body, an
 * expression or a scope, in the order the edits depend on. What is placed on the way belongs to the concept files:
 * statement checks (`statementHooks.ts`), function prologues and records (`prologues.ts`), exception wrappers
 * (`exceptionWrappers.ts`), calls and awaits (`callSites.ts`); the state they share is one `WalkContext` per file
 * (`walkContext.ts`).
 * Statements are walked by hand rather than with acorn-walk: the rank of each insertion is the depth it was made
 * at, state is saved and restored around functions, blocks and loops, and a single-statement body is treated
 * apart from a statement list; acorn-walk's walkers give none of that control. The plain children of an
 * expression are listed by acorn-walk's base visitors (see `children`).
 */
import * as acornWalk from 'acorn-walk';
import { WITH_GLOBAL } from './kernelNames';
import type { AnyNode } from './parse';
import type { InstrumentOptions, InstrumentResult } from './result';
import { bindNames, hoistVars, type Scope } from './scopes';
import { isLoop, keyName } from './syntax';
import { awaitExpression, callExpression, forAwaitHead } from './callSites';
import { exceptionWrapper, throwStatement } from './exceptionWrappers';
import { classNode, fileScope, fnNode, hint } from './prologues';
import { beforeStatement, debuggerStatement, lineRunAt, returnStatement } from './statementHooks';
import { fnId, newWalkContext, post, type WalkContext, type WalkVisit } from './walkContext';

/** Walks the parsed file once and renders the result. */
export function instrumentTree(source: string, options: InstrumentOptions, ast: AnyNode): InstrumentResult {
  const w = newWalkContext(source, options, visit);
  const top: Scope = { kind: options.sourceType === 'module' ? 'module' : 'script', names: new Map() };
  if (top.kind === 'module') {
    for (const s of ast.body) {
      if (s.type === 'ImportDeclaration') for (const sp of s.specifiers) top.names.set(sp.local.name, true);
    }
    hoistVars(ast.body, top.names);
    w.facts.hoistLexical(ast.body, top.names);
  }
  w.chain.push(top);
  const scope = fileScope(w, ast, top);
  statementList(w, ast.body);
  w.chain.pop();
  const { code, map, mapper } = w.sp.render(options.filename);
  return {
    code, map, mapper, statements: w.statements, functions: w.functions, scopes: w.readers.layouts, calls: w.calls, fileScope: scope,
    tries: w.tries, awaits: w.awaits, handled: w.handled, imports: w.imports, callGates: !!options.catchAll,
  };
}

// ---- statements ----

function statementList(w: WalkContext, list: AnyNode[]): void {
  for (let i = 0; i < list.length; i++) {
    const s = list[i];
    if (s.directive !== undefined && s.type === 'ExpressionStatement') continue;
    lineRunAt(w, list, i);
    statement(w, s, true);
  }
}

/** One statement; `inList` false means a single-statement body (if/loop/with), which gets braces if checked. */
function statement(w: WalkContext, s: AnyNode, inList: boolean, labelled = false): void {
  w.depth++;
  const { id, braced } = beforeStatement(w, s, inList, labelled);
  statementBody(w, s, id);
  if (braced) post(w, s.end, '}');
  w.depth--;
}

/** What is inside statement `s` (checked as statement `id`, or -1). */
function statementBody(w: WalkContext, s: AnyNode, id: number): void {
  switch (s.type) {
    case 'BlockStatement':
      return block(w, s.body, s);
    case 'StaticBlock':
      return block(w, s.body, s);
    case 'IfStatement':
      expr(w, s.test);
      statement(w, s.consequent, false);
      if (s.alternate) statement(w, s.alternate, false);
      return;
    case 'LabeledStatement': {
      const body = s.body;
      // A check between a label and its loop would break `continue label`: the label's check covers it.
      if (isLoop(body) || body.type === 'LabeledStatement' || body.type === 'BlockStatement') statement(w, body, true, true);
      else statementBody(w, body, -1);
      return;
    }
    case 'ForStatement':
      return loopScope(w, s.init, () => {
        if (s.init) s.init.type === 'VariableDeclaration' ? declaration(w, s.init) : expr(w, s.init);
        if (s.test) expr(w, s.test);
        if (s.update) expr(w, s.update);
        loopBody(w, s.body);
      });
    case 'ForInStatement':
    case 'ForOfStatement':
      return loopScope(w, s.left, () => {
        s.left.type === 'VariableDeclaration' ? declaration(w, s.left) : expr(w, s.left);
        if (s.await) forAwaitHead(w, s);
        else expr(w, s.right);
        loopBody(w, s.body);
      });
    case 'WhileStatement':
      expr(w, s.test);
      return loopBody(w, s.body);
    case 'DoWhileStatement':
      loopBody(w, s.body);
      return expr(w, s.test);
    case 'WithStatement':
      return withStatement(w, s);
    case 'SwitchStatement': {
      expr(w, s.discriminant);
      const names = new Map<string, boolean>();
      for (const c of s.cases) w.facts.hoistLexical(c.consequent, names);
      w.facts.markUnsafe(names);
      w.chain.push({ kind: 'block', names });
      for (const c of s.cases) {
        if (c.test) expr(w, c.test);
        statementList(w, c.consequent);
      }
      w.chain.pop();
      return;
    }
    case 'TryStatement':
      return tryStatement(w, s);
    case 'ReturnStatement':
      return returnStatement(w, s);
    case 'ThrowStatement':
      return throwStatement(w, s, id);
    case 'DebuggerStatement':
      return debuggerStatement(w, s, id);
    case 'VariableDeclaration':
      return declaration(w, s);
    case 'FunctionDeclaration':
      return fnNode(w, s);
    case 'ClassDeclaration':
      return classNode(w, s);
    case 'ExportNamedDeclaration':
      if (s.declaration) return statementBody(w, s.declaration, id);
      return;
    case 'ExportDefaultDeclaration': {
      const d = s.declaration;
      if (d.type === 'FunctionDeclaration') return fnNode(w, d);
      if (d.type === 'ClassDeclaration') return classNode(w, d);
      return expr(w, d);
    }
    case 'ExpressionStatement':
      return expr(w, s.expression);
    default:
      // Import/export-all, empty, break, continue: nothing inside to instrument.
      return;
  }
}

/** A loop body always gets its own check, even on the loop's line: a pause must reach a one-line loop. */
function loopBody(w: WalkContext, body: AnyNode): void {
  w.lastLine = -1;
  const head = w.chain[w.chain.length - 1];
  w.loopHeadBlock = body.type === 'BlockStatement' && head.names.size > 0;
  statement(w, body, false);
  w.loopHeadBlock = false;
}

/** A loop's head scope (the let/const it declares), around the walk of the whole loop. */
function loopScope(w: WalkContext, head: AnyNode | null, walk: () => void): void {
  const names = new Map<string, boolean>();
  if (head && head.type === 'VariableDeclaration' && head.kind !== 'var') {
    for (const d of head.declarations) bindNames(d.id, names, head.kind === 'const');
  }
  w.chain.push({ kind: 'block', names });
  walk();
  w.chain.pop();
}

/**
 * A block's statements. `node` (the block, whose braces enclose `body`) is given where an exception wrapper may
 * go; `force` wraps it even when it declares nothing (a try block, so "all" sees engine errors a catch handles;
 * a catch clause's body, so its parameter shows).
 */
function block(w: WalkContext, body: AnyNode[], node?: AnyNode, force = false): void {
  if (w.loopHeadBlock) {
    w.loopHeadBlock = false;
    force = true;
  }
  const names = new Map<string, boolean>();
  w.facts.hoistLexical(body, names);
  const wrap = node && w.options.catchAll && w.fn ? exceptionWrapper(w, body, node.start + 1, node.end - 1, force) : null;
  w.chain.push({ kind: 'block', names });
  wrap?.();
  statementList(w, body);
  w.chain.pop();
}

function tryStatement(w: WalkContext, s: AnyNode): void {
  const b = s.block;
  const fn = w.fn;
  // Where a try catches is static: the controller predicts caught vs uncaught from the frames' positions.
  if (s.handler) {
    w.tries.push(fnId(w), b.start, b.end);
    if (fn) fn.tryDepth++;
  }
  w.depth++;
  block(w, b.body, b, !!s.handler);
  w.depth--;
  if (s.handler && fn) fn.tryDepth--;
  if (s.handler) {
    const h = s.handler;
    const names = new Map<string, boolean>();
    if (h.param) bindNames(h.param, names, false);
    w.chain.push({ kind: 'block', names });
    if (h.param) expr(w, h.param);
    w.depth++;
    block(w, h.body.body, h.body, names.size > 0);
    w.depth--;
    w.chain.pop();
  }
  if (s.finalizer) {
    w.depth++;
    block(w, s.finalizer.body, s.finalizer);
    w.depth--;
  }
}

/**
 * `with (o) S`: inside S every name is first looked up on `o` (its `has` trap, when `o` is a Proxy, sees it), so
 * the helpers are reached as properties of the global object, which a binding declared inside S holds: its
 * lookup stops at S's own scope, before `o`'s. `with` exists only in sloppy code, where a plain call's `this` is
 * the global object.
 */
function withStatement(w: WalkContext, s: AnyNode): void {
  expr(w, s.object);
  const body = s.body;
  const declare = `const ${WITH_GLOBAL}=function(){return this}();`;
  if (body.type === 'BlockStatement') w.sp.insert(body.start + 1, declare, -2e6);
  else {
    w.sp.insert(body.start, `{${declare}`, -2e6);
    w.sp.insert(body.end, '}', -0.5e6);
  }
  // Names outside the body resolve through the object there: readers must not read them (getters, proxies).
  w.chain.push({ kind: 'with', names: new Map() });
  w.inWith++;
  statement(w, body, false);
  w.inWith--;
  w.chain.pop();
}

function declaration(w: WalkContext, d: AnyNode): void {
  for (const decl of d.declarations) {
    expr(w, decl.id);
    if (decl.init) {
      if (decl.id.type === 'Identifier') hint(w, decl.init, decl.id.name);
      expr(w, decl.init);
    }
  }
}

// ---- expressions ----

function expr(w: WalkContext, e: AnyNode | null | undefined): void {
  if (!e) return;
  switch (e.type) {
    case 'Identifier':
      if (w.fn) w.fn.refs.add(e.name);
      return;
    case 'FunctionExpression':
    case 'ArrowFunctionExpression':
      w.depth++;
      fnNode(w, e);
      w.depth--;
      return;
    case 'ClassExpression':
      w.depth++;
      classNode(w, e);
      w.depth--;
      return;
    case 'MemberExpression':
      expr(w, e.object);
      if (e.computed) expr(w, e.property);
      return;
    case 'Property':
      if (e.computed) expr(w, e.key);
      if ((e.kind === 'get' || e.kind === 'set' || e.method) && e.value.type === 'FunctionExpression') {
        w.depth++;
        fnNode(w, e.value, e);
        w.depth--;
      } else {
        if (!e.computed) hint(w, e.value, keyName(e.key));
        expr(w, e.value);
      }
      return;
    case 'AssignmentExpression':
      if (e.left.type === 'Identifier') hint(w, e.right, e.left.name);
      else if (e.left.type === 'MemberExpression' && !e.left.computed) hint(w, e.right, keyName(e.left.property));
      break;
    case 'ThisExpression':
      // An arrow's `this` is its enclosing function's: both bind it already.
      for (let f = w.fn; f; f = f.parent) {
        f.hasThis = true;
        if (!f.arrow) break;
      }
      return;
    case 'AwaitExpression':
      if (awaitExpression(w, e)) return;
      break;
    case 'MetaProperty':
    case 'Literal':
    case 'Super':
    case 'PrivateIdentifier':
      return;
    case 'CallExpression':
    case 'NewExpression':
    case 'TaggedTemplateExpression':
    case 'ImportExpression':
      return callExpression(w, e);
  }
  children(w, e);
}

/**
 * The children of an expression node, each walked as an expression one level deeper, as acorn-walk's base visitors
 * list them. An object pattern's properties are walked as nodes instead (acorn-walk passes their keys and values
 * straight on): the Property case gives names to functions, and a rest element is a level of its own.
 */
function children(w: WalkContext, e: AnyNode): void {
  w.depth++;
  if (e.type === 'ObjectPattern') for (const p of e.properties) expr(w, p);
  else (acornWalk.base as Record<string, ChildVisitor>)[e.type](e, w, (c) => expr(w, c));
  w.depth--;
}

type ChildVisitor = (node: AnyNode, state: WalkContext, visit: (child: AnyNode) => void) => void;

/** The walk's entry points the concept modules recurse through (see WalkVisit). */
const visit: WalkVisit = { statementList, block, expr, children };
