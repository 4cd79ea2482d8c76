// One value model: the same values rendered through the console (a real sandbox's console lines), the notebook's
// object tree (a run's result and `Sandbox.children`) and the debugger's Variables view (the real adapter over stdio:
// evaluate, then variables) give the same preview text and the same children, because all three use the one
// renderer and registry in src/engine/kernel/values/.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { run } from '../helpers.mjs';
import { fixture, launchWithBreakpoints, lineOf, nextStop, withAdapter } from '../../debug-adapter/harness.mjs';

const source = readFileSync(fixture('values.js'), 'utf8');
const keys = ['map', 'set', 'typed', 'point', 'error', 'proxy', 'symbol', 'circular', 'accessor', 'array', 'text', 'fn', 'nested'];

/** The notebook's view: `samples` as a run's result, two levels of children as { name: preview }. */
async function notebookTree() {
  // Under the fixture's own name, so an error's stack reads as it does in the debugger.
  const r = await run({ kind: 'source', source: `${source}\nsamples`, filename: fixture('values.js') }, {}, { keep: true });
  try {
    const top = r.results[0].value;
    const children = await r.sandbox.children(top.id);
    const tree = { preview: top.preview, children: {}, grandchildren: {} };
    for (const c of children) {
      tree.children[c.name] = c.value.preview;
      if (c.value.id && !c.getter) {
        tree.grandchildren[c.name] = Object.fromEntries((await r.sandbox.children(c.value.id)).map((g) => [g.name, g.value.preview]));
      }
    }
    return tree;
  } finally {
    assert.equal(await r.sandbox.dispose(), undefined, 'no leaked handles');
  }
}

/** The debugger's view of the same `samples`, paused at the end of the fixture. */
function debuggerTree() {
  return withAdapter(async (s) => {
    const stop = nextStop(s);
    await launchWithBreakpoints(s, 'values.js', { 'values.js': [lineOf('values.js', 'ready')] });
    const { top: frame } = await stop;
    const evaluated = (await s.dc.evaluateRequest({ expression: 'samples', frameId: frame.id, context: 'watch' })).body;
    const hover = (await s.dc.evaluateRequest({ expression: 'samples.map', frameId: frame.id, context: 'hover' })).body;
    const children = (await s.dc.variablesRequest({ variablesReference: evaluated.variablesReference })).body.variables;
    const tree = { preview: evaluated.result, hoverMap: hover.result, children: {}, grandchildren: {} };
    for (const c of children) {
      tree.children[c.name] = c.value;
      if (c.variablesReference && !c.presentationHint?.lazy) {
        const g = (await s.dc.variablesRequest({ variablesReference: c.variablesReference })).body.variables;
        tree.grandchildren[c.name] = Object.fromEntries(g.map((v) => [v.name, v.value]));
      }
    }
    return tree;
  });
}

test('console, notebook tree and Variables view render every kind of value alike', async () => {
  const logged = await run({ kind: 'source', source: `${source}\n${keys.map((k) => `console.log(samples.${k});`).join('\n')}`, filename: fixture('values.js') });
  const consoleText = Object.fromEntries(keys.map((k, i) => [k, logged.logs[i + 1]]));
  const notebook = await notebookTree();
  const dap = await debuggerTree();

  // The same object, the same one-line preview and the same children, in both trees.
  assert.equal(dap.preview, notebook.preview);
  assert.deepEqual(dap.children, notebook.children);
  assert.deepEqual(dap.grandchildren, notebook.grandchildren);
  assert.equal(dap.hoverMap, notebook.children.map);

  // The console prints what the trees preview (Node's util.inspect), apart from depth (the console goes two levels
  // deep where a preview stops at one), an error's stack under the preview's header, and a string given to
  // console.log, which Node prints as it is.
  for (const k of keys) {
    if (k === 'nested' || k === 'text') continue;
    const expected = k === 'error' ? consoleText[k].split('\n')[0] : consoleText[k];
    assert.equal(notebook.children[k], expected, `${k}: the console and the tree disagree`);
  }
  assert.equal(consoleText.nested, '{ inner: { deep: [ 1 ] } }');
  assert.equal(notebook.children.nested, '{ inner: [Object] }');
  assert.equal(consoleText.text, "it's");

  // What each kind looks like (Node's form), so a change to the renderer shows here.
  assert.deepEqual(notebook.children, {
    map: "Map(2) { 'a' => 1, 'b' => 2 }",
    set: "Set(2) { 1, 'two' }",
    typed: 'Uint8Array(3) [ 1, 2, 3 ]',
    point: 'Point { x: 3, y: 4 }',
    error: 'RangeError: out of range',
    proxy: '{ target: true }',
    symbol: 'Symbol(tag)',
    circular: "<ref *1> { name: 'loop', self: [Circular *1] }",
    accessor: '{ lazy: [Getter], plain: 1 }',
    array: "[ 1, 'two', 3n ]",
    text: `"it's"`,
    fn: '[Function: named]',
    nested: '{ inner: [Object] }',
    '[[Prototype]]': '[Object: null prototype] {}',
  });
  // Getters are listed, never run: an own one and one a class defines.
  assert.equal(notebook.grandchildren.accessor.lazy, '(...)');
  assert.equal(notebook.grandchildren.point.norm, '(...)');
  assert.equal(notebook.grandchildren.map['[[Entries]]'], 'Array(2)');
});
