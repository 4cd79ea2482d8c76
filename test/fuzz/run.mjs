// The long fuzz run (`npm run fuzz`): 10,000+ DAP messages against the real adapter and a longer engine fuzz.
// Usage: node test/fuzz/run.mjs [--long] [--seed N]. Prints one JSON summary; exits 1 on any crash or lost answer.
import { fuzzAdapter } from './dap.mjs';
import { fuzzEngine } from './engineFuzz.mjs';

const argv = process.argv.slice(2);
const long = argv.includes('--long');
const seedArg = argv.indexOf('--seed');
const seed = seedArg >= 0 ? Number(argv[seedArg + 1]) : Number(process.env.FUZZ_SEED) || Date.now() % 1e9;

const adapter = await fuzzAdapter({ seed, count: long ? 12_000 : 2000, log: (m) => console.error(`adapter: ${m}`) });
const engine = await fuzzEngine({ seed, count: long ? 400 : 60, log: (m) => console.error(`engine: ${m}`) });
const ok = adapter.crashes === 0 && adapter.unanswered === 0 && adapter.aliveAtEnd && engine.mismatches.length === 0 && engine.crashes === 0;
console.log(JSON.stringify({ seed, ok, adapter: { ...adapter, failures: adapter.failures.slice(0, 10) }, engine: { ...engine, mismatches: engine.mismatches.slice(0, 10) } }, null, 2));
process.exit(ok ? 0 : 1);
