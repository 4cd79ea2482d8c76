// The one status bar item's words (src/extension/statusModel.ts), tested in plain Node: the same figures and limit
// wording as the memory view, a failure red only while it is news, and never a bare "memory".
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadBundle } from '../support/bundle.mjs';

const { status: { statusView } } = await loadBundle({ status: 'src/extension/statusModel.ts' });

const MB = 1024 * 1024;

test('a run shows its label and heap against the limit, and a click stops it', () => {
  const v = statusView({ kind: 'run', label: 'loop.js' }, { heap: 16 * MB, limit: 64 * MB });
  assert.equal(v.text, '$(sync~spin) QuickJS: loop.js · 16.0 MB / 64.0 MB');
  assert.equal(v.command, 'stop');
  assert.match(v.tooltip, /of the 64\.0 MB limit/);
  // Before the first sample there are no figures, rather than a placeholder word.
  assert.equal(statusView({ kind: 'run', label: 'loop.js' }).text, '$(sync~spin) QuickJS: loop.js');
});

test('a debug session says when it is paused; no limit is said as such', () => {
  assert.equal(statusView({ kind: 'debug', label: 'Debug app.js', paused: true }, { heap: 20 * MB, limit: 64 * MB }).text,
    '$(debug-pause) QuickJS: Debug app.js · 20.0 MB / 64.0 MB (paused)');
  const unlimited = statusView({ kind: 'debug', label: 'x', paused: false }, { heap: 20 * MB, limit: 0 });
  assert.equal(unlimited.text, '$(debug-alt) QuickJS: x · 20.0 MB');
  assert.match(unlimited.tooltip, /no limit/);
});

test('a notebook in focus shows its own sandbox', () => {
  const v = statusView({ kind: 'notebook', label: 'demo.qjsnb' }, { heap: 16 * MB, limit: 64 * MB });
  assert.equal(v.text, '$(notebook) QuickJS: demo.qjsnb · 16.0 MB / 64.0 MB');
  assert.equal(v.command, 'showMemory');
});

test('the last run: red only while a failure is fresh; success and a stop are never red', () => {
  const failed = { status: 'limit', exitCode: 2, durationMs: 1000, message: 'timeout of 1 s reached' };
  assert.equal(statusView({ kind: 'last', outcome: failed, fresh: true }).error, true);
  assert.equal(statusView({ kind: 'last', outcome: failed, fresh: false }).error, false);
  assert.equal(statusView({ kind: 'last', outcome: failed, fresh: false }).text, '$(error) QuickJS');
  assert.match(statusView({ kind: 'last', outcome: failed, fresh: false }).tooltip, /timeout of 1 s reached/);
  for (const status of ['completed', 'cancelled']) {
    assert.equal(statusView({ kind: 'last', outcome: { status, exitCode: 0, durationMs: 5 }, fresh: true }).error, false);
  }
});
