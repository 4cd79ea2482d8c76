// Stacks the kernel renders while a program runs (console.error of a caught error, console.trace, errors inside
// logged objects) point at the original source, through the same mapping uncaught errors use (runtime/stacks.ts):
// TypeScript lines, plain JS lines unshifted in scripts and modules, and a bundled package's own file and line.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { run, fixtures, repoRoot } from './helpers.mjs';
import { runCli } from '../cli/helpers.mjs';

const dir = path.join(fixtures, 'stacks');

/** The console's lines of a run of `file` in the sandbox (cwd: the fixture's folder, as a user runs it). */
async function consoleOf(file, engine = undefined, debug = false) {
  const r = await run({ kind: 'file', path: file }, { cwd: dir, engine, debug });
  assert.equal(r.outcome.exitCode, 0, JSON.stringify(r.errors));
  assert.equal(r.leak, undefined, 'every QuickJS handle disposed');
  return r.logs.join('\n');
}

/** `[file, line]` of every frame in a printed stack that is in `file` or under node_modules (Node's own dropped). */
function userPositions(text, ...files) {
  const out = [];
  for (const line of text.split('\n')) {
    const m = /^\s+at (?:.*? \()?(?:file:\/\/)?(\/[^()]*?):(\d+):(\d+)\)?$/.exec(line);
    if (m && (files.includes(m[1]) || m[1].includes('/node_modules/'))) out.push([m[1], +m[2]]);
  }
  return out;
}

test('TypeScript: console.error of a caught error and console.trace print .ts lines and columns', async () => {
  const file = path.join(dir, 'caught.ts');
  // caught.mjs is the same program without the types and the interface line above it: the same columns (QuickJS's
  // own: a call's parenthesis), one line further down.
  assert.equal(await consoleOf(file), [
    'Error: boom 1',
    `    at f (${file}:4:18)`,
    `    at <anonymous> (${file}:6:8)`,
    'Trace: here',
    `    at <anonymous> (${file}:7:14)`,
  ].join('\n'));
});

test('TypeScript through the CLI, as a user runs it: the same mapped positions on stderr', async () => {
  const file = path.join(dir, 'caught.ts');
  const r = await runCli(['run', file], { cwd: dir });
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stderr, new RegExp(`at f \\(${file.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}:4:18\\)`));
  assert.match(r.stderr, /Trace: here\n {4}at <anonymous> \(.*caught\.ts:7:14\)/);
  assert.doesNotMatch(r.stderr, /caught\.ts:(3|10):/, 'no transpiled line leaks through');
});

test('TypeScript: a program reading e.stack itself sees .ts lines and columns, as the same program in plain JS does', async () => {
  // own-stack.mjs is own-stack.ts with the types blanked out: what a line-keeping transpiler would give.
  const [ts, js] = [path.join(dir, 'own-stack.ts'), path.join(dir, 'own-stack.mjs')];
  const [fromTs, fromJs] = [await consoleOf(ts), await consoleOf(js)];
  assert.deepEqual(userPositions(fromTs.replace(/^at /gm, '    at '), ts).map(([, line]) => line), [11, 18, 26, 28, 33]);
  assert.equal(fromTs, fromJs.replaceAll(js, ts));
  // Under the debugger the instrumentation shifts columns on a line (plain JavaScript alike), never lines.
  assert.equal(await consoleOf(ts, undefined, true), (await consoleOf(js, undefined, true)).replaceAll(js, ts));
  // quickjs-ng places its columns elsewhere, but the same for both.
  assert.equal(await consoleOf(ts, 'quickjs-ng'), (await consoleOf(js, 'quickjs-ng')).replaceAll(js, ts));
  const cli = await runCli(['run', ts], { cwd: dir });
  assert.equal(cli.code, 0, cli.stderr);
  assert.equal(cli.stdout.trimEnd(), fromTs);
});

test('plain JS module: the same files and lines as Node prints for the same .mjs; QuickJS columns exact', async () => {
  const file = path.join(dir, 'caught.mjs');
  const sandbox = await consoleOf(file);
  const nodeText = nodeStderr(file);
  assert.deepEqual(userPositions(sandbox, file), userPositions(nodeText, file));
  assert.deepEqual(userPositions(sandbox, file), [[file, 3], [file, 5], [file, 6]]);
  // QuickJS points at the call's parenthesis where Node points at the callee: the columns are QuickJS's own.
  assert.match(sandbox, /at f \(.*caught\.mjs:3:18\)\n {4}at <anonymous> \(.*caught\.mjs:5:8\)\nTrace: here\n {4}at <anonymous> \(.*caught\.mjs:6:14\)$/);
});

test('a script and a module of the same text give the same positions (no wrapper or prelude shifts lines)', async () => {
  const mjs = await consoleOf(path.join(dir, 'caught.mjs'));
  const js = await consoleOf(path.join(dir, 'caught.js'));
  assert.equal(js.replaceAll('caught.js', 'caught.mjs'), mjs);
  assert.doesNotMatch(js, /<eval>/, 'a script\'s top level is named as uncaught errors name it');
});

test('an error thrown inside a bundled package shows the package\'s own file and line, as Node does', async () => {
  const file = path.join(dir, 'package-throws.mjs');
  const semverFile = path.join(repoRoot, 'node_modules/semver/classes/semver.js');
  const sandbox = await consoleOf(file);
  const nodeText = nodeStderr(file);
  assert.deepEqual(userPositions(sandbox, file), userPositions(nodeText, file));
  assert.deepEqual(userPositions(sandbox, file), [[semverFile, 56], [file, 5], [file, 8]]);
  // The class's own name, not the bundle's rename of it (`_SemVer`); Node adds `new ` for a constructor call.
  assert.match(sandbox, /^TypeError: Invalid Version: not-a-version\n {4}at SemVer \(.*\/node_modules\/semver\/classes\/semver\.js:56:17\)/);
  assert.match(nodeText, /\n {4}at new SemVer \(/);
});

test('e.stack that a program reads of an error a package made names the package\'s own file and line, as Node\'s does', async () => {
  const file = path.join(dir, 'package-own-stack.mjs');
  const expected = [
    'TypeError true semver/classes/semver.js:56',
    // Where the error was made, below its classes' constructors, as V8 starts it (the browser build the sandbox runs).
    'YAMLParseError true yaml/browser/dist/compose/composer.js:67',
    'SyntaxError true json5/dist/index.js:1456',
  ];
  assert.equal(await consoleOf(file), expected.join('\n'));
  // Node runs semver's same file: the same line.
  assert.equal(nodeStdout(file).split('\n')[0], expected[0]);
  // The debugger's instrumentation is one more map layer; quickjs-ng has the same constructors.
  assert.equal(await consoleOf(file, undefined, true), expected.join('\n'));
  assert.equal(await consoleOf(file, 'quickjs-ng'), expected.join('\n'));
});

test('package code\'s error constructors are the intrinsics\' in every way a program can tell but the stack', async () => {
  const source = [
    "import { SemVer } from 'semver';",
    "let e; try { new SemVer('x'); } catch (err) { e = err; }",
    'const d = Object.getOwnPropertyDescriptor(e, "stack");',
    'console.log(e.constructor === TypeError, Object.getPrototypeOf(e) === TypeError.prototype, e instanceof Error);',
    'console.log(typeof d.value, d.writable, d.enumerable, d.configurable, e.stack.includes("npm-out:"));',
    // The script's own globals stay QuickJS's: its errors are not rewritten.
    'console.log(String(Error).includes("[native code]"), String(TypeError).includes("[native code]"), Object.getPrototypeOf(TypeError) === Error);',
  ].join('\n');
  const r = await run({ kind: 'source', filename: path.join(dir, 'intrinsic-errors.mjs'), source }, { cwd: dir });
  assert.equal(r.outcome.exitCode, 0, JSON.stringify(r.errors));
  assert.equal(r.leak, undefined);
  assert.deepEqual(r.logs, [
    'true true true',
    'string true false true false',
    'true true true',
  ]);
});

test('a bundled package\'s classes keep the names the package gave them, as Node shows them', async () => {
  const r = await run({ kind: 'source', filename: path.join(dir, 'names.mjs'), source: "import { SemVer, Range } from 'semver';\nconsole.log(SemVer.name, Range.name);" }, { cwd: dir });
  assert.equal(r.outcome.exitCode, 0, JSON.stringify(r.errors));
  assert.deepEqual(r.logs, ['SemVer Range']);
});

test('an error inside a logged object is mapped too (the inspector renders its stack)', async () => {
  const file = path.join(dir, 'nested.ts');
  assert.equal(await consoleOf(file), [
    '{',
    "  err: TypeError: cannot read property 'side' of null",
    `      at <anonymous> (${file}:6:19)`,
    '}',
  ].join('\n'));
});

test('quickjs-ng renders the same files and lines (its columns are its own)', async () => {
  for (const name of ['caught.ts', 'package-throws.mjs', 'nested.ts']) {
    const file = path.join(dir, name);
    const [ng, qjs] = [await consoleOf(file, 'quickjs-ng'), await consoleOf(file)];
    assert.ok(userPositions(ng, file).length >= 1, `${name}: frames found in\n${ng}`);
    assert.deepEqual(userPositions(ng, file), userPositions(qjs, file), name);
  }
});

test('under the debugger (instrumented code, one more map layer) the stacks read the same', async () => {
  for (const name of ['caught.ts', 'caught.mjs', 'package-throws.mjs']) {
    const file = path.join(dir, name);
    assert.equal(await consoleOf(file, undefined, true), await consoleOf(file), name);
  }
});

test('text a program assigns to stack is printed as it is, as Node prints it', async () => {
  const file = path.join(dir, 'assigned.mjs');
  assert.equal(await consoleOf(file), nodeStderr(file).trimEnd());
});

/** What Node writes to stdout running `file`. */
function nodeStdout(file) {
  const r = spawnSync(process.execPath, [file], { encoding: 'utf8', timeout: 30_000 });
  assert.equal(r.status, 0, r.stderr);
  return r.stdout;
}

/** What Node writes to stderr running `file` (console.error and console.trace both go there). */
function nodeStderr(file) {
  const r = spawnSync(process.execPath, [file], { encoding: 'utf8', timeout: 30_000 });
  assert.equal(r.status, 0, r.stderr);
  return r.stderr;
}
