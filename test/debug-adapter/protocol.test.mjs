// The adapter's protocol behaviour that needs no running program: capabilities, bad requests, bad launches.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startAdapter, fixture } from './harness.mjs';


let s;
before(async () => {
  s = await startAdapter();
});
after(async () => {
  await s?.stop();
});

test('initialize answers with the capabilities the adapter implements', async () => {
  const r = await s.dc.initializeRequest();
  const caps = r.body;
  for (const cap of [
    'supportsConfigurationDoneRequest', 'supportsConditionalBreakpoints', 'supportsHitConditionalBreakpoints', 'supportsLogPoints',
    'supportsBreakpointLocationsRequest', 'supportsSetVariable', 'supportsSetExpression', 'supportsCompletionsRequest',
    'supportsStepInTargetsRequest', 'supportsExceptionInfoRequest', 'supportsExceptionFilterOptions', 'supportsLoadedSourcesRequest',
    'supportsDelayedStackTraceLoading', 'supportsRestartRequest', 'supportsTerminateRequest', 'supportsEvaluateForHovers',
  ]) {
    assert.equal(caps[cap], true, cap);
  }
  // Honest: nothing claimed that is not implemented.
  assert.equal(caps.supportsStepBack, false);
  assert.equal(caps.supportsFunctionBreakpoints, false);
  assert.deepEqual(caps.exceptionBreakpointFilters.map((f) => f.filter), ['all', 'uncaught']);
  assert.ok(caps.exceptionBreakpointFilters.every((f) => f.supportsCondition === true));
});

test('an unknown command gets an error naming it, and the session goes on', async () => {
  await assert.rejects(s.dc.customRequest('frobnicate', { x: 1 }), /unknown request "frobnicate"/);
  const threads = await s.dc.threadsRequest();
  assert.equal(threads.body.threads.length, 1);
});

test('requests with missing or mistyped fields get clear errors', async () => {
  await assert.rejects(s.dc.send('variables', { variablesReference: 'seven' }), /variables: 'variablesReference' must be an integer/);
  await assert.rejects(s.dc.send('scopes', { frameId: null }), /scopes: 'frameId' must be an integer/);
  await assert.rejects(s.dc.send('evaluate', [1, 2]), /evaluate: "arguments" must be a JSON object/);
  await assert.rejects(s.dc.send('setBreakpoints', { breakpoints: [{ line: 1 }] }), /"source.path" is required/);
  await assert.rejects(s.dc.send('evaluate', { expression: '1+1' }), /no program is being debugged; send "launch" first/);
});

test('a stale or unknown reference is answered with an error, not a crash', async () => {
  await assert.rejects(s.dc.variablesRequest({ variablesReference: 12345 }), /unknown variables reference 12345/);
  await assert.rejects(s.dc.scopesRequest({ frameId: 77 }), /unknown frame 77/);
});

test('a malformed message on stdin does not end the session', async () => {
  const junk = '{ this is not json';
  s.writeRaw(`Content-Length: ${Buffer.byteLength(junk)}\r\n\r\n${junk}`);
  const threads = await s.dc.threadsRequest();
  assert.equal(threads.body.threads[0].id, 1);
});

test('launch without a program says which attribute is missing', async () => {
  await assert.rejects(s.dc.launchRequest({}), /the "program" attribute is missing/);
});

test('launch of a file that does not exist names the resolved path', async () => {
  await assert.rejects(s.dc.launchRequest({ program: 'no-such-file.js' }), (e) => {
    assert.match(e.message, /program not found: .*fixtures\/no-such-file\.js/);
    return true;
  });
});

test('launch with badly typed limits names the attribute and the expected form', async () => {
  const program = fixture('hello.js');
  await assert.rejects(s.dc.launchRequest({ program, memoryLimit: 'lots' }), /'memoryLimit' must be a size like "64MB"/);
  await assert.rejects(s.dc.launchRequest({ program, memoryLimit: '1MB' }), /'memoryLimit' must be 0 \(none\) or at least 16MB/);
  await assert.rejects(s.dc.launchRequest({ program, stackSize: 8 }), /'stackSize' must be between 64KB and 4MB/);
  await assert.rejects(s.dc.launchRequest({ program, timeout: 'soon' }), /'timeout' must be a duration like "30s"/);
  await assert.rejects(s.dc.launchRequest({ program, engine: 'v8' }), /'engine' must be "quickjs" or "quickjs-ng"/);
  await assert.rejects(s.dc.launchRequest({ program, allowRead: 42 }), /'allowRead' must be a list of strings/);
  await assert.rejects(s.dc.launchRequest({ program, cwd: '/no/such/folder' }), /'cwd' does not exist/);
});

test('the adapter still answers after every rejected request above', async () => {
  const r = await s.dc.threadsRequest();
  assert.equal(r.success, true);
});
