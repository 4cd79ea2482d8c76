// What package code expects of Node or of a browser page and the sandbox has not: the error names the package, its
// file and line, and the way out, instead of QuickJS's bare words ("'document' is not defined", "not a function").
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { run } from './helpers.mjs';

const PACKAGES = {
  'dom-pkg': "exports.make = (tag) => document.createElement(tag);\nexports.later = (f) => { const w = new WebSocket('wss://x.test'); w.onopen = f; };\n",
  // http-errors' way: V8's Error.captureStackTrace on an object of its own, called without a guard.
  'cap-pkg': "function MyError(msg) { this.message = msg; Error.captureStackTrace(this, MyError); }\nfunction make() { return new MyError('m'); }\nexports.make = make;\nexports.plain = () => { const o = {}; Error.captureStackTrace(o); return o; };\n",
  'dyn-pkg': "exports.load = (name) => require(name);\nexports.where = () => require.resolve('./index.js');\nexports.typo = () => undefinedHelper();\n",
};

let dir;
before(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qjs-package-needs-'));
  for (const [name, code] of Object.entries(PACKAGES)) {
    fs.mkdirSync(path.join(dir, 'node_modules', name), { recursive: true });
    fs.writeFileSync(path.join(dir, 'node_modules', name, 'package.json'), JSON.stringify({ name, version: '1.0.0', main: 'index.js' }));
    fs.writeFileSync(path.join(dir, 'node_modules', name, 'index.js'), code);
  }
});
after(() => fs.rmSync(dir, { recursive: true, force: true }));

async function errorOf(name, source) {
  const file = path.join(dir, `${name}.mjs`);
  fs.writeFileSync(file, source);
  const r = await run({ kind: 'file', path: file }, { cwd: dir }, { guardMs: 120_000 });
  assert.equal(r.outcome.exitCode, 1);
  assert.equal(r.errors.length, 1);
  assert.equal(r.leak, undefined);
  return r.errors[0].error.message;
}

test('a package that reads a page global is said to need a DOM, at its file and line', async () => {
  const m = await errorOf('dom', "import { make } from 'dom-pkg';\nmake('div');\n");
  assert.match(m, /^'document' is not defined\n  note: package "dom-pkg" reads the global "document" at .*dom-pkg[/\\]index\.js:1; the sandbox runs no page, so it has no DOM/);
  assert.match(m, /use a package that does without it, or run this script with Node$/);
});

test('a package that reads another absent global is told so, with where to see what the sandbox has', async () => {
  const m = await errorOf('channel', "import { later } from 'dom-pkg';\nlater(() => {});\n");
  assert.match(m, /note: package "dom-pkg" reads the global "WebSocket" at .*index\.js:2; the sandbox does not have it \(the README lists/);
});

test('a require by a computed name names the package, the module and the way out', async () => {
  const m = await errorOf('dynamic', "import { load } from 'dyn-pkg';\nload('left-' + 'pad');\n");
  assert.match(m, /^package "dyn-pkg" requires "left-pad" by a name computed at run time \(at .*dyn-pkg[/\\]index\.js:1\).*run this script with Node$/);
});

test('require.resolve in a package says the package needs Node, not just "not a function"', async () => {
  const m = await errorOf('resolve', "import { where } from 'dyn-pkg';\nwhere();\n");
  assert.match(m, /^not a function\n  note: package "dyn-pkg" calls require.resolve at .*index\.js:2: .*this package needs Node$/);
});

test('the script\'s own missing global keeps QuickJS\'s words; a package\'s gets the note whatever the name', async () => {
  assert.equal(await errorOf('own', 'document.title;\n'), "'document' is not defined");
  assert.match(await errorOf('typo', "import { typo } from 'dyn-pkg';\ntypo();\n"), /note: package "dyn-pkg" reads the global "undefinedHelper"/);
});

test('Error.captureStackTrace in a package writes a stack in the package\'s file, below the function named', async () => {
  const file = path.join(dir, 'capture.mjs');
  fs.writeFileSync(file, "import { make, plain } from 'cap-pkg';\nconst e = make();\nconsole.log(e.stack);\nconsole.log(Object.keys(plain()).length, typeof plain().stack, Object.getOwnPropertyDescriptor(e, 'stack').enumerable);\n");
  const r = await run({ kind: 'file', path: file }, { cwd: dir }, { guardMs: 120_000 });
  assert.deepEqual(r.errors, []);
  const frames = r.logs[0].split('\n').filter((l) => l.includes(' at '));
  assert.match(frames[0], /^ +at make \(.*cap-pkg[/\\]index\.js:2:\d+\)$/);
  assert.match(frames[1], /capture\.mjs:2:\d+/);
  assert.ok(!r.logs[0].includes('MyError'), r.logs[0]);
  assert.equal(r.logs[1], '0 string false');
  assert.equal(r.leak, undefined);
});
