// Bad input around modules and packages: each failure is one error that names the package (or file), where, and the
// way out — a circular import, a missing export of a Node built-in, a machine built-in required by a package.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { run } from './helpers.mjs';

let dir;
const write = (rel, text) => {
  const p = path.join(dir, rel);
  fs.mkdirSync(path.dirname(p), { recursive: true });
  fs.writeFileSync(p, text);
  return p;
};
before(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qjs-package-errors-'));
  write('node_modules/cyc/package.json', JSON.stringify({ name: 'cyc', version: '1.0.0', type: 'module', exports: './a.js' }));
  write('node_modules/cyc/a.js', "import { b } from './b.js';\nexport const a = 'A' + b;\n");
  write('node_modules/cyc/b.js', "import { a } from './a.js';\nexport const b = 'B' + a.length;\n");
  write('node_modules/spawner/package.json', JSON.stringify({ name: 'spawner', version: '1.0.0', main: 'index.js' }));
  write('node_modules/spawner/index.js', "const cp = require('node:child_process');\nmodule.exports = () => cp.execSync('ls');\n");
  write('x.mjs', "import { y } from './y.mjs';\nexport const x = 'X' + y;\n");
  write('y.mjs', "import { x } from './x.mjs';\nexport const y = 'Y' + x.length;\n");
});
after(() => fs.rmSync(dir, { recursive: true, force: true }));

const runFile = (rel, source) => run({ kind: 'file', path: write(rel, source) }, { cwd: dir });

test('a circular import between the user\'s modules names the cycle and the way out', async () => {
  const r = await runFile('cycle-user.mjs', "import { x } from './x.mjs';\nconsole.log(x);\n");
  assert.equal(r.outcome.exitCode, 1);
  const { message, frames } = r.errors[0].error;
  assert.match(message, /x is not initialized/);
  assert.match(message, /y\.mjs is in a circular import \(y\.mjs -> x\.mjs -> y\.mjs\)/);
  assert.match(message, /move the use into a function .* or break the cycle/);
  assert.equal(path.basename(frames[0].file), 'y.mjs');
});

test('a circular import inside a package names the package, the cycle and the way out', async () => {
  const r = await runFile('cycle-pkg.mjs', "import { a } from 'cyc';\nconsole.log(a);\n");
  assert.equal(r.outcome.exitCode, 1);
  const { message, frames } = r.errors[0].error;
  assert.match(message, /circular import of package "cyc" \(b\.js -> a\.js -> b\.js\)/);
  assert.match(message, /import the package by its documented entry/);
  assert.match(frames[0].file, /node_modules\/cyc\/b\.js$/);
});

test('an error in a file that is in no cycle gets no note', async () => {
  write('lonely.mjs', 'export const y = undefined.length;\n');
  const r = await runFile('plain-error.mjs', "import { y } from './lonely.mjs';\nconsole.log(y);\n");
  assert.equal(r.outcome.exitCode, 1);
  assert.match(r.errors[0].error.message, /undefined/);
  assert.doesNotMatch(r.errors[0].error.message, /circular/);
});

test('a name Node\'s module has and its npm implementation lacks says so, and the way out', async () => {
  const r = await runFile('parse-args.mjs', "import { parseArgs } from 'node:util';\nconsole.log(parseArgs);\n");
  assert.equal(r.outcome.exitCode, 1);
  assert.match(r.errors[0].error.message, /the sandbox's "util" module .* has no export named "parseArgs"; it exports .*format.*; .*run this script with Node/);
});

test('a package that requires a machine built-in by its node: name loads; calling it names the package, the line and the permission model', async () => {
  const r = await runFile('spawn.mjs', "import spawn from 'spawner';\nconsole.log(spawn());\n");
  assert.equal(r.outcome.exitCode, 1);
  const { message } = r.errors[0].error;
  assert.match(message, /package "spawner" needs the Node\.js module "child_process" \(child_process\.execSync at .*spawner\/index\.js:2\)/);
  assert.match(message, /sandbox\.readFile \(--allow-read\), fetch \(--allow-net\)/);
  assert.match(message, /run this script with Node/);
});
