// Sources through DAP: TypeScript programs, imported ES modules, loaded sources, source contents, engine choice.
import { test as nodeTest } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fixture, launchWithBreakpoints, lineOf, nextStop, scopeVariables, settled, withAdapter } from './harness.mjs';

const test = (name, fn) => nodeTest(name, fn);

test('a breakpoint in a TypeScript program stops at the original .ts line with typed locals', () =>
  withAdapter(async (s) => {
    const line = lineOf('typed.ts', 'area');
    const stop = nextStop(s);
    const placed = await launchWithBreakpoints(s, 'typed.ts', { 'typed.ts': [line] });
    const { top } = await stop;
    const b = settled(s, placed['typed.ts'][0]);
    assert.equal(b.verified, true);
    assert.equal(b.line, line);
    assert.equal(top.source.path, fixture('typed.ts'));
    assert.equal(top.line, line);
    assert.equal(top.name, 'area');
    const r = await s.dc.evaluateRequest({ expression: 'shape.kind', frameId: top.id, context: 'watch' });
    assert.match(r.body.result, /^['"]square['"]$/);
    const exited = s.dc.waitForEvent('exited');
    await s.dc.setBreakpointsRequest({ source: { path: fixture('typed.ts') }, breakpoints: [] });
    await s.dc.continueRequest({ threadId: 1 });
    await exited;
    const out = await s.waitForOutput('area 7.14');
    assert.equal(out.line, lineOf('typed.ts', 'tslog'), 'console location mapped to the .ts line');
  }));

test('breakpoints in an entry module and in a module it imports both hit, in order', () =>
  withAdapter(async (s) => {
    let stop = nextStop(s);
    const placed = await launchWithBreakpoints(s, 'main.mjs', {
      'main.mjs': [lineOf('main.mjs', 'call')],
      'greet.mjs': [lineOf('greet.mjs', 'greet')],
    });
    const first = await stop;
    assert.equal(first.top.source.path, fixture('main.mjs'));
    assert.equal(first.top.line, lineOf('main.mjs', 'call'));
    stop = nextStop(s);
    await s.dc.continueRequest({ threadId: 1 });
    const second = await stop;
    assert.equal(settled(s, placed['greet.mjs'][0]).verified, true);
    assert.deepEqual(second.stopped.body.hitBreakpointIds, [placed['greet.mjs'][0].id]);
    assert.equal(second.top.source.path, fixture('greet.mjs'));
    assert.equal(second.top.line, lineOf('greet.mjs', 'greet'));
    assert.equal(second.frames[1].source.path, fixture('main.mjs'));
    const locals = await scopeVariables(s, second.top.id, 'Local');
    assert.match(locals.name.value, /^['"]module['"]$/);

    const loaded = await s.dc.send('loadedSources', {});
    const paths = loaded.body.sources.map((x) => x.path);
    assert.ok(paths.includes(fixture('main.mjs')) && paths.includes(fixture('greet.mjs')), paths.join(','));
    assert.ok(s.events.some((e) => e.event === 'loadedSource' && e.body.source.path === fixture('greet.mjs')));
  }));

test('the source request returns a file\'s text', () =>
  withAdapter(async (s) => {
    await s.dc.initializeRequest();
    const r = await s.dc.sourceRequest({ source: { path: fixture('greet.mjs') }, sourceReference: 0 });
    assert.equal(r.body.content, readFileSync(fixture('greet.mjs'), 'utf8'));
    await assert.rejects(s.dc.sourceRequest({ source: { path: fixture('nope.mjs') }, sourceReference: 0 }), /cannot read .*nope\.mjs: ENOENT/);
  }));

test('the quickjs-ng engine debugs the same way', () =>
  withAdapter(async (s) => {
    const stop = nextStop(s);
    await launchWithBreakpoints(s, 'basic.js', { 'basic.js': [lineOf('basic.js', 'mul')] }, { engine: 'quickjs-ng' });
    const { top } = await stop;
    assert.equal(top.name, 'mul');
    const locals = await scopeVariables(s, top.id, 'Local');
    assert.equal(locals.x.value, '2');
  }));
