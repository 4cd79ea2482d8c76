// Generated, mutated and library-slice scripts run plainly and under the debugger with no breakpoints must behave
// the same; malformed ones give a SyntaxError on the line acorn names; the worker never crashes.
// Seeded (FUZZ_SEED replays a run); `npm run fuzz` runs a longer series.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fuzzEngine } from './engineFuzz.mjs';
import { seedFromEnv } from './random.mjs';

// The deadline only turns a hang into a failure; a loaded machine takes several times as long as an idle one.
test('60 fuzzed scripts behave the same with and without the debugger, and never crash the worker', { timeout: 900_000 }, async () => {
  const stats = await fuzzEngine({ seed: seedFromEnv(424242), count: 60 });
  const report = `replay with FUZZ_SEED=${stats.seed}\n${stats.mismatches.map((m) => `#${m.case} ${m.kind}: ${m.why}\n${m.code}`).join('\n---\n')}`;
  assert.equal(stats.cases, 60);
  assert.equal(stats.crashes, 0, report);
  assert.deepEqual(stats.mismatches, [], report);
  assert.ok(stats.syntaxErrors >= 5, `only ${stats.syntaxErrors} malformed cases were generated`);
  assert.ok(stats.syntaxLineChecked === stats.syntaxErrors, 'a SyntaxError was not checked against acorn');
  assert.ok(stats.debugAvailable, 'Sandbox.create({ debug: true }) gave no sandbox.debug');
  assert.equal(stats.compared, 60);
});
