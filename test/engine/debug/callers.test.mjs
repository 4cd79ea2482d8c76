// Caller frames at a stop the debugger never stepped through: their locals are recorded on the way by the calls
// that can reach a breakpoint or `debugger;` (by name, through arguments, transitively), and shown read-only.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { debugRun, previews } from './harness.mjs';

/** Every frame at a stop: { name, line, local } where local is the Local scope's variables (or undefined). */
function frames(ctl) {
  return ctl.request('stackTrace', []).frames.map((f) => {
    const local = ctl.request('scopes', [f.id]).find((s) => s.name === 'Local');
    return { name: f.name, line: f.line, local: local && previews(ctl, local.ref) };
  });
}

/** The first caller's Local scope as the adapter lists it: [{ name, value }] (a note when nothing was recorded). */
function callerLocal(ctl) {
  const caller = ctl.request('stackTrace', []).frames[1];
  const scope = ctl.request('scopes', [caller.id]).find((s) => s.name === 'Local');
  return { name: caller.name, local: scope && ctl.request('variables', [scope.ref]) };
}

/** Runs `src` with breakpoints on `lines`, continuing at each stop; returns the run and what `look` saw at each. */
async function atStops(src, lines, look = frames, options = {}) {
  const seen = [];
  const r = await debugRun(src, {
    ...options,
    setup: (ctl) => ctl.request('setBreakpoints', ['/t/main.js', lines.map((line) => ({ line }))]),
    onPause: (stop, ctl) => {
      seen.push(look(ctl));
      return 'continue';
    },
  });
  return { r, seen };
}

test('callers show the locals they had when they made the call, at a breakpoint hit without stepping', async () => {
  const src = [
    'function leaf(x) {',
    '  const y = x * 2;',
    '  return y;', // 3: breakpoint
    '}',
    'function mid(a) {',
    '  let local = a + 100;',
    '  return leaf(local);',
    '}',
    'let total = 0;',
    'for (const it of [1, 2]) total += mid(it);',
    'total',
  ].join('\n');
  const { r, seen } = await atStops(src, [3]);
  assert.equal(r.result, 406);
  assert.equal(seen.length, 2);
  assert.deepEqual(seen[1].map((f) => [f.name, f.line]), [['leaf', 3], ['mid', 7], ['<anonymous>', 10]]);
  assert.deepEqual(seen[0][1].local, { a: '1', local: '101' });
  assert.deepEqual(seen[1][1].local, { a: '2', local: '102' });
  // The top level's block-scoped loop variable is a local of that frame.
  assert.deepEqual(seen[1][2].local, { it: '2' });
});

test('each recursive frame shows its own values', async () => {
  const src = [
    'function fib(n) {',
    '  if (n < 2) {',
    '    if (n === 0 && globalThis.go) debugger;',
    '    return n;',
    '  }',
    '  return fib(n - 1) + fib(n - 2);',
    '}',
    'fib(3);',
    'globalThis.go = true;',
    'fib(4)',
  ].join('\n');
  const { r, seen: stacks } = await atStops(src, [], (ctl) => frames(ctl).map((f) => (f.local ? f.local.n : '-')));
  assert.equal(r.result, 3);
  // fib(4) -> fib(3) -> fib(2) -> fib(0), then fib(4) -> fib(2) -> fib(0); the top level has no locals of its own.
  assert.deepEqual(stacks, [['0', '2', '3', '4', '-'], ['0', '2', '4', '-']]);
});

test('callbacks: functions passed by value or written as arguments lead to their callers', async () => {
  const src = [
    'function visit(node) {',
    '  return node.v;', // 2: breakpoint
    '}',
    'function walk(list) {',
    '  const label = "walk";',
    '  return list.map(visit);',
    '}',
    'function each(list) {',
    '  let count = list.length;',
    '  list.forEach((item) => {',
    '    const twice = item.v * 2;',
    '    globalThis.sum = (globalThis.sum || 0) + twice;', // 12: breakpoint
    '  });',
    '  return count;',
    '}',
    'walk([{ v: 1 }]);',
    'each([{ v: 5 }]);',
  ].join('\n');
  const { seen } = await atStops(src, [2, 12]);
  assert.equal(seen.length, 2);
  assert.deepEqual(seen[0][1].name, 'walk');
  assert.deepEqual(seen[0][1].local.label, "'walk'");
  assert.deepEqual(seen[1][1].name, 'each');
  assert.deepEqual(seen[1][1].local.count, '1');
});

test('names come from where functions are written: arrows in consts, methods, constructors', async () => {
  const src = [
    'class Point {',
    '  constructor(x) {',
    '    this.x = x;', // 3: breakpoint
    '  }',
    '}',
    'const make = (k) => {',
    '  const scaled = k * 10;',
    '  return new Point(scaled);',
    '};',
    'const api = {',
    '  run(q) {',
    '    const tag = "run";',
    '    return make(q);',
    '  },',
    '};',
    'api.run(4).x',
  ].join('\n');
  const { r, seen: [seen] } = await atStops(src, [3]);
  assert.equal(r.result, 40);
  assert.deepEqual(seen[1].local, { k: '4', scaled: '40' });
  assert.deepEqual(seen[2].local, { q: '4', tag: "'run'" });
});

test('a caller evaluates against its recorded locals and refuses assignment with a reason', async () => {
  const src = ['function inner(v) {', '  return v + 1;', '}', 'function outer(base) {', '  const k = base * 3;', '  return inner(k);', '}', 'outer(2)'].join('\n');
  let evaluated, refused, local;
  const r = await debugRun(src, {
    setup: (ctl) => ctl.request('setBreakpoints', ['/t/main.js', [{ line: 2 }]]),
    onPause: (stop, ctl) => {
      const caller = ctl.request('stackTrace', []).frames[1];
      evaluated = ctl.request('evaluate', ['base + k', caller.id, 'watch']).preview;
      const scope = ctl.request('scopes', [caller.id]).find((s) => s.name === 'Local');
      local = previews(ctl, scope.ref);
      try {
        ctl.request('setVariable', [scope.ref, 'base', '100']);
      } catch (e) {
        refused = e.message;
      }
      return 'continue';
    },
  });
  assert.equal(r.result, 7);
  assert.equal(evaluated, '8');
  assert.deepEqual(local, { base: '2', k: '6' });
  assert.match(refused, /only in the paused frame/);
});

test('a caller whose call cannot be traced by name says why it shows no locals, and never shows stale ones', async () => {
  const src = [
    'function target(x) {',
    '  return x;', // 2: breakpoint
    '}',
    'const table = { ["tar" + "get"]: target };',
    'function viaName(a) {',
    '  return target(a);',
    '}',
    'function dynamic(b) {',
    '  return table["tar" + "get"](b);',
    '}',
    'viaName(1);',
    'dynamic(2);',
  ].join('\n');
  const { seen } = await atStops(src, [2], callerLocal);
  assert.equal(seen[0].name, 'viaName');
  assert.equal(seen[0].local[0].name, 'a');
  assert.equal(seen[1].name, 'dynamic');
  // The depth viaName recorded at is dynamic's depth now: that record is another function's and is not shown.
  assert.equal(seen[1].local.length, 1);
  assert.equal(seen[1].local[0].name, 'not recorded');
  assert.match(seen[1].local[0].value.preview, /not recorded.*breakpoint/);
});

test('a call that records 500 times without a stop stops recording; its frame says so, outer callers keep theirs', async () => {
  const src = [
    'function check(i) {',
    '  if (i === 3000) {',
    '    return "hit";', // 3: breakpoint, reached once after 3,000 calls from the loop
    '  }',
    '  return i;',
    '}',
    'function loop() {',
    '  let last;',
    '  for (let i = 0; i <= 3000; i++) last = check(i);',
    '  return last;',
    '}',
    'function main(label) {',
    '  const tag = label + "!";',
    '  return loop();',
    '}',
    'main("run")',
  ].join('\n');
  const { r, seen: [seen] } = await atStops(src, [3], (ctl) => Object.assign(frames(ctl), { note: callerLocal(ctl).local }), { kind: 'release' });
  assert.equal(r.result, 'hit');
  assert.deepEqual(seen.map((f) => f.name), ['check', 'loop', 'main', '<anonymous>']);
  assert.equal(seen.note.length, 1);
  assert.match(seen.note[0].value.preview, /500 times without a stop/);
  // main's call ran once: its record is still good.
  assert.deepEqual(seen[2].local, { label: "'run'", tag: "'run!'" });
});

test('calls through eval are traced too: the function that called eval shows its locals', async () => {
  const src = [
    'function target(x) {',
    '  return x;', // 2: breakpoint
    '}',
    'function viaEval(a) {',
    '  const b = a * 2;',
    '  return eval("const c = b + 1; target(c)");',
    '}',
    'viaEval(5)',
  ].join('\n');
  const { r, seen: [seen] } = await atStops(src, [2]);
  assert.equal(r.result, 11);
  // QuickJS leaves a direct eval's own frame out of the stack: the function that called eval is next.
  assert.deepEqual(seen.map((f) => f.name), ['target', 'viaEval', '<anonymous>']);
  assert.deepEqual(seen[0].local, { x: '11' });
  assert.deepEqual(seen[1].local, { a: '5', b: '10' });
});

test('with an exception filter every call records, on a budget of 32 runs between stops; outer callers keep theirs', async () => {
  const src = [
    'function check(i) {',
    '  if (i === 40) throw new Error("at " + i);', // 2: an uncaught throw after 40 calls from the loop
    '  return i;',
    '}',
    'function loop(n) {',
    '  let last;',
    '  for (let i = 0; i <= n; i++) last = check(i);',
    '  return last;',
    '}',
    'function main(label) {',
    '  const tag = label + "!";',
    '  loop(10);', // 12: within the budget
    '  return loop(40);', // 13: past it
    '}',
    'main("run")',
  ].join('\n');
  const seen = [];
  await debugRun(src, {
    kind: 'release',
    setup: (ctl) => ctl.request('setExceptionBreakpoints', [{ uncaught: {} }]),
    onPause: (stop, ctl) => {
      seen.push(Object.assign(frames(ctl), { note: callerLocal(ctl).local }));
      return 'continue';
    },
  });
  assert.equal(seen.length, 1);
  const [stop] = seen;
  assert.deepEqual(stop.map((f) => [f.name, f.line]), [['check', 2], ['loop', 7], ['main', 13], ['<anonymous>', 15]]);
  assert.deepEqual(stop[0].local, { i: '40' });
  // loop's call ran 52 times since the run began: recording there stopped, and the frame says why.
  assert.equal(stop.note.length, 1);
  assert.match(stop.note[0].value.preview, /ran more than 32 times since the last stop while an exception filter was on/);
  // main's calls ran once each: the record of the one in progress is shown, with no stale value from the first.
  assert.deepEqual(stop[2].local, { label: "'run'", tag: "'run!'" });
});
