// How long each test file took last time, so that test/run.mjs starts the longest first and the two slots end
// together (started in name order, a two-minute file that starts last keeps one slot busy alone at the end).
// The default export is a node:test reporter that records each file's wall time; `byCost` orders files with it.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
/**
 * Beside the tests' other caches (support/bundle.mjs), out of the repository's tracked files; QJS_TEST_DURATIONS
 * names another file (test/support/durations.test.mjs, which must not touch the real record).
 */
const store = () => process.env.QJS_TEST_DURATIONS || join(root, 'node_modules/.cache/quickjs-test-durations.json');

/**
 * Seconds for files this machine has not timed yet (a fresh clone): the heaviest, measured on an idle 2-core
 * machine. Any other unknown file counts as DEFAULT_S.
 */
const SEED_S = {
  'test/corpus/corpus.test.mjs': 70,
  'test/packaging/vsix.test.mjs': 50,
  'test/hostile/hostile.test.mjs': 25,
  'test/hostile/endurance.test.mjs': 25,
};
const DEFAULT_S = 5;

function load() {
  try {
    return JSON.parse(readFileSync(store(), 'utf8'));
  } catch {
    return {}; // none yet, or unreadable: the seed decides
  }
}

/** `files` (absolute paths) sorted longest first by their last recorded wall time; ties keep their order. */
export function byCost(files) {
  const known = load();
  const cost = (f) => {
    const name = relative(root, f);
    return known[name] ?? (SEED_S[name] ?? DEFAULT_S) * 1000;
  };
  return files.map((f, i) => [f, cost(f), i]).sort((a, b) => b[1] - a[1] || a[2] - b[2]).map(([f]) => f);
}

/** Reporter: the runner reports each file as a top-level test named by its path; its duration is the file's. */
export default async function* durations(source) {
  const seen = {};
  for await (const event of source) {
    const { data } = event;
    if (event.type === 'test:complete' && data.nesting === 0 && data.file && data.name === data.file) {
      seen[relative(root, data.file)] = Math.round(data.details.duration_ms);
    }
  }
  if (Object.keys(seen).length === 0) return;
  // Merged, so that a filtered run keeps the other files' times; written whole and renamed, so never half-written.
  const file = store();
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(`${file}.tmp`, JSON.stringify({ ...load(), ...seen }, null, 1));
  renameSync(`${file}.tmp`, file);
}
