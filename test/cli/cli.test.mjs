// The command-line runner: flags, exit codes, messages for bad usage, and script arguments.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runCli, jsonLines } from './helpers.mjs';

let dir;
const script = (name, text) => {
  const p = path.join(dir, name);
  fs.writeFileSync(p, text);
  return p;
};

before(() => {
  dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'qjs-cli-')));
});
after(() => fs.rmSync(dir, { recursive: true, force: true }));

test('a script that completes exits 0 and prints its console output', async () => {
  const r = await runCli(['run', script('ok.js', 'console.log("hello", 1 + 1);\nconsole.error("to stderr");')]);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, 'hello 2\n');
  assert.match(r.stderr, /to stderr/);
});

test('an uncaught error exits 1 with the mapped stack on stderr', async () => {
  const file = script('throws.js', 'function f() {\n  throw new Error("nope");\n}\nf();');
  const r = await runCli(['run', file]);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /Uncaught Error: nope\n\s+at f \(.*throws\.js:2:\d+\)/);
});

test('a limit exits 2 and says which limit and how to raise it', async () => {
  const r = await runCli(['run', script('loop.js', 'for (;;) {}'), '--timeout', '300ms']);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /timeout of 0\.3 s reached; raise it with --timeout/);
});

test('--memory-limit 32MB sets the heap limit that a bomb hits', async () => {
  const r = await runCli(['run', script('bomb.js', 'const k = []; for (;;) k.push("x".repeat(1e5) + Math.random());'), '--memory-limit', '32MB']);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /memory limit of 32 MB reached; raise it with --memory-limit/);
});

test('--timeout 0 means no timeout', async () => {
  // The default timeout is 10 s; a bare "0" must disable it rather than time out at once.
  const r = await runCli(['run', script('sleepy.js', 'setTimeout(() => console.log("woke"), 300);'), '--timeout', '0']);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, 'woke\n');
});

test('--allow-read grants sandbox.readFile; without it the denial names the flag', async () => {
  const data = script('data.txt', 'file contents');
  const reader = script('reader.js', `sandbox.readFile(${JSON.stringify(data)}).then((t) => console.log("read:", t), (e) => console.log("denied:", e.message));`);
  const denied = await runCli(['run', reader]);
  assert.equal(denied.code, 0);
  assert.match(denied.stdout, /^denied: reading ".*data\.txt" is not allowed: grant it with --allow-read /);
  const granted = await runCli(['run', reader, '--allow-read', dir]);
  assert.equal(granted.stdout, 'read: file contents\n');
});

test('--engine quickjs-ng runs the other engine', async () => {
  // Array.fromAsync exists in quickjs-ng 0.12 and not in Bellard's 2025-09-13 release.
  const probe = script('engine.js', 'console.log(typeof Array.fromAsync);');
  const ng = await runCli(['run', probe, '--engine', 'quickjs-ng']);
  const bellard = await runCli(['run', probe, '--engine', 'quickjs']);
  assert.equal(ng.stdout, 'function\n');
  assert.equal(bellard.stdout, 'undefined\n');
});

test('--json prints one event per line, ending with the exit outcome', async () => {
  const r = await runCli(['run', script('json.js', 'console.warn("careful");\nthrow new RangeError("out");'), '--json']);
  assert.equal(r.code, 1);
  const events = jsonLines(r.stdout);
  assert.deepEqual(events.map((e) => e.type), ['console', 'error', 'exit']);
  assert.equal(events[0].level, 'warn');
  assert.equal(events[0].location.line, 1);
  assert.equal(events[1].error.name, 'RangeError');
  assert.equal(events[2].outcome.exitCode, 1);
});

test('--stats prints a memory summary; with --json it is a stats event with every field', async () => {
  const file = script('stats.js', 'globalThis.keep = Array.from({ length: 500 }, (_, i) => ({ i }));');
  const text = await runCli(['run', file, '--stats']);
  assert.equal(text.code, 0);
  assert.match(text.stderr, /Memory at exit:\n\s+engine heap\s+\d+(\.\d)? MB of 64 MB\n[\s\S]*objects\s+\d+/);
  const json = jsonLines((await runCli(['run', file, '--stats', '--json'])).stdout);
  const stats = json.find((e) => e.type === 'stats').stats;
  assert.ok(stats.obj_count >= 500);
  assert.ok(stats.classes && stats.classes.Object >= 500);
});

test('script arguments after -- are visible as scriptArgs, flags included', async () => {
  const r = await runCli(['run', script('args.js', 'console.log(JSON.stringify(scriptArgs), JSON.stringify(sandbox.args));'), '--', 'one', '--two', '-3']);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, '["one","--two","-3"] ["one","--two","-3"]\n');
});

test('-p prints the value of the last expression', async () => {
  const r = await runCli(['run', script('expr.js', '({ answer: 6 * 7 })'), '-p']);
  assert.equal(r.stdout, '{ answer: 42 }\n');
});

test('bad usage exits 64 with a message that says what is wrong', async () => {
  const ok = script('fine.js', '1');
  const cases = [
    [['run', ok, '--bogus'], /unknown option --bogus; to pass it to the script, put it after "--"/],
    [['run', ok, '--timeout'], /--timeout needs a value/],
    [['run', path.join(dir, 'missing.js')], /cannot find .*missing\.js/],
    [['run'], /no file given/],
    [['repl', ok], /the REPL takes no file or code/], // no arguments at all start the REPL (repl.test.mjs)
    [['execute', ok], /unknown command "execute"/],
    [['run', dir], /is a folder/],
    [['run', ok, '--memory-limit', 'lots'], /--memory-limit: "lots" is not a size/],
    [['run', ok, '--memory-limit', '1MB'], /memory limit must be at least 16 MB/],
    [['run', ok, '--timeout', 'soon'], /--timeout: "soon" is not a duration/],
    [['run', ok, '--engine', 'v8'], /--engine: unknown engine "v8"/],
    [['run', ok, '--allow-net', 'not a url'], /is not an origin/],
  ];
  const results = await Promise.all(cases.map(([args]) => runCli(args)));
  results.forEach((r, i) => {
    const [args, message] = cases[i];
    assert.equal(r.code, 64, `${args.join(' ')} exited ${r.code}: ${r.stderr}`);
    assert.match(r.stderr, message, args.join(' '));
    assert.match(r.stderr, /--help/);
    assert.equal(r.stdout, '');
  });
});

test('--help lists the options and exit codes', async () => {
  const r = await runCli(['--help']);
  assert.equal(r.code, 0);
  for (const flag of ['--memory-limit', '--timeout', '--allow-read', '--allow-net', '--allow-env', '--engine', '--stats', '--json', '--optimize']) {
    assert.ok(r.stdout.includes(flag), flag);
  }
  // Every exit code the runner can end with, each on its own line.
  for (const [code, meaning] of [[0, 'completed'], [1, 'an uncaught error'], [2, 'a limit'], [13, 'top-level await never settled'], [64, 'bad usage'], [130, 'stopped']]) {
    assert.match(r.stdout, new RegExp(`^  ${code} +.*${meaning}`, 'm'), `exit ${code}`);
  }
});

test('eval and -e run code from the command line; -p prints its value; "run -" reads standard input', async () => {
  const evaluated = await runCli(['eval', '6 * 7', '-p']);
  assert.equal(evaluated.code, 0, evaluated.stderr);
  assert.equal(evaluated.stdout, '42\n');
  const short = await runCli(['-e', 'console.log(scriptArgs.join("+"))', '--', 'a', 'b']);
  assert.equal(short.stdout, 'a+b\n');
  const { spawnSync } = await import('node:child_process');
  const { cli } = await import('./helpers.mjs');
  const piped = spawnSync(process.execPath, [cli, 'run', '-'], { input: 'console.log("from stdin", 6 * 7)', encoding: 'utf8' });
  assert.equal(piped.status, 0, piped.stderr);
  assert.equal(piped.stdout, 'from stdin 42\n');
  // A module has no completion value: -p says why it printed nothing.
  const module = await runCli(['eval', 'export const a = 1;', '-p']);
  assert.equal(module.code, 0);
  assert.match(module.stderr, /-p printed nothing: the code ran as an ES module/);
});

test('every exit code other than 0 ends with one line that says what happened', async () => {
  const tla = await runCli(['eval', 'await new Promise(() => {})']);
  assert.equal(tla.code, 13);
  assert.match(tla.stderr, /top-level await never settled.*\(exit 13\)\n$/);
  const thrown = await runCli(['eval', 'throw new Error("boom")']);
  assert.equal(thrown.code, 1);
  assert.match(thrown.stderr, /^Uncaught Error: boom\n/, 'the uncaught error is the line');
  const limit = await runCli(['eval', 'for (;;);', '--timeout', '300ms']);
  assert.equal(limit.code, 2);
  assert.equal(limit.stderr.trim().split('\n').length, 1, limit.stderr);
});

test('an unsettled top-level await exits 13', async () => {
  const r = await runCli(['run', script('tla.mjs', 'await new Promise(() => {});')]);
  assert.equal(r.code, 13);
});

test('output piped into a reader that closes early does not crash the CLI', async () => {
  const { spawn } = await import('node:child_process');
  const { cli } = await import('./helpers.mjs');
  const file = script('many.js', 'for (let i = 0; i < 20000; i++) console.log("line", i);');
  const child = spawn(process.execPath, [cli, 'run', file], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  child.stdout.once('data', () => child.stdout.destroy());
  const code = await new Promise((r) => child.on('close', r));
  assert.doesNotMatch(stderr, /EPIPE|Unhandled 'error' event/);
  assert.ok(code === 0 || code === 141, `exit ${code}`);
});

test('a syntax error reads as Node prints one: location, source line, caret, message, and no invented frame', async () => {
  const file = script('broken.js', 'let a = 1;\nfunction f() {\n\treturn (;\n}\n');
  const r = await runCli(['run', file]);
  assert.equal(r.code, 1);
  assert.equal(r.stderr, `${file}:3:10\n\treturn (;\n\t        ^\n\nSyntaxError: unexpected token in expression: ';'\n`);
  // A SyntaxError the script throws while running is an ordinary uncaught error with its frames.
  const thrown = await runCli(['eval', 'function f() { throw new SyntaxError("mine") }\nf()']);
  assert.match(thrown.stderr, /^Uncaught SyntaxError: mine\n\s+at f \(/);
  const json = jsonLines((await runCli(['run', '--json', file])).stdout).find((e) => e.type === 'error');
  assert.equal(json.error.compile, true);
  assert.deepEqual(json.error.frames.map((f) => [f.line, f.column]), [[3, 10]]);
});

test('a one-shot run keeps the engine on V8\'s baseline compiler; --optimize lets it tier up', async () => {
  // V8 names each wasm function it compiles with a flag on the node command line; the CLI sets its own flags after.
  const { execFile } = await import('node:child_process');
  const { cli } = await import('./helpers.mjs');
  const file = script('count.js', 'let s = 0; for (let i = 0; i < 2e6; i++) s += i % 7; console.log(s > 0);');
  const traced = (extra) => new Promise((resolve) => {
    execFile(process.execPath, ['--trace-wasm-compilation-times', cli, 'run', file, ...extra], { maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) => resolve({ code: err?.code ?? 0, stdout, stderr }));
  });
  const baseline = await traced([]);
  assert.equal(baseline.code, 0, baseline.stderr);
  assert.match(baseline.stdout, /^true$/m);
  assert.doesNotMatch(baseline.stdout, /using TurboFan/);
  const optimized = await traced(['--optimize']);
  assert.equal(optimized.code, 0, optimized.stderr);
  assert.match(optimized.stdout, /^true$/m);
  assert.match(optimized.stdout, /using TurboFan/);
});
