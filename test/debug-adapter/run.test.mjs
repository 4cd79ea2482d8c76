// Running programs under the adapter: output, arguments, exit status, errors, limits, restart, terminate.
import { test as nodeTest } from 'node:test';
import assert from 'node:assert/strict';
import { fixture, launch, launchWithBreakpoints, lineOf, nextStop, withAdapter } from './harness.mjs';

const test = (name, fn) => nodeTest(name, fn);
const debugTest = (name, fn) => nodeTest(name, fn);

test('program output arrives as output events with the console call location, then exited and terminated', () =>
  withAdapter(async (s) => {
    const exited = s.dc.waitForEvent('exited');
    const terminated = s.dc.waitForEvent('terminated');
    await launch(s, { program: fixture('hello.js') });
    assert.equal((await exited).body.exitCode, 0);
    await terminated;
    const out = s.outputs.find((o) => o.output.includes('hello from the sandbox'));
    assert.ok(out, 'stdout line present');
    assert.equal(out.category, 'stdout');
    assert.equal(out.source.path, fixture('hello.js'));
    assert.equal(out.line, 2);
    const err = s.outputs.find((o) => o.output.includes('to stderr'));
    assert.equal(err.category, 'stderr');
    assert.equal(err.line, 3);
  }));

test('launch args are visible to the script', () =>
  withAdapter(async (s) => {
    const exited = s.dc.waitForEvent('exited');
    await launch(s, { program: fixture('args.js'), args: ['--alpha', 'two words'] });
    await exited;
    assert.match(s.text('stdout'), /args=\["--alpha","two words"\]/);
  }));

test('an uncaught error is printed to stderr with its mapped stack and exits with code 1', () =>
  withAdapter(async (s) => {
    const exited = s.dc.waitForEvent('exited');
    await launch(s, { program: fixture('exceptions.js') });
    assert.equal((await exited).body.exitCode, 1);
    const err = await s.waitForOutput(/RangeError: too big: 7/);
    assert.equal(err.category, 'stderr');
    assert.match(err.output, /Uncaught RangeError: too big: 7/);
    assert.match(err.output, new RegExp(`exceptions\\.js:${lineOf('exceptions.js', 'throw')}`));
    assert.equal(err.source?.path, fixture('exceptions.js'));
  }));

// Was: launch succeeded and the error showed only as output; a client without its console open saw the session end.
test('a syntax error in the program fails launch with file, line and column, and is shown in the output', () =>
  withAdapter(async (s) => {
    const terminated = s.dc.waitForEvent('terminated');
    const failed = await launch(s, { program: fixture('syntax-error.js') }).then(() => undefined, (e) => e);
    assert.ok(failed, 'launch failed');
    assert.match(failed.message, /syntax-error\.js:2:21: SyntaxError: /);
    await terminated;
    const err = await s.waitForOutput(/SyntaxError/);
    assert.equal(err.category, 'stderr');
    assert.match(err.output, /syntax-error\.js:2:21/);
    assert.equal(err.source?.path, fixture('syntax-error.js'));
    assert.equal(err.line, 2);
    assert.equal(s.events.filter((e) => e.event === 'stopped').length, 0, 'nothing ran');
  }));

test('the memory limit stops a runaway program with a message naming the limit', () =>
  withAdapter(async (s) => {
    const exited = s.dc.waitForEvent('exited', 20_000);
    await launch(s, { program: fixture('memory.js'), memoryLimit: 16 });
    assert.equal((await exited).body.exitCode, 2);
    const msg = await s.waitForOutput(/memory/i);
    assert.equal(msg.category, 'stderr');
    assert.match(msg.output, /16 ?MB/);
  }));

nodeTest('the timeout stops a program that runs too long', () =>
  withAdapter(async (s) => {
    const exited = s.dc.waitForEvent('exited', 20_000);
    await launch(s, { program: fixture('spin.js'), timeout: '300ms' });
    assert.equal((await exited).body.exitCode, 2);
    await s.waitForOutput(/time/i);
  }));

debugTest('stopOnEntry stops before the first statement with reason entry', () =>
  withAdapter(async (s) => {
    const stop = nextStop(s);
    await launch(s, { program: fixture('basic.js'), stopOnEntry: true });
    const { stopped, top } = await stop;
    assert.equal(stopped.body.reason, 'entry');
    assert.equal(top.line, lineOf('basic.js', 'first'));
    assert.equal(s.text('stdout'), '', 'nothing ran yet');
    const exited = s.dc.waitForEvent('exited');
    await s.dc.continueRequest({ threadId: 1 });
    assert.equal((await exited).body.exitCode, 0);
    assert.match(s.text('stdout'), /total 10 10 1 300/);
  }));

debugTest('terminate while paused ends the program', () =>
  withAdapter(async (s) => {
    const stop = nextStop(s);
    await launchWithBreakpoints(s, 'basic.js', { 'basic.js': [lineOf('basic.js', 'loop')] });
    await stop;
    const terminated = s.dc.waitForEvent('terminated');
    await s.dc.terminateRequest();
    await terminated;
    assert.doesNotMatch(s.text('stdout'), /total/);
  }));

debugTest('restart runs the program again in a fresh sandbox and keeps the breakpoints', () =>
  withAdapter(async (s) => {
    const line = lineOf('basic.js', 'log');
    let stop = nextStop(s);
    await launchWithBreakpoints(s, 'basic.js', { 'basic.js': [line] });
    assert.equal((await stop).top.line, line);
    stop = nextStop(s);
    await s.dc.restartRequest({});
    const again = await stop;
    assert.equal(again.top.line, line);
    assert.equal(again.stopped.body.reason, 'breakpoint');
    // The first run was replaced, not finished: it printed nothing and reported no exit.
    assert.equal(s.events.filter((e) => e.event === 'exited').length, 0);
    const exited = s.dc.waitForEvent('exited');
    await s.dc.continueRequest({ threadId: 1 });
    await exited;
    assert.equal(s.text('stdout').match(/total/g)?.length, 1);
  }));
