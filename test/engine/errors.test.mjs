// Errors that reach the host: uncaught exceptions and unhandled rejections, with stacks mapped to the sources.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { run, fixtures } from './helpers.mjs';

test('an uncaught error in a JS file: error event with name, message, mapped frames, exit code 1', async () => {
  const file = path.join(fixtures, 'errors/throws.js');
  const r = await run({ kind: 'file', path: file }, { cwd: fixtures });
  assert.equal(r.outcome.status, 'error');
  assert.equal(r.outcome.exitCode, 1);
  assert.equal(r.errors.length, 1);
  const { kind, error } = r.errors[0];
  assert.equal(kind, 'uncaught');
  assert.equal(error.name, 'TypeError');
  assert.equal(error.message, 'bad thing');
  assert.deepEqual(error.frames.map((f) => [f.functionName, f.file, f.line]), [
    ['inner', file, 2],
    ['outer', file, 6],
    ['', file, 9],
  ]);
  // Columns fall inside the statement that threw or called (QuickJS points at the operator, Node at the start).
  assert.ok(error.frames[0].column >= 3 && error.frames[0].column <= 32, `column ${error.frames[0].column}`);
  assert.ok(error.frames[1].column >= 3 && error.frames[1].column <= 10, `column ${error.frames[1].column}`);
  assert.match(error.stack, /^TypeError: bad thing\n {4}at inner \(.*throws\.js:2:\d+\)\n {4}at outer \(/);
  assert.doesNotMatch(error.stack, /quickjs-sandbox:/, 'kernel frames are hidden');
});

test('an uncaught error in TypeScript maps every frame to .ts lines', async () => {
  const r = await run({ kind: 'file', path: path.join(fixtures, 'ts/shapes.ts') }, { cwd: fixtures });
  assert.equal(r.outcome.exitCode, 1);
  assert.deepEqual(r.errors[0].error.frames.map((f) => [path.basename(f.file), f.line]), [['shapes.ts', 16], ['shapes.ts', 22]]);
});

test('an error thrown in a timer callback is uncaught, with the callback frame', async () => {
  const r = await run({ kind: 'source', filename: '/v/timer.js', source: 'setTimeout(function tick() {\n  null.x;\n}, 1);\nconsole.log("scheduled");' });
  assert.deepEqual(r.logs, ['scheduled']);
  assert.equal(r.outcome.exitCode, 1);
  assert.equal(r.errors[0].error.name, 'TypeError');
  assert.equal(r.errors[0].error.frames[0].functionName, 'tick');
  assert.equal(r.errors[0].error.frames[0].line, 2);
});

test('a thrown non-Error value is reported as it was thrown', async () => {
  const r = await run('throw { code: 42 };');
  assert.equal(r.outcome.exitCode, 1);
  assert.equal(r.errors[0].error.thrown, '{ code: 42 }');
  assert.match(r.errors[0].error.stack, /^Uncaught \{ code: 42 \}/);
});

test('a script ending with main() whose promise rejects reports an unhandled rejection', async () => {
  const r = await run({ kind: 'source', filename: '/v/main.js', source: 'async function main() {\n  await new Promise((r) => setTimeout(r, 5));\n  throw new Error("main failed");\n}\nmain();' });
  assert.equal(r.outcome.exitCode, 1);
  assert.equal(r.errors.length, 1);
  assert.equal(r.errors[0].kind, 'unhandledRejection');
  assert.equal(r.errors[0].error.message, 'main failed');
  assert.equal(r.errors[0].error.frames[0].functionName, 'main');
  assert.equal(r.errors[0].error.frames[0].line, 3);
});

test('a rejection that is handled later in the same turn is not reported', async () => {
  const r = await run('const p = Promise.reject(new Error("late"));\nsetTimeout(() => {}, 1);\np.catch((e) => console.log("handled", e.message));');
  assert.equal(r.outcome.exitCode, 0, JSON.stringify(r.errors));
  assert.deepEqual(r.logs, ['handled late']);
});

test('a floating rejected promise (not the last expression) is reported as unhandled', {
  todo: 'engine gap: only the completion value of a script is checked; QuickJS\'s host promise-rejection tracker is not wired, so Promise.reject() in the middle of a script passes silently (Node exits 1)',
}, async () => {
  const r = await run('Promise.reject(new Error("floating"));\nconsole.log("still ran");');
  assert.deepEqual(r.logs, ['still ran']);
  assert.equal(r.outcome.exitCode, 1);
  assert.equal(r.errors[0]?.kind, 'unhandledRejection');
});

test('a syntax error is reported with its line', async () => {
  const r = await run({ kind: 'source', filename: '/v/syntax.js', source: 'const ok = 1;\nconst = 2;' });
  assert.equal(r.outcome.exitCode, 1);
  assert.equal(r.errors[0].error.name, 'SyntaxError');
  assert.match(r.errors[0].error.stack, /syntax\.js:2/);
});

test('a missing entry file is an error that names the file', async () => {
  const r = await run({ kind: 'file', path: path.join(fixtures, 'nope/missing.js') });
  assert.equal(r.outcome.exitCode, 1);
  assert.match(r.errors[0].error.message, /cannot read .*missing\.js: no such file/);
});
