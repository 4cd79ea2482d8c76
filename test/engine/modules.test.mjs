// Modules: what may be imported, from where, and how scripts and modules are told apart.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { run, fixtures } from './helpers.mjs';

const file = (p) => ({ kind: 'file', path: path.join(fixtures, p) });

test('an .mjs entry imports a relative .js module, an extensionless .mjs module and JSON', async () => {
  const r = await run(file('modules/main.mjs'), { cwd: path.join(fixtures, 'modules') });
  assert.equal(r.outcome.status, 'completed', JSON.stringify(r.errors));
  assert.deepEqual(r.logs, ['5 3.14 fixture 3 <x>']);
});

test('a TypeScript file runs with its types stripped, and its error stack points at the .ts lines', async () => {
  const r = await run(file('ts/shapes.ts'), { cwd: fixtures });
  assert.deepEqual(r.logs, ['12.566']);
  assert.equal(r.outcome.exitCode, 1);
  const { error } = r.errors[0];
  assert.equal(error.name, 'RangeError');
  assert.equal(error.message, 'negative x: -1');
  const [top, caller] = error.frames;
  assert.equal(top.functionName, 'check');
  assert.equal(top.file, path.join(fixtures, 'ts/shapes.ts'));
  assert.equal(top.line, 16); // the throw statement in the .ts source, not the transpiled output
  assert.equal(top.column, 25, 'the throw\'s call parenthesis, as QuickJS places it in plain JavaScript');
  assert.equal(caller.line, 22);
  assert.match(error.stack, /shapes\.ts:16:\d+/);
});

test('a TypeScript file run again in the same sandbox (also under the debugger) still maps its stack to the .ts lines', async () => {
  for (const debug of [false, true]) {
    const { sandbox, errors } = await run(file('ts/shapes.ts'), { cwd: fixtures, debug }, { keep: true });
    const lines = [errors[0].error.frames[0].line];
    const again = [];
    sandbox.onEvent((e) => e.type === 'error' && again.push(e.error.frames[0]));
    for (let i = 0; i < 2; i++) await sandbox.run(file('ts/shapes.ts'));
    await sandbox.dispose();
    // Each run's maps replace the last run's: stacking them sent positions through text that was no longer run.
    assert.deepEqual([...lines, ...again.map((f) => f.line)], [16, 16, 16], `debug: ${debug}`);
    assert.ok(again.every((f) => f.column === 25), JSON.stringify(again));
  }
});

test('TypeScript given as source text is transpiled too', async () => {
  const r = await run({ kind: 'source', source: 'const n: number = 41;\nconst f = (x: number): number => x + 1;\nconsole.log(f(n));', language: 'ts' });
  assert.deepEqual(r.logs, ['42']);
});

test('a small real npm package is resolved through node_modules and bundled', async () => {
  const r = await run(file('npm/uses-acorn.mjs'), { cwd: path.join(fixtures, 'npm') });
  assert.equal(r.outcome.status, 'completed', JSON.stringify(r.errors));
  assert.deepEqual(r.logs, ['VariableDeclaration +', 'AAAA;AACA']);
});

test('a package that is not installed fails naming the package', async () => {
  const r = await run({ kind: 'source', source: 'import x from "no-such-package-qjs"; console.log(x);', filename: path.join(fixtures, 'a.mjs') }, { cwd: fixtures });
  assert.equal(r.outcome.exitCode, 1);
  assert.match(r.errors[0].error.message, /cannot find package "no-such-package-qjs"/);
});

test('static in-memory modules are importable and can import each other', async () => {
  const r = await run('import { x } from "virtual:a";\nimport twice from "lib";\nconsole.log(x, twice);', {
    staticModules: { 'virtual:a': 'export const x = 7;', lib: 'import { x } from "virtual:a"; export default x * 2;' },
  });
  assert.deepEqual(r.logs, ['7 14']);
});

for (const spec of ['fs', 'node:fs', 'child_process']) {
  test(`importing "${spec}" fails with a message naming the permission model`, async () => {
    const r = await run({ kind: 'source', source: `import * as m from "${spec}";\nconsole.log(Object.keys(m));`, type: 'module' });
    assert.equal(r.outcome.exitCode, 1);
    assert.deepEqual(r.logs, []);
    assert.equal(r.errors[0].error.name, 'ModuleLoadError');
    assert.match(r.errors[0].error.message, new RegExp(`"${spec}" is a Node\\.js module the sandbox does not have: .*sandbox\\.readFile`));
  });
}

test('a dynamic import of fs rejects with the same clear message the script can catch', async () => {
  const r = await run('import("node:fs").then(() => console.log("loaded"), (e) => console.log(e.name + ": " + e.message))');
  assert.equal(r.logs.length, 1);
  assert.match(r.logs[0], /^ModuleLoadError: "node:fs" is a Node\.js module/);
});

test('importing a file outside the allowed folders fails and says how to grant it', async () => {
  const r = await run(file('modules/escape/main.mjs'), { cwd: path.join(fixtures, 'modules') });
  assert.equal(r.outcome.exitCode, 1);
  assert.deepEqual(r.logs, []);
  assert.match(r.errors[0].error.message, /importing .*outside-root\/secret\.mjs is not allowed: modules load only from .*--allow-read/);
});

test('the same import works once its folder is granted for reading', async () => {
  const r = await run(file('modules/escape/main.mjs'), { cwd: path.join(fixtures, 'modules'), permissions: { read: [path.join(fixtures, 'outside-root')] } });
  assert.equal(r.outcome.status, 'completed', JSON.stringify(r.errors));
  assert.deepEqual(r.logs, ['42']);
});

test('a missing relative module is named in the error', async () => {
  const r = await run({ kind: 'source', source: 'import "./nope.js";', filename: path.join(fixtures, 'm.mjs') }, { cwd: fixtures });
  assert.match(r.errors[0].error.message, /cannot find module "\.\/nope\.js"/);
});

test('plain code runs as a script: var makes a global and the last expression is the result', async () => {
  const r = await run('var q = 5;\nglobalThis.q * 2');
  assert.deepEqual(r.results.map((e) => e.text), ['10']);
});

test('top-level await makes a module: it awaits, and `this` is undefined as in modules', async () => {
  const r = await run('await new Promise((r) => setTimeout(r, 10));\nconsole.log("after", typeof this);');
  assert.equal(r.outcome.status, 'completed');
  assert.deepEqual(r.logs, ['after undefined']);
  assert.equal(r.results.length, 0); // modules have no completion value
});

test('an await inside a function does not make a module', async () => {
  const r = await run('async function f() { await null; return 3; }\nvar v = 1; typeof globalThis.v');
  assert.deepEqual(r.results.map((e) => e.text), ["'number'"]);
});

test('a top-level await that never settles ends with exit code 13 and says why', async () => {
  const r = await run('await new Promise(() => {});\nconsole.log("never");');
  assert.equal(r.outcome.exitCode, 13);
  assert.equal(r.outcome.status, 'error');
  assert.match(r.outcome.message, /top-level await never settled/);
  assert.deepEqual(r.logs, []);
});

test('a module whose top-level await rejects is an uncaught error', async () => {
  const r = await run('await Promise.reject(new Error("tla failed"));');
  assert.equal(r.outcome.exitCode, 1);
  assert.equal(r.errors[0].error.message, 'tla failed');
});

test('a custom module resolver supplies virtual modules and redirects, and falls through to the disk', async () => {
  const source = [
    "import { version, greet } from 'game:api';",
    "import config from 'game:config';",
    "import { double } from './double.mjs';",
    'console.log(greet(`v${version}`), config.level, double(21));',
  ].join('\n');
  const dir = path.join(fixtures, 'resolver');
  const fs = await import('node:fs');
  fs.writeFileSync(path.join(dir, 'double.mjs'), 'export const double = (x) => x * 2;\n');
  const r = await run({ kind: 'source', source, filename: path.join(dir, 'main.mjs'), type: 'module' }, { cwd: dir, moduleResolver: path.join(dir, 'resolver.cjs') });
  assert.equal(r.outcome.status, 'completed', JSON.stringify(r.errors));
  assert.deepEqual(r.logs, ['hello v3 7 42']);
});

test('a resolver module without a resolve function fails with a message that says so', async () => {
  const dir = path.join(fixtures, 'resolver');
  await assert.rejects(
    (async () => {
      const r = await run({ kind: 'source', source: "import 'x:y';", filename: path.join(dir, 'm.mjs'), type: 'module' }, { cwd: dir, moduleResolver: path.join(dir, 'config.mjs') });
      if (r.outcome.status !== 'completed') throw new Error(r.outcome.message + JSON.stringify(r.errors));
    })(),
    /resolve|export/,
  );
});
