// Exception stops over the real adapter (stdio): with the "uncaught" filter the stop is at the failing operation of
// the frame that threw, with its block-scoped locals, and a throw a caller's try catches does not stop.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withAdapter, launchWithBreakpoints, nextStop, scopeVariables, lineOf, fixture } from './harness.mjs';

test('an uncaught engine error stops at its line and column in the throwing frame, with Local holding its block-scoped names', () =>
  withAdapter(async (s) => {
    const stop = nextStop(s);
    await launchWithBreakpoints(s, 'parse-items.js', {}, { exceptionFilters: { filters: ['uncaught'] } });
    const { stopped, frames, top } = await stop;
    assert.equal(stopped.body.reason, 'exception');
    assert.equal(top.name, 'parse');
    assert.equal(top.source.path, fixture('parse-items.js'));
    assert.equal(top.line, lineOf('parse-items.js', 'fails'));
    // The call of `toUpperCase` (a number has none): QuickJS reports the failing call's position.
    assert.equal(top.column, 'out.push(item.name.toUpperCase'.length + 5);
    assert.equal(frames[1].name, 'main');
    assert.equal(frames[1].line, lineOf('parse-items.js', 'uncaught'), 'the first, caught call did not stop');
    const local = await scopeVariables(s, top.id);
    assert.deepEqual(Object.keys(local).sort(), ['item', 'items', 'out']);
    assert.equal(local.item.value, '{ name: 1 }');
    const info = await s.dc.exceptionInfoRequest({ threadId: 1 });
    assert.equal(info.body.breakMode, 'unhandled');
    assert.match(s.text('stdout'), /handled/);
  }));
