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

test('an error at the top level of an imported module stops there, with the module\'s bindings', () =>
  withAdapter(async (s) => {
    const stop = nextStop(s);
    await launchWithBreakpoints(s, 'imports-failing.mjs', {}, { exceptionFilters: { filters: ['uncaught'] } });
    const { stopped, top } = await stop;
    assert.equal(stopped.body.reason, 'exception');
    assert.equal(top.source.path, fixture('failing-dep.mjs'));
    assert.equal(top.line, lineOf('failing-dep.mjs', 'fails'));
    const module = await scopeVariables(s, top.id, 'Module');
    assert.deepEqual([module.value.value, module.local.value], ['1', '2']);
    const info = await s.dc.exceptionInfoRequest({ threadId: 1 });
    assert.equal(info.body.breakMode, 'unhandled');
    assert.match(info.body.description, /notDefined/);
  }));

test('a dynamic import that rejects and is handled does not stop; the entry module\'s own top-level error does', () =>
  withAdapter(async (s) => {
    const stop = nextStop(s);
    await launchWithBreakpoints(s, 'dynamic-handled.mjs', {}, { exceptionFilters: { filters: ['uncaught'] } });
    const { top } = await stop;
    assert.equal(top.source.path, fixture('dynamic-handled.mjs'));
    assert.equal(top.line, lineOf('dynamic-handled.mjs', 'fails'));
    const module = await scopeVariables(s, top.id, 'Module');
    assert.equal(module.after.value, String('handled URIError'.length));
    assert.match(s.text('stdout'), /handled URIError/);
  }));
