// The REPL transform of notebook cells, run in the real engine (debug build: a leaked handle fails the test):
// state shared across cells, re-running a cell, top-level await, completion values and error lines.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { leakCheckedSandbox, loadNotebookModule } from './helpers.mjs';

let cellSource;
let sandbox;
let events;
const prepared = new Map();

before(async () => {
  cellSource = await loadNotebookModule('cellSource');
  ({ sandbox, events } = await leakCheckedSandbox());
});
after(async () => {
  const leak = await sandbox.dispose();
  assert.equal(leak, undefined, `QuickJS reported leaked memory: ${leak}`);
});

/** Runs `source` as cell number `index` and returns the outcome, the result text and any error (mapped). */
async function runCell(source, index = 0, language = 'javascript') {
  const cell = await cellSource.prepareCell(source, language, index);
  prepared.set(cell.filename, cell);
  assert.equal(cell.compileError, undefined, cell.compileError?.message);
  events.length = 0;
  const outcome = await sandbox.run(cell.request);
  const result = events.find((e) => e.type === 'result');
  const error = events.find((e) => e.type === 'error');
  if (result?.value?.id) await sandbox.release(result.value.id);
  return { outcome, result: result?.text, error: error && cellSource.mapCellError(error.error, prepared), logs: events.filter((e) => e.type === 'console').map((e) => e.text) };
}

test('let, const, class and function declared in one cell are visible in the next', async () => {
  const a = await runCell('let a = 1\nconst { b, c: [d] } = { b: 2, c: [3] }\nclass P { constructor(x) { this.x = x } }\nfunction twice(n) { return n * 2 }', 0);
  assert.equal(a.outcome.status, 'completed', JSON.stringify(a));
  assert.equal(a.result, undefined, 'a cell ending in a declaration shows no value');
  const b = await runCell('twice(a + b + d) + new P(4).x', 1);
  assert.equal(b.outcome.status, 'completed', JSON.stringify(b));
  assert.equal(b.result, '16');
});

test('re-running a cell with let/const/class does not fail with a redeclaration', async () => {
  const src = 'const counter = (typeof counter === "number" ? counter : 0) + 1\nclass Thing {}\nlet tmp\ncounter';
  const first = await runCell(src, 2);
  const second = await runCell(src, 2);
  assert.equal(first.outcome.status, 'completed', JSON.stringify(first));
  assert.equal(second.outcome.status, 'completed', JSON.stringify(second));
  assert.equal(first.result, '1');
  assert.equal(second.result, '2');
});

test('top-level await: the cell waits, and its last expression is the result', async () => {
  const r = await runCell('const v = await new Promise((r) => setTimeout(() => r(20), 10))\nasync function more() { return 1 }\nv * 2 + await more() // the answer', 3);
  assert.equal(r.outcome.status, 'completed', JSON.stringify(r));
  assert.equal(r.result, '41');
  const next = await runCell('v + more.name.length', 4);
  assert.equal(next.result, '24', 'await-cell declarations (const and function) persist too');
});

test('completion value: the last expression statement, objects included', async () => {
  assert.equal((await runCell('const o = { x: [1, 2] }\no', 5)).result, '{ x: [ 1, 2 ] }');
  assert.equal((await runCell('1; 2; "three"', 5)).result, "'three'");
  assert.equal((await runCell('for await (const x of [1]) {}\nundefined', 5)).result, undefined);
});

test('top-level await is found where it runs, not inside nested functions: a class\'s computed key awaits at top level', async () => {
  const r = await runCell('class Keyed { [await Promise.resolve("k")]() { return 7 } }\nnew Keyed().k()', 5);
  assert.equal(r.outcome.status, 'completed', JSON.stringify(r));
  assert.equal(r.result, '7');
  const sync = await runCell('const later = async () => await 1\nclass Lazy { async m() { await 0 } }\ntypeof later', 5);
  assert.equal(sync.outcome.status, 'completed', JSON.stringify(sync));
  assert.equal(sync.result, "'function'", 'awaits inside functions and methods leave the cell synchronous');
});

test('errors point at the cell and the line of the original text, also after the await wrapper', async () => {
  const sync = await runCell('let ok = 1\n\nfunction boom() {\n  throw new Error("sync boom")\n}\nboom()', 6);
  assert.equal(sync.outcome.status, 'error');
  assert.equal(sync.error.frames[0].file, 'Cell 7');
  assert.equal(sync.error.frames[0].line, 4);
  assert.match(sync.error.stack, /Cell 7:4:/);
  const later = await runCell('await null\nboom()', 7);
  assert.equal(later.outcome.status, 'error');
  assert.match(later.error.stack, /at boom \(Cell 7:4:\d+\)/, 'a function of an earlier cell keeps pointing at that cell');
  assert.match(later.error.stack, /Cell 8:2:/);
  const line1 = await runCell('let zz = 1; null.x', 8);
  // QuickJS points at the failing operator: the "." of "null.x", column 17 of what the user wrote.
  assert.deepEqual([line1.error.frames[0].line, line1.error.frames[0].column], [1, 17]);
  const wrapped = await runCell('let q = 1; await null; null.y', 8);
  assert.deepEqual([wrapped.error.frames[0].line, wrapped.error.frames[0].column], [1, 28], 'columns survive the async wrapper too');
});

test('a syntax error is reported by the engine at the line the user wrote', async () => {
  const r = await runCell('let fine = 1\nlet broken = (', 9);
  assert.equal(r.outcome.status, 'error');
  assert.equal(r.error.name, 'SyntaxError');
  assert.equal(r.error.frames[0]?.file, 'Cell 10', JSON.stringify(r.error));
  assert.equal(r.error.frames[0].line, 2);
});

test('TypeScript cells: types are erased, state persists, and error lines map to the TypeScript text', async () => {
  const r = await runCell('interface Pt { x: number }\nconst pt: Pt = { x: 5 }\nconst sq = (n: number): number => n * n\nsq(pt.x)', 10, 'typescript');
  assert.equal(r.outcome.status, 'completed', JSON.stringify(r));
  assert.equal(r.result, '25');
  const e = await runCell('type T = string\n\n\nfunction fail(msg: T): never {\n  throw new TypeError(msg)\n}\nfail("typed " + sq(2))', 11, 'typescript');
  assert.equal(e.outcome.status, 'error');
  assert.equal(e.error.message, 'typed 4');
  assert.equal(e.error.frames[0].file, 'Cell 12');
  assert.equal(e.error.frames[0].line, 5);
  const bad = await cellSource.prepareCell('const x: = 1', 'typescript', 12);
  assert.equal(bad.compileError?.name, 'SyntaxError');
  assert.match(bad.compileError.stack, /Cell 13:1:/);
});

test('a TypeScript cell that reads e.stack itself sees its own lines, as a JavaScript cell does', async () => {
  const ts = 'interface Job { name: string }\nconst run = (job: Job): never => {\n  throw new Error(job.name);\n};\ntry { run({ name: "x" }); } catch (e) { console.log((e as Error).stack); }';
  const js = '\nconst run = (job) => {\n  throw new Error(job.name);\n};\ntry { run({ name: "x" }); } catch (e) { console.log(e.stack); }';
  const [fromTs, fromJs] = [await runCell(ts, 20, 'typescript'), await runCell(js, 20)];
  assert.equal(fromTs.outcome.status, 'completed', JSON.stringify(fromTs));
  assert.match(fromTs.logs[0], /cell-21\.js:3:\d+\)\n.*cell-21\.js:5:/);
  assert.equal(fromTs.logs[0], fromJs.logs[0]);
});

test('the transform keeps every line where it was', async () => {
  const src = 'let a = 1,\n  b = 2\nclass C {\n}\nconst [x,\n y] = [1, 2]\nawait null\nfunction f() {}\na // end';
  // The transform itself lives in src/engine/replTransform.ts (the CLI's REPL uses it too); prepareCell hands it back.
  const out = (await cellSource.prepareCell(src, 'javascript', 0)).transformed;
  assert.equal(out.async, true);
  assert.deepEqual(out.declared.sort(), ['C', 'a', 'b', 'f', 'x', 'y']);
  const srcLines = src.split('\n');
  const outLines = out.code.split('\n');
  assert.equal(outLines.length, srcLines.length + 1, 'only the closing line of the wrapper is added, at the end');
  for (let i = 1; i < srcLines.length; i++) {
    const words = (srcLines[i].match(/[A-Za-z_]\w*/g) ?? []).filter((w) => !['let', 'const', 'class'].includes(w));
    for (const word of words) assert.ok(outLines[i].includes(word), `line ${i + 1} lost "${word}": ${outLines[i]}`);
  }
});
