// The debugger on workloads of real size, in-thread: an instrumented run with an unhit breakpoint computes what the
// plain run computes, ~1 MB of real code instruments and compiles, and 200 steps each stop. Behaviour only: how fast
// each of these is, is measured by `npm run bench` (bench/debug.mjs: overhead, bigScript), never asserted in a test.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { engine } from './harness.mjs';
import { load } from './build.mjs';

const workloads = {
  fib: `function fib(n) { if (n < 2) return n; return fib(n - 1) + fib(n - 2); }\nfib(24)`,
  loops: `function sieve(n) { const a = new Uint8Array(n + 1); let c = 0; for (let i = 2; i <= n; i++) { if (!a[i]) { c++; for (let j = i * i; j <= n; j += i) a[j] = 1; } } return c; }\nfunction work() { let s = 0; const arr = []; for (let i = 0; i < 20000; i++) arr.push((i * 7919) % 10007); arr.sort((x, y) => x - y); for (const v of arr) s += v; return s + sieve(200000); }\nwork()`,
};

test('instrumented runs with an unhit breakpoint compute what plain runs compute (release build)', async () => {
  const { controller } = await load();
  const qjs = await engine('release');
  for (const [name, src] of Object.entries(workloads)) {
    const results = {};
    for (const mode of ['plain', 'debug']) {
      const rt = qjs.newRuntime();
      const ctx = rt.newContext();
      const ctl = mode === 'debug' ? new controller.DebugController({ control: new Int32Array(new SharedArrayBuffer(16)), emit: () => {}, onPause: () => 'continue' }) : null;
      let code = src;
      if (ctl) {
        ctl.install(ctx);
        code = ctl.instrument(src, '/w.js', 'script');
        // A breakpoint on line 1's first statement that is never reached: `if (false)`-guarded by its condition.
        ctl.request('setBreakpoints', ['/w.js', [{ line: 1, condition: 'false' }]]);
        ctl.request('setBreakpoints', ['/w.js', [{ line: 2 }]]);
      }
      const r = ctx.evalCode(code, '/w.js');
      results[mode] = ctx.dump(ctx.unwrapResult(r));
      ctl?.dispose();
      ctx.dispose();
      rt.dispose();
    }
    assert.equal(results.debug, results.plain, name);
  }
});

test('~1 MB of real code instruments and compiles', async () => {
  const { instrument } = (await load()).instrument;
  const acorn = readFileSync(new URL('../../../node_modules/acorn/dist/acorn.js', import.meta.url), 'utf8');
  let src = '';
  while (src.length < 1_000_000) src += acorn + '\n';
  const qjs = await engine('release');
  const rt = qjs.newRuntime();
  const ctx = rt.newContext();
  try {
    ctx.unwrapResult(ctx.evalCode(src, '/big.js', { compileOnly: true })).dispose();
    const r = instrument(src, { filename: '/big.js', fileId: 0, sourceType: 'script' });
    ctx.unwrapResult(ctx.evalCode(r.code, '/big.js', { compileOnly: true })).dispose();
    assert.ok(r.statements.length > 10000);
  } finally {
    ctx.dispose();
    rt.dispose();
  }
});

test('every step request of 200 stops (in-thread)', async () => {
  const { controller } = await load();
  const qjs = await engine('release');
  const rt = qjs.newRuntime();
  const ctx = rt.newContext();
  let steps = 0;
  const ctl = new controller.DebugController({
    control: new Int32Array(new SharedArrayBuffer(16)),
    emit: () => {},
    onPause: (stop, c) => {
      c.request('stackTrace', []);
      c.request('scopes', [0]);
      steps++;
      return steps <= 200 ? 'next' : 'continue';
    },
  });
  try {
    ctl.install(ctx);
    const src = 'let s = 0;\nfor (let i = 0; i < 1000; i++) {\n  s += i;\n  s -= 1;\n}\ns';
    const code = ctl.instrument(src, '/s.js', 'script');
    ctl.request('setBreakpoints', ['/s.js', [{ line: 3 }]]);
    const r = ctx.unwrapResult(ctx.evalCode(code, '/s.js'));
    r.dispose();
  } finally {
    ctl.dispose();
    ctx.dispose();
    rt.dispose();
  }
  assert.ok(steps > 200, `${steps} stops: the breakpoint's and one for each of 200 steps`);
});
