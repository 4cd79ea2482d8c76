// Execution control through DAP: next, stepIn, stepOut (with the return value), stepInTargets, pause.
import { test as nodeTest } from 'node:test';
import assert from 'node:assert/strict';
import { launchWithBreakpoints, lineOf, nextStop, scopeVariables, withAdapter } from './harness.mjs';

const test = (name, fn) => nodeTest(name, fn);

const L = (marker) => lineOf('basic.js', marker);

test('next steps over the call to the following statement', () =>
  withAdapter(async (s) => {
    let stop = nextStop(s);
    await launchWithBreakpoints(s, 'basic.js', { 'basic.js': [L('first')] });
    await stop;
    stop = nextStop(s);
    await s.dc.nextRequest({ threadId: 1 });
    const { stopped, top } = await stop;
    assert.equal(stopped.body.reason, 'step');
    assert.ok(top.line > L('first') && top.line <= L('loop'), `line ${top.line}`);
  }));

test('stepIn enters the called function; stepOut returns to the caller', () =>
  withAdapter(async (s) => {
    let stop = nextStop(s);
    await launchWithBreakpoints(s, 'basic.js', { 'basic.js': [L('loop')] });
    await stop;
    stop = nextStop(s);
    await s.dc.stepInRequest({ threadId: 1 });
    const inside = await stop;
    assert.equal(inside.top.line, L('sum'));
    assert.equal(inside.top.name, 'add');
    assert.ok(inside.totalFrames >= 2);
    // Without the loop's breakpoint, the stop after returning is the step's own.
    await s.dc.setBreakpointsRequest({ source: { path: inside.top.source.path }, breakpoints: [] });
    stop = nextStop(s);
    await s.dc.stepOutRequest({ threadId: 1 });
    const back = await stop;
    assert.equal(back.stopped.body.reason, 'step');
    assert.equal(back.top.line, L('loop'));
  }));

test('after stepOut the caller frame shows the callee\'s Return Value scope', () =>
  withAdapter(async (s) => {
    let stop = nextStop(s);
    await launchWithBreakpoints(s, 'basic.js', { 'basic.js': [L('return')] });
    const inside = await stop;
    await s.dc.setBreakpointsRequest({ source: { path: inside.top.source.path }, breakpoints: [] });
    stop = nextStop(s);
    await s.dc.stepOutRequest({ threadId: 1 });
    const back = await stop;
    const scopes = await s.dc.scopesRequest({ frameId: back.top.id });
    const ret = scopes.body.scopes.find((x) => x.name === 'Return Value');
    assert.ok(ret, `a Return Value scope: ${scopes.body.scopes.map((x) => x.name)}`);
    const vars = await s.dc.variablesRequest({ variablesReference: ret.variablesReference });
    assert.equal(vars.body.variables[0].value, '0', 'add(0, 0) returned 0');
  }));

test('stepInTargets lists the calls on the line and stepIn can pick one', () =>
  withAdapter(async (s) => {
    let stop = nextStop(s);
    await launchWithBreakpoints(s, 'basic.js', { 'basic.js': [L('nested')] });
    const { top } = await stop;
    const r = await s.dc.stepInTargetsRequest({ frameId: top.id });
    const labels = r.body.targets.map((t) => t.label);
    assert.ok(labels.some((l) => l.includes('mul')) && labels.some((l) => l.includes('add')), labels.join(','));
    const addTarget = r.body.targets.find((t) => t.label.includes('add'));
    stop = nextStop(s);
    await s.dc.stepInRequest({ threadId: 1, targetId: addTarget.id });
    const inAdd = await stop;
    assert.equal(inAdd.top.name, 'add');
    const locals = await scopeVariables(s, inAdd.top.id, 'Local');
    assert.equal(locals.a.value, '6', 'mul ran first, unstopped');
  }));

test('pause interrupts a busy loop and reports reason pause', () =>
  withAdapter(async (s) => {
    await launchWithBreakpoints(s, 'spin.js');
    // A pause that comes before the loop was entered (a slow start on a loaded machine) stops on the first line:
    // go on and pause once more, now inside the loop.
    let stopped, top;
    for (let attempt = 1; attempt <= 2; attempt++) {
      await new Promise((r) => setTimeout(r, 200));
      const stop = nextStop(s);
      await s.dc.pauseRequest({ threadId: 1 });
      ({ stopped, top } = await stop);
      assert.equal(stopped.body.reason, 'pause');
      if (top.line >= 2 || attempt === 2) break;
      await s.dc.continueRequest({ threadId: 1 });
    }
    assert.ok(top.line >= 2 && top.line <= 3, `paused inside the loop, at ${top.line}`);
  }));

test('ids of a previous pause are refused after resuming', () =>
  withAdapter(async (s) => {
    let stop = nextStop(s);
    await launchWithBreakpoints(s, 'basic.js', { 'basic.js': [L('sum')] });
    const first = await stop;
    const scopes = await s.dc.scopesRequest({ frameId: first.top.id });
    const ref = scopes.body.scopes[0].variablesReference;
    stop = nextStop(s);
    await s.dc.continueRequest({ threadId: 1 });
    await stop;
    await assert.rejects(s.dc.variablesRequest({ variablesReference: ref }), /no longer valid: the program resumed/);
    await assert.rejects(s.dc.scopesRequest({ frameId: first.top.id }), /no longer valid/);
    // The session is still usable.
    const again = await s.dc.stackTraceRequest({ threadId: 1 });
    assert.equal(again.body.stackFrames[0].line, L('sum'));
  }));
