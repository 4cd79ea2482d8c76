// "Debug Cell": the launch configuration built from a notebook's cells, checked as data and then launched in the
// real debug adapter process (dist/debug-adapter.js) with a breakpoint set on the cell's URI, as VS Code sends it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { launch, nextStop, scopeVariables, withAdapter } from '../../debug-adapter/harness.mjs';
import { loadNotebookModule } from './helpers.mjs';

const { debugCellPlan } = await loadNotebookModule('cellDebug');

const uri = (n) => `vscode-notebook-cell:/work/demo/nb.qjsnb#W${n}sZmlsZQ%3D%3D`;
const code = (text, n, language = 'javascript') => ({ kind: 'code', language, text, uri: uri(n) });

const CELLS = [
  code('let base = 40\nfunction bump(n) {\n  return n + base\n}\nconsole.log("cell 1 ran")', 0),
  { kind: 'markup', language: 'markdown', text: '# notes', uri: uri(1) },
  code('const k: number = bump(2) - base', 2, 'typescript'),
  code('let broken: = 1', 3, 'typescript'),
  code('print("not js")', 4, 'python'),
  code('function area(w, h) {\n  const a = w * h\n  return a + k - 2\n}\nlet result = area(6, 7)\nconsole.log("area", result)', 5),
];

test('the plan debugs the cell under its URI and replays the code cells above it', async () => {
  const plan = await debugCellPlan(CELLS, 5, '/work/demo');
  assert.equal(plan.ok, true);
  const c = plan.configuration;
  assert.equal(c.type, 'quickjs');
  assert.equal(c.request, 'launch');
  assert.equal(c.sourceName, uri(5));
  assert.equal(c.language, 'js');
  assert.equal(c.cwd, '/work/demo');
  assert.equal(c.source.split('\n').length, CELLS[5].text.split('\n').length, 'the transform keeps the lines');
  assert.match(c.source, /^var area, result;/, 'declarations become globals as in the notebook');
  assert.deepEqual(c.prelude.map((p) => p.sourceName), [uri(0), 'cell-3.js'], 'markdown, python and the cell that does not compile are left out');
  assert.equal(plan.replayed, 2);
  assert.equal(plan.skipped.length, 1);
  assert.match(plan.skipped[0], /^Cell 4: /);
  assert.doesNotMatch(c.prelude[1].source, /: number/, 'TypeScript above is replayed as the JavaScript the notebook runs');
});

test('a TypeScript cell is debugged as TypeScript; cells that are not code, or not JS/TS, are refused with a reason', async () => {
  const ts = await debugCellPlan(CELLS, 2);
  assert.equal(ts.ok, true);
  assert.equal(ts.configuration.language, 'ts');
  assert.equal(ts.configuration.source, CELLS[2].text);
  assert.equal('cwd' in ts.configuration, false);
  assert.deepEqual(await debugCellPlan(CELLS, 1), { ok: false, reason: 'only code cells can be debugged' });
  assert.match((await debugCellPlan(CELLS, 4)).reason, /JavaScript and TypeScript cells, not python/);
  assert.match((await debugCellPlan(CELLS, 9)).reason, /no cell 10/);
});

test('the planned launch stops at a breakpoint in the cell, with its locals and the state of the cells above', () =>
  withAdapter(async (s) => {
    const plan = await debugCellPlan(CELLS, 5);
    const stop = nextStop(s);
    await launch(s, plan.configuration, async () => {
      const r = await s.dc.setBreakpointsRequest({ source: { path: uri(5) }, breakpoints: [{ line: 3 }] });
      assert.equal(r.body.breakpoints[0].line, 3);
    });
    const { stopped, top, frames } = await stop;
    assert.equal(stopped.body.reason, 'breakpoint');
    assert.equal(top.source.path, uri(5));
    assert.equal(top.line, 3);
    assert.equal(top.name, 'area');
    assert.equal(frames[1].line, 5, 'the caller is the cell line that called area');
    const locals = await scopeVariables(s, top.id);
    assert.equal(locals.a.value, '42');
    assert.equal(locals.w.value, '6');
    const k = await s.dc.evaluateRequest({ expression: 'k + base', frameId: top.id, context: 'watch' });
    assert.equal(k.body.result, '42', 'k from the TypeScript cell and base from cell 1 exist');

    const exited = s.dc.waitForEvent('exited');
    await s.dc.continueRequest({ threadId: 1 });
    assert.equal((await exited).body.exitCode, 0);
    const out = await s.waitForOutput('area 42');
    assert.equal(out.source.path, uri(5));
    assert.ok(!s.text().includes('cell 1 ran'), 'the replayed cell printed nothing');
  }));

test('a breakpoint in a replayed cell pauses when the debugged cell calls into it, not during the replay', () =>
  withAdapter(async (s) => {
    const cells = [code(`${CELLS[0].text}\nbump(0)`, 0), code('bump(1)\nbump(2)', 1)];
    const stop = nextStop(s);
    await launch(s, (await debugCellPlan(cells, 1)).configuration, async () => {
      await s.dc.setBreakpointsRequest({ source: { path: uri(0) }, breakpoints: [{ line: 3 }] });
    });
    const { top, frames } = await stop;
    assert.equal(top.source.path, uri(0));
    assert.equal(top.line, 3);
    assert.equal((await scopeVariables(s, top.id)).n.value, '1', 'the first call from the debugged cell');
    assert.equal(frames[1].source.path, uri(1));
    assert.equal(s.events.filter((e) => e.event === 'stopped').length, 1);
    await s.dc.disconnectRequest({});
  }));

test('the manifest offers Debug Cell on notebook cells and describes the source launch attributes', async () => {
  const { readFile } = await import('node:fs/promises');
  const manifest = JSON.parse(await readFile(new URL('../../../package.json', import.meta.url), 'utf8'));
  const c = manifest.contributes;
  const command = c.commands.find((x) => x.command === 'quickjs.notebook.debugCell');
  assert.ok(command, 'the command is declared');
  assert.match(command.title, /fresh sandbox.*cells above/, 'the title says how state is handled');
  const onCell = c.menus['notebook/cell/title'].find((m) => m.command === command.command);
  assert.match(onCell.when, /notebookCellType == code/);
  assert.match(onCell.when, /quickjs-notebook/);
  const launch = c.debuggers.find((d) => d.type === 'quickjs').configurationAttributes.launch;
  assert.ok(!(launch.required ?? []).includes('program'), 'a source launch has no program');
  for (const a of ['source', 'sourceName', 'language', 'prelude']) assert.ok(launch.properties[a]?.description, `${a} is described`);
  assert.deepEqual(launch.properties.language.enum, ['js', 'ts']);
});
