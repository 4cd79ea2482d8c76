// Breakpoints are verified (or told why not) in the setBreakpoints response itself: the file is parsed from disk
// when they are set, the same way the run loads it, so loading it later changes nothing and sends no event.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fixture, launch, launchWithBreakpoints, lineOf, nextStop, scopeVariables, withAdapter } from './harness.mjs';

/** `breakpoint` events the adapter sent for the given breakpoint ids. */
function changesOf(s, placed) {
  const ids = new Set(placed.map((b) => b.id));
  return s.events.filter((e) => e.event === 'breakpoint' && ids.has(e.body.breakpoint.id));
}

test('entry file: verified, moved to its statement, or unverified with "no code", all in the response', () =>
  withAdapter(async (s) => {
    const blank = lineOf('basic.js', 'first') - 1;
    const lastLine = lineOf('basic.js', 'log') + 2; // the trailing comment
    const stop = nextStop(s);
    const placed = await launchWithBreakpoints(s, 'basic.js', { 'basic.js': [lineOf('basic.js', 'sum'), blank, lastLine] });
    const [sum, moved, none] = placed['basic.js'];
    assert.deepEqual([sum.verified, sum.line], [true, lineOf('basic.js', 'sum')]);
    assert.deepEqual([moved.verified, moved.line], [true, lineOf('basic.js', 'first')], 'a blank line moves to the next statement');
    assert.equal(none.verified, false);
    assert.match(none.message, /no code on this line/);
    assert.equal(none.reason, 'failed');
    assert.ok(sum.column >= 1 && moved.column >= 1, 'verified breakpoints say their column');
    const { stopped, top } = await stop;
    assert.deepEqual(stopped.body.hitBreakpointIds, [moved.id]);
    assert.equal(top.line, moved.line);
    assert.deepEqual(changesOf(s, placed['basic.js']), [], 'the run bound them where the response said');
  }));

test('imported module: verified before the run loads it, then hit there without a breakpoint event', () =>
  withAdapter(async (s) => {
    const stop = nextStop(s);
    const line = lineOf('greet.mjs', 'greet');
    const placed = await launchWithBreakpoints(s, 'chain.mjs', { 'greet.mjs': [line - 1] });
    const [bp] = placed['greet.mjs'];
    assert.equal(bp.verified, true);
    assert.equal(bp.line, line, 'the function declaration line moves into its body');
    assert.equal(bp.source.path, fixture('greet.mjs'));
    const { top } = await stop;
    assert.equal(top.line, line);
    assert.equal(top.source.path, fixture('greet.mjs'));
    assert.deepEqual(changesOf(s, [bp]), []);
  }));

test('TypeScript: verified at the .ts line through the transpile map, before the run', () =>
  withAdapter(async (s) => {
    const stop = nextStop(s);
    const area = lineOf('typed.ts', 'area');
    const placed = await launchWithBreakpoints(s, 'typed.ts', { 'typed.ts': [area, 2, lineOf('typed.ts', 'tslog')] });
    const [inFn, inInterface, log] = placed['typed.ts'];
    assert.deepEqual([inFn.verified, inFn.line], [true, area]);
    assert.deepEqual([log.verified, log.line], [true, lineOf('typed.ts', 'tslog')]);
    // An interface has no code: the breakpoint moves to the first statement after it, as the run binds it.
    assert.equal(inInterface.verified, true);
    assert.ok(inInterface.line > 4, `moved past the interface, to line ${inInterface.line}`);
    const { top } = await stop;
    assert.ok([inFn.line, inInterface.line].includes(top.line), `stopped at a placed line: ${top.line}`);
    assert.deepEqual(changesOf(s, placed['typed.ts']), []);
  }));

test('a file with a syntax error: its breakpoints say so, with the message and position', () =>
  withAdapter(async (s) => {
    let placed;
    const failed = await launch(s, { program: fixture('syntax-error.js') }, async () => {
      const r = await s.dc.setBreakpointsRequest({ source: { path: fixture('syntax-error.js') }, breakpoints: [{ line: 1 }, { line: 3 }] });
      placed = r.body.breakpoints;
    }).then(() => undefined, (e) => e);
    assert.ok(failed, 'launch fails');
    assert.equal(placed.length, 2);
    for (const b of placed) {
      assert.equal(b.verified, false);
      assert.equal(b.reason, 'failed');
      assert.match(b.message, /syntax error at line 2, column 21: Unexpected token/);
    }
  }));

test('a file that is not on disk is answered pending, not failed', () =>
  withAdapter(async (s) => {
    const stop = s.dc.waitForEvent('exited');
    const placed = await launchWithBreakpoints(s, 'hello.js', {}, {});
    assert.deepEqual(placed, {});
    const r = await s.dc.setBreakpointsRequest({ source: { path: fixture('no-such-file.js') }, breakpoints: [{ line: 3 }] });
    const [bp] = r.body.breakpoints;
    assert.equal(bp.verified, false);
    assert.equal(bp.reason, 'pending');
    assert.match(bp.message, /not on disk/);
    await stop;
  }));

test('breakpointLocations answers before launch (empty) and after the run ended (from the file), never an error', () =>
  withAdapter(async (s) => {
    await s.dc.initializeRequest();
    const before = await s.dc.send('breakpointLocations', { source: { path: fixture('basic.js') }, line: 1, endLine: 30 });
    assert.deepEqual(before.body.breakpoints, []);
    // Set before launch (some clients do): kept, answered pending, placed when the program launches.
    const early = await s.dc.setBreakpointsRequest({ source: { path: fixture('basic.js') }, breakpoints: [{ line: 1 }] });
    assert.equal(early.body.breakpoints[0].verified, false);
    assert.equal(early.body.breakpoints[0].reason, 'pending');
    await s.dc.setBreakpointsRequest({ source: { path: fixture('basic.js') }, breakpoints: [] });
    const terminated = s.dc.waitForEvent('terminated');
    const configured = s.dc.waitForEvent('initialized').then(() => s.dc.configurationDoneRequest());
    await Promise.all([s.dc.launchRequest({ program: fixture('basic.js') }), configured]);
    await terminated;
    const sum = lineOf('basic.js', 'sum');
    const after = await s.dc.send('breakpointLocations', { source: { path: fixture('basic.js') }, line: sum });
    assert.deepEqual(after.body.breakpoints.map((b) => b.line), [sum]);
    // A file the run never loaded is parsed from disk.
    const greet = lineOf('greet.mjs', 'greet');
    const other = await s.dc.send('breakpointLocations', { source: { path: fixture('greet.mjs') }, line: greet });
    assert.deepEqual(other.body.breakpoints.map((b) => b.line), [greet]);
    // Malformed requests are still told what is wrong.
    await assert.rejects(s.dc.send('breakpointLocations', { source: { path: fixture('basic.js') } }), /'line' must be an integer/);
  }));

test('a CommonJS package file: verified when set, and its breakpoint stops inside the bundle with the locals', () =>
  withAdapter(async (s) => {
    const dir = mkdtempSync(join(tmpdir(), 'qjs-pkg-'));
    try {
      mkdirSync(join(dir, 'node_modules', 'twice'), { recursive: true });
      writeFileSync(join(dir, 'node_modules', 'twice', 'package.json'), '{"name":"twice","main":"index.js"}');
      const lib = join(dir, 'node_modules', 'twice', 'index.js');
      writeFileSync(lib, 'function twice(x) {\n  const y = x * 2;\n  return y;\n}\nmodule.exports = { twice };\n');
      const main = join(dir, 'main.mjs');
      writeFileSync(main, "import lib from 'twice';\nconsole.log(lib.twice(21));\n");
      const exited = s.dc.waitForEvent('exited');
      const stop = nextStop(s);
      let placed;
      await launch(s, { program: main, cwd: dir }, async () => {
        placed = (await s.dc.setBreakpointsRequest({ source: { path: lib }, breakpoints: [{ line: 2 }] })).body.breakpoints;
      });
      assert.equal(placed[0].verified, true, JSON.stringify(placed[0]));
      assert.equal(placed[0].line, 2);
      // The package is bundled with a CommonJS wrapper; the stop is still in its own file, at its own line.
      const { top } = await stop;
      assert.equal(`${top.name} ${top.source.path}:${top.line}`, `twice ${lib}:2`);
      assert.equal((await scopeVariables(s, top.id)).x.value, '21');
      await s.dc.continueRequest({ threadId: 1 });
      assert.equal((await exited).body.exitCode, 0);
      assert.equal(s.text('stdout'), '42\n');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }));

test('a file changed on disk after its breakpoints were set: the run binds them anew and sends only that change', () =>
  withAdapter(async (s) => {
    const dir = mkdtempSync(join(tmpdir(), 'qjs-edit-'));
    try {
      const lib = join(dir, 'lib.mjs');
      writeFileSync(lib, 'export function f(x) {\n  const y = x + 1;\n  return y;\n}\n');
      const main = join(dir, 'main.mjs');
      writeFileSync(main, "import { f } from './lib.mjs';\nconsole.log(f(1));\n");
      const stop = nextStop(s);
      let placed;
      await launch(s, { program: main, cwd: dir }, async () => {
        placed = (await s.dc.setBreakpointsRequest({ source: { path: lib }, breakpoints: [{ line: 1 }, { line: 3 }] })).body.breakpoints;
        // Two lines inserted before the run loads the file: the first breakpoint's next statement is now line 4.
        writeFileSync(lib, 'export function f(x) {\n\n\n  const y = x + 1;\n  return y;\n}\n');
      });
      assert.deepEqual(placed.map((b) => [b.verified, b.line]), [[true, 2], [true, 3]]);
      const { top } = await stop;
      const changes = changesOf(s, placed).map((e) => [e.body.breakpoint.id, e.body.breakpoint.line]);
      // Both now bind to line 4 (line 3 is blank after the edit): each moved, each is reported once.
      assert.deepEqual(changes, [[placed[0].id, 4], [placed[1].id, 4]]);
      assert.equal(top.line, 4);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }));
