// Debugging package code through DAP: breakpoints in node_modules files (verified when set, hit with locals),
// step-in into a package, package frames in the call stack, and `skipFiles` stepping over them.
import { test as nodeTest } from 'node:test';
import assert from 'node:assert/strict';
import { fixture, launch, lineOf, nextStop, scopeVariables, settled, withAdapter } from './harness.mjs';

const test = (name, fn) => nodeTest(name, fn);

// The fixture package: an `exports` map and two files (index.js imports math.js).
const APP = 'pkgapp/app.mjs';
const INDEX = 'pkgapp/node_modules/tinypkg/lib/index.js';
const MATH = 'pkgapp/node_modules/tinypkg/lib/math.js';

/** Launches the app with breakpoints { file: [lines] } (and exception filters); returns the answers by file. */
async function start(s, breakpoints, extra = {}) {
  const placed = {};
  const { exceptionFilters, ...args } = extra;
  await launch(s, { program: fixture(APP), ...args }, async () => {
    for (const [file, lines] of Object.entries(breakpoints)) {
      const r = await s.dc.setBreakpointsRequest({ source: { path: fixture(file) }, breakpoints: lines.map((line) => ({ line })) });
      placed[file] = r.body.breakpoints;
    }
    if (exceptionFilters) await s.dc.setExceptionBreakpointsRequest({ filters: exceptionFilters });
  });
  return placed;
}

/** The frames as `name file:line`, paths relative to the fixtures. */
const shown = (frames) => frames.map((f) => `${f.name} ${f.source?.path?.slice(fixture('').length + 1)}:${f.line}`);

test('a breakpoint in a package file is verified when set, stops with its locals and shows package frames', () =>
  withAdapter(async (s) => {
    const stop = nextStop(s);
    const placed = await start(s, { [MATH]: [lineOf(MATH, 'scale')] });
    // Verified at set time, before the run bundled anything: placed against the package file on disk.
    const atSet = placed[MATH][0];
    assert.equal(atSet.verified, true, JSON.stringify(atSet));
    assert.equal(atSet.line, lineOf(MATH, 'scale'));
    const { stopped, frames, top } = await stop;
    assert.equal(stopped.body.reason, 'breakpoint');
    assert.deepEqual(stopped.body.hitBreakpointIds, [atSet.id]);
    assert.equal(settled(s, atSet).line, lineOf(MATH, 'scale'), 'the run places it where the set answer said');
    assert.deepEqual(shown(frames), [
      `scale ${MATH}:${lineOf(MATH, 'scale')}`,
      `summarize ${INDEX}:${lineOf(INDEX, 'summarize')}`,
      `<anonymous> ${APP}:${lineOf(APP, 'call')}`,
    ]);
    assert.equal(top.column, 3, 'the column in the package file, not in the bundle');
    const locals = await scopeVariables(s, top.id);
    assert.equal(locals.factor.value, '2');
    assert.match(locals.values.value, /1, 2, 3/);
    // The caller inside the package has its locals too (its call leads to the breakpoint).
    const caller = await scopeVariables(s, frames[1].id);
    assert.match(caller.values.value, /1, 2, 3/);
    const loaded = (await s.dc.send('loadedSources', {})).body.sources.map((x) => x.path);
    assert.ok(loaded.includes(fixture(MATH)) && loaded.includes(fixture(INDEX)), loaded.join(', '));
    assert.ok(!loaded.some((p) => p.startsWith('npm')), `no bundle names: ${loaded.join(', ')}`);
    const exited = s.dc.waitForEvent('exited');
    await s.dc.continueRequest({ threadId: 1 });
    await exited;
    assert.match(s.text('stdout'), /total 12/);
  }));

test('stepIn on a call of a package function stops in the package file', () =>
  withAdapter(async (s) => {
    let stop = nextStop(s);
    await start(s, { [APP]: [lineOf(APP, 'call')] });
    await stop;
    stop = nextStop(s);
    await s.dc.stepInRequest({ threadId: 1 });
    const inside = await stop;
    assert.equal(inside.stopped.body.reason, 'step');
    assert.deepEqual(shown(inside.frames), [`summarize ${INDEX}:${lineOf(INDEX, 'summarize')}`, `<anonymous> ${APP}:${lineOf(APP, 'call')}`]);
    stop = nextStop(s);
    await s.dc.stepInRequest({ threadId: 1 });
    const deeper = await stop;
    assert.equal(shown(deeper.frames)[0], `scale ${MATH}:${lineOf(MATH, 'scale')}`);
  }));

test('skipFiles: stepIn steps over package calls, exceptions stop in the first caller outside, breakpoints there still stop', () =>
  withAdapter(async (s) => {
    let stop = nextStop(s);
    await start(s, { [APP]: [lineOf(APP, 'call')] }, { skipFiles: ['**/node_modules/**'], exceptionFilters: ['all'] });
    await stop;
    stop = nextStop(s);
    await s.dc.stepInRequest({ threadId: 1 });
    const over = await stop;
    assert.equal(over.stopped.body.reason, 'step');
    assert.deepEqual(shown(over.frames), [`<anonymous> ${APP}:${lineOf(APP, 'after')}`]);
    // `fail` throws inside the package: the stop is in `attempt`, at its call of the package.
    stop = nextStop(s);
    await s.dc.continueRequest({ threadId: 1 });
    const thrown = await stop;
    assert.equal(thrown.stopped.body.reason, 'exception');
    assert.equal(shown(thrown.frames)[0], `attempt ${APP}:${lineOf(APP, 'tryfail')}`);
    const locals = await scopeVariables(s, thrown.top.id);
    assert.match(locals.message.value, /boom/);
  }));

test('skipFiles: a breakpoint set in a skipped package file still stops', () =>
  withAdapter(async (s) => {
    const stop = nextStop(s);
    await start(s, { [MATH]: [lineOf(MATH, 'scale')] }, { skipFiles: ['**/node_modules/**'] });
    const { stopped, top } = await stop;
    assert.equal(stopped.body.reason, 'breakpoint');
    assert.equal(`${top.source.path}:${top.line}`, `${fixture(MATH)}:${lineOf(MATH, 'scale')}`);
  }));

test('skipFiles: a "!" pattern takes a package file back, so stepIn stops in it', () =>
  withAdapter(async (s) => {
    let stop = nextStop(s);
    await start(s, { [APP]: [lineOf(APP, 'call')] }, { skipFiles: ['**/node_modules/**', '!**/tinypkg/lib/math.js'] });
    await stop;
    stop = nextStop(s);
    await s.dc.stepInRequest({ threadId: 1 });
    const inside = await stop;
    // index.js is skipped: the step passes through it into math.js.
    assert.deepEqual(shown(inside.frames).slice(0, 2), [`scale ${MATH}:${lineOf(MATH, 'scale')}`, `summarize ${INDEX}:${lineOf(INDEX, 'summarize')}`]);
  }));

test('skipFiles: a package it skips with no breakpoint runs without hooks; a breakpoint set there later says why it cannot stop', () =>
  withAdapter(async (s) => {
    const stop = nextStop(s);
    await start(s, { [APP]: [lineOf(APP, 'after')] }, { skipFiles: ['**/node_modules/**'] });
    const { frames } = await stop;
    assert.deepEqual(shown(frames), [`<anonymous> ${APP}:${lineOf(APP, 'after')}`]);
    const loaded = (await s.dc.send('loadedSources', {})).body.sources.map((x) => x.path);
    assert.ok(!loaded.includes(fixture(MATH)), `the skipped package was not instrumented: ${loaded.join(', ')}`);
    const r = await s.dc.setBreakpointsRequest({ source: { path: fixture(MATH) }, breakpoints: [{ line: lineOf(MATH, 'fail') }] });
    assert.equal(r.body.breakpoints[0].verified, false);
    assert.match(r.body.breakpoints[0].message, /skipFiles names this package file.*restart the session/);
  }));

test('skipFiles: by default stepIn passes through the bundled Node built-ins into the listener they call; [] enters them', () =>
  withAdapter(async (s) => {
    const EVENTS = 'pkgapp/events.mjs';
    let stop = nextStop(s);
    await launch(s, { program: fixture(EVENTS) }, async () => {
      await s.dc.setBreakpointsRequest({ source: { path: fixture(EVENTS) }, breakpoints: [{ line: lineOf(EVENTS, 'emit') }] });
    });
    await stop;
    stop = nextStop(s);
    await s.dc.stepInRequest({ threadId: 1 });
    const listener = await stop;
    assert.equal(shown(listener.frames)[0], `<anonymous> ${EVENTS}:${lineOf(EVENTS, 'listener')}`);
    // The built-in's frame between them is still in the call stack.
    assert.ok(listener.frames.some((f) => /node-builtins/.test(f.source?.path ?? '')), shown(listener.frames).join(' | '));
  }).then(() =>
    withAdapter(async (s) => {
      const EVENTS = 'pkgapp/events.mjs';
      let stop = nextStop(s);
      await launch(s, { program: fixture(EVENTS), skipFiles: [] }, async () => {
        await s.dc.setBreakpointsRequest({ source: { path: fixture(EVENTS) }, breakpoints: [{ line: lineOf(EVENTS, 'emit') }] });
      });
      await stop;
      stop = nextStop(s);
      await s.dc.stepInRequest({ threadId: 1 });
      const inside = await stop;
      assert.match(inside.top.source.path, /node-builtins/, shown(inside.frames).join(' | '));
    }),
  ));
