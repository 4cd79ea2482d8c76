// Hostile-input figures, printed as one JSON object on stdout (progress on stderr): every catalogue program run once,
// the DAP fuzzer, and the RSS slope of repeated runs. Usage: node bench/hostile.mjs [--quick]
import { catalogue } from '../test/hostile/catalogue.mjs';
import { LIMITS, Sandbox, healthy, leaked, makeWorld, runHostile, slope } from '../test/hostile/harness.mjs';
import { fuzzAdapter } from '../test/fuzz/dap.mjs';

const quick = process.argv.includes('--quick');
const log = (...a) => process.stderr.write(a.join(' ') + '\n');
const round = (x, d = 1) => Math.round(x * 10 ** d) / 10 ** d;

const world = await makeWorld();
await healthy();
let escapes = 0;
let unhealthy = 0;
let worstOverrunMs = 0;
let worstOverrunProgram = '';
let worstDelayMs = 0;
let worstDelayProgram = '';
const byOutcome = {};
for (const entry of catalogue) {
  const r = await runHostile(entry, world);
  if (leaked(r.events)) escapes++;
  if (!(await healthy())) unhealthy++;
  const key = r.outcome.limit ? `limit:${r.outcome.limit}` : r.outcome.status;
  byOutcome[key] = (byOutcome[key] ?? 0) + 1;
  // Time from the limit to the stop: for a timeout, how far past the configured limit the run ended.
  if (r.outcome.limit === 'timeout') {
    const over = r.elapsedMs - LIMITS.timeoutMs;
    if (over > worstOverrunMs) [worstOverrunMs, worstOverrunProgram] = [over, entry.name];
  }
  if (r.maxDelayMs > worstDelayMs) [worstDelayMs, worstDelayProgram] = [r.maxDelayMs, entry.name];
  log(`${entry.name}: ${key} in ${r.elapsedMs.toFixed(0)} ms, loop delay ${r.maxDelayMs.toFixed(0)} ms`);
}
world.cleanup();

log('fuzzing the debug adapter...');
const fuzz = await fuzzAdapter({ seed: 20240601, count: quick ? 2000 : 10_000 });

log('measuring the memory slope...');
const xs = [];
const ys = [];
let runs = 0;
for (let s = 0; s < (quick ? 10 : 30); s++) {
  const sandbox = await Sandbox.create({ timeoutMs: 5000 });
  for (let i = 0; i < 20; i++) {
    await sandbox.run({ kind: 'source', source: `{ const m = new Map(); for (let k = 0; k < 500; k++) m.set(k, [k]); try { null.x } catch {} m.size }`, type: 'script' });
    runs++;
  }
  await sandbox.dispose();
  xs.push(runs);
  ys.push(process.memoryUsage().rss / 1024 / 1024);
}
const from = Math.floor(xs.length / 5);

console.log(JSON.stringify({
  programsTried: catalogue.length,
  escapes,
  unhealthyAfter: unhealthy,
  outcomes: byOutcome,
  timeoutMs: LIMITS.timeoutMs,
  worstTimeFromLimitToStopMs: round(worstOverrunMs),
  worstTimeFromLimitToStopProgram: worstOverrunProgram,
  worstHostEventLoopDelayMs: round(worstDelayMs),
  worstHostEventLoopDelayProgram: worstDelayProgram,
  fuzzMessagesSent: fuzz.sent,
  fuzzRequestsAnswered: fuzz.answered,
  fuzzUnanswered: fuzz.unanswered,
  crashes: fuzz.crashes,
  memorySlopeMbPer100Runs: round(slope(xs.slice(from), ys.slice(from)) * 100, 2),
}, null, 2));
process.exit(0);
