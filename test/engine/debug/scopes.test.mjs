// Script and Module scopes (top-level bindings read through one reader per file), step-in targets, and the
// direct-eval reader that frames with many names use instead of value arrays.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { debugRun, previews as names } from './harness.mjs';

test('a script\'s top-level let/const/class form a Script scope that completes and can be set', async () => {
  const src = ['let count = 1;', 'const label = "n";', 'var g = 0;', 'function bump() {', '  return count + 1;', '}', 'count = bump();', 'count'].join('\n');
  let script, completions, refused;
  const r = await debugRun(src, {
    setup: (ctl) => ctl.request('setBreakpoints', ['/t/main.js', [{ line: 5 }]]),
    onPause: (stop, ctl) => {
      const scopes = ctl.request('scopes', [0]);
      const s = scopes.find((x) => x.name === 'Script');
      script = names(ctl, s.ref);
      completions = ctl.request('completions', ['cou', 4, 0]).map((c) => c.label);
      ctl.request('setVariable', [s.ref, 'count', '41']);
      try { ctl.request('setVariable', [s.ref, 'label', '"x"']); } catch (e) { refused = e.message; }
      return 'continue';
    },
  });
  // `var g` and the function are properties of the global object: the Global scope has them, not Script.
  assert.deepEqual(script, { count: '1', label: "'n'" });
  assert.ok(completions.includes('count'));
  assert.match(refused, /constant/);
  assert.equal(r.result, 42);
});

test('module bindings form a Module scope, also for evaluation inside functions that do not name them', async () => {
  const src = ['let total = 5;', 'export const unit = "kg";', 'function show(x) {', '  return x;', '}', 'show(total);'].join('\n');
  let mod, evaluated;
  await debugRun(src, {
    type: 'module',
    setup: (ctl) => ctl.request('setBreakpoints', ['/t/main.js', [{ line: 4 }]]),
    onPause: (stop, ctl) => {
      const s = ctl.request('scopes', [0]).find((x) => x.name === 'Module');
      mod = names(ctl, s.ref);
      evaluated = ctl.request('evaluate', ['total + x', 0, 'watch']).preview;
      return 'continue';
    },
  });
  assert.deepEqual(mod, { total: '5', unit: "'kg'", show: '[Function: show]' });
  assert.equal(evaluated, '10');
});

test('stepInTargets lists the calls of the paused statement; stepIn(target) skips the others', async () => {
  const src = ['function add(a, b) {', '  return a + b;', '}', 'function mul(x, y) {', '  return x * y;', '}', 'const n = add(mul(2, 3), 4);', 'n'].join('\n');
  let labels, inAdd;
  const r = await debugRun(src, {
    setup: (ctl) => ctl.request('setBreakpoints', ['/t/main.js', [{ line: 7 }]]),
    onPause: (stop, ctl) => {
      if (stop.reason === 'breakpoint') {
        const targets = ctl.request('stepInTargets', [0]);
        labels = targets.map((t) => t.label);
        ctl.request('stepIn', [targets.find((t) => t.label === 'add').id]);
        return ctl.resumeAction;
      }
      const top = ctl.request('stackTrace', []).frames[0];
      const local = ctl.request('scopes', [0]).find((x) => x.name === 'Local');
      inAdd = { name: top.name, ...names(ctl, local.ref) };
      return 'continue';
    },
  });
  assert.deepEqual(labels.sort(), ['add', 'mul']);
  assert.deepEqual(inAdd, { name: 'add', a: '6', b: '4' });
  assert.equal(r.result, 10);
});

test('a frame with many names reads and writes them through its eval reader', async () => {
  const decl = Array.from({ length: 20 }, (_, i) => `v${i} = ${i}`).join(', ');
  const src = ['function big() {', `  let ${decl};`, '  return v19 + v0;', '}', 'big()'].join('\n');
  let seen;
  const r = await debugRun(src, {
    setup: (ctl) => ctl.request('setBreakpoints', ['/t/main.js', [{ line: 3 }]]),
    onPause: (stop, ctl) => {
      const local = ctl.request('scopes', [0]).find((x) => x.name === 'Local');
      seen = names(ctl, local.ref);
      ctl.request('setVariable', [local.ref, 'v0', '100']);
      return 'continue';
    },
  });
  assert.equal(Object.keys(seen).length, 20);
  assert.equal(seen.v7, '7');
  assert.equal(r.result, 119);
});
