// Launching source text instead of a file (`source` + `sourceName`), as the notebook's Debug Cell does:
// breakpoints on that name, stacks and output naming it, the `source` request, a prelude that never pauses,
// and the launches that must be refused.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fixture, launch, nextStop, scopeVariables, withAdapter } from './harness.mjs';

// The shape VS Code gives a notebook cell's URI; nothing of that name exists on disk.
const CELL = 'vscode-notebook-cell:/work/demo/nb.qjsnb#W0sZmlsZQ%3D%3D';

const CELL_TEXT = [
  'function scale(v) {',
  '  const factor = 3;',
  '  return v * factor;', // line 3
  '}',
  'const answer = scale(14);',
  'console.log("answer", answer);', // line 6
].join('\n');

/** Launches `args` and sets `breakpoints` ({ name: [lines] }) during configuration; returns the placed breakpoints. */
async function launchSource(s, args, breakpoints = {}) {
  const placed = {};
  await launch(s, args, async () => {
    for (const [path, lines] of Object.entries(breakpoints)) {
      const r = await s.dc.setBreakpointsRequest({ source: { path }, breakpoints: lines.map((line) => ({ line })) });
      placed[path] = r.body.breakpoints;
    }
  });
  return placed;
}

test('a source launch stops at a breakpoint set on its URI name, with that name in the stack and a local', () =>
  withAdapter(async (s) => {
    const stop = nextStop(s);
    const placed = await launchSource(s, { source: CELL_TEXT, sourceName: CELL }, { [CELL]: [3] });
    assert.equal(placed[CELL][0].source.path, CELL, 'the breakpoint keeps the name it was set on');
    const { stopped, top, frames } = await stop;
    assert.equal(stopped.body.reason, 'breakpoint');
    assert.equal(top.source.path, CELL, 'the URI is not resolved as a path');
    assert.equal(top.source.name, 'nb.qjsnb', 'the shown name drops the fragment');
    assert.equal(top.line, 3);
    assert.equal(top.name, 'scale');
    assert.equal(frames[1].source.path, CELL);
    assert.equal(frames[1].line, 5);
    const locals = await scopeVariables(s, top.id);
    assert.equal(locals.factor.value, '3');
    assert.equal(locals.v.value, '14');

    const exited = s.dc.waitForEvent('exited');
    await s.dc.continueRequest({ threadId: 1 });
    assert.equal((await exited).body.exitCode, 0);
    const out = await s.waitForOutput('answer 42');
    assert.equal(out.source.path, CELL, 'console output links to the source name');
    assert.equal(out.line, 6);
  }));

test('a relative sourceName is a path under cwd: breakpoints by absolute path hit, and `source` returns the text', () =>
  withAdapter(async (s) => {
    const abs = fixture('scratch-not-on-disk.js');
    const stop = nextStop(s);
    await launchSource(s, { source: CELL_TEXT, sourceName: 'scratch-not-on-disk.js' }, { [abs]: [2] });
    const { top } = await stop;
    assert.equal(top.source.path, abs);
    assert.equal(top.line, 2);
    const r = await s.dc.sourceRequest({ source: { path: abs }, sourceReference: 0 });
    assert.equal(r.body.content, CELL_TEXT, 'a source that exists nowhere on disk is served from the launch');
    await s.dc.continueRequest({ threadId: 1 });
  }));

test('TypeScript source text is transpiled and its breakpoints land on TypeScript lines', () =>
  withAdapter(async (s) => {
    const name = 'vscode-notebook-cell:/work/demo/nb.qjsnb#W1sZmlsZQ%3D%3D';
    const ts = [
      'interface Box {',
      '  w: number;',
      '  h: number;',
      '}',
      'const box: Box = { w: 6, h: 7 };',
      'const area: number = box.w * box.h;', // line 6
      'console.log(`area ${area}`);',
    ].join('\n');
    const stop = nextStop(s);
    await launchSource(s, { source: ts, sourceName: name, language: 'ts' }, { [name]: [6] });
    const { top } = await stop;
    assert.equal(top.source.path, name);
    assert.equal(top.line, 6, 'the line is the TypeScript line, not the transpiled one');
    const r = await s.dc.evaluateRequest({ expression: 'box.w * box.h', frameId: top.id, context: 'watch' });
    assert.equal(r.body.result, '42');
    const exited = s.dc.waitForEvent('exited');
    await s.dc.continueRequest({ threadId: 1 });
    await exited;
    await s.waitForOutput('area 42');
  }));

test('a prelude runs first without pausing and without output; what it defines is there and its functions can be debugged', () =>
  withAdapter(async (s) => {
    const earlier = 'vscode-notebook-cell:/work/demo/nb.qjsnb#W0sZmlsZQ%3D%3D';
    const current = 'vscode-notebook-cell:/work/demo/nb.qjsnb#W2sZmlsZQ%3D%3D';
    const prelude = [
      {
        source: ['var base = 40;', 'function bump(n) {', '  return n + base;', '}', 'debugger;', 'console.log("from the prelude", bump(0));'].join('\n'),
        sourceName: earlier,
      },
    ];
    const source = ['const start = 2;', 'const got = bump(start);', 'console.log("got", got);'].join('\n');
    const firstStop = nextStop(s);
    await launchSource(s, { source, sourceName: current, prelude, stopOnEntry: true }, { [earlier]: [3] });
    // The prelude's own call of bump, its debugger statement and its entry were passed over: the first stop is the entry.
    const entry = await firstStop;
    assert.equal(entry.stopped.body.reason, 'entry');
    assert.equal(entry.top.source.path, current);
    assert.equal(entry.top.line, 1);
    const base = await s.dc.evaluateRequest({ expression: 'base', frameId: entry.top.id, context: 'watch' });
    assert.equal(base.body.result, '40', 'the prelude ran before the debugged source');

    const inEarlier = nextStop(s);
    await s.dc.continueRequest({ threadId: 1 });
    const { stopped, top, frames } = await inEarlier;
    assert.equal(stopped.body.reason, 'breakpoint');
    assert.equal(top.source.path, earlier, 'a function of the prelude is shown in its own source');
    assert.equal(top.line, 3);
    assert.equal(frames[1].source.path, current);
    assert.equal(frames[1].line, 2);
    assert.equal((await scopeVariables(s, top.id)).n.value, '2');

    const exited = s.dc.waitForEvent('exited');
    await s.dc.continueRequest({ threadId: 1 });
    assert.equal((await exited).body.exitCode, 0);
    await s.waitForOutput('got 42');
    assert.equal(s.events.filter((e) => e.event === 'stopped').length, 2, 'no pause in the prelude');
    assert.ok(!s.text().includes('from the prelude'), 'prelude output is not shown');
    assert.match(s.text('console'), /Ran 1 prelude source first/);
  }));

test('an uncaught error in the prelude is reported and the debugged source still runs', () =>
  withAdapter(async (s) => {
    const exited = s.dc.waitForEvent('exited');
    await launchSource(s, {
      source: 'console.log("still ran", typeof half)',
      sourceName: 'main.js',
      prelude: [{ source: 'var half = 1;\nthrow new TypeError("prelude broke")', sourceName: 'first.js' }],
    });
    assert.equal((await exited).body.exitCode, 0);
    const err = await s.waitForOutput(/TypeError: prelude broke/);
    assert.equal(err.category, 'stderr');
    assert.equal(err.source.path, fixture('first.js'));
    await s.waitForOutput('still ran number');
  }));

test('launches with both program and source, or neither, or a malformed source, are refused with the reason', () =>
  withAdapter(async (s) => {
    await s.dc.initializeRequest();
    await assert.rejects(s.dc.launchRequest({ program: fixture('hello.js'), source: '1' }), /either "program" .* or "source" .*, not both/);
    await assert.rejects(s.dc.launchRequest({}), /"program" attribute is missing; .* or give the text to debug as "source"/);
    await assert.rejects(s.dc.launchRequest({ source: 42 }), /'source' must be the program's text as a string; got 42/);
    await assert.rejects(s.dc.launchRequest({ source: 'x', sourceName: '' }), /'sourceName' must be a non-empty/);
    await assert.rejects(s.dc.launchRequest({ source: 'x', language: 'python' }), /'language' must be "js" or "ts"; got "python"/);
    await assert.rejects(s.dc.launchRequest({ source: 'x', prelude: 'var a' }), /'prelude' must be a list/);
    await assert.rejects(s.dc.launchRequest({ source: 'x', prelude: [{ text: 'var a' }] }), /prelude\[0\]: 'source' must be/);
    // The session is still usable after the refusals.
    const exited = s.dc.waitForEvent('exited');
    await launch(s, { source: 'console.log(6 * 7)' });
    assert.equal((await exited).body.exitCode, 0);
    await s.waitForOutput('42');
  }));

test('restart with an edited source reruns the prelude and the new text, and the breakpoints on the name still bind', () =>
  withAdapter(async (s) => {
    const prelude = [{ source: 'var base = 40;', sourceName: 'setup.js' }];
    let stop = nextStop(s);
    await launchSource(s, { source: CELL_TEXT, sourceName: CELL, prelude }, { [CELL]: [3] });
    assert.equal((await stop).top.line, 3);
    // VS Code's restart button sends the configuration again; here the cell was edited in between.
    const edited = CELL_TEXT.replace('const factor = 3;', 'const factor = base;');
    stop = nextStop(s);
    await s.dc.restartRequest({ arguments: { source: edited, sourceName: CELL, prelude } });
    const { top } = await stop;
    assert.equal(top.source.path, CELL);
    assert.equal(top.line, 3);
    assert.equal((await scopeVariables(s, top.id)).factor.value, '40', 'the edited text ran, after the prelude');
    const r = await s.dc.sourceRequest({ source: { path: CELL }, sourceReference: 0 });
    assert.equal(r.body.content, edited, 'the source request serves the text of the current run');
    const exited = s.dc.waitForEvent('exited');
    await s.dc.continueRequest({ threadId: 1 });
    await exited;
    await s.waitForOutput('answer 560');
  }));
