// The REPL (`quickjs-sandbox` alone, or `repl`), driven as a user would: the built CLI over a pipe, and inside a
// pseudo-terminal (through Python's pty module) for what only a terminal has: Tab completion and Ctrl+C as a key.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { cli, repoRoot } from './helpers.mjs';

let dir;
before(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qjs-repl-'));
});
/** Every REPL a test started: a failed test must not leave one running, or this file (and npm test) never ends. */
const children = new Set();
after(() => {
  // Killing the pty relay hangs up its terminal, which ends the REPL inside it too.
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Relays a pseudo-terminal: runs argv[1:] on its slave side, copies our stdin to it and its output to our stdout. */
const PTY_RELAY = `
import os, pty, select, sys
pid, fd = pty.fork()
if pid == 0:
    os.execvp(sys.argv[1], sys.argv[1:])
inputs = [fd, 0]
while True:
    r, _, _ = select.select(inputs, [], [])
    if fd in r:
        try:
            data = os.read(fd, 4096)
        except OSError:
            break
        if not data:
            break
        os.write(1, data)
    if 0 in r:
        data = os.read(0, 4096)
        if data:
            os.write(fd, data)
        else:
            inputs = [fd]
_, status = os.waitpid(pid, 0)
sys.exit(os.waitstatus_to_exitcode(status))
`;
const python = ['python3', 'python'].find((p) => spawnSync(p, ['-c', 'import pty'], { stdio: 'ignore' }).status === 0);

/** A line of output that is exactly `text`, after any prompts that precede it on its line. */
const out = (text) => new RegExp(`^(?:(?:>|\\.\\.\\.) )*${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`, 'm');

/** A running REPL: `send` types, `waitFor` resolves once the output since the last mark matches. */
function startRepl({ tty = false, history = path.join(dir, `history-${Math.random().toString(36).slice(2)}`), args = [] } = {}) {
  const env = { ...process.env, QUICKJS_SANDBOX_HISTORY: history, NO_COLOR: '1' };
  const argv = [process.execPath, cli, ...args];
  const child = tty ? spawn(python, ['-c', PTY_RELAY, ...argv], { cwd: repoRoot, env }) : spawn(argv[0], argv.slice(1), { cwd: repoRoot, env });
  children.add(child);
  let output = '';
  let mark = 0;
  const waiters = new Set();
  const onData = (d) => {
    // Terminal control sequences (cursor moves, colours) and carriage returns out, so patterns read plain text.
    output += d.toString().replace(/\x1b\[[0-9;]*[A-Za-z]/g, '').replace(/\r/g, '');
    for (const w of waiters) w();
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  const exited = new Promise((resolve) => child.on('exit', (code) => resolve(code)));
  return {
    child,
    history,
    exited,
    get output() {
      return output;
    },
    send(text) {
      child.stdin.write(text);
    },
    /** Waits for `re` in the output written since the previous successful wait, then moves the mark past it. */
    waitFor(re, what = String(re)) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const m = re.exec(output.slice(mark));
          if (!m) return false;
          mark += m.index + m[0].length;
          waiters.delete(check);
          clearTimeout(timer);
          resolve(m);
          return true;
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`timed out waiting for ${what}; output so far:\n${output}`));
        }, 30_000);
        waiters.add(check);
        check();
      });
    },
    async close() {
      child.stdin.end();
      const code = await exited;
      return code;
    },
  };
}

test('expressions print their value; let re-declares; functions span lines; top-level await; errors do not end the session', async () => {
  const r = startRepl({ args: ['repl'] });
  await r.waitFor(/> /, 'the first prompt');
  r.send('1+1\n');
  await r.waitFor(out('2'), '2');
  r.send('let x = 1\n');
  await r.waitFor(out('undefined'), 'undefined after a declaration');
  r.send('x + 1\n');
  await r.waitFor(out('2'), 'x + 1');
  r.send('let x = 10\n');
  await r.waitFor(out('undefined'), 're-declaring let x works');
  r.send('function twice(n) {\n');
  await r.waitFor(/\.\.\. /, 'the continuation prompt');
  r.send('  return n * 2\n}\n');
  r.send('twice(x)\n');
  await r.waitFor(out('20'), 'the multi-line function');
  r.send('await Promise.resolve(5)\n');
  await r.waitFor(out('5'), 'top-level await');
  r.send('({ a: [1, 2], s: "t" })\n');
  await r.waitFor(/\{ a: \[ 1, 2 \], s: 't' \}/, "an object rendered like Node's REPL");
  r.send('throw new Error("boom")\n');
  await r.waitFor(/Uncaught Error: boom/, 'the uncaught error');
  r.send('x * 3\n');
  await r.waitFor(out('30'), 'the session goes on after the error, with its state');
  r.send('.exit\n');
  assert.equal(await r.exited, 0);
});

test('process.exit ends the session with its code, as in Node\'s REPL; the lines after it are not run', async () => {
  const r = startRepl();
  await r.waitFor(/> /);
  r.send('process.exit(5)\nconsole.log("still here")\n');
  assert.equal(await r.exited, 5);
  assert.doesNotMatch(r.output, /still here/);
});

test('.help lists the commands; .clear resets the state; the history file gets the lines', async () => {
  const r = startRepl();
  await r.waitFor(/> /);
  r.send('.help\n');
  const help = await r.waitFor(/\.break[\s\S]*\.clear[\s\S]*\.exit[\s\S]*\.help/, '.help listing the commands');
  assert.ok(help);
  r.send('var kept = 1; kept\n');
  await r.waitFor(out('1'));
  r.send('.clear\n');
  await r.waitFor(/Clearing context/);
  r.send('typeof kept\n');
  await r.waitFor(out("'undefined'"), '.clear leaving no variable behind');
  r.send('.nonsense\n');
  await r.waitFor(/unknown REPL command "\.nonsense"; type \.help/);
  assert.equal(await r.close(), 0);
  const lines = fs.readFileSync(r.history, 'utf8').split('\n');
  assert.equal(lines[0], '.nonsense', 'newest first');
  assert.ok(lines.includes('typeof kept') && lines.includes('var kept = 1; kept'), lines.join('|'));
});

test('Ctrl+C (SIGINT) stops an endless loop; the REPL goes on with its state', async () => {
  const r = startRepl();
  await r.waitFor(/> /);
  r.send('let kept = 7\n');
  await r.waitFor(out('undefined'));
  r.send('console.log("looping"); for (;;) {}\n');
  await r.waitFor(/looping/);
  r.child.kill('SIGINT');
  await r.waitFor(/stopped \(Ctrl\+C\); the sandbox keeps its state/);
  r.send('kept * 6\n');
  await r.waitFor(out('42'), 'the state kept after the interrupt');
  assert.equal(await r.close(), 0);
});

test('in a terminal: Tab completes Math.ma to Math.max, Ctrl+C stops a loop, twice at the prompt exits', { skip: !python && 'needs Python for a pseudo-terminal' }, async () => {
  const r = startRepl({ tty: true });
  await r.waitFor(/> /);
  // The result is printed while its run is still ending: keys meant for the prompt wait until it is shown again,
  // as a person would (a Tab or Ctrl+C that lands before then belongs to the entry still running).
  const prompted = () => r.waitFor(/> /, 'the prompt after the result');
  r.send('const box = { alpha: 1, beta: 2 }\r');
  await r.waitFor(/undefined/);
  await prompted();
  // Readline ignores a Tab that arrives in one chunk with other keys (a paste), so each key waits for its echo.
  // Completion edits the line in place (cursor moves), so the test runs the completed line and checks its value.
  r.send('Math.ma');
  await r.waitFor(/Math\.ma/);
  r.send('\t');
  await r.waitFor(/x/, 'the completed rest of Math.max');
  r.send('(3, 9)\r');
  await r.waitFor(out('9'), 'Math.ma completed to Math.max');
  await prompted();
  r.send('box.al');
  await r.waitFor(/box\.al/);
  r.send('\t');
  await r.waitFor(/pha/, 'the completed rest of box.alpha');
  r.send('\r');
  await r.waitFor(out('1'), "a user object's property completed");
  await prompted();
  // Ctrl+C is a key here, which readline turns into its SIGINT event; sent once the loop has surely started.
  r.send('console.log("looping"); while (true) {}\r');
  await r.waitFor(out('looping'));
  r.send('\x03');
  await r.waitFor(/stopped \(Ctrl\+C\)/);
  await prompted();
  r.send('box.beta\r');
  await r.waitFor(out('2'));
  await prompted();
  r.send('\x03');
  await r.waitFor(/To exit, press Ctrl\+C again/);
  r.send('\x03');
  assert.equal(await r.exited, 0);
  assert.match(fs.readFileSync(r.history, 'utf8'), /^box\.beta\n/, 'the terminal history is saved, newest first');
});
