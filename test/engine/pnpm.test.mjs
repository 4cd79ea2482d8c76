// A pnpm layout: node_modules/<pkg> is a symlink into node_modules/.pnpm/<pkg>@<version>/node_modules/<pkg>, and a
// package's own dependencies are symlinks beside it there. Made at test time; the entry's folder holds it all, so the
// run needs no grant, from any working folder, with and without the debugger.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { execFileSync, spawnSync } from 'node:child_process';
import { run, repoRoot } from './helpers.mjs';

const escape = (s) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

let app;
before(() => {
  app = fs.mkdtempSync(path.join(os.tmpdir(), 'qjs-pnpm-'));
  const store = (pkg) => path.join(app, 'node_modules/.pnpm', pkg, 'node_modules', pkg.split('@')[0]);
  const write = (file, text) => {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
  };
  write(path.join(store('greet@1.0.0'), 'package.json'), JSON.stringify({ name: 'greet', version: '1.0.0', main: 'index.js' }));
  write(path.join(store('greet@1.0.0'), 'index.js'), [
    "const shout = require('shout');",
    'exports.greet = (name) => {',
    "  if (!name) throw new TypeError('greet needs a name');",
    "  return shout('hello ' + name);",
    '};',
  ].join('\n'));
  write(path.join(store('shout@2.0.0'), 'package.json'), JSON.stringify({ name: 'shout', version: '2.0.0', type: 'module', exports: { import: './shout.mjs', require: './shout.cjs' } }));
  write(path.join(store('shout@2.0.0'), 'shout.cjs'), "module.exports = (s) => s.toUpperCase() + '!';\n");
  write(path.join(store('shout@2.0.0'), 'shout.mjs'), "export default (s) => s.toUpperCase() + '?';\n");
  // greet's dependency, as pnpm links it: beside greet inside its .pnpm folder, not in the top node_modules.
  fs.symlinkSync('../../shout@2.0.0/node_modules/shout', path.join(app, 'node_modules/.pnpm/greet@1.0.0/node_modules/shout'), 'dir');
  fs.symlinkSync('.pnpm/greet@1.0.0/node_modules/greet', path.join(app, 'node_modules/greet'), 'dir');
  write(path.join(app, 'main.mjs'), [
    "import { greet } from 'greet';",
    "console.log(greet('pnpm'));",
    'try { greet(); } catch (e) { console.log(e.message); console.error(e); }',
  ].join('\n'));
  write(path.join(app, 'main.ts'), "import { greet } from 'greet';\nconst who: string = 'types';\nconsole.log(greet(who));\n");
});
after(() => fs.rmSync(app, { recursive: true, force: true }));

test('a symlinked pnpm package and its own symlinked dependency load, as Node loads them, without a grant', async () => {
  const file = path.join(app, 'main.mjs');
  const node = spawnSync(process.execPath, [file], { encoding: 'utf8' });
  assert.deepEqual(node.stdout.trimEnd().split('\n'), ['HELLO PNPM!', 'greet needs a name']);
  // Node names the package file by its real path, inside .pnpm.
  const thrower = path.join(fs.realpathSync(app), 'node_modules/.pnpm/greet@1.0.0/node_modules/greet/index.js');
  assert.match(node.stderr, new RegExp(`\\(${escape(thrower)}:3:\\d+\\)`));
  for (const debug of [false, true]) {
    // The working folder is elsewhere and nothing is granted: the entry's own folder is what admits node_modules.
    const r = await run({ kind: 'file', path: file }, { cwd: repoRoot, debug }, { guardMs: 120_000 });
    assert.equal(r.outcome.exitCode, 0, JSON.stringify(r.errors));
    assert.deepEqual(r.logs.slice(0, 2), ['HELLO PNPM!', 'greet needs a name'], `debug: ${debug}`);
    assert.match(r.logs[2], new RegExp(`^TypeError: greet needs a name\\n {4}at .*\\(${escape(thrower)}:3:\\d+\\)`));
    assert.equal(r.leak, undefined);
  }
});

test('a TypeScript entry imports the pnpm package through the CLI', () => {
  const out = execFileSync(process.execPath, [path.join(repoRoot, 'dist/cli.js'), 'run', path.join(app, 'main.ts')], { cwd: os.tmpdir(), encoding: 'utf8' });
  assert.equal(out.trim(), 'HELLO TYPES!');
});
