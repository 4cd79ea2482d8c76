// Code given to eval under the debugger: each text is instrumented and registered (host and kernel). Code that can
// no longer run leaves both registries, so a program that evals many distinct texts runs in bounded memory; what
// stays (code with functions) registers once per text. Breakpoints and steps in eval code keep working.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { debugRun } from './harness.mjs';

const bp = (line) => (ctl) => ctl.request('setBreakpoints', ['/t/main.js', [{ line }]]);

test('20,000 distinct evals under the debugger complete and the registry stays bounded (was: heap full, abort)', async () => {
  const N = 20000;
  // The release build: 20,000 evals in the leak-checking build take minutes; the next tests check leaks.
  // A breakpoint that is never hit puts the debugger's hooks in place, as a user's session does.
  const source = [
    'var n = 0;',
    // A member read: not inert (inertEval.ts), so each text is instrumented and registered.
    `for (var i = 0; i < ${N}; i++) { if (eval("[/a" + i + "/][0]").source.length > 0) n++; }`,
    'if (n < 0) n = -1;',
    'n',
  ].join('\n');
  const { result, error, ctl } = await debugRun(source, { setup: bp(3), kind: 'release' });
  assert.equal(error, undefined);
  assert.equal(result, N);
  // Ids are reused: the registry never held more than a handful of files at once (the main file and one eval).
  assert.ok(ctl.files.files.length <= 4, `ids handed out: ${ctl.files.files.length}`);
  assert.ok(ctl.files.liveCount <= 2, `files still registered: ${ctl.files.liveCount}`);
});

test('eval code that makes functions stays registered, once per distinct text; its breakpoints keep stopping', async () => {
  const source = [
    'var out = [];',
    'for (var i = 0; i < 50; i++) out.push(eval("(function (a) { debugger; return a * 2; })")(i % 2));',
    'out.length',
  ].join('\n');
  let stops = 0;
  const { result, error, ctl } = await debugRun(source, {
    onPause: (stop, c) => {
      stops++;
      assert.equal(stop.reason, 'debugger');
      const frames = c.request('stackTrace', []).frames;
      assert.deepEqual(frames.map((f) => f.line), [1, 2]);
      return 'continue';
    },
  });
  assert.equal(error, undefined);
  assert.equal(result, 50);
  assert.equal(stops, 50);
  assert.equal(ctl.files.liveCount, 2, 'the main file and the one eval text');
});

test('eval code stops at each of its statements; the code leaves the registry when its eval returns', async () => {
  const source = [
    'function run(k) {',
    '  return eval("var q = k + 1; debugger; var w = q * 10; debugger; w + 1");',
    '}',
    'var r = run(4);',
    'eval("r");',
    'r',
  ].join('\n');
  const seen = [];
  let liveAtPause;
  const { result, error, ctl } = await debugRun(source, {
    onPause: (stop, c) => {
      const top = c.request('stackTrace', []).frames[0];
      seen.push(`${stop.reason}:${top.line}:${top.column}`);
      if (stop.reason === 'debugger') {
        liveAtPause = c.files.liveCount;
        return 'continue';
      }
      return 'continue';
    },
  });
  assert.equal(error, undefined);
  assert.equal(result, 51);
  // Both stops are in the eval code, each at its own statement.
  assert.equal(seen.length, 2);
  assert.match(seen[0], /^debugger:1:/);
  assert.match(seen[1], /^debugger:1:/);
  assert.notEqual(seen[0], seen[1]);
  assert.equal(liveAtPause, 2, 'the eval code is registered while it runs');
  // Its release reached the host with the next eval, which took its id.
  assert.equal(ctl.files.liveCount, 2);
  assert.equal(ctl.files.files.length, 2);
});

test('released ids are reused without mixing files: each eval stops at its own statement', async () => {
  const source = [
    'var log = [];',
    'for (var i = 0; i < 3; i++) eval("log.push(\'a" + i + "\'); debugger; log.push(\'b" + i + "\')");',
    'log.join()',
  ].join('\n');
  const where = [];
  const { result, error } = await debugRun(source, {
    onPause: (stop, c) => {
      where.push(c.request('evaluate', ['log.join()', 0]).preview);
      return 'continue';
    },
  });
  assert.equal(error, undefined);
  assert.equal(result, 'a0,b0,a1,b1,a2,b2');
  assert.deepEqual(where, ["'a0'", "'a0,b0,a1'", "'a0,b0,a1,b1,a2'"]);
});

test('the wrapper that releases eval code keeps its completion value and its errors', async () => {
  const source = [
    'var a = eval("1; var x = 2;");',
    'var b = eval("let y = 3; y + 1");',
    'var c; try { eval("throw new RangeError(\'r\')"); } catch (e) { c = e.name; }',
    'var d; try { eval("(") } catch (e) { d = e.name; }',
    'var s = eval("\'use strict\'; var z = 5; z"); ',
    'var e = eval("1 // trailing comment");',
    '[a, b, c, d, typeof x, s, e].join()',
  ].join('\n');
  const { result, error } = await debugRun(source, { setup: bp(7) });
  assert.equal(error, undefined);
  assert.equal(result, '1,4,RangeError,SyntaxError,number,5,1');
});

test('inert eval code (literals, var declarations) runs as is, unless a step is in progress: then the step enters it', async () => {
  const source = [
    'var n = 0;',
    'for (var i = 0; i < 3000; i++) { eval("var _v" + i); if (eval("/b" + i + "/g").global) n++; }',
    'eval("var a1 = 1;");',
    "[n, a1, '_v2999' in globalThis].join()",
  ].join('\n');
  const seen = [];
  const { result, error, ctl } = await debugRun(source, {
    setup: bp(3),
    onPause: (stop, c) => {
      const f = c.request('stackTrace', []).frames[0];
      seen.push(`${stop.reason}:${f.file}:${f.line}`);
      return seen.length === 1 ? 'stepIn' : 'continue';
    },
  });
  assert.equal(error, undefined);
  assert.equal(result, '3000,1,true');
  // 6,000 inert evals registered nothing; the one a step entered did.
  assert.deepEqual(seen, ['breakpoint:/t/main.js:3', `step:<eval 1>:1`]);
  assert.equal(ctl.files.files.length, 2);
});
