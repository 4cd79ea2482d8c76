// The real standalone debug adapter under ~2,000 random and malformed DAP messages (seeded: FUZZ_SEED replays a run).
// `npm run fuzz` sends 10,000+ (test/fuzz/run.mjs).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { adapterPath, fuzzAdapter } from './dap.mjs';
import { seedFromEnv } from './random.mjs';

// The deadlines only turn a hang into a failure; a loaded machine takes several times as long as an idle one.
test('the debug adapter survives 2,000 random and malformed messages and answers every well-framed request', { timeout: 900_000 }, async () => {
  assert.ok(existsSync(adapterPath), `${adapterPath} is missing: run "node esbuild.mjs" first`);
  const stats = await fuzzAdapter({ seed: seedFromEnv(20240601), count: 2000, answerTimeoutMs: 60_000 });
  const replay = `replay with FUZZ_SEED=${stats.seed}\n${stats.failures.join('\n')}`;
  assert.equal(stats.sent, 2000);
  assert.equal(stats.crashes, 0, replay);
  assert.equal(stats.unanswered, 0, replay);
  assert.ok(stats.requests > 1000, `only ${stats.requests} well-framed requests were generated`);
  assert.equal(stats.answered + stats.inFlightAtDisconnect, stats.requests, replay);
  assert.ok(stats.inFlightAtDisconnect < stats.requests * 0.05, `${stats.inFlightAtDisconnect} requests were cut off by disconnects`);
  assert.equal(stats.aliveAtEnd, true, 'the adapter did not answer a plain request after the fuzzing');
});
