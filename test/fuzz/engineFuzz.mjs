// Fuzzes the engine's host boundary and the debugger's instrumenter: generated programs, mutations of them, and
// slices of real library source (acorn's dist) run once plainly and once under the debugger with no breakpoints.
// Both runs must agree on console output, result, error name/message and outcome; a syntax error must name the
// line acorn names; the worker must never crash. Seeded and reproducible.
import { createRequire } from 'node:module';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { rng } from './random.mjs';

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const { Sandbox } = require(path.join(root, 'dist/engine.js'));
const acorn = require('acorn');
const acornLines = fs.readFileSync(path.join(path.dirname(require.resolve('acorn')), 'acorn.js'), 'utf8').split('\n');

const MB = 1024 * 1024;
const LIMITS = { timeoutMs: 3000, memoryLimitBytes: 64 * MB, outputLimitBytes: 256 * 1024 };

/** Statement templates; `$e` is an expression, `$v` a fresh variable name. All deterministic: no clocks, no randomness. */
const STATEMENTS = [
  'let $v = $e; console.log($v);',
  'const $v = [$e, $e, $e]; console.log($v.map((x) => typeof x).join());',
  'function $v(a, b = 2) { return [a, b, arguments.length]; } console.log($v($e));',
  'class $v { #p = 1; static s = 2; get g() { return this.#p; } m() { return super.toString === undefined; } } console.log(new $v().g, $v.s);',
  'try { null.x; } catch (e) { console.log(e.name); } finally { console.log("finally"); }',
  'for (let i = 0; i < 3; i++) { if (i === 1) continue; console.log("i", i); }',
  'outer: for (const a of [1, 2]) { for (const b of [3, 4]) { if (b === 4) continue outer; console.log(a, b); } }',
  'const { a: $v = 5, ...rest } = { b: 2, c: 3 }; console.log($v, rest);',
  'function* $v() { yield 1; yield* [2, 3]; return 4; } console.log([...$v()]);',
  'switch ($e) { case 1: console.log("one"); break; default: console.log("default"); }',
  'const $v = new Map([[1, { x: [1, 2] }]]); console.log($v, new Set("abc"));',
  'console.log(`t ${$e} ${[1, 2]}`);',
  'const $v = { get x() { return 1; }, ["k" + 1]: 2, __proto__: { inherited: true } }; console.log($v, $v.inherited);',
  'let $v = 0; do { $v++; } while ($v < 4); console.log($v);',
  'const $v = (x) => x ? $v(x - 1) + 1 : 0; console.log($v(20));',
  'console.log(typeof undefinedName, void 0, null ?? "dflt", 0 || "or", 1 && "and");',
  'label: { console.log("in"); break label; }',
  'const $v = Symbol("s"); console.log({ [$v]: 1 }, $v.description);',
  'console.log([3, 1, 2].sort((a, b) => a - b), [1, [2, [3]]].flat(Infinity));',
  'const $v = JSON.parse(JSON.stringify({ a: [1, { b: "c" }] })); console.log($v);',
  'queueMicrotask(() => console.log("micro")); Promise.resolve(1).then((v) => console.log("then", v));',
  'setTimeout(() => console.log("timer"), 0);',
  '(async () => { const v = await Promise.resolve($e); console.log("async", v); })();',
  'if ($e) { console.log("yes"); } else { console.log("no"); }',
  'throw new TypeError("thrown " + $e);',
  'undefinedFunction($e);',
];
const EXPRESSIONS = ['1', '2 + 3', '"str"', '[1, 2]', '{ a: 1 }', 'null', 'undefined', 'NaN', '-0', '10n ** 3n', '"x".repeat(3)', 'Math.max(1, 2)', '[..."ab"]', '(() => 7)()', 'typeof globalThis', '0.1 + 0.2', 'new Date(0).toISOString()', '/a+/g.source', 'Object.keys({ z: 1 })'];

function generate(r) {
  let n = 0;
  const lines = [];
  for (let i = 1 + r.int(8); i > 0; i--) {
    lines.push(r.pick(STATEMENTS).replace(/\$v/g, () => `v${n++}`).replace(/\$e/g, () => r.pick(EXPRESSIONS)));
  }
  if (r.chance(0.5)) lines.push(r.pick(EXPRESSIONS));
  return lines.join('\n');
}

/** Mutates one program: drops, duplicates or swaps characters or lines, or inserts a stray token. */
function mutate(r, code) {
  const ops = r.int(3) + 1;
  for (let i = 0; i < ops; i++) {
    const at = r.int(code.length + 1);
    switch (r.int(5)) {
      case 0: code = code.slice(0, at) + code.slice(at + 1 + r.int(3)); break;
      case 1: code = code.slice(0, at) + r.pick(['(', ')', '{', '}', ';', ',', '=>', 'await ', 'yield ', '`', '"', '/', '.', '?.', '#x', 'let ']) + code.slice(at); break;
      case 2: { const ls = code.split('\n'); const k = r.int(ls.length); ls.splice(k, 0, ls[r.int(ls.length)]); code = ls.join('\n'); break; }
      case 3: { const ls = code.split('\n'); const a = r.int(ls.length), b = r.int(ls.length); [ls[a], ls[b]] = [ls[b], ls[a]]; code = ls.join('\n'); break; }
      default: code = code.slice(0, at) + code.slice(at, at + 5).toUpperCase() + code.slice(at + 5);
    }
  }
  return code;
}

/** A contiguous slice of acorn's own source: real-world syntax, usually cut mid-construct. */
function librarySlice(r) {
  const start = r.int(acornLines.length - 10);
  return acornLines.slice(start, start + 5 + r.int(120)).join('\n');
}

/** Where acorn says a script fails to parse (1-based line), or 0 when it parses. */
function acornErrorLine(code) {
  try {
    acorn.parse(code, { ecmaVersion: 'latest', sourceType: 'script', allowHashBang: true });
    return 0;
  } catch (e) {
    return e.loc?.line ?? -1;
  }
}

async function runOnce(code, debug) {
  const sandbox = await Sandbox.create({ ...LIMITS, debug });
  if (debug && !sandbox.debug) {
    await sandbox.dispose();
    return undefined;
  }
  const events = [];
  sandbox.onEvent((e) => events.push(e));
  if (debug) await sandbox.debug.setExceptionBreakpoints({});
  const outcome = await sandbox.run({ kind: 'source', source: code, filename: '/fuzz/case.js', type: 'script' });
  const leak = await sandbox.dispose();
  const error = events.find((e) => e.type === 'error')?.error;
  const errorLine = error ? Number(/case\.js:(\d+)/.exec(error.stack)?.[1] ?? 0) : 0;
  return {
    status: outcome.status,
    logs: events.filter((e) => e.type === 'console').map((e) => e.text),
    results: events.filter((e) => e.type === 'result').map((e) => e.text),
    error: error ? `${error.name}: ${error.message}` : undefined,
    errorName: error?.name,
    errorLine,
    stopped: events.some((e) => e.type === 'stopped'),
    leak,
  };
}

/**
 * Runs `count` cases from `seed`. Resolves with counts and the list of mismatches (each with its case, for replay).
 * `debugAvailable` is false when `Sandbox.create({ debug: true })` offers no `sandbox.debug`.
 */
export async function fuzzEngine({ seed = 1, count = 60, log = () => {} } = {}) {
  const r = rng(seed);
  const stats = { seed, cases: 0, syntaxErrors: 0, syntaxLineChecked: 0, compared: 0, debugAvailable: true, crashes: 0, mismatches: [] };
  for (let i = 0; i < count; i++) {
    const kind = r.pick(['generated', 'generated', 'mutated', 'mutated', 'library']);
    const code = kind === 'generated' ? generate(r) : kind === 'mutated' ? mutate(r, generate(r)) : librarySlice(r);
    const plain = await runOnce(code, false);
    stats.cases++;
    const fail = (why) => stats.mismatches.push({ case: i, kind, why, code: code.slice(0, 600) });
    if (plain.status === 'crashed') {
      stats.crashes++;
      fail('the plain run crashed the worker');
    }
    if (plain.leak !== undefined) fail(`dispose reported ${plain.leak}`);
    const acornLine = acornErrorLine(code);
    if (plain.errorName === 'SyntaxError') {
      stats.syntaxErrors++;
      // acorn and QuickJS agree on where a script stops parsing when acorn also rejects it.
      if (acornLine > 0) {
        stats.syntaxLineChecked++;
        // QuickJS reports some early errors (a `continue` outside a loop) where the statement ends, after ASI
        // looked at the next line's token: one line later than acorn.
        if (plain.errorLine !== acornLine && plain.errorLine !== acornLine + 1) fail(`SyntaxError on line ${plain.errorLine}, acorn says line ${acornLine}: ${plain.error}`);
      }
    } else if (acornLine > 0 && plain.status !== 'error') {
      fail(`acorn rejects line ${acornLine} but QuickJS ran it (${plain.status})`);
    }
    if (stats.debugAvailable) {
      const debugged = await runOnce(code, true);
      if (!debugged) {
        stats.debugAvailable = false;
      } else {
        stats.compared++;
        if (debugged.status === 'crashed') stats.crashes++;
        if (debugged.stopped) fail('the debugger paused with no breakpoints set');
        for (const key of ['status', 'error', 'errorLine']) {
          if (debugged[key] !== plain[key]) fail(`${key} differs: plain ${JSON.stringify(plain[key])}, debugger ${JSON.stringify(debugged[key])}`);
        }
        if (JSON.stringify(debugged.logs) !== JSON.stringify(plain.logs)) fail(`console differs: plain ${JSON.stringify(plain.logs).slice(0, 300)}, debugger ${JSON.stringify(debugged.logs).slice(0, 300)}`);
        if (JSON.stringify(debugged.results) !== JSON.stringify(plain.results)) fail(`result differs: plain ${JSON.stringify(plain.results)}, debugger ${JSON.stringify(debugged.results)}`);
      }
    }
    if ((i + 1) % 50 === 0) log(`${i + 1} cases, ${stats.mismatches.length} mismatches`);
  }
  return stats;
}
