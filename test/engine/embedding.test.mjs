// The engine as a library, used the way the README shows: its two snippets run as they stand, in a project that
// depends on the package (a node_modules link to this repository, so the exports map and the types are what resolve).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const readme = readFileSync(join(root, 'README.md'), 'utf8');
let project;

/** The code block between the README's `<!-- name ... -->` and `<!-- /name -->` markers. */
function snippet(name) {
  const block = readme.split(`<!-- ${name}`)[1]?.split(`<!-- /${name} -->`)[0];
  const code = block && /```js\n([\s\S]*?)```/.exec(block)?.[1];
  assert.ok(code, `README.md has no ${name} block`);
  return code;
}

before(() => {
  project = mkdtempSync(join(tmpdir(), 'quickjs-embed-'));
  mkdirSync(join(project, 'node_modules'));
  symlinkSync(root, join(project, 'node_modules', 'quickjs-sandbox'), 'dir');
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'embedder', private: true }));
});
after(() => rmSync(project, { recursive: true, force: true }));

const run = (file) => execFileSync(process.execPath, [file], { cwd: project, encoding: 'utf8', timeout: 60_000 });

test('the README\'s ES module snippet runs as it stands and prints what the script logged', () => {
  const code = snippet('embed-esm');
  assert.ok(code.trim().split('\n').length <= 5, 'basic use fits in five lines');
  writeFileSync(join(project, 'basic.mjs'), code);
  assert.equal(run('basic.mjs'), '42\n');
});

test('the README\'s host functions snippet runs as it stands: a sync and an async host function', () => {
  writeFileSync(join(project, 'host.mjs'), snippet('embed-host'));
  assert.equal(run('host.mjs'), '4\n6\n');
});

test('the README\'s CommonJS snippet runs as it stands', () => {
  writeFileSync(join(project, 'basic.cjs'), snippet('embed-cjs'));
  assert.equal(run('basic.cjs'), '42\ncompleted\n');
});

test('both module systems get the same engine, the named error classes, and type declarations', () => {
  writeFileSync(join(project, 'same.mjs'), [
    "import { createRequire } from 'node:module';",
    "import * as esm from 'quickjs-sandbox';",
    'const cjs = createRequire(import.meta.url)("quickjs-sandbox");',
    'console.log(esm.Sandbox === cjs.Sandbox, typeof esm.SandboxOptionError, typeof esm.SandboxDisposedError);',
    'try { await esm.Sandbox.create({ memoryLimitBytes: 1 }); } catch (e) { console.log(e instanceof esm.SandboxOptionError, e.name); }',
  ].join('\n'));
  assert.equal(run('same.mjs'), 'true function function\ntrue SandboxOptionError\n');
  // A TypeScript user's view: the declarations the exports map names type-check a small program.
  writeFileSync(join(project, 'typed.ts'), [
    "import { Sandbox, type RunOutcome } from 'quickjs-sandbox';",
    'async function main(): Promise<RunOutcome> {',
    '  const sandbox = await Sandbox.create({ timeoutMs: 1000 });',
    "  sandbox.onEvent((e) => { if (e.type === 'console') console.log(e.text.toUpperCase()); });",
    "  await Sandbox.create({ hostFunctions: { price: (item: string) => item.length, order: async (n: number) => ({ n, ok: true }) } });",
    "  return sandbox.run({ kind: 'source', source: '1' });",
    '}',
    'void main;',
  ].join('\n'));
  writeFileSync(join(project, 'tsconfig.json'), JSON.stringify({ compilerOptions: { strict: true, module: 'nodenext', moduleResolution: 'nodenext', target: 'es2022', noEmit: true, skipLibCheck: false, types: ['node'], typeRoots: [join(root, 'node_modules/@types')] }, files: ['typed.ts'] }));
  execFileSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', project], { cwd: project, encoding: 'utf8' });
});
