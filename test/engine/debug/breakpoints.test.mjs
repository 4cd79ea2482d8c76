import { test } from 'node:test';
import assert from 'node:assert/strict';
import { debugRun } from './harness.mjs';

const program = [
  'function add(a, b) {',        // 1
  '  const sum = a + b;',        // 2
  '  return sum;',               // 3
  '}',                           // 4
  'let total = 0;',              // 5
  'for (let i = 0; i < 5; i++) {', // 6
  '  total = add(total, i);',    // 7
  '}',                           // 8
  'print("total", total);',      // 9
  'total',                       // 10
].join('\n');

test('a breakpoint stops at its statement with the right locals and stack', async () => {
  const stops = [];
  const { result, logs } = await debugRun(program, {
    setup: (ctl) => ctl.request('setBreakpoints', ['/t/main.js', [{ line: 3 }]]),
    onPause: (stop, ctl) => {
      const { frames } = ctl.request('stackTrace', []);
      const scopes = ctl.request('scopes', [0]);
      const local = ctl.request('variables', [scopes.find((s) => s.name === 'Local').ref]);
      stops.push({ reason: stop.reason, top: frames[0], caller: frames[1], local: Object.fromEntries(local.map((p) => [p.name, p.value.preview])) });
      return 'continue';
    },
  });
  assert.equal(result, 10);
  assert.deepEqual(logs, ['total 10']);
  assert.equal(stops.length, 5);
  assert.equal(stops[0].reason, 'breakpoint');
  assert.deepEqual({ ...stops[0].top, id: 0 }, { id: 0, name: 'add', file: '/t/main.js', line: 3, column: 3 });
  assert.equal(stops[0].caller.line, 7);
  assert.deepEqual(stops[2].local, { a: '1', b: '2', sum: '3' });
});

test('conditions, hit counts and logpoints', async () => {
  let stops = [];
  const onPause = (stop, ctl) => {
    const v = ctl.request('evaluate', ['i', 0, 'watch']);
    stops.push(v.preview);
    return 'continue';
  };
  await debugRun(program, { setup: (ctl) => ctl.request('setBreakpoints', ['/t/main.js', [{ line: 7, condition: 'i % 2 === 1' }]]), onPause });
  assert.deepEqual(stops, ['1', '3']);
  stops = [];
  await debugRun(program, { setup: (ctl) => ctl.request('setBreakpoints', ['/t/main.js', [{ line: 7, hitCondition: '>= 4' }]]), onPause });
  assert.deepEqual(stops, ['3', '4']);
  stops = [];
  const { events } = await debugRun(program, { setup: (ctl) => ctl.request('setBreakpoints', ['/t/main.js', [{ line: 7, logMessage: 'i={i} t={total}' }]]), onPause });
  assert.deepEqual(stops, []);
  assert.deepEqual(events.filter((e) => e.type === 'console').map((e) => e.text), ['i=0 t=0', 'i=1 t=0', 'i=2 t=1', 'i=3 t=3', 'i=4 t=6']);
});

test('a condition that does not parse or throws is reported, not fatal', async () => {
  let results;
  const { result, events } = await debugRun(program, {
    setup: (ctl) => { results = ctl.request('setBreakpoints', ['/t/main.js', [{ line: 7, condition: 'i ===' }, { line: 3, condition: 'nope.x' }]]); },
    onPause: () => assert.fail('must not pause'),
  });
  assert.equal(result, 10);
  // Set before the file loaded: the verdict on the condition arrives with the file.
  assert.match(results[0].message, /not loaded yet/);
  const placed = events.find((e) => e.type === 'breakpointChanged' && e.breakpoint.id === results[0].id).breakpoint;
  assert.equal(placed.verified, false);
  assert.match(placed.message, /condition does not parse/);
  assert.ok(events.some((e) => e.type === 'console' && /threw/.test(e.text)));
});

test('evaluate writes back to locals, setVariable changes a local', async () => {
  const { result } = await debugRun(program, {
    setup: (ctl) => ctl.request('setBreakpoints', ['/t/main.js', [{ line: 2 }]]),
    onPause: (stop, ctl) => {
      const local = ctl.request('scopes', [0]).find((s) => s.name === 'Local').ref;
      ctl.request('setVariable', [local, 'b', 'b * 0']);
      ctl.request('evaluate', ['a += 100', 0, 'repl']);
      assert.throws(() => ctl.request('setVariable', [local, 'sum', '1']));
      return 'continue';
    },
  });
  assert.equal(result, 500);
});
