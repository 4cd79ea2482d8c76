// The conformance script (scripts/conformance/) on a small test262-shaped folder of its own: test262 itself is not
// needed by `npm test`. Runs the real script through the real engine in every mode.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { parseFrontmatter, sampleTests } from '../../scripts/conformance/test262.mjs';

const script = new URL('../../scripts/conformance/run.mjs', import.meta.url).pathname;

/** A folder shaped like test262: a minimal harness of our own and a few tests, one per kind the runner handles. */
function makeSuite() {
  const root = mkdtempSync(join(tmpdir(), 'qjs-conformance-'));
  const put = (path, text) => {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  };
  put('harness/sta.js', "function Test262Error(message) { this.message = message || ''; }\nfunction $DONOTEVALUATE() { throw 'evaluated'; }\n");
  put('harness/assert.js', "function assert(v, m) { if (v !== true) throw new Test262Error(m); }\nassert.sameValue = function (a, b, m) {\n  if (!Object.is(a, b)) throw new Test262Error((m || '') + ' got ' + String(a));\n};\n");
  put('harness/doneprintHandle.js', "function $DONE(e) { print(e ? 'Test262:AsyncTestFailure:' + e : 'Test262:AsyncTestComplete'); }\n");
  put('harness/twice.js', 'function twice(x) { return 2 * x; }\n');
  const fm = (yaml) => `/*---\n${yaml}\n---*/\n`;
  put('test/built-ins/A/pass.js', fm('includes: [twice.js]') + 'assert.sameValue(twice(21), 42);\n');
  put('test/built-ins/A/fail.js', fm('description: fails') + "assert.sameValue(1, 2, 'one is not two');\n");
  put('test/built-ins/A/skipped-feature.js', fm('features: [Temporal]') + 'throw new Error("never run");\n');
  put('test/language/B/async.js', fm('flags: [async]') + 'Promise.resolve(1).then(function (v) { assert.sameValue(v, 1); }).then($DONE, $DONE);\n');
  put('test/language/B/async-fail.js', fm('flags: [async]') + 'Promise.resolve(1).then(function (v) { assert.sameValue(v, 2); }).then($DONE, $DONE);\n');
  put('test/language/B/negative-parse.js', fm('negative:\n  phase: parse\n  type: SyntaxError') + '$DONOTEVALUATE();\nvar a = ;\n');
  put('test/language/B/negative-missing.js', fm('negative:\n  phase: runtime\n  type: TypeError') + 'var a = 1;\n');
  put('test/language/B/strict.js', fm('flags: [onlyStrict]') + 'assert.sameValue(function () { return this; }(), undefined);\n');
  put('test/language/B/raw.js', fm('flags: [raw]') + "if (typeof assert !== 'undefined') throw new Error('raw tests get no harness');\n");
  put('test/language/C/module.js', fm('flags: [module]') + "import { x } from './value_FIXTURE.js';\nimport * as self from './module.js';\nexport const y = x + 1;\nassert.sameValue(self.y, 2);\nassert.sameValue(this, undefined);\n");
  put('test/language/C/value_FIXTURE.js', 'export const x = 1;\n');
  return root;
}

function runScript(args) {
  return new Promise((resolve) => {
    execFile(process.execPath, [script, ...args], { timeout: 240_000 }, (error, stdout, stderr) => resolve({ code: error ? error.code : 0, stdout, stderr }));
  });
}

test('frontmatter: inline and block lists, the negative mapping', () => {
  const meta = parseFrontmatter('/*---\ndescription: |\n  text: not a key\nincludes:\n  - a.js\n  - "b.js"\nflags: [async, module]\nnegative:\n  phase: parse\n  type: SyntaxError\nfeatures: [let]\n---*/\n');
  assert.deepEqual(meta, { includes: ['a.js', 'b.js'], flags: ['async', 'module'], features: ['let'], negative: { phase: 'parse', type: 'SyntaxError' } });
});

test('the sample is the sorted candidates, every Nth, features QuickJS lacks left out', () => {
  const root = makeSuite();
  const all = sampleTests(root, { stride: 1 });
  assert.equal(all.candidates, 9);
  assert.ok(!all.tests.some((t) => t.path.includes('skipped-feature') || t.path.includes('FIXTURE')));
  const every3 = sampleTests(root, { stride: 3 }).tests.map((t) => t.path);
  assert.deepEqual(every3, [0, 3, 6].map((i) => all.tests[i].path));
  assert.deepEqual(sampleTests(root, { stride: 1, filter: 'language/C' }).tests.map((t) => t.path), ['test/language/C/module.js']);
});

test('every mode gives each kind of test the verdict it should, and the modes agree', { timeout: 240_000 }, async () => {
  const root = makeSuite();
  const json = join(root, 'out.json');
  const { code, stdout, stderr } = await runScript(['--test262', root, '--sample', '1', '--step-sample', '1', '--jobs', '2', '--json', json]);
  assert.equal(code, 0, stdout + stderr);
  const out = JSON.parse(readFileSync(json, 'utf8'));
  const verdicts = (mode) => Object.fromEntries(Object.entries(out.results).map(([p, r]) => [p.split('/').pop(), r[mode].pass]));
  const expected = {
    'pass.js': true, 'fail.js': false, 'async.js': true, 'async-fail.js': false, 'negative-parse.js': true,
    'negative-missing.js': false, 'strict.js': true, 'raw.js': true, 'module.js': true,
  };
  for (const mode of ['plain', 'bp', 'uncaught', 'step']) assert.deepEqual(verdicts(mode), expected, `${mode}: ${JSON.stringify(out.results, null, 1)}`);
  assert.match(out.results['test/built-ins/A/fail.js'].plain.error, /^Test262Error: .*one is not two got 1/);
  assert.match(out.results['test/language/B/negative-missing.js'].plain.error, /expected TypeError/);
  assert.deepEqual(out.differences, []);
  assert.deepEqual(out.runnerErrors, []);
  assert.equal(out.summary.plain.passRate, Math.round((6 / 9) * 10000) / 100);
  // Stepping really stepped (every statement of harness and test), and the failing test stopped the "uncaught" mode.
  assert.ok(out.results['test/built-ins/A/pass.js'].step.stops > 5);
  assert.equal(out.results['test/built-ins/A/fail.js'].uncaught.exceptionStops, 1);
  assert.match(stdout, /0 result\(s\) differ from the plain run/);
});

test('a step run past --step-cap stops runs on to its end: same verdicts, counted apart', { timeout: 240_000 }, async () => {
  const root = makeSuite();
  const json = join(root, 'capped.json');
  const { code, stdout, stderr } = await runScript(['--test262', root, '--sample', '1', '--step-sample', '1', '--jobs', '1', '--modes', 'plain,step', '--step-cap', '3', '--json', json]);
  assert.equal(code, 0, stdout + stderr);
  const out = JSON.parse(readFileSync(json, 'utf8'));
  const pass = out.results['test/built-ins/A/pass.js'].step;
  assert.equal(pass.pass, true);
  assert.equal(pass.stepCapped, true);
  // The cap's stop and the test run's entry stop were continued: a few more than the cap, not one per statement.
  assert.ok(pass.stops >= 4 && pass.stops <= 6, `stops: ${pass.stops}`);
  assert.deepEqual(out.differences, []);
  assert.ok(out.summary.step.stepCapped >= 1);
  assert.equal(out.options.stepCap, 3);
  assert.match(stdout, /step cap reached: \d+ step run\(s\) took 3 stops/);
});

test('a folder that is not test262 is refused with the way out', async () => {
  const { code, stderr } = await runScript(['--test262', tmpdir()]);
  assert.notEqual(code, 0);
  assert.match(stderr + '', /must name a test262 checkout/);
});
