// Exception stops show every caller frame's locals (instrumented user code), not only the throwing frame's: with the
// "uncaught" and "all" filters, over the real adapter (stdio). Callers record their locals at the call statement, on
// a budget (debug.kernel.js, EXCEPTION_BUDGET); these programs call each function a few times, well within it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withAdapter, launchWithBreakpoints, nextStop, lineOf } from './harness.mjs';

/** Every frame of the stop: { name, line, local } with Local as name -> value text (undefined when it has none). */
async function framesWithLocals(s, frames) {
  const out = [];
  for (const f of frames) {
    const scopes = (await s.dc.scopesRequest({ frameId: f.id })).body.scopes;
    const scope = scopes.find((x) => x.name === 'Local');
    let local;
    if (scope) {
      const vars = (await s.dc.variablesRequest({ variablesReference: scope.variablesReference })).body.variables;
      local = Object.fromEntries(vars.map((v) => [v.name, v.value]));
    }
    out.push({ name: f.name, line: f.line, local });
  }
  return out;
}

async function stopIn(file, filter) {
  return withAdapter(async (s) => {
    const stop = nextStop(s);
    await launchWithBreakpoints(s, file, {}, { exceptionFilters: { filters: [filter] } });
    const { stopped, frames } = await stop;
    assert.equal(stopped.body.reason, 'exception');
    return framesWithLocals(s, frames);
  });
}

for (const filter of ['uncaught', 'all']) {
  test(`"${filter}": every caller three calls deep shows its parameters, let/const and block-scoped names, as they are now`, async () => {
    const frames = await stopIn('callers-throw.js', filter);
    const file = 'callers-throw.js';
    assert.deepEqual(frames.map((f) => [f.name, f.line]), [
      ['parse', lineOf(file, 'throws')],
      ['load', lineOf(file, 'load-call')],
      ['main', lineOf(file, 'main-call')],
      ['<anonymous>', lineOf(file, 'top')],
    ]);
    assert.deepEqual(frames[0].local, { text: "'a,b'", depth: '11', parts: "[ 'a', 'b' ]", count: '2' });
    // `attempt` was 0 and changed before the call; `width` is a name of the block around the call.
    assert.deepEqual(frames[1].local, { width: '8', name: "'a,b'", retries: '2', attempt: '3', label: "'load:a,b'" });
    assert.deepEqual(frames[2].local, { files: "[ 'a,b' ]", index: '1' });
  });
}

test('a recursive function: each frame on the stack shows its own values', async () => {
  const frames = await stopIn('callers-recursive.js', 'uncaught');
  const walks = frames.filter((f) => f.name === 'walk');
  assert.deepEqual(walks.map((f) => f.line), [lineOf('callers-recursive.js', 'throws'), ...Array(2).fill(lineOf('callers-recursive.js', 'recurse'))]);
  assert.deepEqual(walks.map((f) => [f.local.depth, f.local.here]), [['3', '30'], ['2', '20'], ['1', '10']]);
});

test('an async function after an await: the stop shows its own locals; its awaiting caller is not a live frame', async () => {
  // As in Node: past an await the caller is suspended in the promise machinery, not on the stack, so the stack ends
  // at the resumed function (VS Code shows such callers only as an async trace, without scopes).
  const frames = await stopIn('callers-async.js', 'uncaught');
  assert.equal(frames[0].name, 'fetchItem');
  assert.equal(frames[0].line, lineOf('callers-async.js', 'throws'));
  assert.deepEqual(frames[0].local, { id: '8', before: '9', record: '{ id: 8, before: 9 }' });
  assert.ok(!frames.some((f) => f.name === 'run'), frames.map((f) => f.name).join());
});

test('a caller whose call site ran past the recording budget says so in its Local scope; callers outside it keep theirs', async () => {
  const file = 'callers-hot.js';
  const frames = await stopIn(file, 'all');
  assert.deepEqual(frames.map((f) => [f.name, f.line]), [
    ['check', lineOf(file, 'throws')],
    ['sweep', lineOf(file, 'hot-call')],
    ['main', lineOf(file, 'main-call')],
    ['<anonymous>', lineOf(file, 'top')],
  ]);
  assert.deepEqual(frames[0].local, { n: '99' });
  // `check(i)` ran 100 times before the throw: past the budget (32), its caller's locals were not recorded.
  assert.deepEqual(Object.keys(frames[1].local), ['not recorded']);
  assert.match(frames[1].local['not recorded'], /ran more than 32 times since the last stop while an exception filter was on/);
  assert.deepEqual(frames[2].local, { limit: '100' });
});
