/**
 * The instrumenter's walk over one file: a check before each statement (statement hooks), the function prologues and
 * their exception wrappers, the locals readers each hook passes, and what the controller is told about the file.
 * One instance per file holds all state of the walk; the concept files beside it hold what needs none.
 * The walk is hand-written rather than acorn-walk: its edits depend on the order and nesting of the walk (the rank
 * of each insertion is the depth it was made at), on state saved and restored around each function, and on which
 * child is a statement list, a single-statement body or an expression; acorn-walk gives none of that control.
 */
import { SourceSplice } from '../splice';
import { TOKEN_LOCAL, WITH_GLOBAL, HELPER, sinkStatement, throughGlobal } from './kernelNames';
import type { CallInfo, FileScopeInfo, FunctionInfo, InstrumentOptions, InstrumentResult, StatementInfo } from './result';
import type { AnyNode } from './parse';
import { LineTable } from './parse';
import { ScopeFacts, bindNames, hoistVars, type FnCtx, type ReaderText, type Scope } from './scopes';
import { LocalsReaders } from './readers';
import { arrowBodyStart, combinatorOnOtherConstructor, hasUseStrict, inOptionalChain, isCheckable, isLoop, keyName, methodTextStart } from './syntax';
import { lineRun, type LineRun } from './lineRuns';
import { reportingCatch, splitPoints } from './exceptionWrappers';

export class Instrumenter {
  private readonly sp: SourceSplice;
  /** Positions of nodes: acorn parses without `locations` (see parseForInstrument). */
  private readonly lines: LineTable;
  private readonly facts = new ScopeFacts();
  private readonly fid: number;
  private readonly F: string;
  private readonly statements: StatementInfo[] = [];
  private readonly statementOffsets: number[] = [];
  private readonly calls: CallInfo[] = [];
  /** Statements that make a call, known once the walk has ended (see `check`). */
  private callStatements: Set<number> | null = null;
  /** Copies of a line's statements that a check's taken branch runs instead of them, by statement id (see `lineRun`). */
  private readonly runs = new Map<number, LineRun>();
  /** Return statements inside such copies: their values are seen there. */
  private readonly covered = new WeakSet<object>();
  /** The line run starting at the statement being walked, set by `statementList` for `statement` to claim. */
  private runStart: LineRun | null = null;
  private readonly functions: FunctionInfo[] = [];
  private readonly readers = new LocalsReaders(this.facts, this.statements);
  private readonly chain: Scope[] = [];
  private readonly tries: number[] = [];
  private readonly awaits: number[] = [];
  private readonly handled: number[] = [];
  /** How many `with` bodies the walk is in (functions in them included: their names resolve through it too). */
  private inWith = 0;
  private readonly imports: number[] = [];
  /** Walking the members of a class that extends another (its constructor may run before `this` exists). */
  private derivedClass = false;
  /** The next block walked is a loop body whose head declares names: its exception wrapper shows them. */
  private loopHeadBlock = false;
  private fn: FnCtx | null = null;
  /** The checked statement whose test runs last before the code being walked, in the current function. */
  private curSid = -1;
  /** Function nodes by the index they got in `functions`, for calls that pass them as arguments. */
  private readonly fnIds = new WeakMap<object, number>();
  /** A name the function or class `node` gets from where it is written (`const f = () => {}`): QuickJS's name. */
  private nameHint: { node: AnyNode; name: string } | null = null;
  /** Line of the last checked statement in the current function (reset per function and loop body). */
  private lastLine = -1;
  private depth = 0;
  /** Top-level script/eval code, where statement completion values are observable. */
  private completionSensitive: boolean;
  private strict: boolean;

  constructor(private readonly source: string, private readonly options: InstrumentOptions) {
    this.sp = new SourceSplice(source);
    this.lines = new LineTable(source);
    this.fid = options.fileId;
    this.F = HELPER.flags(options.fileId);
    this.completionSensitive = options.sourceType === 'script';
    this.strict = options.sourceType === 'module';
  }

  /** Walks the parsed file once and renders the result; an instance instruments one file once. */
  run(ast: AnyNode): InstrumentResult {
    const top: Scope = { kind: this.options.sourceType === 'module' ? 'module' : 'script', names: new Map() };
    if (top.kind === 'module') {
      for (const s of ast.body) {
        if (s.type === 'ImportDeclaration') for (const sp of s.specifiers) top.names.set(sp.local.name, true);
      }
      hoistVars(ast.body, top.names);
      this.facts.hoistLexical(ast.body, top.names);
    }
    this.chain.push(top);
    if (hasUseStrict(ast.body)) this.strict = true;
    const fileScope = this.fileScope(ast, top);
    this.statementList(ast.body);
    this.chain.pop();
    const { code, map, mapper } = this.sp.render(this.options.filename);
    return {
      code, map, mapper, statements: this.statements, functions: this.functions, scopes: this.readers.layouts, calls: this.calls, fileScope,
      tries: this.tries, awaits: this.awaits, handled: this.handled, imports: this.imports, callGates: !!this.options.catchAll,
    };
  }

  /**
   * One reader of the file's top-level bindings, registered before the first statement runs: a switch over the
   * names, so each name is read (or written) alone and a binding still in its temporal dead zone throws only for
   * itself. A script's let/const/class live in the global lexical scope, so the closure captures nothing.
   */
  private fileScope(ast: AnyNode, top: Scope): FileScopeInfo | undefined {
    if (this.options.evalCode) return undefined;
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
    this.sp.insert(first.start, `${sink}${HELPER.fileScope}(${this.fid},(__qdi,__qdw,__qdv)=>{switch(__qdi){${cases.join('')}}});`, -1e9);
    return info;
  }

  // ---- edits ----

  private pre(at: number, text: string | (() => string)) {
    this.insert(at, text, this.depth);
  }

  private post(at: number, text: string | (() => string)) {
    this.insert(at, text, -1e6 - this.depth);
  }

  /** Inserts text, its helper names reached through WITH_GLOBAL inside a `with` body (see withStatement). */
  private insert(at: number, text: string | (() => string), rank: number) {
    this.sp.insert(at, this.inWith ? throughGlobal(text) : text, rank);
  }

  /**
   * `with (o) S`: inside S every name is first looked up on `o` (its `has` trap, when `o` is a Proxy, sees it), so
   * the helpers are reached as properties of the global object, which a binding declared inside S holds: its
   * lookup stops at S's own scope, before `o`'s. `with` exists only in sloppy code, where a plain call's `this` is
   * the global object.
   */
  private withStatement(s: AnyNode) {
    this.expr(s.object);
    const body = s.body;
    const declare = `const ${WITH_GLOBAL}=function(){return this}();`;
    if (body.type === 'BlockStatement') this.sp.insert(body.start + 1, declare, -2e6);
    else {
      this.sp.insert(body.start, `{${declare}`, -2e6);
      this.sp.insert(body.end, '}', -0.5e6);
    }
    // Names outside the body resolve through the object there: readers must not read them (getters, proxies).
    this.chain.push({ kind: 'with', names: new Map() });
    this.inWith++;
    this.statement(body, false);
    this.inWith--;
    this.chain.pop();
  }

  // ---- statements ----

  /** A list of statements (program, block, case, function body): a check before each one. */
  private statementList(list: AnyNode[]) {
    for (let i = 0; i < list.length; i++) {
      const s = list[i];
      if (s.directive !== undefined && s.type === 'ExpressionStatement') continue;
      this.runStart = this.fn && this.lines.line(s.start) !== this.lastLine ? lineRun(list, i, this.source, this.lines, !!this.options.catchAll) : null;
      this.statement(s, true);
    }
  }

  /** One statement; `inList` false means a single-statement body (if/loop/with), which gets braces if checked. */
  private statement(s: AnyNode, inList: boolean, labelled = false) {
    this.depth++;
    const run = this.runStart;
    this.runStart = null;
    // One check per line and function is enough for line breakpoints and line stepping; every extra check costs
    // about 7% on a call-heavy function. Throw and debugger statements keep theirs (they report their own position).
    const firstOnLine = this.lines.line(s.start) !== this.lastLine;
    const checked = !labelled && isCheckable(s) && (firstOnLine || s.type === 'ThrowStatement' || s.type === 'DebuggerStatement');
    if (checked) this.lastLine = this.lines.line(s.start);
    // `debugger;` becomes one expression statement in place (no check before it), so it needs no braces.
    const wrap = !inList && s.type !== 'BlockStatement' && s.type !== 'EmptyStatement' && s.type !== 'DebuggerStatement';
    if (wrap) this.pre(s.start, '{');
    let id = -1;
    if (checked) {
      id = this.newStatement(s);
      this.curSid = id;
      if (run && run.nodes[0] === s) {
        this.runs.set(id, run);
        for (const r of run.returns) this.covered.add(r);
        // A copy that may fall through must skip the original: a labelled block around the line's statements.
        if (!run.exits) {
          this.pre(s.start, `${HELPER.skip}:{`);
          this.post(run.nodes[run.nodes.length - 1].end, '}');
        }
      }
      if (s.type !== 'DebuggerStatement') this.pre(s.start, this.check(id, s));
      else this.statements[id].debugger = true;
    }
    this.statementBody(s, id);
    if (wrap) this.post(s.end, '}');
    this.depth--;
  }

  private statementBody(s: AnyNode, id: number): void {
    switch (s.type) {
      case 'BlockStatement':
        return this.block(s.body, s);
      case 'StaticBlock':
        return this.block(s.body, s);
      case 'IfStatement':
        this.expr(s.test);
        this.statement(s.consequent, false);
        if (s.alternate) this.statement(s.alternate, false);
        return;
      case 'LabeledStatement': {
        const body = s.body;
        // A check between a label and its loop would break `continue label`: the label's check covers it.
        if (isLoop(body) || body.type === 'LabeledStatement' || body.type === 'BlockStatement') this.statement(body, true, true);
        else this.statementBody(body, -1);
        return;
      }
      case 'ForStatement':
        return this.loopScope(s.init, () => {
          if (s.init) s.init.type === 'VariableDeclaration' ? this.declaration(s.init) : this.expr(s.init);
          if (s.test) this.expr(s.test);
          if (s.update) this.expr(s.update);
          this.loopBody(s.body);
        });
      case 'ForInStatement':
      case 'ForOfStatement':
        return this.loopScope(s.left, () => {
          s.left.type === 'VariableDeclaration' ? this.declaration(s.left) : this.expr(s.left);
          if (s.await) this.forAwaitHead(s);
          else this.expr(s.right);
          this.loopBody(s.body);
        });
      case 'WhileStatement':
        this.expr(s.test);
        return this.loopBody(s.body);
      case 'DoWhileStatement':
        this.loopBody(s.body);
        return this.expr(s.test);
      case 'WithStatement':
        return this.withStatement(s);
      case 'SwitchStatement': {
        this.expr(s.discriminant);
        const names = new Map<string, boolean>();
        for (const c of s.cases) this.facts.hoistLexical(c.consequent, names);
        this.facts.markUnsafe(names);
        this.chain.push({ kind: 'block', names });
        for (const c of s.cases) {
          if (c.test) this.expr(c.test);
          this.statementList(c.consequent);
        }
        this.chain.pop();
        return;
      }
      case 'TryStatement':
        return this.tryStatement(s);
      case 'ReturnStatement': {
        if (!s.argument) return;
        const before = this.sp.editCount;
        this.expr(s.argument);
        const fn = this.fn;
        if (!fn || this.covered.has(s)) return;
        // Not in a copy its line's taken branch runs (below): the value passes a test of the function's gate, which
        // costs one global read per return, so only returns that no copy can cover (spanning lines, or sharing a
        // line with a function or a throw) pay it.
        const gate = HELPER.gate(this.fid, fn.id);
        const arg = s.argument;
        if (this.lines.line(arg.start) === this.lines.line(arg.end) && this.sp.editCount === before) {
          this.pre(arg.start, `${gate}?${HELPER.ret}((${this.source.slice(arg.start, arg.end)})):(`);
          this.post(arg.end, ')');
        } else {
          this.pre(arg.start, `(${HELPER.temp}=(`);
          this.post(arg.end, `),${gate}?${HELPER.ret}(${HELPER.temp}):${HELPER.temp})`);
        }
        return;
      }
      case 'ThrowStatement': {
        this.pre(s.argument.start, `${HELPER.thrown}(`);
        this.expr(s.argument);
        const reader = this.readerThunk(id);
        const tok = this.tokenArg();
        this.post(s.argument.end, () => `,${this.fid},${id},${reader().list}${tok})`);
        return;
      }
      case 'DebuggerStatement': {
        const call = this.hookCall(id, HELPER.debuggerStmt);
        const sensitive = this.completionSensitive;
        const inWith = this.inWith > 0;
        const text = () => (sensitive ? sinkStatement(call(), inWith) : call());
        this.sp.replace(s.start, s.start + 'debugger'.length, inWith ? throughGlobal(text) : text);
        return;
      }
      case 'VariableDeclaration':
        return this.declaration(s);
      case 'FunctionDeclaration':
        return this.fnNode(s);
      case 'ClassDeclaration':
        return this.classNode(s);
      case 'ExportNamedDeclaration':
        if (s.declaration) return this.statementBody(s.declaration, id);
        return;
      case 'ExportDefaultDeclaration': {
        const d = s.declaration;
        if (d.type === 'FunctionDeclaration') return this.fnNode(d);
        if (d.type === 'ClassDeclaration') return this.classNode(d);
        return this.expr(d);
      }
      case 'ExpressionStatement':
        return this.expr(s.expression);
      default:
        // Import/export-all, empty, break, continue: nothing inside to instrument.
        return;
    }
  }

  /** A loop body always gets its own check, even on the loop's line: a pause must reach a one-line loop. */
  private loopBody(body: AnyNode) {
    this.lastLine = -1;
    const head = this.chain[this.chain.length - 1];
    this.loopHeadBlock = body.type === 'BlockStatement' && head.names.size > 0;
    this.statement(body, false);
    this.loopHeadBlock = false;
  }

  /**
   * A block's statements. `node` (the block, whose braces enclose `body`) is given where an exception wrapper may
   * go; `force` wraps it even when it declares nothing (a try block, so "all" sees engine errors a catch handles;
   * a catch clause's body, so its parameter shows).
   */
  private block(body: AnyNode[], node?: AnyNode, force = false) {
    if (this.loopHeadBlock) {
      this.loopHeadBlock = false;
      force = true;
    }
    const names = new Map<string, boolean>();
    this.facts.hoistLexical(body, names);
    const wrap = node && this.options.catchAll && this.fn ? this.exceptionWrapper(body, node.start + 1, node.end - 1, force) : null;
    this.chain.push({ kind: 'block', names });
    wrap?.();
    this.statementList(body);
    this.chain.pop();
  }

  /** The token argument helpers get in an async function under exception wrappers ('' elsewhere). */
  private tokenArg(): string {
    const fn = this.fn;
    return this.options.catchAll && fn && fn.async ? `,${TOKEN_LOCAL}` : '';
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
  private exceptionWrapper(list: AnyNode[], open: number, close: number, force: boolean, hide?: Set<string>): (() => void) | null {
    const body = list.filter((s) => !(s.type === 'ExpressionStatement' && s.directive !== undefined));
    if (!body.length) return null;
    const splits = splitPoints(body);
    if (!splits.length && !force) return null;
    const fid = this.fid;
    const tok = this.tokenArg();
    const site = (at: number, hidden?: Set<string>) => {
      const cid = this.newCatchSite(close);
      const reader = this.readerThunk(cid, at, hidden);
      return () => reportingCatch(fid, cid, reader().list, tok);
    };
    const outer = site(open, hide);
    return () => {
      const inner = splits.map((i) => site(body[i].end));
      this.pre(open, 'try{');
      // A declaration without its semicolon (`const a = f()` then a newline) must not run into the inner try.
      for (const i of splits) this.pre(body[i].end, this.source[body[i].end - 1] === ';' ? 'try{' : ';try{');
      this.post(close, () => inner.reverse().map((t) => t()).join('') + outer());
    };
  }

  /** A catch site's statement entry (see StatementInfo.catchSite), at the offset of its catch. */
  private newCatchSite(at: number): number {
    const id = this.statements.length;
    this.statementOffsets.push(at);
    const p = this.lines.position(at);
    this.statements.push({ line: p.line, column: p.column + 1, endLine: p.line, endColumn: p.column + 1, fn: this.fn ? this.fn.id : -1, layout: -1, catchSite: true });
    return id;
  }

  private loopScope(head: AnyNode | null, walk: () => void) {
    const names = new Map<string, boolean>();
    if (head && head.type === 'VariableDeclaration' && head.kind !== 'var') {
      for (const d of head.declarations) bindNames(d.id, names, head.kind === 'const');
    }
    this.chain.push({ kind: 'block', names });
    walk();
    this.chain.pop();
  }

  private tryStatement(s: AnyNode) {
    const b = s.block;
    const fn = this.fn;
    // Where a try catches is static: the controller predicts caught vs uncaught from the frames' positions.
    if (s.handler) {
      this.tries.push(fn ? fn.id : -1, b.start, b.end);
      if (fn) fn.tryDepth++;
    }
    this.depth++;
    this.block(b.body, b, !!s.handler);
    this.depth--;
    if (s.handler && fn) fn.tryDepth--;
    if (s.handler) {
      const h = s.handler;
      const names = new Map<string, boolean>();
      if (h.param) bindNames(h.param, names, false);
      this.chain.push({ kind: 'block', names });
      if (h.param) this.expr(h.param);
      this.depth++;
      this.block(h.body.body, h.body, names.size > 0);
      this.depth--;
      this.chain.pop();
    }
    if (s.finalizer) {
      this.depth++;
      this.block(s.finalizer.body, s.finalizer);
      this.depth--;
    }
  }

  private declaration(d: AnyNode) {
    for (const decl of d.declarations) {
      this.expr(decl.id);
      if (decl.init) {
        if (decl.id.type === 'Identifier') this.hint(decl.init, decl.id.name);
        this.expr(decl.init);
      }
    }
  }

  /** `node`, when it is a function or class without a name of its own, is named `name` where it is written. */
  private hint(node: AnyNode, name: string) {
    if (/^(FunctionExpression|ArrowFunctionExpression|ClassExpression)$/.test(node.type) && !node.id) this.nameHint = { node, name };
  }

  private hintFor(node: AnyNode): string {
    const h = this.nameHint;
    if (!h || h.node !== node) return '';
    this.nameHint = null;
    return h.name;
  }

  private newStatement(s: AnyNode): number {
    const id = this.statements.length;
    this.statementOffsets.push(s.start);
    this.statements.push({
      line: this.lines.line(s.start),
      column: this.lines.column(s.start) + 1,
      endLine: this.lines.line(s.end),
      endColumn: this.lines.column(s.end) + 1,
      fn: this.fn ? this.fn.id : -1,
      layout: -1,
    });
    return id;
  }

  /** The flag test placed before statement `id`. */
  private check(id: number, s: AnyNode): () => string {
    const call = this.hookCall(id, HELPER.hook);
    // An `if` statement would reset a script's completion value; a `var` keeps it.
    const sensitive = this.completionSensitive && s.type !== 'ExpressionStatement';
    // The function's boolean gate first: reading a global is ~3x cheaper than reading a typed array element.
    const fn = this.fn;
    const gate = HELPER.gate(this.fid, fn ? fn.id : -1);
    const flag = `${this.F}[${id}]`;
    const inWith = this.inWith > 0;
    const catchAll = !!this.options.catchAll;
    return () => {
      // Under exception wrappers a call statement tests the function's call gate: the kernel turns it on (not the
      // gate) while such statements record callers' locals for exception stops, so that a function that ran a
      // call once before its hot loop does not make every statement of that loop test its flag.
      this.callStatements ??= new Set(this.calls.map((c) => c.sid));
      const g = catchAll && this.callStatements.has(id) ? HELPER.callGate(this.fid, fn ? fn.id : -1) : gate;
      const test = `if(${g})if(${flag})`;
      if (sensitive) return `${sinkStatement(`${g}&&${flag}&&${call()}`, inWith)};`;
      // While stepping, a copy of the line with its returned values recorded runs in the taken branch instead of
      // the line itself, so return values are seen at no cost otherwise.
      const run = this.runs.get(id);
      if (run) return `${test}{${call()};${run.copy};${run.exits ? '' : `break ${HELPER.skip}`}}`;
      return `${test}${call()};`;
    };
  }

  /**
   * The hook call of statement `id`: `fn(fid, id, [locals])`, and when some local can be assigned, the array the
   * hook returns (only after a pause changed something) is destructured back into the locals.
   */
  private hookCall(id: number, fn: string): () => string {
    const reader = this.readerThunk(id);
    return () => {
      const r = reader();
      const call = `${fn}(${this.fid},${id},${r.list})`;
      return r.pattern ? `(${HELPER.temp}=${call})&&(${r.pattern}=${HELPER.temp})` : call;
    };
  }

  /**
   * The locals of statement `id`: an array literal of values (`list`, built only when the hook runs) and the
   * destructuring pattern that writes changed values back (`pattern`, '' when nothing is assignable).
   * Closure names are known only when the function's walk ends, so the text is produced at render time.
   */
  private readerThunk(id: number, at = id >= 0 ? this.statementStart(id) : 0, hidden?: Set<string>): () => ReaderText {
    const fn = this.fn;
    const local: Scope[] = [];
    const base = fn ? fn.scopeBase : 0;
    for (let i = this.chain.length - 1; i >= base; i--) {
      const sc = this.chain[i];
      // Top-level bindings are served by the file scope reader (Script/Module scope), not per statement.
      if (sc.kind === 'script' || sc.kind === 'module') continue;
      local.push(sc);
      if (sc.kind === 'with') break;
    }
    let memo: ReaderText | undefined;
    return () => (memo ??= this.readers.text(id, at, fn, local, hidden));
  }

  private statementStart(id: number): number {
    return this.statementOffsets[id];
  }

  // ---- functions and classes ----

  private fnNode(n: AnyNode, method?: AnyNode, className?: string, derived = false) {
    const isArrow = n.type === 'ArrowFunctionExpression';
    const parent = this.fn;
    const id = this.functions.length;
    this.fnIds.set(n, id);
    const textStart = method ? methodTextStart(method, this.source) : n.start;
    // A constructor runs as its class (`new Point` calls `Point`): it takes the class's name.
    const methodName = method && !method.computed ? (method.kind === 'constructor' && className ? className : keyName(method.key)) : '';
    const info: FunctionInfo = {
      name: n.id?.name ?? (method ? methodName : this.hintFor(n)),
      kind: isArrow ? 'arrow' : method ? 'method' : 'function',
      start: textStart,
      end: n.end,
      line: this.lines.line(n.start),
      column: this.lines.column(n.start) + 1,
      leaf: !(n.async || n.generator),
      parent: parent ? parent.id : -1,
    };
    if (n.async && !n.generator) info.async = true;
    if (n.async && n.generator) (info.asyncGenerator = true), (info.bodyStart = n.body.start);
    const derivedCtor = method?.kind === 'constructor' && this.derivedClass;
    this.functions.push(info);
    const names = new Map<string, boolean>();
    for (const p of n.params) bindNames(p, names, false);
    const bodyList: AnyNode[] | null = n.body.type === 'BlockStatement' ? n.body.body : null;
    if (bodyList) {
      hoistVars(bodyList, names);
      this.facts.hoistLexical(bodyList, names);
    }
    if (!isArrow && n.id && n.type === 'FunctionExpression') names.set(n.id.name, true);
    const ctx: FnCtx = {
      id,
      info,
      async: !!n.async,
      generator: !!n.generator,
      hasThis: false,
      thisGuarded: (derived && method?.kind === 'constructor') || (isArrow && !!parent?.thisGuarded),
      hoisted: n.type === 'FunctionDeclaration',
      arrow: isArrow,
      tryDepth: 0,
      derivedCtor,
      scopeBase: this.chain.length,
      refs: new Set(),
      declared: new Set(names.keys()),
      closure: null,
      outerChain: this.chain.slice(),
      parent,
    };
    const savedSensitive = this.completionSensitive;
    const savedStrict = this.strict;
    const savedLine = this.lastLine;
    const savedSid = this.curSid;
    this.curSid = -1;
    this.lastLine = -1;
    this.completionSensitive = false;
    if (bodyList && hasUseStrict(bodyList)) this.strict = true;
    this.fn = ctx;
    this.chain.push({ kind: 'function', names });
    this.depth++;
    for (const p of n.params) this.expr(p);
    const marker = `/*Q${this.fid}.${id}*/`;
    // No depth counter: the kernel reads the call depth from the stack, and only while stepping.
    const catchAll = !!this.options.catchAll;
    // An async function's (or async generator's) invocation gets a token before anything can throw (see HELPER.token).
    const token = catchAll && ctx.async ? `var ${TOKEN_LOCAL}=${HELPER.token}(${this.fid},${id}${ctx.generator ? ',1' : ''});` : '';
    if (bodyList) {
      let at = n.body.start + 1;
      for (const s of bodyList) {
        if (s.type === 'ExpressionStatement' && s.directive !== undefined) at = s.end;
        else break;
      }
      // A directive without its semicolon must not run into the prologue (`"use strict"try{`).
      const sep = at > n.body.start + 1 && this.source[at - 1] !== ';' ? ';' : '';
      this.pre(at, () => sep + marker + token);
      // The body's catch is outside its try block: it sees parameters and vars, not the body's function declarations.
      const hide = new Set<string>();
      for (const s of bodyList) if (s.type === 'FunctionDeclaration' && s.id) hide.add(s.id.name);
      // An empty body (or one of directives only) gets no wrapper: nothing in it can throw.
      const wrap = catchAll ? this.exceptionWrapper(bodyList, at, n.body.end - 1, true, hide) : null;
      wrap?.();
      this.depth++;
      this.statementList(bodyList);
      this.depth--;
    } else {
      // Expression body: becomes a block that returns it, so it has a statement of its own.
      const e = n.body;
      const sid = this.newStatement(e);
      this.curSid = sid;
      const call = this.hookCall(sid, HELPER.hook);
      const test = `${HELPER.gate(this.fid, id)}&&${this.F}[${sid}]`;
      const before = this.sp.editCount + 1;
      let after = -1;
      // As for `return`: the taken branch repeats the body to capture its value, when the body has no edits.
      const oneLine = this.lines.line(e.start) === this.lines.line(e.end);
      const body = () => (after === before && oneLine ? this.source.slice(e.start, e.end) : undefined);
      const site = catchAll ? this.newCatchSite(n.end) : -1;
      const reader = catchAll ? this.readerThunk(site, n.body.start) : null;
      const tok = this.tokenArg();
      const epi = () => reportingCatch(this.fid, site, reader!().list, tok);
      const head = () => {
        const text = body();
        if (catchAll) return `{${marker}${token}try{if(${test}){${call()};${text === undefined ? '' : `return ${HELPER.ret}((${text}))`}}return `;
        return text === undefined ? `(${marker}${test}&&${call()},` : `(${marker}${test}?(${call()},${HELPER.ret}((${text}))):(`;
      };
      // The block a wrapped body becomes must enclose the parentheses of `() => ({ a: 1 })`, which acorn leaves
      // outside the body node, and nothing may stand between its `return` and the body: a comment holding a line
      // break there would end the return. So it goes from the body's first parenthesis to the arrow's end.
      const [open, close] = catchAll ? [arrowBodyStart(this.source, n as AnyNode & { params: AnyNode[] }), n.end] : [e.start, e.end];
      this.pre(open, head);
      this.depth++;
      this.expr(e);
      after = this.sp.editCount;
      this.depth--;
      this.post(close, () => (catchAll ? `;${epi()}}` : body() === undefined ? ')' : '))'));
    }
    this.depth--;
    this.chain.pop();
    this.fn = parent;
    this.completionSensitive = savedSensitive;
    this.strict = savedStrict;
    this.lastLine = savedLine;
    this.curSid = savedSid;
    if (parent) for (const r of ctx.refs) if (!ctx.declared.has(r)) parent.refs.add(r);
  }

  private classNode(n: AnyNode) {
    const id = this.functions.length;
    this.fnIds.set(n, id);
    const name: string = n.id?.name ?? this.hintFor(n);
    this.functions.push({
      name,
      kind: 'class',
      start: n.start,
      end: n.end,
      line: this.lines.line(n.start),
      column: this.lines.column(n.start) + 1,
      leaf: true,
      parent: this.fn ? this.fn.id : -1,
    });
    if (n.superClass) this.expr(n.superClass);
    this.pre(n.body.start + 1, `/*Q${this.fid}.${id}*/`);
    const names = new Map<string, boolean>();
    if (n.id) names.set(n.id.name, true);
    this.chain.push({ kind: 'block', names });
    const savedStrict = this.strict;
    this.strict = true;
    const savedDerived = this.derivedClass;
    this.derivedClass = !!n.superClass;
    for (const m of n.body.body) {
      if (m.computed) this.expr(m.key);
      if (m.type === 'MethodDefinition') this.fnNode(m.value, m, name, !!n.superClass);
      else if (m.type === 'PropertyDefinition' && m.value) {
        if (!m.computed) this.hint(m.value, keyName(m.key));
        this.initializer(m.value, id);
      }
      else if (m.type === 'StaticBlock') this.staticBlock(m, id);
    }
    this.derivedClass = savedDerived;
    this.strict = savedStrict;
    this.chain.pop();
  }

  /** Class field initialisers run as if in a method: `this` is the instance, completion does not matter. */
  private initializer(e: AnyNode, classId: number) {
    this.asPseudoFunction(classId, () => this.expr(e));
  }

  private staticBlock(b: AnyNode, classId: number) {
    this.asPseudoFunction(classId, () => this.block(b.body));
  }

  private asPseudoFunction(classId: number, walk: () => void) {
    const parent = this.fn;
    const info = this.functions[classId];
    const ctx: FnCtx = {
      id: classId,
      info: { ...info, kind: 'static block' },
      async: false,
      generator: false,
      hasThis: true,
      thisGuarded: false,
      hoisted: false,
      arrow: false,
      tryDepth: 0,
      scopeBase: this.chain.length,
      refs: new Set(),
      declared: new Set(),
      closure: null,
      outerChain: this.chain.slice(),
      parent,
    };
    const saved = this.completionSensitive;
    const savedLine = this.lastLine;
    const savedSid = this.curSid;
    this.curSid = -1;
    this.lastLine = -1;
    this.completionSensitive = false;
    this.fn = ctx;
    this.chain.push({ kind: 'function', names: new Map() });
    walk();
    this.chain.pop();
    this.fn = parent;
    this.completionSensitive = saved;
    this.lastLine = savedLine;
    this.curSid = savedSid;
    if (parent) for (const r of ctx.refs) parent.refs.add(r);
  }

  // ---- expressions ----


  private expr(e: AnyNode | null | undefined): void {
    if (!e) return;
    switch (e.type) {
      case 'Identifier':
        if (this.fn) this.fn.refs.add(e.name);
        return;
      case 'FunctionExpression':
      case 'ArrowFunctionExpression':
        this.depth++;
        this.fnNode(e);
        this.depth--;
        return;
      case 'ClassExpression':
        this.depth++;
        this.classNode(e);
        this.depth--;
        return;
      case 'MemberExpression':
        this.expr(e.object);
        if (e.computed) this.expr(e.property);
        return;
      case 'Property':
        if (e.computed) this.expr(e.key);
        if ((e.kind === 'get' || e.kind === 'set' || e.method) && e.value.type === 'FunctionExpression') {
          this.depth++;
          this.fnNode(e.value, e);
          this.depth--;
        } else {
          if (!e.computed) this.hint(e.value, keyName(e.key));
          this.expr(e.value);
        }
        return;
      case 'AssignmentExpression':
        if (e.left.type === 'Identifier') this.hint(e.right, e.left.name);
        else if (e.left.type === 'MemberExpression' && !e.left.computed) this.hint(e.right, keyName(e.left.property));
        break;
      case 'ThisExpression':
        // An arrow's `this` is its enclosing function's: both bind it already.
        for (let f = this.fn; f; f = f.parent) {
          f.hasThis = true;
          if (!f.arrow) break;
        }
        return;
      case 'AwaitExpression': {
        const fn = this.fn;
        this.awaits.push(fn ? fn.id : -1, e.argument.start, e.argument.end);
        if (!this.tokenArg()) break;
        // The awaited operand is marked so the kernel can link the async call in it to this frame (HELPER.awaited).
        this.pre(e.start, `${HELPER.resumed}(`);
        this.depth++;
        this.pre(e.argument.start, `${HELPER.awaited}(${HELPER.awaitStart}(),`);
        this.expr(e.argument);
        this.post(e.argument.end, `,${fn!.tryDepth > 0 ? 1 : 0},${TOKEN_LOCAL})`);
        this.depth--;
        this.post(e.end, `,${TOKEN_LOCAL})`);
        return;
      }
      case 'MetaProperty':
      case 'Literal':
      case 'Super':
      case 'PrivateIdentifier':
        return;
      case 'CallExpression':
      case 'NewExpression':
      case 'TaggedTemplateExpression':
      case 'ImportExpression':
        if (this.fn) this.fn.info.leaf = false;
        if (e.type === 'ImportExpression') {
          this.imports.push(this.fn ? this.fn.id : -1, e.start, e.end);
          break;
        }
        {
          const call = this.callSite(e);
          this.generic(e);
          if (e.type === 'CallExpression') this.markHandledCallbacks(e);
          if (e.type === 'CallExpression' && combinatorOnOtherConstructor(e)) this.handled.push(this.fn ? this.fn.id : -1, e.start, e.end);
          for (const a of e.arguments ?? []) {
            const fnId = this.fnIds.get(a);
            if (fnId !== undefined) call.fnArgs.push(fnId);
            else if (a.type === 'Identifier') call.argNames.push(a.name);
          }
          if (e.type === 'CallExpression' && e.callee.type === 'Identifier' && e.callee.name === 'eval' && e.arguments.length > 0 && !this.isLocal('eval')) {
            const a = e.arguments[0];
            if (a.type !== 'SpreadElement') {
              this.depth++;
              this.pre(a.start, `${HELPER.evalSource}(`);
              this.post(a.end, ')');
              this.depth--;
            }
          }
          return;
        }
    }
    this.generic(e);
  }

  /**
   * `for await (... of X)` awaits each step like an `await`: its head counts as one for catch prediction, and in an
   * async function under exception wrappers X is marked as an await's operand is (HELPER.awaited), so the kernel
   * links the function's invocation to whatever awaits it once the loop first waits.
   */
  private forAwaitHead(s: AnyNode) {
    const fn = this.fn;
    this.awaits.push(fn ? fn.id : -1, s.start, s.body.start);
    if (!this.tokenArg()) return this.expr(s.right);
    this.depth++;
    this.pre(s.right.start, `${HELPER.awaited}(${HELPER.awaitStart}(),`);
    this.expr(s.right);
    this.post(s.right.end, `,${fn!.tryDepth > 0 ? 1 : 0},${TOKEN_LOCAL})`);
    this.depth--;
  }

  /**
   * `X.then(a).finally(b).catch(h)` (or a last `.then(f, h)`): the callbacks before the rejection handler run from
   * jobs with no caller on the stack, and a throw in them is caught by that handler. (The `f` of a last
   * `.then(f, h)` is not covered by its own `h`.) When X is a call (`load()`, `it.next()`, `Promise.all(xs)`), a
   * rejection of the promise it returns is caught too.
   */
  private markHandledCallbacks(e: AnyNode) {
    const link = (c: AnyNode) => c.type === 'CallExpression' && c.callee.type === 'MemberExpression' && !c.callee.computed ? keyName(c.callee.property) : '';
    const name = link(e);
    if (name !== 'catch' && !(name === 'then' && e.arguments.length >= 2)) return;
    let c = e.callee.object;
    for (; /^(then|catch|finally)$/.test(link(c)); c = c.callee.object) {
      for (const a of c.arguments) {
        const id = this.fnIds.get(a);
        if (id !== undefined) this.functions[id].rejectionHandled = true;
      }
    }
    if (c.type !== 'CallExpression' && c.type !== 'NewExpression' && c.type !== 'ImportExpression') return;
    this.handled.push(this.fn ? this.fn.id : -1, c.start, c.end);
    // In an optional chain (`o.f?.().then(a, h)`) a wrapper would end the short circuit before `.then`.
    if (!this.options.catchAll || c.type === 'ImportExpression' || inOptionalChain(c)) return;
    // After an async callee resumes, its caller is off the stack: the kernel links it as handled instead. Ranked
    // between this chain (whose other edits wrap it) and the call's own parts.
    this.insert(c.start, `${HELPER.handledCall}(${HELPER.awaitStart}(),`, this.depth + 0.5);
    this.insert(c.end, ')', -1e6 - this.depth - 0.5);
  }

  /** Records a call for step-in targets and for recording caller frames' locals. */
  private callSite(e: AnyNode): CallInfo {
    const callee: AnyNode = e.type === 'TaggedTemplateExpression' ? e.tag : e.callee;
    let name = '';
    if (callee.type === 'Identifier') name = callee.name;
    else if (callee.type === 'MemberExpression' && !callee.computed) name = keyName(callee.property);
    let label = this.source.slice(callee.start, callee.end).replace(/\s+/g, ' ');
    if (label.length > 40) label = '…' + label.slice(-39);
    if (e.type === 'NewExpression') label = 'new ' + label;
    const call: CallInfo = { line: this.lines.line(e.start), column: this.lines.column(e.start) + 1, fn: this.fn ? this.fn.id : -1, label, name, sid: this.curSid, fnArgs: [], argNames: [] };
    this.calls.push(call);
    return call;
  }

  private generic(e: AnyNode) {
    this.depth++;
    for (const key in e) {
      if (key === 'type' || key === 'loc' || key === 'start' || key === 'end') continue;
      const v = e[key];
      if (Array.isArray(v)) {
        for (const c of v) if (c && typeof c.type === 'string') this.expr(c);
      } else if (v && typeof v === 'object' && typeof v.type === 'string') {
        this.expr(v);
      }
    }
    this.depth--;
  }

  private isLocal(name: string): boolean {
    for (let i = this.chain.length - 1; i >= 0; i--) if (this.chain[i].names.has(name)) return true;
    return false;
  }

}
