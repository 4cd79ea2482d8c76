// Fidelity: a program behaves under the debugger exactly as in a plain run, in every mode a client uses
// (a breakpoint on every line that never pauses, the same with the "Uncaught Exceptions" filter, stepping every
// statement while inspecting each stop), even when it changes the built-ins the debugger itself could use.
// Each case is a minimal program that broke one of these modes; the inspection cases also check the Variables answer.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { debugRun, plainRun } from './harness.mjs';

const FILE = '/t/main.js';
const MAX_STOPS = 3000;
// The release engine keeps the suite quick (the debug build is ~10x slower here); one case runs on the debug build,
// whose leak check covers the paths these programs take.
const KIND = 'release';

/** Sets up one debugger mode before the file is instrumented, as a session does. */
function modeSetup(mode, source) {
  return (ctl) => {
    if (mode === 'stepping') {
      ctl.request('pause', []);
      return;
    }
    const lines = source.split('\n').map((_, i) => ({ line: i + 1, condition: 'false' }));
    ctl.request('setBreakpoints', [FILE, lines]);
    if (mode === 'uncaught') ctl.request('setExceptionBreakpoints', [{ uncaught: {} }]);
  };
}

/** What a client reads at a stop: the stack, every scope's variables; problems are collected, not thrown. */
function inspectStop(ctl, stop, problems, seen) {
  try {
    if (typeof stop.reason !== 'string') problems.push(`stop without a reason: ${JSON.stringify(stop)}`);
    const { frames } = ctl.request('stackTrace', []);
    if (!frames.length) problems.push('a stop without frames');
    for (const scope of ctl.request('scopes', [0])) {
      if (scope.name === 'Global') continue;
      for (const v of ctl.request('variables', [scope.ref])) seen.push(`${scope.name}.${v.name}=${v.value.preview}`);
    }
  } catch (e) {
    problems.push(`inspection failed: ${e.message}`);
  }
}

/** Runs `source` in one mode; returns what the program showed plus anything the debugger got wrong. */
async function runIn(mode, source, type = 'script', kind = KIND) {
  if (mode === 'plain') return { ...(await plainRun(source, { type, filename: FILE, kind })), problems: [], seen: [] };
  const problems = [];
  const seen = [];
  let stops = 0;
  const onPause = (stop, ctl) => {
    if (mode !== 'stepping') return 'continue';
    inspectStop(ctl, stop, problems, seen);
    return ++stops < MAX_STOPS ? 'stepIn' : 'continue';
  };
  const r = await debugRun(source, { type, filename: FILE, kind, setup: modeSetup(mode, source), onPause });
  if (mode === 'stepping' && stops === 0 && r.logs.length) problems.push('stepping never stopped');
  // The kernel reports its own failures (a condition that threw) as warnings: `false` never throws.
  for (const e of r.events) if (e.type === 'console' && e.level === 'warn') problems.push(`the debugger reported: ${e.text}`);
  return { ...r, problems, seen };
}

const MODES = ['breakpoints', 'uncaught', 'stepping'];

/** Asserts that every mode shows what the plain run shows: output, completion value, error. */
async function sameEverywhere(source, { type = 'script', expectLogs, kind = KIND } = {}) {
  const plain = await runIn('plain', source, type, kind);
  if (expectLogs) assert.deepEqual(plain.logs, expectLogs, 'the plain run itself');
  const runs = {};
  for (const mode of MODES) {
    const r = await runIn(mode, source, type, kind);
    assert.deepEqual(r.logs, plain.logs, `${mode}: output`);
    assert.deepEqual(r.result, plain.result, `${mode}: completion value`);
    assert.equal(r.error?.name, plain.error?.name, `${mode}: error name`);
    assert.equal(r.error?.message, plain.error?.message, `${mode}: error message`);
    assert.deepEqual(r.problems, [], `${mode}: debugger problems`);
    runs[mode] = r;
  }
  return runs;
}

// ---- the instrumenter's readers ----

test('a breakpoint on the super() line of a derived constructor that uses this', async () => {
  const runs = await sameEverywhere([
    'class A { constructor(v) { this.a = v; } }',
    'class B extends A {',
    '  constructor(v) {',
    '    super(v);',
    '    this.b = v + 1;',
    '  }',
    '}',
    'const arrowFirst = class extends A { constructor() { const f = () => this; super(1); print(f() === this); } };',
    'new arrowFirst();',
    'const b = new B(1);',
    'print(b.a, b.b);',
  ].join('\n'), { expectLogs: ['true', '1 2'] });
  // Once super() returned, the stop shows `this`.
  assert.ok(runs.stepping.seen.some((s) => s.startsWith('this.this=B')), runs.stepping.seen.join('\n'));
});

test('a breakpoint on a block-level let that shadows a parameter, and a closure over a name in its TDZ', async () => {
  await sameEverywhere([
    'function f(x) {',
    '  {',
    '    let x = 2;',
    '    print(x);',
    '  }',
    '  return x;',
    '}',
    'print(f(1));',
    'function outer() {',
    '  function g(read) {',
    '    if (read) return y;',
    "    return 'early';",
    '  }',
    '  print(g(false));',
    '  let y = 3;',
    '  return g(true);',
    '}',
    'print(outer());',
  ].join('\n'), { expectLogs: ['2', '1', 'early', '3'] });
});

test('inside a with block the locals are not read through the with object', async () => {
  await sameEverywhere([
    'var count = 0;',
    'var env = { get v() { count++; return 1; }, get [Symbol.unscopables]() { count += 100; return undefined; } };',
    'function f() {',
    '  var v = 0, w = 1;',
    '  with (env) {',
    '    v;',
    '    w;',
    '    (function inner() {',
    '      return v;',
    '    })();',
    '  }',
    '  return count;',
    '}',
    'print(f());',
  ].join('\n'));
});

// ---- modules ----

test('a module the instrumenter cannot parse fails with its SyntaxError, not as a script', async () => {
  const source = "print('ran');\nwith ({}) {}\nexport const a = 1;";
  const plain = await runIn('plain', source, 'module');
  assert.equal(plain.error?.name, 'SyntaxError');
  assert.deepEqual(plain.logs, []);
  await sameEverywhere(source, { type: 'module' });
});

// ---- replacements of built-ins the debugger makes must be indistinguishable ----

test('Function, Function.prototype.toString and the reflection wrappers look like the originals', async () => {
  await sameEverywhere([
    'const F = Function;',
    'print(new Function("").constructor === Function, Function("return 1").constructor === F, Object.getPrototypeOf(function () {}).constructor === Function);',
    'const ts = Function.prototype.toString;',
    "print(ts.name, ts.length, Object.prototype.hasOwnProperty.call(ts, 'prototype'), String(ts));",
    'try { new ts(); } catch (e) { print(e.name); }',
    'for (const fn of [Object.getOwnPropertyNames, Reflect.ownKeys, Object.getOwnPropertyDescriptors]) {',
    "  print(fn.name, fn.length, Object.prototype.hasOwnProperty.call(fn, 'prototype'), String(fn));",
    '  try { new fn({}); } catch (e) { print(e.name); }',
    '}',
    'class K {',
    '  static /* a comment */ m() { return 1; }',
    '  static',
    '  n() {}',
    '}',
    'print(K.m.toString(), K.n.toString());',
    'print(new Function("a", "b", "return a + b")(1, 2), new Function("a", "b", "return a + b").toString());',
  ].join('\n'));
});

// ---- the debugger's own code uses only intrinsics captured before the program ran ----

const hostile = {
  'Array.prototype[0] read-only': "Object.defineProperty(Array.prototype, '0', { value: 'x', writable: false });",
  'Map.prototype.get deleted': 'delete Map.prototype.get;',
  'Map.prototype.set and has poisoned': "Map.prototype.set = Map.prototype.has = function () { throw new Error('poisoned map'); };",
  'Set.prototype.add poisoned': "Set.prototype.add = function () { throw new Error('poisoned set'); };",
  'array iteration poisoned': "Array.prototype[Symbol.iterator] = function () { throw new Error('poisoned iterator'); };",
  'array methods poisoned': "for (const k of ['push', 'slice', 'map', 'filter', 'join', 'indexOf', 'fill', 'concat']) Array.prototype[k] = function () { throw new Error('poisoned ' + k); };",
  'string methods poisoned': "for (const k of ['indexOf', 'slice', 'startsWith', 'replace', 'split']) String.prototype[k] = function () { throw new Error('poisoned ' + k); };",
  'toJSON everywhere': "Object.prototype.toJSON = function () { return 'poisoned'; };",
  'Object.prototype getters': "for (const k of ['frame', 'note', 'evalIn', 'condition', 'all', 'value']) Object.defineProperty(Object.prototype, k, { get() { throw new Error('poisoned ' + k); }, configurable: true });",
  'Object statics replaced': "for (const k of ['keys', 'defineProperty', 'getPrototypeOf', 'getOwnPropertyDescriptor', 'is']) Object[k] = function () { throw new Error('poisoned Object.' + k); };",
  'Error and Uint8Array replaced': "Error = function () { throw new Error('poisoned'); }; Uint8Array = null; Map = null; Set = null; Function = null;",
  'Function.prototype call/apply/bind poisoned': "Function.prototype.call = Function.prototype.apply = Function.prototype.bind = function () { throw new Error('poisoned fn'); };",
  'eval replaced': "eval = function () { throw new Error('poisoned eval'); };",
  'instanceof poisoned': "Object.defineProperty(Map, Symbol.hasInstance, { value: () => { throw new Error('poisoned hasInstance'); } });",
};

// The map exists before the program's change (its constructor uses what some changes break).
const before = 'const m = new Map([[1, 2]]);';
const workload = [
  'function add(a, b) {',
  '  const s = a + b;',
  '  return s;',
  '}',
  'let total = 0;',
  'for (let i = 0; i < 3; i++) {',
  '  total = add(total, i);',
  '}',
  "try { null.x; } catch (e) { total += 10; }",
  "print('total', total, m.size);",
].join('\n');

for (const [name, setup] of Object.entries(hostile)) {
  test(`the debugger keeps working when the program changes built-ins: ${name}`, async () => {
    const source = `${before}\n${setup}\n${workload}`;
    const plain = await runIn('plain', source);
    assert.deepEqual(plain.logs, ['total 13 1'], 'the plain run itself');
    const runs = await sameEverywhere(source);
    // Stepping saw the locals of add at its stops.
    assert.ok(runs.stepping.seen.some((s) => s === 'Local.s=3'), `${name}: ${runs.stepping.seen.slice(0, 20).join(' ')}`);
  });
}

test('a deeply recursive program with a breakpoint on every line keeps the engine alive', async () => {
  await sameEverywhere([
    'function depth(n) {',
    '  return n === 0 ? 0 : 1 + depth(n - 1);',
    '}',
    'print(depth(100));',
  ].join('\n'), { expectLogs: ['100'] });
});

// ---- inspection never runs a program getter ----

test('showing locals at a stop does not run accessors the program replaced', async () => {
  const source = [
    'const ta = new Uint8Array(3);',
    'const m = new Map([[1, 2]]);',
    'const err = new Error("boom");',
    'const arr = [1, 2];',
    "Object.defineProperty(Object.getPrototypeOf(Uint8Array.prototype), 'length', { get() { print('length getter'); return 3; } });",
    "Object.defineProperty(Map.prototype, 'size', { get() { print('size getter'); return 1; } });",
    "Object.defineProperty(Error.prototype, 'message', { get() { print('message getter'); return 'm'; } });",
    "Object.defineProperty(arr, 0, { get() { print('index getter'); return 1; } });",
    'Date.prototype.toISOString = function () { print("toISOString"); return ""; };',
    'RegExp.prototype.toString = function () { print("regexp toString"); return ""; };',
    'const d = new Date(0), re = /x/g;',
    "print('end');",
  ].join('\n');
  const runs = await sameEverywhere(source, { expectLogs: ['end'], kind: 'debug' });
  const seen = runs.stepping.seen.join('\n');
  assert.match(seen, /Script\.ta=Uint8Array\(3\)/);
  assert.match(seen, /Script\.m=Map\(1\)/);
});
