// A package whose generators take a for-of loop's iterable from a `yield` (TypeScript's ES2015 output of
// `for (const x of await f())`, liquidjs's own code): QuickJS cannot compile such a function, so the package bundler
// rewrites the loop (src/engine/runtime/forOfYield.ts). The package then runs as in Node, and positions in its file
// stay exact.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { run, repoRoot } from './helpers.mjs';

const PACKAGE = `// A generator driven by a promise runner, as TypeScript's __awaiter does it.
function run(gen) {
  return new Promise((resolve, reject) => {
    const it = gen();
    const step = (v) => { let r; try { r = it.next(v); } catch (e) { return reject(e); } if (r.done) resolve(r.value); else Promise.resolve(r.value).then(step, (e) => { try { it.throw(e); } catch (x) { reject(x); } }); };
    step();
  });
}
exports.sum = (xs) => run(function* () { let s = 0; for (const x of yield Promise.resolve(xs)) s += x; return s; });
exports.labelled = (rows) => run(function* () { const out = []; outer: for (const row of (0, yield rows)) { for (const c of yield row) { if (c === 'skip') continue outer; out.push(c); } } return out; });
exports.pairs = function* (m) { if (m) for (let [k, v] of [...(yield m)]) yield \`\${k}=\${v}\`; };
exports.asyncGen = async function* (xs) { for await (const x of (yield 'start') ?? xs) yield x * 2; };
exports.boomA = (xs) => run(function* () { for (const x of yield xs) { if (x > 1) throw new Error('boom'); } });
exports.boomB = (xs) => run(function* () { for (const x of /* */ xs) { if (x > 1) throw new Error('boom'); } });
`;

// boomA and boomB throw at the same column of their lines: the rewrite of boomA's line must not move the position.
const SCRIPT = `import { sum, labelled, pairs, asyncGen, boomA, boomB } from 'gen-pkg';
console.log(await sum([1, 2, 3]), JSON.stringify(await labelled([['a', 'b'], ['skip', 'c'], ['d']])));
const p = pairs(true);
p.next();
const first = p.next(new Map([['a', 1], ['b', 2]])).value;
console.log(first, p.next().value, p.next().done);
const g = asyncGen();
const out = [(await g.next()).value];
for (let r = await g.next([1, 2]); !r.done; r = await g.next()) out.push(r.value);
console.log(JSON.stringify(out));
const where = (e) => e.stack.split('\\n').find((l) => l.includes('gen-pkg')).replace(/^.*index\\.js:/, '').replace(/\\)$/, '').split(':');
const [a, b] = await Promise.all([boomA([1, 2]).catch(where), boomB([1, 2]).catch(where)]);
console.log(a[0], b[0], a[1] === b[1]);
`;

let dir;
before(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qjs-for-of-yield-'));
  fs.mkdirSync(path.join(dir, 'node_modules/gen-pkg'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'node_modules/gen-pkg/package.json'), '{ "name": "gen-pkg", "version": "1.0.0", "main": "index.js" }\n');
  fs.writeFileSync(path.join(dir, 'node_modules/gen-pkg/index.js'), PACKAGE);
  fs.writeFileSync(path.join(dir, 'main.mjs'), SCRIPT);
});
after(() => fs.rmSync(dir, { recursive: true, force: true }));

test('QuickJS itself cannot compile a for-of that yields in its head (else the rewrite is no longer needed)', async () => {
  const { getQuickJS } = createRequire(path.join(repoRoot, 'package.json'))('quickjs-emscripten');
  const vm = (await getQuickJS()).newContext();
  try {
    const r = vm.evalCode('function* g() { for (const x of yield 1) {} }');
    assert.ok(r.error, 'QuickJS compiles it now: drop src/engine/runtime/forOfYield.ts');
    assert.match(vm.dump(r.error).message, /stack underflow|no catch op/);
    r.error.dispose();
  } finally {
    vm.dispose();
  }
});

test('a package that yields in for-of heads prints what Node prints, its positions unmoved', async () => {
  const expected = execFileSync(process.execPath, ['main.mjs'], { cwd: dir, encoding: 'utf8' }).trimEnd().split('\n');
  assert.deepEqual(expected.at(-1), '13 14 true');
  const r = await run({ kind: 'file', path: path.join(dir, 'main.mjs') }, { cwd: dir }, { guardMs: 120_000 });
  assert.deepEqual(r.errors.map((e) => e.error.message), []);
  assert.deepEqual(r.logs, expected);
  assert.equal(r.leak, undefined);
});
