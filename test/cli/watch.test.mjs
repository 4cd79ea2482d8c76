// `quickjs-sandbox run --watch`: the real CLI on real files, edited the way editors save them.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { cli } from './helpers.mjs';

let dir;
const children = new Set();
before(() => {
  dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'qjs-watch-')));
});
after(() => {
  for (const c of children) c.kill('SIGKILL');
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Starts `run --watch`; `until(re)` waits (generously) until stdout+stderr match, `exited` resolves with the exit code. */
function watchCli(args, cwd) {
  const child = spawn(process.execPath, [cli, 'run', '--watch', ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  children.add(child);
  let out = '';
  let err = '';
  const waiters = [];
  const check = () => {
    for (const w of [...waiters]) {
      const m = w.re.exec(w.stream === 'out' ? out : err);
      if (m) {
        waiters.splice(waiters.indexOf(w), 1);
        clearTimeout(w.timer);
        w.resolve(m);
      }
    }
  };
  child.stdout.on('data', (d) => { out += d; check(); });
  child.stderr.on('data', (d) => { err += d; check(); });
  const exited = new Promise((resolve) => child.on('exit', (code, signal) => { children.delete(child); resolve(code ?? signal); }));
  const until = (stream, re) => new Promise((resolve, reject) => {
    const w = { stream, re, resolve, timer: setTimeout(() => reject(new Error(`timed out waiting for ${re} on std${stream}\nstdout:\n${out}\nstderr:\n${err}`)), 30_000) };
    waiters.push(w);
    check();
  });
  return { child, until, exited, output: () => ({ out, err }) };
}

/** Saves as many editors do: a burst of writes to a temporary file renamed over the original. */
function editorSave(file, text) {
  const tmp = file + '.swp~';
  fs.writeFileSync(tmp, text.slice(0, 3));
  fs.writeFileSync(tmp, text);
  fs.renameSync(tmp, file);
}

test('re-runs once per save of an imported module, keeps the flags, names the file, and Ctrl+C ends it', async () => {
  const cwd = fs.mkdtempSync(path.join(dir, 'graph-'));
  fs.writeFileSync(path.join(cwd, 'main.mjs'), 'import { x } from "./lib.mjs";\nconsole.log("x is", x, scriptArgs.join(","), typeof sandbox.readFile);\n');
  fs.writeFileSync(path.join(cwd, 'lib.mjs'), 'export const x = 1;\n');
  const w = watchCli(['main.mjs', '--timeout', '5s', '--', 'a', 'b'], cwd);
  await w.until('out', /x is 1 a,b/);
  await w.until('err', /watching main\.mjs and 1 imported file for changes/);
  editorSave(path.join(cwd, 'lib.mjs'), 'export const x = 2;\n');
  await w.until('out', /x is 2 a,b/);
  await w.until('err', /lib\.mjs changed; restarting/);
  // The burst of writes and the rename were one restart, and nothing cleared the terminal.
  await new Promise((r) => setTimeout(r, 600));
  const { out, err } = w.output();
  assert.equal(out.match(/x is 2/g).length, 1, out);
  assert.equal(err.match(/changed; restarting/g).length, 1, err);
  assert.doesNotMatch(out + err, /\x1b\[2J|\x1bc/);
  w.child.kill('SIGINT');
  assert.equal(await w.exited, 130);
  assert.match(w.output().err, /stopped watching \(exit 130\)/);
});

test('a change stops a run that is still going and starts it again; an edit to the entry itself counts too', async () => {
  const cwd = fs.mkdtempSync(path.join(dir, 'server-'));
  const main = path.join(cwd, 'server.js');
  fs.writeFileSync(main, 'console.log("serving v1"); setInterval(() => {}, 1000);\n');
  const w = watchCli(['server.js', '--timeout', '0'], cwd);
  await w.until('out', /serving v1/);
  fs.writeFileSync(main, 'console.log("serving v2"); setInterval(() => {}, 1000);\n');
  await w.until('out', /serving v2/);
  assert.match(w.output().err, /server\.js changed; restarting/);
  w.child.kill('SIGINT');
  assert.equal(await w.exited, 130);
});

test('a broken import is reported and watched: fixing it re-runs', async () => {
  const cwd = fs.mkdtempSync(path.join(dir, 'broken-'));
  fs.writeFileSync(path.join(cwd, 'main.mjs'), 'import { y } from "./dep.mjs";\nconsole.log("y is", y);\n');
  fs.writeFileSync(path.join(cwd, 'dep.mjs'), 'export const y = ;\n');
  const w = watchCli(['main.mjs'], cwd);
  await w.until('err', /SyntaxError/);
  fs.writeFileSync(path.join(cwd, 'dep.mjs'), 'export const y = 7;\n');
  await w.until('out', /y is 7/);
  w.child.kill('SIGINT');
  assert.equal(await w.exited, 130);
});

test('--watch refuses what it cannot watch', async () => {
  const w = watchCli(['-'], dir);
  assert.equal(await w.exited, 64);
  assert.match(w.output().err, /--watch needs a file/);
});
