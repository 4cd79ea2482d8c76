// The QuickJS syntax checker on the leak-checking debug build: every handle it makes is freed, on every path.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { newQuickJSWASMModuleFromVariant, TestQuickJSWASMModule } from 'quickjs-emscripten-core';
import debugVariant from '@jitl/quickjs-wasmfile-debug-sync';
import { loadBundle } from '../support/bundle.mjs';

let QuickJSSyntaxChecker;
let tooDeepMessage;

before(async () => {
  ({ QuickJSSyntaxChecker, tooDeepMessage } = (await loadBundle({ quickjsSyntax: 'src/language-server/quickjsSyntax.ts' })).quickjsSyntax);
});

/**
 * TestQuickJSWASMModule 0.32 never forgets runtimes made by newRuntime (its ownedLifetimes option is
 * ignored there), so check that each is dead ourselves, then let it run the leak sanitizer.
 */
function assertNoLeaks(testModule) {
  assert.ok(testModule.runtimes.size > 0, 'the checker made its runtimes through the test module');
  for (const runtime of testModule.runtimes) assert.equal(runtime.alive, false, 'runtime disposed');
  testModule.runtimes.clear();
  testModule.assertNoMemoryAllocated();
}

test('errors, successes and unresolvable imports leave no memory allocated', async () => {
  const testModule = new TestQuickJSWASMModule(await newQuickJSWASMModuleFromVariant(debugVariant));
  const checker = new QuickJSSyntaxChecker(async () => testModule);
  assert.equal(await checker.check('let a = 1;', 'a.js', 'global'), undefined);
  assert.deepEqual(await checker.check('let a = 1;\nlet a = 2;', 'a.js', 'global'),
    { name: 'SyntaxError', message: 'invalid redefinition of lexical identifier', line: 2, column: 7 });
  assert.equal(await checker.check('import { x } from "./nowhere.js";\nexport default x;', 'm.mjs', 'module'), undefined);
  const moduleError = await checker.check('export const a = 1;\nexport const a = 2;', 'm.mjs', 'module');
  assert.equal(moduleError.name, 'SyntaxError');
  assert.equal(moduleError.line, 2);
  assert.equal(checker.replacedInstances, 0);
  assertNoLeaks(testModule);
});

test('a host stack overflow is reported as too deep and the instance is replaced, not reused', async () => {
  let loads = 0;
  const checker = new QuickJSSyntaxChecker(async () => {
    loads++;
    return new TestQuickJSWASMModule(await newQuickJSWASMModuleFromVariant(debugVariant));
  });
  const depth = 20000;
  const problem = await checker.check('x = ' + '['.repeat(depth) + ']'.repeat(depth), 'deep.js', 'global');
  assert.equal(problem.message, tooDeepMessage);
  assert.equal(problem.tooDeep, true);
  assert.deepEqual([problem.line, problem.column], [1, 4 + depth], 'points at the deepest bracket');
  assert.equal(checker.replacedInstances, 1);
  assert.deepEqual(await checker.check('let x = ;', 'after.js', 'global'), { name: 'SyntaxError', message: "unexpected token in expression: ';'", line: 1, column: 9 });
  assert.equal(loads, 2, 'a second instance was loaded for the next check');
});
