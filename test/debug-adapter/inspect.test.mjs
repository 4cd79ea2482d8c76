// Inspection through DAP: stack paging, scopes, variables (paged, lazy getters), set, evaluate, completions.
import { test as nodeTest } from 'node:test';
import assert from 'node:assert/strict';
import { launchWithBreakpoints, lineOf, nextStop, scopeVariables, withAdapter } from './harness.mjs';

const test = (name, fn) => nodeTest(name, fn);

const L = (marker) => lineOf('basic.js', marker);

/** Stops inside add() called from the loop, and hands the session and top frame to `body`. */
const inAdd = (body, marker = 'return') =>
  withAdapter(async (s) => {
    const stop = nextStop(s);
    await launchWithBreakpoints(s, 'basic.js', { 'basic.js': [{ line: L(marker), condition: 'a === 3' }] });
    const { top } = await stop;
    return body(s, top);
  });

/** Stops at the final console.log, where every top-level value exists. */
const atEnd = (body) =>
  withAdapter(async (s) => {
    const stop = nextStop(s);
    await launchWithBreakpoints(s, 'basic.js', { 'basic.js': [L('log')] });
    const { top } = await stop;
    return body(s, top);
  });

test('stackTrace pages through frames and reports the total', () =>
  inAdd(async (s) => {
    const all = await s.dc.stackTraceRequest({ threadId: 1 });
    assert.ok(all.body.totalFrames >= 2);
    assert.equal(all.body.stackFrames[0].name, 'add');
    const page = await s.dc.stackTraceRequest({ threadId: 1, startFrame: 1, levels: 1 });
    assert.equal(page.body.stackFrames.length, 1);
    assert.equal(page.body.stackFrames[0].line, L('loop'));
    assert.equal(page.body.totalFrames, all.body.totalFrames);
  }));

test('scopes and variables show locals with their values and types', () =>
  inAdd(async (s, top) => {
    const scopes = await s.dc.scopesRequest({ frameId: top.id });
    assert.equal(scopes.body.scopes[0].name, 'Local');
    assert.equal(scopes.body.scopes[0].presentationHint, 'locals');
    const locals = await scopeVariables(s, top.id, 'Local');
    assert.equal(locals.a.value, '3');
    assert.equal(locals.b.value, '3');
    assert.equal(locals.sum.value, '6');
    assert.equal(locals.a.type, 'number');
    assert.equal(locals.a.evaluateName, 'a');
  }));

test('arrays page through indexed children; getters stay lazy until expanded', () =>
  atEnd(async (s, top) => {
    // Reached through evaluate: the engine lists no scope for top-level lexical bindings.
    const list = (await s.dc.evaluateRequest({ expression: 'list', frameId: top.id, context: 'watch' })).body;
    const point = (await s.dc.evaluateRequest({ expression: 'point', frameId: top.id, context: 'watch' })).body;
    assert.equal(list.indexedVariables, 300);
    const page = await s.dc.variablesRequest({ variablesReference: list.variablesReference, filter: 'indexed', start: 100, count: 5 });
    assert.deepEqual(page.body.variables.map((v) => [v.name, v.value]), [['100', '200'], ['101', '202'], ['102', '204'], ['103', '206'], ['104', '208']]);
    assert.equal(page.body.variables[0].evaluateName, 'list[100]');

    const props = await s.dc.variablesRequest({ variablesReference: point.variablesReference });
    const norm = props.body.variables.find((v) => v.name === 'norm');
    assert.ok(norm, 'the getter is listed');
    assert.equal(norm.presentationHint?.lazy, true);
    assert.ok(norm.variablesReference > 0);
    const expanded = await s.dc.variablesRequest({ variablesReference: norm.variablesReference });
    assert.equal(expanded.body.variables.length, 1);
    assert.match(expanded.body.variables[0].value, /^2\.236/);
  }));

test('setVariable changes a parameter and the program sees the new value', () =>
  inAdd(async (s, top) => {
    const scopes = await s.dc.scopesRequest({ frameId: top.id });
    const local = scopes.body.scopes.find((x) => x.name === 'Local');
    const r = await s.dc.setVariableRequest({ variablesReference: local.variablesReference, name: 'b', value: '90 + 8' });
    assert.equal(r.body.value, '98');
    const check = await s.dc.evaluateRequest({ expression: 'b', frameId: top.id, context: 'watch' });
    assert.equal(check.body.result, '98');
    await s.dc.setBreakpointsRequest({ source: { path: top.source.path }, breakpoints: [] });
    const exited = s.dc.waitForEvent('exited');
    await s.dc.continueRequest({ threadId: 1 });
    await exited;
    // add(3, 3) became add(3, 98) = 101, then add(101, 4) = 105
    assert.match(s.text('stdout'), /total 105 /);
  }, 'sum'));

test('setVariable on a const answers with the reason', () =>
  inAdd(async (s, top) => {
    const scopes = await s.dc.scopesRequest({ frameId: top.id });
    const local = scopes.body.scopes.find((x) => x.name === 'Local');
    await assert.rejects(s.dc.setVariableRequest({ variablesReference: local.variablesReference, name: 'sum', value: '1' }), /sum is a constant/);
  }));

test('setExpression assigns through an expression', () =>
  atEnd(async (s, top) => {
    const r = await s.dc.send('setExpression', { expression: 'point.x', value: '42', frameId: top.id });
    assert.equal(r.body.value, '42');
    const check = await s.dc.evaluateRequest({ expression: 'point.x * 2', frameId: top.id, context: 'repl' });
    assert.equal(check.body.result, '84');
  }));

test('evaluate works in each context and reports script errors as error responses', () =>
  inAdd(async (s, top) => {
    for (const context of ['repl', 'watch', 'hover', 'clipboard']) {
      const r = await s.dc.evaluateRequest({ expression: 'a * 10 + b', frameId: top.id, context });
      assert.equal(r.body.result, '33', context);
    }
    const obj = await s.dc.evaluateRequest({ expression: '({ k: [1, 2] })', frameId: top.id, context: 'repl' });
    assert.ok(obj.body.variablesReference > 0, 'objects are expandable');
    const kids = await s.dc.variablesRequest({ variablesReference: obj.body.variablesReference });
    assert.equal(kids.body.variables[0].name, 'k');
    await assert.rejects(s.dc.evaluateRequest({ expression: 'nope.nope', frameId: top.id, context: 'repl' }), /nope/);
    const still = await s.dc.evaluateRequest({ expression: '1 + 1', frameId: top.id, context: 'repl' });
    assert.equal(still.body.result, '2');
  }));

test('completions propose names visible in the frame', () =>
  inAdd(async (s, top) => {
    const names = await s.dc.completionsRequest({ text: 'su', column: 3, frameId: top.id });
    const labels = names.body.targets.map((t) => t.label);
    assert.ok(labels.includes('sum') && labels.includes('a'), labels.slice(0, 20).join(','));
  }));

test('completions propose properties after a dot', () =>
  atEnd(async (s, top) => {
    const props = await s.dc.completionsRequest({ text: 'point.', column: 7, frameId: top.id });
    const labels = props.body.targets.map((t) => t.label);
    assert.ok(labels.includes('x') && labels.includes('norm'), labels.join(','));
  }));

test('caller frames in other files show the locals they called with, read-only, without any stepping', () =>
  withAdapter(async (s) => {
    const stop = nextStop(s);
    await launchWithBreakpoints(s, 'chain.mjs', { 'greet.mjs': [lineOf('greet.mjs', 'greet')] });
    const { frames } = await stop;
    assert.deepEqual(frames.slice(0, 3).map((f) => [f.name, f.source.name, f.line]), [
      ['greet', 'greet.mjs', lineOf('greet.mjs', 'greet')],
      ['<anonymous>', 'chain.mjs', lineOf('chain.mjs', 'map')],
      ['welcome', 'chain.mjs', lineOf('chain.mjs', 'map')],
    ]);
    const arrow = await scopeVariables(s, frames[1].id, 'Local');
    assert.equal(arrow.n.value, "'ada'");
    const welcome = await scopeVariables(s, frames[2].id, 'Local');
    assert.equal(welcome.count.value, '2');
    assert.match(welcome.names.value, /ada/);
    const scopes = await s.dc.scopesRequest({ frameId: frames[2].id });
    const local = scopes.body.scopes.find((x) => x.name === 'Local');
    const refused = await s.dc.setVariableRequest({ variablesReference: local.variablesReference, name: 'names', value: '[]' }).catch((e) => e);
    assert.match(String(refused.message), /only in the paused frame/);
    const watch = await s.dc.evaluateRequest({ expression: 'count * 10', frameId: frames[2].id, context: 'watch' });
    assert.equal(watch.body.result, '20');
  }));
