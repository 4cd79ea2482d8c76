// Breakpoints through DAP: placement, conditions, hit conditions, logpoints, locations, exception filters.
import { test as nodeTest } from 'node:test';
import assert from 'node:assert/strict';
import { fixture, launchWithBreakpoints, lineOf, nextStop, settled, withAdapter } from './harness.mjs';

const test = (name, fn) => nodeTest(name, fn);

const bp = (marker, extra = {}) => ({ line: lineOf('basic.js', marker), ...extra });

test('a breakpoint is verified, hit with reason breakpoint, and its id reported', () =>
  withAdapter(async (s) => {
    const stop = nextStop(s);
    const placed = await launchWithBreakpoints(s, 'basic.js', { 'basic.js': [bp('sum')] });
    const { stopped, top } = await stop;
    const b = settled(s, placed['basic.js'][0]);
    assert.equal(b.verified, true);
    assert.equal(b.line, lineOf('basic.js', 'sum'));
    assert.equal(stopped.body.reason, 'breakpoint');
    assert.deepEqual(stopped.body.hitBreakpointIds, [b.id]);
    assert.equal(top.line, lineOf('basic.js', 'sum'));
    assert.equal(top.source.path, fixture('basic.js'));
  }));

test('a breakpoint on a blank line moves to the next statement; one past the end is unverified with a reason', () =>
  withAdapter(async (s) => {
    const blank = lineOf('basic.js', 'first') - 1;
    const stop = nextStop(s);
    const placed = await launchWithBreakpoints(s, 'basic.js', { 'basic.js': [blank, 500] });
    const { top } = await stop;
    assert.equal(top.line, lineOf('basic.js', 'first'), 'paused where the breakpoint moved to');
    const [moved, beyond] = placed['basic.js'].map((b) => settled(s, b));
    assert.equal(moved.verified, true);
    assert.equal(moved.line, lineOf('basic.js', 'first'));
    assert.equal(beyond.verified, false);
    assert.ok(beyond.message && beyond.message.length > 5, `reason given: ${beyond.message}`);
  }));

test('a condition pauses only when it holds', () =>
  withAdapter(async (s) => {
    const stop = nextStop(s);
    await launchWithBreakpoints(s, 'basic.js', { 'basic.js': [bp('loop', { condition: 'i === 3' })] });
    const { top } = await stop;
    const r = await s.dc.evaluateRequest({ expression: 'i', frameId: top.id, context: 'watch' });
    assert.equal(r.body.result, '3');
    assert.equal(s.events.filter((e) => e.event === 'stopped').length, 1, 'earlier iterations did not pause');
  }));

test('a condition that does not parse is reported on the breakpoint', () =>
  withAdapter(async (s) => {
    const exited = s.dc.waitForEvent('exited');
    const placed = await launchWithBreakpoints(s, 'basic.js', { 'basic.js': [bp('loop', { condition: 'i ===' })] });
    await exited;
    const b = settled(s, placed['basic.js'][0]);
    assert.match(b.message ?? '', /condition/i);
    assert.equal(s.events.filter((e) => e.event === 'stopped').length, 0, 'a broken condition never pauses');
  }));

test('a hit condition pauses on the matching hit', () =>
  withAdapter(async (s) => {
    const stop = nextStop(s);
    await launchWithBreakpoints(s, 'basic.js', { 'basic.js': [bp('sum', { hitCondition: '3' })] });
    const { top } = await stop;
    const r = await s.dc.evaluateRequest({ expression: 'b', frameId: top.id, context: 'watch' });
    assert.equal(r.body.result, '2', 'third call of add has b === 2');
  }));

test('a logpoint prints its interpolated message and never pauses', () =>
  withAdapter(async (s) => {
    const exited = s.dc.waitForEvent('exited');
    await launchWithBreakpoints(s, 'basic.js', { 'basic.js': [bp('return', { logMessage: 'sum is {sum}' })] });
    await exited;
    assert.equal(s.events.filter((e) => e.event === 'stopped').length, 0);
    const logged = s.outputs.filter((o) => /sum is \d+/.test(o.output)).map((o) => o.output.trim());
    assert.deepEqual(logged.slice(0, 5), ['sum is 0', 'sum is 1', 'sum is 3', 'sum is 6', 'sum is 10']);
  }));

test('breakpointLocations lists the statement positions of a line range', () =>
  withAdapter(async (s) => {
    const stop = nextStop(s);
    await launchWithBreakpoints(s, 'basic.js', { 'basic.js': [bp('log')] });
    await stop;
    const line = lineOf('basic.js', 'loop');
    const r = await s.dc.send('breakpointLocations', { source: { path: fixture('basic.js') }, line, endLine: line });
    assert.ok(r.body.breakpoints.length >= 1);
    assert.ok(r.body.breakpoints.every((l) => l.line === line && l.column >= 1));
  }));

test('breakpoints set while running are honoured', () =>
  withAdapter(async (s) => {
    let stop = nextStop(s);
    await launchWithBreakpoints(s, 'basic.js', { 'basic.js': [bp('first')] });
    await stop;
    await s.dc.setBreakpointsRequest({ source: { path: fixture('basic.js') }, breakpoints: [bp('mul')] });
    stop = nextStop(s);
    await s.dc.continueRequest({ threadId: 1 });
    const { top } = await stop;
    assert.equal(top.line, lineOf('basic.js', 'mul'));
  }));

test('the "uncaught" exception filter pauses on the uncaught throw only, and exceptionInfo describes it', () =>
  withAdapter(async (s) => {
    const stop = nextStop(s);
    await launchWithBreakpoints(s, 'exceptions.js', {}, { exceptionFilters: { filters: ['uncaught'] } });
    const { stopped, frames } = await stop;
    assert.equal(stopped.body.reason, 'exception');
    assert.ok(frames.some((f) => f.line === lineOf('exceptions.js', 'uncaught')), 'stopped in the uncaught call');
    const info = await s.dc.exceptionInfoRequest({ threadId: 1 });
    assert.match(info.body.description, /too big: 7/);
    assert.equal(info.body.breakMode, 'unhandled');
    assert.match(s.text('stdout'), /caught too big: 5/, 'the caught one ran past');
  }));

test('the "all" exception filter pauses on caught throws, filtered by its condition', () =>
  withAdapter(async (s) => {
    const stop = nextStop(s);
    await launchWithBreakpoints(s, 'exceptions.js', {}, {
      exceptionFilters: { filters: [], filterOptions: [{ filterId: 'all', condition: 'n === 5' }] },
    });
    const { stopped } = await stop;
    assert.equal(stopped.body.reason, 'exception');
    const info = await s.dc.exceptionInfoRequest({ threadId: 1 });
    assert.match(info.body.description, /too big: 5/);
    assert.equal(info.body.breakMode, 'always');
  }));

test('an unknown exception filter is rejected by name', () =>
  withAdapter(async (s) => {
    await s.dc.initializeRequest();
    await assert.rejects(s.dc.setExceptionBreakpointsRequest({ filters: ['sometimes'] }), /unknown filter "sometimes"/);
  }));
