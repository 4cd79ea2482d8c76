// Measures (prints, never asserts timings): a run with a breakpoint set but never hit vs a plain run,
// instrumenting + compiling ~1 MB of real code, and the in-thread latency from a step to its stop.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { engine } from './harness.mjs';
import { load } from './build.mjs';

const workloads = {
  fib: `function fib(n) { if (n < 2) return n; return fib(n - 1) + fib(n - 2); }\nfib(24)`,
  loops: `function sieve(n) { const a = new Uint8Array(n + 1); let c = 0; for (let i = 2; i <= n; i++) { if (!a[i]) { c++; for (let j = i * i; j <= n; j += i) a[j] = 1; } } return c; }\nfunction work() { let s = 0; const arr = []; for (let i = 0; i < 20000; i++) arr.push((i * 7919) % 10007); arr.sort((x, y) => x - y); for (const v of arr) s += v; return s + sieve(200000); }\nwork()`,
};

function median(xs) { const s = [...xs].sort((a, b) => a - b); return s[s.length >> 1]; }

test('overhead of instrumented runs with an unhit breakpoint (release build)', async () => {
  const { controller } = await load();
  const qjs = await engine('release');
  for (const [name, src] of Object.entries(workloads)) {
    const times = { plain: [], debug: [] };
    let results = {};
    for (let round = 0; round < 5; round++) {
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
        const t0 = performance.now();
        const r = ctx.evalCode(code, '/w.js');
        times[mode].push(performance.now() - t0);
        results[mode] = ctx.dump(ctx.unwrapResult(r));
        ctl?.dispose();
        ctx.dispose();
        rt.dispose();
      }
    }
    assert.equal(results.debug, results.plain);
    const p = median(times.plain), d = median(times.debug);
    console.log(`# overhead ${name}: plain ${p.toFixed(1)} ms, instrumented with breakpoint ${d.toFixed(1)} ms, ratio ${(d / p).toFixed(2)}x`);
  }
});

test('instrument + compile ~1 MB of real code', async () => {
  const { instrument } = (await load()).instrument;
  const acorn = readFileSync(new URL('../../node_modules/acorn/dist/acorn.js', import.meta.url), 'utf8');
  let src = '';
  while (src.length < 1_000_000) src += acorn + '\n';
  const qjs = await engine('release');
  const rt = qjs.newRuntime();
  const ctx = rt.newContext();
  try {
    const tPlain = performance.now();
    ctx.unwrapResult(ctx.evalCode(src, '/big.js', { compileOnly: true })).dispose();
    const plainCompile = performance.now() - tPlain;
    const t0 = performance.now();
    const r = instrument(src, { filename: '/big.js', fileId: 0, sourceType: 'script' });
    const t1 = performance.now();
    ctx.unwrapResult(ctx.evalCode(r.code, '/big.js', { compileOnly: true })).dispose();
    const t2 = performance.now();
    assert.ok(r.statements.length > 10000);
    console.log(`# 1 MB (${(src.length / 1e6).toFixed(2)} MB, ${r.statements.length} statements): instrument ${(t1 - t0).toFixed(0)} ms + compile ${(t2 - t1).toFixed(0)} ms = ${(t2 - t0).toFixed(0)} ms; plain compile ${plainCompile.toFixed(0)} ms; code ${(r.code.length / src.length).toFixed(2)}x larger`);
  } finally {
    ctx.dispose();
    rt.dispose();
  }
});

test('latency from a step request to its stop (in-thread)', async () => {
  const { controller } = await load();
  const qjs = await engine('release');
  const rt = qjs.newRuntime();
  const ctx = rt.newContext();
  const lat = [];
  let last = 0;
  const ctl = new controller.DebugController({
    control: new Int32Array(new SharedArrayBuffer(16)),
    emit: () => {},
    onPause: (stop, c) => {
      if (last) lat.push(performance.now() - last);
      c.request('stackTrace', []);
      c.request('scopes', [0]);
      last = performance.now();
      return lat.length < 200 ? 'next' : 'continue';
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
  assert.ok(lat.length >= 100);
  console.log(`# step to stop: median ${median(lat).toFixed(3)} ms over ${lat.length} steps`);
});
