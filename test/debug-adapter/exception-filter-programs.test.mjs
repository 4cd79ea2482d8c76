// Ordinary programs run unchanged under F5's default exception filter: with "Uncaught Exceptions" on (VS Code's
// default for this adapter) every function body is wrapped, and code full of empty callbacks must still parse.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { launch, withAdapter } from './harness.mjs';

const program = [
  'var f = function () {};',
  'const noop = () => {};',
  'const obj = { noop() {}, make: () => ({ a: 1 }) };',
  "function strict() { 'use strict' }",
  'class C { m() {} static s() {} }',
  'const p = Promise.reject(new Error("x")).catch(() => {});',
  "console.log(String(f()), String(noop()), obj.make().a, String(strict()), String(new C().m()), 'done');",
].join('\n');

for (const filters of [['uncaught'], ['all'], []]) {
  test(`a program of empty bodies and object-literal arrows runs to its end with exception filters [${filters}]`, () =>
    withAdapter(async (s) => {
      const exited = s.dc.waitForEvent('exited');
      await launch(s, { source: program, sourceName: 'bodies.js' }, async () => {
        await s.dc.setExceptionBreakpointsRequest({ filters });
      });
      assert.equal((await exited).body.exitCode, 0, s.text());
      assert.equal(s.text('stdout'), 'undefined undefined 1 undefined undefined done\n');
      assert.doesNotMatch(s.text(), /SyntaxError/);
    }));
}
