// Runs every program of the hostile catalogue against the real engine, and checks for each: the expected outcome
// (a named error or limit; a timeout in time), no planted secret in any event, a responsive host event loop, a clean
// dispose, and a fresh sandbox that still computes 1+1 afterwards.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { catalogue } from './catalogue.mjs';
import { LIMITS, healthy, leaked, makeWorld, mayTimeOut, runHostile } from './harness.mjs';
import { TIMEOUT_SLACK_MS, assertHostResponsive } from '../support/timing.mjs';

/** A program that may end by the timeout must end within this long of it. */
const TIMEOUT_BUDGET_MS = LIMITS.timeoutMs + TIMEOUT_SLACK_MS;

let world;
before(async () => {
  world = await makeWorld();
  // Starts the warm worker and compiles the wasm module, so no program is charged for the first start.
  assert.ok(await healthy());
});
after(() => world?.cleanup());

test('the catalogue holds at least 50 programs with unique names', () => {
  assert.ok(catalogue.length >= 50, `only ${catalogue.length} programs`);
  assert.equal(new Set(catalogue.map((e) => e.name)).size, catalogue.length);
});

for (const entry of catalogue) {
  test(`${entry.category}: ${entry.name}`, async () => {
    const r = await runHostile(entry, world);
    const { expect } = entry;
    const where = `outcome ${JSON.stringify(r.outcome)}\nlogs ${JSON.stringify(r.logs.slice(0, 20)).slice(0, 2000)}\nerrors ${JSON.stringify(r.errors).slice(0, 1000)}`;

    assert.equal(leaked(r.events), false, `a planted secret reached an event\n${where}`);
    const statuses = [expect.status].flat();
    assert.ok(statuses.includes(r.outcome.status), `status ${r.outcome.status}, expected ${statuses.join('|')}\n${where}`);
    if (expect.limit && r.outcome.status === 'limit') assert.ok([expect.limit].flat().includes(r.outcome.limit), `limit ${r.outcome.limit}\n${where}`);
    if (r.outcome.status === 'limit') {
      assert.ok(r.limits.length >= 1 && r.limits.every((l) => l.message.includes('limit') || l.message.includes('timeout')), `the limit was not named\n${where}`);
    }
    if (expect.error && r.outcome.status === 'error') assert.match(r.errors[0]?.name ?? '', expect.error, where);
    if (expect.errorMessage && !entry.todo) assert.match(r.errors[0]?.message ?? '', expect.errorMessage, where);
    if (expect.errorStack) assert.match(r.errors[0]?.stack ?? '', expect.errorStack, where);
    for (const re of expect.logs ?? []) assert.ok(r.logs.some((l) => re.test(l)), `no console line matches ${re}\n${where}`);
    for (const re of expect.notLogs ?? []) assert.ok(!r.logs.some((l) => re.test(l)), `a console line matches ${re}\n${where}`);
    for (const re of expect.results ?? []) assert.ok(r.results.some((l) => re.test(l)), `no result matches ${re}\n${where}`);

    // Other programs run under a long timeout (PATIENT_TIMEOUT_MS): reaching it fails the expected outcome above.
    if (mayTimeOut(entry)) assert.ok(r.elapsedMs < TIMEOUT_BUDGET_MS, `took ${r.elapsedMs.toFixed(0)} ms; budget ${TIMEOUT_BUDGET_MS} ms\n${where}`);
    await assertHostResponsive(r.maxDelayMs, async () => (await runHostile(entry, world)).maxDelayMs);
    assert.equal(r.disposed, undefined, 'dispose reported a problem');
    assert.ok(await healthy(), 'a fresh sandbox could not run 1+1 afterwards');
  });

  if (entry.todo) {
    // The strict form of the promise the suite makes, kept visible until the engine keeps it.
    test(`${entry.category}: ${entry.name} (strict)`, { todo: entry.todo }, async () => {
      const r = await runHostile(entry, world);
      if (entry.strictMaxMs) assert.ok(r.elapsedMs < entry.strictMaxMs, `took ${r.elapsedMs.toFixed(0)} ms; promised ${entry.strictMaxMs} ms`);
      if (entry.expect.errorMessage) assert.match(r.errors[0]?.message ?? '', entry.expect.errorMessage);
    });
  }
}
