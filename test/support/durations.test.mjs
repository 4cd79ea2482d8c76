// The runner's ordering: the reporter records each file's wall time, and files are started longest first by it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { byCost } from './durations.mjs';
import { root } from './bundle.mjs';

test('the reporter records the wall time of each file it saw, merged with what was recorded before', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'qjs-durations-'));
  const store = join(dir, 'durations.json');
  try {
    writeFileSync(store, JSON.stringify({ 'test/elsewhere.test.mjs': 1234 }));
    // Two files, as the runner passes them: node:test runs a lone file in its own process, with no file-level test.
    const argv = ['test/extension/status-model.test.mjs', 'test/architecture.test.mjs'];
    // Without the variable node:test sets for the files it runs, which would make this run report to it instead.
    const { NODE_TEST_CONTEXT, ...env } = { ...process.env, QJS_TEST_DURATIONS: store };
    await promisify(execFile)(process.execPath, ['--test', `--test-reporter=${join(root, 'test/support/durations.mjs')}`, '--test-reporter-destination=stdout', ...argv.map((f) => join(root, f))], { cwd: root, env });
    const recorded = JSON.parse(readFileSync(store, 'utf8'));
    assert.equal(recorded['test/elsewhere.test.mjs'], 1234);
    for (const f of argv) assert.ok(recorded[f] > 0, `${f}: ${JSON.stringify(recorded)}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('files start longest first by their record; unrecorded ones by the seed or a default; ties keep their order', () => {
  const dir = mkdtempSync(join(tmpdir(), 'qjs-durations-'));
  const before = process.env.QJS_TEST_DURATIONS;
  process.env.QJS_TEST_DURATIONS = join(dir, 'durations.json');
  try {
    writeFileSync(process.env.QJS_TEST_DURATIONS, JSON.stringify({ 'test/a.test.mjs': 100, 'test/b.test.mjs': 90_000, 'test/corpus/corpus.test.mjs': 10 }));
    const names = ['test/a.test.mjs', 'test/corpus/corpus.test.mjs', 'test/new1.test.mjs', 'test/b.test.mjs', 'test/packaging/vsix.test.mjs', 'test/new2.test.mjs'];
    const order = byCost(names.map((n) => join(root, n))).map((f) => f.slice(root.length));
    assert.deepEqual(order, ['test/b.test.mjs', 'test/packaging/vsix.test.mjs', 'test/new1.test.mjs', 'test/new2.test.mjs', 'test/a.test.mjs', 'test/corpus/corpus.test.mjs']);
  } finally {
    if (before === undefined) delete process.env.QJS_TEST_DURATIONS;
    else process.env.QJS_TEST_DURATIONS = before;
    rmSync(dir, { recursive: true, force: true });
  }
});
