// End-to-end tests of the extension inside a real VS Code (code-server) driven by Debian's Chromium.
//   node test/e2e/run.mjs [--only host|ui] [--grep REGEX] [--vsix FILE]
// --vsix: the UI tests install that VSIX (from `npm run package`) instead of linking the working tree.
// Builds nothing: the caller runs `npm run build` first (dist/extension.js must exist). Installs code-server and
// Chromium through scripts/setup-e2e.sh when they are missing. Prints `N passed, N failed` last; exits 1 on failure.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { killAll, launchBrowser, repoRoot, setupComplete, startCodeServer } from './codeServer.mjs';

const argv = process.argv.slice(2);
const opt = (name) => {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
};
const only = opt('--only');
const grep = opt('--grep');
const vsix = opt('--vsix') ? resolve(opt('--vsix')) : undefined;
const artifacts = join(repoRoot, 'test-artifacts/e2e');
const verbose = !!process.env.QUICKJS_E2E_VERBOSE;

const results = [];
/** Records one test's result and prints it at once, so a killed run still shows how far it got. */
function record(name, ok, ms, error, skipped = false) {
  results.push({ name, ok, skipped });
  console.log(`${skipped ? 'skip' : ok ? 'ok' : 'not ok'} - ${name} (${ms} ms)${skipped ? ` # SKIP ${error}` : ''}`);
  if (!ok && !skipped && error) console.log(String(error).replace(/^/gm, '    '));
}
/** Set by the host suite when the engine cannot debug yet, so the UI's F5 scenario is skipped for the same reason. */
const environment = { debugUnavailable: undefined };

// Kill code-server's process groups however this process ends (a failed assertion, Ctrl+C, CI's timeout).
process.on('exit', killAll);
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(sig, () => {
    killAll();
    process.exit(130);
  });
}

function ensureSetup() {
  if (setupComplete()) return;
  console.log('e2e: tools missing; running scripts/setup-e2e.sh');
  const r = spawnSync('bash', [join(repoRoot, 'scripts/setup-e2e.sh')], { stdio: ['ignore', 'inherit', 'inherit'] });
  if (r.status !== 0 || !setupComplete()) throw new Error(`scripts/setup-e2e.sh failed (exit ${r.status})`);
}

/** A fresh copy of the fixture workspace, so settings written by tests never leak into the repo or the next run. */
function freshWorkspace() {
  const dir = mkdtempSync(join(tmpdir(), 'quickjs-e2e-ws-'));
  cpSync(join(repoRoot, 'test/e2e/workspace'), dir, { recursive: true });
  return dir;
}

/** Phase (a): the extension-host suite, run by the workbench's smoke-test driver. */
async function runHostTests(chromium) {
  const workspace = freshWorkspace();
  const resultsFile = join(workspace, '.e2e-results.jsonl');
  const t0 = Date.now();
  const server = await startCodeServer({
    smoke: true,
    env: { QUICKJS_E2E_RESULTS: resultsFile, ...(grep ? { QUICKJS_E2E_GREP: grep } : {}) },
    log: verbose ? (s) => process.stdout.write(`[code-server] ${s}`) : undefined,
  });
  const browser = await launchBrowser(chromium);
  try {
    const page = browser.context.pages()[0] ?? (await browser.context.newPage());
    const consoleLines = [];
    page.on('console', (m) => {
      const text = m.text();
      consoleLines.push(text);
      if (verbose || text.includes('[quickjs-e2e]')) console.log(`  [host] ${text.split('\n')[0]}`);
    });
    let resolveExit;
    const exited = new Promise((r) => (resolveExit = r));
    await page.exposeFunction('codeAutomationExit', (code) => resolveExit(code));
    const remote = (p) => `vscode-remote://127.0.0.1:${server.port}${p}`;
    const payload = [
      ['extensionDevelopmentPath', remote(repoRoot)],
      ['extensionTestsPath', remote(join(repoRoot, 'test/e2e/suite/index.js'))],
    ];
    await page.goto(`${server.url}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`);
    const budget = 5 * 60_000;
    const code = await Promise.race([exited, new Promise((r) => setTimeout(() => r('timeout'), budget))]);
    mkdirSync(artifacts, { recursive: true });
    await page.screenshot({ path: join(artifacts, 'host-tests-end.png') }).catch(() => {});
    const lines = existsSync(resultsFile) ? readFileSync(resultsFile, 'utf8').trim().split('\n').filter(Boolean).map((l) => JSON.parse(l)) : [];
    for (const l of lines) {
      record(`host: ${l.name}`, l.ok, l.ms, l.error, l.skipped);
      if (l.skipped && /debug support/.test(l.error)) environment.debugUnavailable = l.error;
    }
    if (code === 'timeout') record('host: suite finished', false, Date.now() - t0, `no exit code within ${budget / 1000} s`);
    else if (lines.length === 0) {
      const tail = consoleLines.filter((l) => /error|fail/i.test(l)).slice(-15).join('\n');
      record('host: suite ran', false, Date.now() - t0, `exit code ${code} and no test results; browser console:\n${tail}`);
    } else if (code !== 0 && lines.every((l) => l.ok || l.skipped)) {
      record('host: suite exit code', false, Date.now() - t0, `exit code ${code} although every test passed`);
    }
  } finally {
    await browser.close();
    await server.stop();
    rmSync(workspace, { recursive: true, force: true });
  }
}

/** Runs a UI scenario that starts its own code-server (it needs its own workspace files); records its ok/not ok lines. */
function runStandaloneUi(file) {
  const t0 = Date.now();
  const r = spawnSync(process.execPath, [join(repoRoot, file)], { encoding: 'utf8', timeout: 5 * 60_000 });
  const lines = (r.stdout ?? '').split('\n');
  let seen = 0;
  for (const line of lines) {
    const m = /^(ok|not ok) - (.*?) \((\d+) ms\)$/.exec(line);
    if (!m) continue;
    seen++;
    const detail = m[1] === 'ok' ? undefined : lines.slice(lines.indexOf(line) + 1).filter((l) => l.startsWith('    ')).join('\n');
    record(m[2], m[1] === 'ok', Number(m[3]), detail);
  }
  if (!seen) record(`${file}: harness`, false, Date.now() - t0, `${r.stdout ?? ''}${r.stderr ?? ''}`.slice(-2000));
}

async function main() {
  ensureSetup();
  if (!existsSync(join(repoRoot, 'dist/extension.js'))) {
    throw new Error('dist/extension.js is missing: run `npm run build` before the e2e tests');
  }
  const { chromium } = await import('playwright-core');
  const started = Date.now();
  if (!only || only === 'host') {
    try {
      await runHostTests(chromium);
    } catch (e) {
      record('host: harness', false, 0, e?.stack ?? e);
    }
  }
  if (!only || only === 'ui') {
    const { runUiTests } = await import('./ui.mjs');
    try {
      await runUiTests({ chromium, record, freshWorkspace, artifacts, grep, verbose, environment, vsix });
    } catch (e) {
      record('ui: harness', false, 0, e?.stack ?? e);
    }
  }
  if (!only || only === 'ui') runStandaloneUi('test/e2e/suite/notebook.ui.mjs');
  const passed = results.filter((r) => r.ok).length;
  const skipped = results.filter((r) => r.skipped).length;
  const failed = results.length - passed - skipped;
  console.log(`e2e took ${Math.round((Date.now() - started) / 1000)} s; screenshots in ${artifacts}`);
  console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
  killAll();
  process.exit(failed || passed === 0 ? 1 : 0);
}

if (process.env.NODE_TEST_CONTEXT) {
  // `node --test test/` on Node 20 runs every .mjs under test/ as a test file; this suite needs its own run.
  console.log('e2e: skipped under node --test; run `node test/e2e/run.mjs`');
} else {
  main().catch(fail);
}

function fail(e) {
  console.error(e?.stack ?? e);
  console.log(`0 passed, 1 failed`);
  killAll();
  process.exit(1);
}
