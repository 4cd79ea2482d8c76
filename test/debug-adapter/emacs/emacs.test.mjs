// Emacs dap-mode as a second DAP client of the standalone adapter (besides DebugClient in the other tests):
// driver.el loads the README's configuration block as it stands, debugs program.js with dap-mode's own commands and
// prints what dap-mode showed as JSON; each test below checks one part of it. Emacs and dap-mode come from Debian
// (scripts/setup-emacs.sh), installed here when missing and we may (root, or CI).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { adapterPath, root } from '../harness.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const program = join(here, 'program.js');
/** The driver's own deadline; generous, the machine may be loaded. The process is killed 30 s after it. */
const DRIVER_DEADLINE_S = 120;
/** apt-get update and install on a fresh CI machine take a minute or two; a stalled mirror must still end the run. */
const SETUP_TIMEOUT_MS = 15 * 60_000;

/** The README's dap-mode configuration: the elisp block between its `emacs-dap-config` markers. */
function readmeEmacsConfig() {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const block = /<!-- emacs-dap-config\b[^>]*-->\n```elisp\n([\s\S]*?)```\n<!-- \/emacs-dap-config -->/.exec(readme);
  if (!block) throw new Error('README.md lost its dap-mode configuration: an ```elisp block between <!-- emacs-dap-config ... --> and <!-- /emacs-dap-config -->');
  return block[1];
}

/** The 1-based line of program.js carrying the comment marker `@name`. */
function lineOf(name) {
  const index = readFileSync(program, 'utf8').split('\n').findIndex((l) => l.includes(`// @${name}`));
  if (index < 0) throw new Error(`marker @${name} not in program.js`);
  return index + 1;
}

/** Whether `emacs --batch` loads dap-mode the way driver.el does. */
function emacsReady() {
  return spawnSync('emacs', ['--batch', '--eval', "(require 'dap-mode)"], { stdio: 'ignore', timeout: 60_000 }).status === 0;
}

const emacsAtStart = emacsReady();

/**
 * Why these tests cannot run, to skip them: only on a developer's machine without Emacs and dap-mode where
 * installing them needs a password. In CI a missing Emacs is installed (as the tests start), never a reason to skip.
 */
function missingEmacs() {
  if (emacsAtStart) return undefined;
  if (/^(1|true)$/i.test(process.env.CI ?? '') || process.getuid?.() === 0) return undefined;
  return 'Emacs with dap-mode is missing; run "sudo bash scripts/setup-emacs.sh" (installs emacs-nox and elpa-dap-mode) to run these tests';
}

/** Installs Emacs and dap-mode through scripts/setup-emacs.sh when `emacs --batch` cannot load dap-mode. */
async function provideEmacs() {
  if (emacsAtStart) return;
  const setup = await new Promise((resolve) => {
    execFile('bash', [join(root, 'scripts/setup-emacs.sh')], { timeout: SETUP_TIMEOUT_MS }, (error, stdout, stderr) =>
      resolve({ code: error ? (error.code ?? error.signal) : 0, stdout, stderr }),
    );
  });
  process.stdout.write(setup.stdout);
  if (setup.code !== 0 || !emacsReady()) {
    throw new Error(`scripts/setup-emacs.sh failed (exit ${setup.code}):\n${setup.stderr}${setup.stdout}`);
  }
}

/** Runs driver.el; resolves with its JSON report, or rejects with what Emacs printed. */
function runDriver(work) {
  const config = join(work, 'quickjs-sandbox-dap.el');
  writeFileSync(config, readmeEmacsConfig());
  // HOME in the scratch folder: neither the user's Emacs setup nor dap-mode's saved breakpoints get in, or out.
  const home = join(work, 'home');
  mkdirSync(home);
  const env = {
    ...process.env,
    HOME: home,
    QJS_DAP_CONFIG: config,
    QJS_DAP_ADAPTER: adapterPath,
    QJS_DAP_PROGRAM: program,
    QJS_DAP_TIMEOUT: String(DRIVER_DEADLINE_S),
  };
  return new Promise((resolve, reject) => {
    const child = spawn('emacs', ['--batch', '-l', join(here, 'driver.el')], { cwd: work, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const killer = setTimeout(() => child.kill('SIGKILL'), (DRIVER_DEADLINE_S + 30) * 1000);
    child.on('close', (code, signal) => {
      clearTimeout(killer);
      const last = stdout.trim().split('\n').at(-1) ?? '';
      let report;
      try {
        report = JSON.parse(last);
      } catch {
        report = undefined;
      }
      if (code === 0 && report && !report.error) resolve(report);
      else {
        const why = report?.error ?? `emacs exited with ${signal ?? code} and no report`;
        reject(new Error(`${why}\nreport: ${JSON.stringify(report, null, 2)}\nemacs stderr:\n${stderr.slice(-4000)}`));
      }
    });
  });
}

const skip = missingEmacs();

describe('Emacs dap-mode drives the standalone adapter', { skip }, () => {
  /** @type {any} */
  let report;
  let work = '';

  before(async () => {
    await provideEmacs();
    if (!existsSync(adapterPath)) throw new Error(`${adapterPath} is missing: run "node esbuild.mjs" first`);
    work = mkdtempSync(join(tmpdir(), 'quickjs-emacs-'));
    report = await runDriver(work);
  }, { timeout: SETUP_TIMEOUT_MS + (DRIVER_DEADLINE_S + 60) * 1000 });

  after(() => {
    if (work) rmSync(work, { recursive: true, force: true });
  });

  /** The `index`th stop dap-mode showed (0-based), failing with the whole list when it is missing. */
  const stop = (index) => {
    const s = report.stops[index];
    assert.ok(s, `stop ${index + 1} missing; dap-mode showed ${JSON.stringify(report.stops, null, 2)}`);
    return s;
  };

  test('the README configuration launches the program and stops at the breakpoint toggled in its buffer', (t) => {
    t.diagnostic(`dap-mode ${report.dapModeVersion}; two sessions in ${report.seconds.toFixed(1)} s of Emacs time`);
    assert.match(report.dapModeVersion, /^\d+(\.\d+)*$/);
    assert.deepEqual(report.breakpoints, [{ verified: true, line: lineOf('break') }]);
    // The top-level frame's name is the adapter's choice; the frames of functions below are checked by name.
    const { frame: _topLevel, ...first } = stop(0);
    assert.deepEqual(first, {
      reason: 'breakpoint',
      line: lineOf('break'),
      file: 'program.js',
      pointLine: lineOf('break'),
      text: 'const base = 4; // @break',
    });
  });

  test('dap-next moves to the next statement and dap-step-in enters the called function', () => {
    assert.deepEqual([stop(1).reason, stop(1).line, stop(1).pointLine], ['step', lineOf('next'), lineOf('next')]);
    assert.deepEqual([stop(2).reason, stop(2).frame, stop(2).line, stop(2).pointLine], ['step', 'square', lineOf('square'), lineOf('square')]);
  });

  test('the locals dap-ui renders hold the parameter and the script-level binding', () => {
    const scopes = Object.fromEntries(report.scopes.map((s) => [s.name, s.variables]));
    assert.ok(scopes.Local?.includes('n: 4'), `Local scope: ${JSON.stringify(report.scopes)}`);
    assert.ok(Object.values(scopes).flat().includes('base: 4'), `no scope shows base: ${JSON.stringify(report.scopes)}`);
  });

  test('dap-eval shows the value of an expression in the stopped frame', () => {
    assert.equal(report.eval, '=> 40');
  });

  test('"All Exceptions" set in dap-exception-breakpoints stops at a caught throw, in its frame, with its locals', () => {
    assert.deepEqual([stop(3).reason, stop(3).frame, stop(3).line, stop(3).pointLine], ['exception', 'check', lineOf('throw'), lineOf('throw')]);
    assert.match(report.exception, /Exception has occurred: RangeError\nRangeError: too big: 16/);
    const scopes = Object.fromEntries(report.exceptionScopes.map((s) => [s.name, s.variables]));
    assert.ok(scopes.Local?.includes('value: 16'), `Local scope at the throw: ${JSON.stringify(report.exceptionScopes)}`);
  });

  test('dap-disconnect at a stop ends the session and the adapter process; output reached the output buffer', () => {
    assert.deepEqual(report.disconnected, { output: 'total=16\n', adapterStatus: 'exit', adapterExit: 0 }, 'the output before the exception, and nothing after the disconnect');
  });

  test('with dap-mode\'s default filters ("Uncaught Exceptions" only) the caught throw passes and the uncaught one stops with its locals', () => {
    assert.deepEqual([stop(4).reason, stop(4).line], ['breakpoint', lineOf('break')], 'the second session stops at the breakpoint again');
    assert.deepEqual([stop(5).reason, stop(5).frame, stop(5).line, stop(5).pointLine], ['exception', 'divide', lineOf('uncaught'), lineOf('uncaught')]);
    assert.match(report.uncaught.exception, /Exception has occurred: Error\nError: cannot divide 16 by zero/);
    const scopes = Object.fromEntries(report.uncaught.scopes.map((s) => [s.name, s.variables]));
    assert.deepEqual(scopes.Local, ['a: 16', 'b: 0']);
  });

  test('continuing from the uncaught exception runs the program to its end and the session terminates', () => {
    assert.equal(report.stops.length, 6, `a stop too many: ${JSON.stringify(report.stops.slice(6))}`);
    assert.equal(report.terminated, true);
    assert.match(report.uncaught.output, /^total=16\nverdict=too big: 16\n.*Error: cannot divide 16 by zero\n/);
    assert.doesNotMatch(report.uncaught.output, /unreachable/);
  });
});
