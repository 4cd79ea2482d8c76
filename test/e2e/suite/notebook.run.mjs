// Runs only the notebook extension-host tests (suite/notebook.js) in code-server, the way test/e2e/run.mjs runs
// suite/index.js: `npm run build && node test/e2e/suite/notebook.run.mjs [--grep REGEX]`. Last line `N passed, N failed`.
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { killAll, launchBrowser, repoRoot, setupComplete, startCodeServer } from '../codeServer.mjs';

async function main() {
  if (!setupComplete()) throw new Error('the e2e tools are missing: run `node test/e2e/run.mjs` once (it installs them)');
  const grepAt = process.argv.indexOf('--grep');
  const grep = grepAt > 0 ? process.argv[grepAt + 1] : undefined;
  const { chromium } = await import('playwright-core');
  const workspace = mkdtempSync(join(tmpdir(), 'quickjs-e2e-nb-ws-'));
  cpSync(join(repoRoot, 'test/e2e/workspace'), workspace, { recursive: true });
  const resultsFile = join(workspace, '.e2e-results.jsonl');
  const server = await startCodeServer({ smoke: true, env: { QUICKJS_E2E_RESULTS: resultsFile, ...(grep ? { QUICKJS_E2E_GREP: grep } : {}) } });
  const browser = await launchBrowser(chromium);
  let passed = 0;
  let failed = 0;
  try {
    const page = browser.context.pages()[0] ?? (await browser.context.newPage());
    page.on('console', (m) => m.text().includes('[quickjs-e2e]') && console.log(`  [host] ${m.text().split('\n')[0]}`));
    let resolveExit;
    const exited = new Promise((r) => (resolveExit = r));
    await page.exposeFunction('codeAutomationExit', (code) => resolveExit(code));
    const remote = (p) => `vscode-remote://127.0.0.1:${server.port}${p}`;
    const payload = [
      ['extensionDevelopmentPath', remote(repoRoot)],
      ['extensionTestsPath', remote(join(repoRoot, 'test/e2e/suite/notebook.js'))],
    ];
    await page.goto(`${server.url}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`);
    const code = await Promise.race([exited, new Promise((r) => setTimeout(() => r('timeout'), 4 * 60_000))]);
    const lines = existsSync(resultsFile) ? readFileSync(resultsFile, 'utf8').trim().split('\n').filter(Boolean).map((l) => JSON.parse(l)) : [];
    for (const l of lines) {
      if (l.ok) passed++;
      else if (!l.skipped) failed++;
      console.log(`${l.skipped ? 'skip' : l.ok ? 'ok' : 'not ok'} - ${l.name} (${l.ms} ms)${l.error ? `\n${l.error.replace(/^/gm, '    ')}` : ''}`);
    }
    if (code === 'timeout' || lines.length === 0) {
      failed++;
      console.log(`not ok - the notebook suite ran (exit code ${code}, ${lines.length} results)`);
    }
  } finally {
    await browser.close();
    await server.stop();
    rmSync(workspace, { recursive: true, force: true });
  }
  console.log(`${passed} passed, ${failed} failed`);
  killAll();
  process.exit(failed || !passed ? 1 : 0);
}

if (process.env.NODE_TEST_CONTEXT) {
  console.log('notebook e2e: skipped under node --test; run `node test/e2e/suite/notebook.run.mjs`');
} else {
  main().catch((e) => {
    console.error(e?.stack ?? e);
    console.log('0 passed, 1 failed');
    killAll();
    process.exit(1);
  });
}
