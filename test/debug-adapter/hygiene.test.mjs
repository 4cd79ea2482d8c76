// What any DAP client reads: only fields of the specification, counts that agree with the lists they count,
// program output exactly as a plain run prints it, and no error answers once the program has ended.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fixture, launchWithBreakpoints, lineOf, nextStop, root, withAdapter } from './harness.mjs';

test('requests after the program ended get empty answers; malformed ones still get errors', () =>
  withAdapter(async (s) => {
    const stop = nextStop(s);
    await launchWithBreakpoints(s, 'basic.js', { 'basic.js': [lineOf('basic.js', 'sum')] });
    const { top } = await stop;
    const scopes = await s.dc.scopesRequest({ frameId: top.id });
    const ref = scopes.body.scopes[0].variablesReference;
    await s.dc.setBreakpointsRequest({ source: { path: fixture('basic.js') }, breakpoints: [] });
    const terminated = s.dc.waitForEvent('terminated');
    await s.dc.continueRequest({ threadId: 1 });
    await terminated;
    assert.deepEqual((await s.dc.threadsRequest()).body.threads, []);
    assert.deepEqual((await s.dc.stackTraceRequest({ threadId: 1 })).body, { stackFrames: [], totalFrames: 0 });
    assert.deepEqual((await s.dc.scopesRequest({ frameId: top.id })).body.scopes, []);
    assert.deepEqual((await s.dc.variablesRequest({ variablesReference: ref })).body.variables, []);
    const locations = await s.dc.send('breakpointLocations', { source: { path: fixture('basic.js') }, line: 1 });
    assert.ok(Array.isArray(locations.body.breakpoints));
    await assert.rejects(s.dc.send('scopes', { frameId: 'first' }), /scopes: 'frameId' must be an integer/);
    await assert.rejects(s.dc.send('variables', {}), /variables: 'variablesReference' must be an integer/);
  }));

test('program output reaches the client byte for byte as a plain run prints it', () =>
  withAdapter(async (s) => {
    const program = fixture('output.js');
    const plain = spawnSync(process.execPath, [join(root, 'dist', 'cli.js'), 'run', program], { encoding: 'utf8', cwd: root });
    assert.equal(plain.status, 1, plain.stderr);
    const exited = s.dc.waitForEvent('exited');
    const terminated = s.dc.waitForEvent('terminated');
    await launchWithBreakpoints(s, 'output.js');
    assert.equal((await exited).body.exitCode, 1);
    await terminated;
    // Compared as whole texts: one event per console call, so blank lines and trailing newlines are kept.
    assert.equal(s.text('stdout'), plain.stdout);
    assert.equal(s.text('stderr'), plain.stderr);
    assert.match(plain.stdout, /^a\n\nb\n/, 'the fixture does print a blank line');
    assert.ok(plain.stdout.includes('carriage\rreturn\r\n\n') && plain.stdout.includes('中文 🙂'), 'and \\r and non-ASCII text');
  }));

// Allowed fields, from the Debug Adapter Protocol specification (debugProtocol.d.ts), for what this session sends.
const SOURCE = ['name', 'path', 'sourceReference', 'presentationHint', 'origin', 'sources', 'adapterData', 'checksums'];
const TYPES = {
  Source: { fields: SOURCE, nested: { sources: 'Source[]' } },
  Thread: { fields: ['id', 'name'] },
  StackFrame: {
    fields: ['id', 'name', 'source', 'line', 'column', 'endLine', 'endColumn', 'canRestart', 'instructionPointerReference', 'moduleId', 'presentationHint'],
    nested: { source: 'Source' },
  },
  Scope: {
    fields: ['name', 'presentationHint', 'variablesReference', 'namedVariables', 'indexedVariables', 'expensive', 'source', 'line', 'column', 'endLine', 'endColumn'],
    nested: { source: 'Source' },
  },
  Variable: {
    fields: ['name', 'value', 'type', 'presentationHint', 'evaluateName', 'variablesReference', 'namedVariables', 'indexedVariables', 'memoryReference', 'declarationLocationReference', 'valueLocationReference'],
    nested: { presentationHint: 'VariablePresentationHint' },
  },
  VariablePresentationHint: { fields: ['kind', 'attributes', 'visibility', 'lazy'] },
  Breakpoint: {
    fields: ['id', 'verified', 'message', 'source', 'line', 'column', 'endLine', 'endColumn', 'instructionReference', 'offset', 'reason'],
    nested: { source: 'Source' },
  },
  BreakpointLocation: { fields: ['line', 'column', 'endLine', 'endColumn'] },
  CompletionItem: { fields: ['label', 'text', 'sortText', 'detail', 'type', 'start', 'length', 'selectionStart', 'selectionLength'] },
  StepInTarget: { fields: ['id', 'label', 'line', 'column', 'endLine', 'endColumn'] },
  ExceptionDetails: { fields: ['message', 'typeName', 'fullTypeName', 'evaluateName', 'stackTrace', 'innerException'], nested: { innerException: 'ExceptionDetails[]' } },
  ExceptionBreakpointsFilter: { fields: ['filter', 'label', 'description', 'default', 'supportsCondition', 'conditionDescription'] },
  Capabilities: {
    fields: [
      'supportsConfigurationDoneRequest', 'supportsFunctionBreakpoints', 'supportsConditionalBreakpoints', 'supportsHitConditionalBreakpoints',
      'supportsEvaluateForHovers', 'exceptionBreakpointFilters', 'supportsStepBack', 'supportsSetVariable', 'supportsRestartFrame',
      'supportsGotoTargetsRequest', 'supportsStepInTargetsRequest', 'supportsCompletionsRequest', 'completionTriggerCharacters',
      'supportsModulesRequest', 'additionalModuleColumns', 'supportedChecksumAlgorithms', 'supportsRestartRequest', 'supportsExceptionOptions',
      'supportsValueFormattingOptions', 'supportsExceptionInfoRequest', 'supportTerminateDebuggee', 'supportSuspendDebuggee',
      'supportsDelayedStackTraceLoading', 'supportsLoadedSourcesRequest', 'supportsLogPoints', 'supportsTerminateThreadsRequest',
      'supportsSetExpression', 'supportsTerminateRequest', 'supportsDataBreakpoints', 'supportsReadMemoryRequest', 'supportsWriteMemoryRequest',
      'supportsDisassembleRequest', 'supportsCancelRequest', 'supportsBreakpointLocationsRequest', 'supportsClipboardContext',
      'supportsSteppingGranularity', 'supportsInstructionBreakpoints', 'supportsExceptionFilterOptions', 'supportsSingleThreadExecutionRequests',
      'supportsDataBreakpointBytes', 'breakpointModes', 'supportsANSIStyling',
    ],
    nested: { exceptionBreakpointFilters: 'ExceptionBreakpointsFilter[]' },
  },
};
/** Response bodies by command; `null` for responses without a body. */
const RESPONSES = {
  initialize: 'Capabilities',
  launch: null,
  configurationDone: null,
  setBreakpoints: { fields: ['breakpoints'], nested: { breakpoints: 'Breakpoint[]' } },
  setExceptionBreakpoints: { fields: ['breakpoints'], nested: { breakpoints: 'Breakpoint[]' } },
  breakpointLocations: { fields: ['breakpoints'], nested: { breakpoints: 'BreakpointLocation[]' } },
  threads: { fields: ['threads'], nested: { threads: 'Thread[]' } },
  stackTrace: { fields: ['stackFrames', 'totalFrames'], nested: { stackFrames: 'StackFrame[]' } },
  scopes: { fields: ['scopes'], nested: { scopes: 'Scope[]' } },
  variables: { fields: ['variables'], nested: { variables: 'Variable[]' } },
  evaluate: { fields: ['result', 'type', 'presentationHint', 'variablesReference', 'namedVariables', 'indexedVariables', 'memoryReference', 'valueLocationReference'], nested: { presentationHint: 'VariablePresentationHint' } },
  setVariable: { fields: ['value', 'type', 'variablesReference', 'namedVariables', 'indexedVariables', 'memoryReference', 'valueLocationReference'] },
  setExpression: { fields: ['value', 'type', 'presentationHint', 'variablesReference', 'namedVariables', 'indexedVariables', 'memoryReference', 'valueLocationReference'], nested: { presentationHint: 'VariablePresentationHint' } },
  completions: { fields: ['targets'], nested: { targets: 'CompletionItem[]' } },
  stepInTargets: { fields: ['targets'], nested: { targets: 'StepInTarget[]' } },
  exceptionInfo: { fields: ['exceptionId', 'description', 'breakMode', 'details'], nested: { details: 'ExceptionDetails' } },
  loadedSources: { fields: ['sources'], nested: { sources: 'Source[]' } },
  source: { fields: ['content', 'mimeType'] },
  continue: { fields: ['allThreadsContinued'] },
  next: null,
  stepIn: null,
  stepOut: null,
};
const EVENTS = {
  output: { fields: ['category', 'output', 'group', 'variablesReference', 'source', 'line', 'column', 'data', 'locationReference'], nested: { source: 'Source' } },
  stopped: { fields: ['reason', 'description', 'threadId', 'preserveFocusHint', 'text', 'allThreadsStopped', 'hitBreakpointIds'] },
  continued: { fields: ['threadId', 'allThreadsContinued'] },
  breakpoint: { fields: ['reason', 'breakpoint'], nested: { breakpoint: 'Breakpoint' } },
  loadedSource: { fields: ['reason', 'source'], nested: { source: 'Source' } },
  exited: { fields: ['exitCode'] },
  terminated: { fields: ['restart'] },
  initialized: null,
};

/** Fields of `value` that type `type` does not have, as paths; `__`-prefixed extensions are allowed. */
function extraFields(value, type, path) {
  if (type === null) return value === undefined || Object.keys(value).length === 0 ? [] : [`${path} (no body expected)`];
  if (typeof type === 'string') {
    if (type.endsWith('[]')) return (value ?? []).flatMap((v, i) => extraFields(v, type.slice(0, -2), `${path}[${i}]`));
    type = TYPES[type];
  }
  const out = [];
  for (const [key, v] of Object.entries(value ?? {})) {
    if (key.startsWith('__')) continue;
    if (!type.fields.includes(key)) out.push(`${path}.${key}`);
    else if (type.nested?.[key] && v !== undefined) out.push(...extraFields(v, type.nested[key], `${path}.${key}`));
  }
  return out;
}

test('a full session sends only fields of the specification, and variable counts match the lists', () =>
  withAdapter(async (s) => {
    const responses = [];
    const send = s.dc.send.bind(s.dc);
    s.dc.send = async (command, args, timeout) => {
      const response = await send(command, args, timeout);
      responses.push(response);
      return response;
    };
    const events = [];
    for (const name of Object.keys(EVENTS)) s.dc.on(name, (e) => events.push(e));
    const stop = nextStop(s);
    await launchWithBreakpoints(s, 'basic.js', { 'basic.js': [lineOf('basic.js', 'log'), lineOf('basic.js', 'nested')] }, { exceptionFilters: { filters: ['uncaught'] } });
    let { top } = await stop;
    assert.equal(top.line, lineOf('basic.js', 'nested'));
    await s.dc.send('stepInTargets', { frameId: top.id });
    await s.dc.threadsRequest();
    const next = nextStop(s);
    await s.dc.continueRequest({ threadId: 1 });
    ({ top } = await next);
    assert.equal(top.line, lineOf('basic.js', 'log'));
    const mismatches = [];
    /** Fetches a variables reference and checks the counts its parent announced. */
    const expand = async (ref, announced, label, depth) => {
      const all = (await s.dc.variablesRequest({ variablesReference: ref })).body.variables;
      if (announced.indexedVariables !== undefined) {
        const indexed = (await s.dc.variablesRequest({ variablesReference: ref, filter: 'indexed', start: 0, count: announced.indexedVariables })).body.variables;
        if (indexed.length !== announced.indexedVariables) mismatches.push(`${label}: indexedVariables ${announced.indexedVariables}, got ${indexed.length}`);
      }
      if (announced.namedVariables !== undefined) {
        const named = (await s.dc.variablesRequest({ variablesReference: ref, filter: 'named' })).body.variables;
        if (named.length !== announced.namedVariables) mismatches.push(`${label}: namedVariables ${announced.namedVariables}, got ${named.length}`);
      }
      if (announced.namedVariables === undefined && announced.indexedVariables === undefined && depth > 0) return;
      for (const v of all.slice(0, 12)) {
        if (v.variablesReference > 0 && depth < 2) await expand(v.variablesReference, v, `${label}.${v.name}`, depth + 1);
      }
    };
    for (const scope of (await s.dc.scopesRequest({ frameId: top.id })).body.scopes) {
      await expand(scope.variablesReference, scope, scope.name, 0);
    }
    assert.deepEqual(mismatches, []);
    for (const [expression, context] of [['list', 'watch'], ['point', 'hover'], ['total + 1', 'repl']]) {
      await s.dc.evaluateRequest({ expression, frameId: top.id, context });
    }
    await s.dc.send('setExpression', { expression: 'total', value: '10', frameId: top.id });
    await s.dc.completionsRequest({ text: 'point.', column: 7, frameId: top.id });
    await s.dc.send('loadedSources', {});
    await s.dc.sourceRequest({ source: { path: fixture('basic.js') }, sourceReference: 0 });
    await s.dc.send('breakpointLocations', { source: { path: fixture('basic.js') }, line: 1, endLine: 40 });
    const terminated = s.dc.waitForEvent('terminated');
    await s.dc.continueRequest({ threadId: 1 });
    await terminated;
    await s.dc.stackTraceRequest({ threadId: 1 });
    const problems = [];
    for (const r of responses) {
      assert.ok(r.command in RESPONSES, `the test lists the fields of ${r.command}`);
      problems.push(...extraFields(r.body, RESPONSES[r.command], r.command));
    }
    for (const e of events) problems.push(...extraFields(e.body, EVENTS[e.event], `event ${e.event}`));
    assert.deepEqual(problems, []);
    assert.ok(responses.length > 25 && events.length > 5, `a full session was checked (${responses.length} responses)`);
  }));

test('a thrown exception is shown under one top-level frame name in frames, exception stack and output', () =>
  withAdapter(async (s) => {
    const stop = nextStop(s);
    await launchWithBreakpoints(s, 'exceptions.js', {}, { exceptionFilters: { filters: ['all'] } });
    const { frames } = await stop;
    const info = await s.dc.exceptionInfoRequest({ threadId: 1 });
    const terminated = s.dc.waitForEvent('terminated');
    // Later exception stops (the uncaught one) are resumed as they come: the run ends with the uncaught trace.
    s.dc.on('stopped', () => s.dc.continueRequest({ threadId: 1 }).catch(() => undefined));
    await s.dc.continueRequest({ threadId: 1 });
    await terminated;
    const top = frames[frames.length - 1];
    assert.deepEqual(extraFields(info.body, RESPONSES.exceptionInfo, 'exceptionInfo'), []);
    assert.equal(top.name, '<anonymous>');
    assert.match(info.body.details.stackTrace, /at <anonymous> \(.*exceptions\.js:\d+:\d+\)/);
    assert.doesNotMatch(info.body.details.stackTrace, /<eval>|\(top level\)/);
    assert.match(s.text('stderr'), /at <anonymous> \(.*exceptions\.js:\d+:\d+\)/);
  }));
