// Scale: many sandboxes at once, and a thousand runs in a row on the leak-checking build without leaks or growth.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Sandbox, run, guard, GUARD_MS } from './helpers.mjs';

test('20 sandboxes at once all complete with their own correct results', async () => {
  const primeCount = (n) => {
    let c = 0;
    for (let i = 2; i < n; i++) {
      let p = true;
      for (let d = 2; d * d <= i; d++) if (i % d === 0) { p = false; break; }
      if (p) c++;
    }
    return c;
  };
  const limits = Array.from({ length: 20 }, (_, i) => 2000 + i * 500);
  const source = (n) => `let c = 0;
    for (let i = 2; i < ${n}; i++) { let p = true; for (let d = 2; d * d <= i; d++) if (i % d === 0) { p = false; break; } if (p) c++; }
    await new Promise((r) => setTimeout(r, 10));
    console.log(${n}, c);`;
  const results = await Promise.all(limits.map((n) => run(source(n), { timeoutMs: 60_000 })));
  results.forEach((r, i) => {
    assert.equal(r.outcome.status, 'completed', JSON.stringify(r.errors));
    assert.equal(r.leak, undefined);
    assert.deepEqual(r.logs, [`${limits[i]} ${primeCount(limits[i])}`]);
  });
});

test('1,000 runs in a row on the debug build: no leak at any dispose, host memory flat after warm-up', async () => {
  const RUNS_PER_SANDBOX = 100;
  const SANDBOXES = 10;
  const rss = [];
  let completed = 0;
  for (let s = 0; s < SANDBOXES; s++) {
    const sandbox = await Sandbox.create({ leakCheck: true, timeoutMs: 10_000 });
    const seen = [];
    sandbox.onEvent((e) => e.type === 'result' && seen.push(e.text));
    for (let i = 0; i < RUNS_PER_SANDBOX; i++) {
      // Runs share the context (like a REPL), so each run keeps its bindings inside a block.
      const outcome = await guard(sandbox.run({ kind: 'source', source: `{ const o = { i: ${i}, list: [1, 2, 3].map((x) => x * ${i}), m: new Map([[${i}, 's${i}']]) }; o.list.join('-') + o.m.get(${i}); }` }), GUARD_MS, `run ${s}/${i}`);
      assert.equal(outcome.status, 'completed');
      completed++;
    }
    assert.equal(seen.length, RUNS_PER_SANDBOX);
    assert.equal(seen.at(-1), `'99-198-297s99'`);
    assert.equal(sandbox.disposed, false, 'the engine survived every run');
    assert.equal(await sandbox.dispose(), undefined, `leak reported by sandbox ${s}`);
    global.gc?.();
    rss.push(process.memoryUsage().rss);
  }
  assert.equal(completed, 1000);
  const warm = rss[1];
  const growthMb = (Math.max(...rss.slice(2)) - warm) / 1024 / 1024;
  console.log(`# RSS every 100 runs (MB): ${rss.map((b) => (b / 1024 / 1024).toFixed(0)).join(' ')}; growth after warm-up ${growthMb.toFixed(1)} MB`);
  assert.ok(growthMb < 30, `host RSS grew ${growthMb.toFixed(1)} MB after warm-up`);
});
