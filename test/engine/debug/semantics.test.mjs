// Differential tests: each program runs plain and instrumented in QuickJS; output and result must agree,
// line numbers must not move, and the source map must send every statement back to where it was.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { TraceMap, originalPositionFor } from '@jridgewell/trace-mapping';
import { debugRun, plainRun } from './harness.mjs';
import { load } from './build.mjs';

const lib = (p) => readFileSync(new URL(`../../../node_modules/${p}`, import.meta.url), 'utf8');

const corpus = {
  completion: `1; var y; if (false) {} 'last'; var z = 2;`,
  completionBlock: `{ 5; let q = 1; } for (let i = 0; i < 2; i++) { i * 10; var w; }`,
  hoisting: `print(typeof f, typeof g, typeof v); var v = 1; function f() { return g(); } function g() { return 'g'; } print(f()); try { t; } catch (e) { print(e.name); } let t = 2; t`,
  strict: `'use strict'; function s() { return this === undefined; } print(s()); (function () { 'use strict'; print(typeof this); }).call(undefined); 0`,
  labels: `outer: for (let i = 0; i < 3; i++) { for (let j = 0; j < 3; j++) { if (j === 1) continue outer; if (i === 2) break outer; print(i, j); } } lbl: { print('in'); break lbl; } 'done'`,
  switchCases: `function k(x) { switch (x) { case 1: let a = 'one'; return a; case 2: case 3: return 'few'; default: return 'many'; } } [1, 2, 3, 4].map(k).join()`,
  classes: `class A { static n = 0; #p = 1; x = this.#p + 1; static { A.n = 7; } get v() { return this.x; } set v(q) { this.x = q; } m(...r) { return r.length + new.target; } static s() { return super.toString === Function.prototype.toString; } }
    class B extends A { constructor() { super(); this.y = 2; } m() { return super.m(1, 2); } }
    const b = new B(); b.v = 5; [A.n, b.v, b.y, b.m(), A.s(), String(B.name)].join()`,
  generators: `function* g(n) { let got = yield n; while (n-- > 0) got = yield got + n; return 'end'; } const it = g(3); const out = [it.next().value, it.next(10).value, it.next(20).value, it.return(5).value]; function* d() { yield* g(1); } out.concat([...d()]).join()`,
  asyncFns: `const log = []; async function a(x) { log.push('a' + x); const v = await x; log.push('b' + v); try { await Promise.reject(new Error('r')); } catch (e) { log.push(e.message); } return v * 2; }
    const arrow = async (y) => (await a(y)) + 1; arrow(2).then((v) => { log.push('v' + v); print(log.join()); }); log.push('sync'); 'started'`,
  asyncGen: `async function* ag() { yield 1; await null; yield 2; } (async () => { const r = []; for await (const v of ag()) r.push(v); print(r.join()); })(); 1`,
  argumentsThis: `function f(a, b = a + 1) { arguments[0] = 9; return [a, b, arguments.length, typeof this].join(); } print(f(1)); print(f.call({}, 1, 2)); const o = { m() { return () => this === o; } }; o.m()()`,
  arrowBodies: `const sq = (x) => x * x; const obj = (k) => ({ k }); const nested = (a) => (b) => a + b; [sq(3), obj(1).k, nested(1)(2), [1,2,3].map(v => v * 2).join('-')].join()`,
  throwsCaught: `function t(x) { if (x) throw new TypeError('bad ' + x); return 'ok'; } const r = []; for (const v of [0, 1]) { try { r.push(t(v)); } catch (e) { r.push(e.message); } finally { r.push('f'); } } r.join()`,
  uncaught: `function boom() { null.x; } function outer() { return boom(); } print('before'); outer();`,
  evalAndFunction: `var gv = 1; function e() { var lv = 2; return eval('lv + gv'); } const F = new Function('a', 'b', 'return a * b'); [e(), F(6, 7), (0, eval)('gv + 1'), Function('return 5')()].join()`,
  toStringShape: `function named(a, b) { return a + b; } const arrow = (x) => x; class K { m() { return 1; } } [named.toString(), arrow.toString(), K.toString(), new K().m.toString()].join('|')`,
  globalsHidden: `const keys = Object.keys(globalThis).filter((k) => k.startsWith('__qd')); const own = Object.getOwnPropertyNames(globalThis).filter((k) => k.startsWith('__qd')); let n = 0; for (const k in globalThis) if (k.startsWith('__qd')) n++; [keys.length, own.length, n].join()`,
  closures: `function counter() { let c = 0; return { inc: () => ++c, get: () => c }; } const k = counter(); k.inc(); k.inc(); k.get()`,
  destructuring: `const { a, b: [c, ...d] = [], ...rest } = { a: 1, b: [2, 3, 4], e: 5 }; function f({ x = 1 } = {}, [y] = [2]) { return x + y; } [a, c, d.length, rest.e, f(), f({ x: 10 }, [20])].join()`,
  getterSetterObj: `const o = { _v: 1, get v() { return this._v * 2; }, set v(x) { this._v = x; }, ['comp' + 1]() { return 'c'; } }; o.v = 5; [o.v, o.comp1()].join()`,
  promiseChains: `const o = {}; const r = o.f?.().then(() => 1, () => 2); const s = o.g?.x().catch(() => 3); async function a() { await null; return 4; }
    a().then((v) => print('then', v), () => 0); Promise.resolve(5).finally(() => {}).catch(() => {}); [String(r), String(s), typeof a().catch(() => 0).then].join()`,
  withAndSequence: `var o = { p: 3 }; with (o) { p = p + 1; } for (var i = 0, j = 10; i < j; i += 3, j -= 3); [o.p, i, j].join()`,
  recursion: `function fib(n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); } fib(15)`,
  noSemicolons: `function area(w, h) {\n  const a = w * h + 40\n  let f = function () { return a }\n  class K {}\n  return f() + (new K() ? 1 : 0)\n}\nconst result = area(1, 2)\nresult`,
  emptyBodies: `var f = function () {}; function g() {} const h = () => {}; const o = { noop() {}, get z() {} }; class C { m() {} static s() {} }
    Promise.resolve().then(() => {}).catch(() => {}); [f(), g(), h(), o.noop(), o.z, new C().m(), C.s()].map(String).join()`,
  directiveOnlyBodies: `function s() {'use strict'} const t = function () { "use strict" }; [s(), t()].map(String).join()`,
  parenthesizedArrowBodies: `const o = () => ({ a: 1 }); const p = (x) => /* c => */ (x, { b: x }); const q = (x) => // c
    ((x + 1)); const r = async () => ({ r: await 1 }); r().then((v) => print(v.r)); [o().a, p(2).b, q(3)].join()`,
  // The exception wrapper splits blocks at let/const/class: forward references, TDZ errors and hoisting stay as they were.
  lexicalSegments: `function f() { const g = () => later; let a = 1; let later = a + 1; const b = g(); class P { m() { return new Q().v; } } class Q { v = b; } return [b, new P().m(), h()].join(); function h() { return a; } }
    function tdz() { try { return typeof late; } catch (e) { return e.name; } let late = 1; }
    function shadow(x) { { let y = x; try { z; } catch (e) { y = e.name; } let z = 2; return y + z; } }
    function ev() { let a = 1; eval('var e2 = a + 1'); let b = e2 + 1; return b; }
    [f(), tdz(), shadow(1), ev()].join()`,
  exceptionsGenerators: `function* g() { let i = 0; try { while (true) { const j = i++; yield j; if (j > 5) null.x; } } finally { print('fin', i); } }
    const it = g(); it.next(); it.next(); let m; try { it.throw(new Error('into')); } catch (e) { m = e.message; }
    function* h() { const k = 1; yield k; null.y; } const it2 = h(); it2.next(); try { it2.next(); } catch (e) { m += ' ' + e.constructor.name; } m`,
  exceptionsAsync: `const log = []; async function bad(n) { await null; const v = n; if (v) throw new Error('r' + v); return null.x; }
    async function viaTry() { try { await bad(1); } catch (e) { log.push(e.message); } }
    async function notAwaited() { try { bad(2).catch((e) => log.push('c ' + e.message)); } catch (e) { log.push('never'); } }
    viaTry(); notAwaited(); bad(0).then(null, (e) => log.push(e.name)); new Promise((res, rej) => { const q = 1; throw new Error('ex' + q); }).catch((e) => log.push(e.message));
    Promise.resolve().then(() => Promise.resolve()).then(() => Promise.resolve()).then(() => print(log.join())); 0`,
  exceptionsClasses: `class A { constructor(x) { if (!x) throw new Error('no x'); this.x = x; } get bad() { const k = this.x; return k.y.z; } }
    class B extends A { constructor(x) { const pre = x * 2; super(pre); } }
    class C extends A { constructor() { let r; try { super(); } catch (e) { r = e.message; } super(1); this.r = r; } }
    const out = []; try { new B(0); } catch (e) { out.push(e.message); } try { new A(1).bad; } catch (e) { out.push(e.name); } out.push(new C().r); out.join()`,
  exceptionsFinallyLabelsSwitch: `function f(n) { const r = []; lbl: { let a = n; try { if (a > 1) break lbl; const b = a + 1; r.push(b); null.x; } finally { r.push('fin'); } } return r.join(); }
    function s(k) { switch (k) { case 1: let t = 'one'; return t.missing.x; case 2: { const u = 2; return u; } default: return 'd'; } }
    const out = []; for (const n of [1, 2]) { try { out.push(f(n)); } catch (e) { out.push(e.name); } } for (const k of [1, 2, 3]) { try { out.push(s(k)); } catch (e) { out.push(e.name); } } out.join()`,
};

/** With an exception filter on, every function body is wrapped to report engine-thrown errors: same semantics. */
const withExceptionFilter = (ctl) => ctl.request('setExceptionBreakpoints', [{ uncaught: {} }]);

for (const [name, source] of Object.entries(corpus)) {
  test(`same behaviour instrumented: ${name}`, async () => {
    const plain = await plainRun(source);
    for (const setup of [undefined, withExceptionFilter]) {
      const inst = await debugRun(source, { setup });
      const mode = setup ? 'with the uncaught-exceptions filter' : 'plain instrumentation';
      if (name === 'toStringShape' || name === 'globalsHidden') {
        assert.equal(inst.result, plain.result, mode);
        continue;
      }
      assert.deepEqual(inst.logs, plain.logs, mode);
      assert.deepEqual(inst.result, plain.result, mode);
      assert.equal(inst.error?.message, plain.error?.message, mode);
    }
  });
}

test('modules keep their semantics (top-level await, exports, imports of nothing)', async () => {
  const source = `export const a = 1; export default function def() { return a; } const v = await Promise.resolve(41); print('v', v + def());`;
  const plain = await plainRun(source, { type: 'module' });
  const inst = await debugRun(source, { type: 'module' });
  assert.deepEqual(inst.logs, plain.logs);
  assert.deepEqual(inst.logs, ['v 42']);
});

test('real library source: acorn parses, sourcemap-codec round-trips', async () => {
  const acorn = lib('acorn/dist/acorn.js') + `\n;JSON.stringify(acorn.parse('let x = [1, 2].map(a => a * 2); class Q { #p; }', { ecmaVersion: 'latest' }))`;
  const plain = await plainRun(acorn, { kind: 'release' });
  const inst = await debugRun(acorn, { kind: 'release' });
  assert.ok(plain.result && plain.result.includes('VariableDeclaration'));
  assert.equal(inst.result, plain.result);
  const codec = lib('@jridgewell/sourcemap-codec/dist/sourcemap-codec.umd.js') +
    `\n;const m = [[[0, 0, 1, 4], [6, 0, 2, 7]], [], [[3, 0, 5, 0, 1]]]; const e = sourcemapCodec.encode(m); e + '|' + JSON.stringify(sourcemapCodec.decode(e))`;
  const p2 = await plainRun(codec, { kind: 'release' });
  const i2 = await debugRun(codec, { kind: 'release' });
  assert.match(p2.result, /\|\[\[\[0,0,1,4\]/);
  assert.equal(i2.result, p2.result);
});

test('line numbers are unchanged and every statement maps back through the source map', async () => {
  const { instrument } = (await load()).instrument;
  for (const [name, source] of [...Object.entries(corpus), ['acorn', lib('acorn/dist/acorn.js')]]) {
    const r = instrument(source, { filename: 'x.js', fileId: 1, sourceType: 'script' });
    const lines = source.split('\n');
    const out = r.code.split('\n');
    assert.equal(out.length, lines.length, name);
    const tm = new TraceMap(r.map);
    // Locate each statement's first 12 characters in the instrumented line and map that column back.
    for (const s of r.statements) {
      const text = /^[\w$]+|^./.exec(lines[s.line - 1].slice(s.column - 1))[0];
      // await/yield/debugger keywords are replaced, not kept: their statements map through the replacement.
      if (/^(await|yield|debugger)$/.test(text)) continue;
      const genLine = out[s.line - 1];
      let col = -1;
      for (let from = 0; ; ) {
        const at = genLine.indexOf(text, from);
        if (at < 0) break;
        const o = originalPositionFor(tm, { line: s.line, column: at });
        if (o.line === s.line && o.column === s.column - 1) { col = at; break; }
        from = at + 1;
      }
      assert.ok(col >= 0, `${name}: statement at ${s.line}:${s.column} maps back`);
    }
  }
});

test('error positions map back: a thrown error\'s stack column points at the original operator', async () => {
  const { instrument } = (await load()).instrument;
  const source = `function f(o) {\n  const q = 1; return o.deep.x;\n}\nf({});`;
  const r = instrument(source, { filename: '/t/e.js', fileId: 0, sourceType: 'script' });
  const plain = await plainRun(source, { filename: '/t/e.js' });
  const inst = await debugRun(source, { filename: '/t/e.js' });
  const pos = (stack) => /e\.js:(\d+):(\d+)/.exec(stack).slice(1).map(Number);
  const [pl, pc] = pos(plain.error.stack);
  const [il, ic] = pos(inst.error.stack);
  assert.equal(il, pl);
  // The column mapper (what the engine maps stacks through) is exact at any column, not only at map segments.
  const o = r.mapper.mapPosition(il, ic);
  assert.deepEqual([o.line, o.column], [pl, pc]);
});

test('the column mapper sends any column of the instrumented text back to the original, between and inside edits', async () => {
  const { instrument } = (await load()).instrument;
  const source = [
    'function f(o, k) {',
    '  const a = o.propA + 1; if (k) return o.propB;',
    '  for (const x of o.list) o.propC += x;',
    '  return [a, o.propD].map((v) => v + o.propE);',
    '}',
  ].join('\n');
  const r = instrument(source, { filename: '/t/m.js', fileId: 0, sourceType: 'script' });
  const out = r.code.split('\n');
  const orig = source.split('\n');
  for (const name of ['propA', 'propB', 'propC', 'propD', 'propE']) {
    const line = orig.findIndex((l) => l.includes(name));
    // The original code comes last on its line (copies for return values run before it, in the taken branch).
    const genCol = out[line].lastIndexOf(name) + 1;
    assert.ok(genCol > orig[line].indexOf(name) + 1, `${name} moved right`);
    assert.deepEqual(r.mapper.mapPosition(line + 1, genCol), { line: line + 1, column: orig[line].indexOf(name) + 1 }, name);
    assert.deepEqual(r.mapper.mapPosition(line + 1, genCol + 3), { line: line + 1, column: orig[line].indexOf(name) + 4 }, `${name}+3`);
  }
  // A column inside inserted code maps to the original code it precedes: the statement after the check.
  const checkAt = out[1].indexOf('if(__qd') + 1;
  assert.deepEqual(r.mapper.mapPosition(2, checkAt + 2), { line: 2, column: 3 });
});

test('a `with` over a Proxy sees only the program\'s own names: breakpoints, stops, exception wrappers included', async () => {
  const source = [
    'var log = [];',
    'var env = new Proxy({ Object, n: 1 }, {',
    '  has(t, k) { log.push("has:" + String(k)); return Reflect.has(t, k); },',
    '  get(t, k, r) { log.push("get:" + String(k)); return Reflect.get(t, k, r); },',
    '});',
    'function inside() {',
    '  with (env) {',
    '    Object();',
    '    const f = () => { try { return n + 1; } catch (e) { return 0; } };',
    '    f();',
    '  }',
    '}',
    'inside();',
    'with (env) n;',
    'with (env) { Object(); debugger; }',
    'log.join()',
  ].join('\n');
  const plain = await plainRun(source);
  assert.match(plain.result, /^has:Object,get:Symbol\(Symbol.unscopables\),has:Object,get:Object,/);
  const lines = source.split('\n').map((_, i) => ({ line: i + 1, condition: 'false' }));
  const setups = [
    undefined,
    (ctl) => ctl.request('setExceptionBreakpoints', [{ all: {} }]),
    (ctl) => ctl.request('setBreakpoints', ['/t/main.js', lines]),
  ];
  for (const setup of setups) {
    let stops = 0;
    const inst = await debugRun(source, { setup, onPause: () => (stops++, 'next') });
    assert.equal(inst.result, plain.result);
    assert.ok(stops > 0 || setup !== setups[2]);
  }
});
