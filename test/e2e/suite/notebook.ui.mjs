// The notebook as a person sees it, in code-server and Chromium: open a .qjsnb file, run all cells from the
// palette, find the object tree in the output webview, expand it (the renderer asks the extension for the
// children through renderer messaging), and see a record table. Screenshots land in test-artifacts/e2e/.
//   npm run build && node test/e2e/suite/notebook.ui.mjs      (last line: `N passed, N failed`)
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { killAll, launchBrowser, repoRoot, setupComplete, startCodeServer } from '../codeServer.mjs';

const artifacts = join(repoRoot, 'test-artifacts/e2e');
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

const NOTEBOOK = {
  format: 'qjsnb',
  version: 1,
  cells: [
    { kind: 'code', language: 'javascript', source: ['const shapes = [{ kind: "circle", r: 2 }, { kind: "square", side: 3 }]', 'shapes'] },
    { kind: 'code', language: 'javascript', source: ['({ config: { nested: { secret: "found-me" } }, list: [10, 20] })'] },
  ],
};

/** The frame (output webviews are nested iframes) whose document has `selector`, polled until `timeoutMs`. */
async function frameWith(page, selector, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    for (const f of page.frames()) {
      if (await f.locator(selector).count().catch(() => 0)) return f;
    }
    await sleep(250);
  }
  throw new Error(`no frame shows ${selector} within ${timeoutMs} ms`);
}

async function main() {
  if (!setupComplete()) throw new Error('the e2e tools are missing: run `node test/e2e/run.mjs` once (it installs them)');
  const { chromium } = await import('playwright-core');
  mkdirSync(artifacts, { recursive: true });
  const workspace = mkdtempSync(join(tmpdir(), 'quickjs-e2e-nbui-ws-'));
  cpSync(join(repoRoot, 'test/e2e/workspace'), workspace, { recursive: true });
  writeFileSync(join(workspace, 'shapes.qjsnb'), JSON.stringify(NOTEBOOK, null, 2) + '\n');
  const { publisher, name, version } = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8'));
  const server = await startCodeServer({ extensions: { [`${publisher}.${name}-${version}`]: repoRoot } });
  const browser = await launchBrowser(chromium);
  const page = browser.context.pages()[0] ?? (await browser.context.newPage());
  let failed = 0;
  const t0 = Date.now();
  try {
    await page.goto(`${server.url}/?folder=${encodeURIComponent(workspace)}`);
    const entry = page.locator('.explorer-folders-view').getByText('shapes.qjsnb').first();
    await entry.waitFor({ timeout: 90_000 });
    // Until the extension host has registered the contributions, a .qjsnb file opens as plain text.
    await sleep(5000);
    await entry.dblclick();
    await page.locator('.notebook-editor').first().waitFor({ timeout: 30_000 });
    await sleep(1000);
    await page.keyboard.press('Escape');
    await page.locator('.notebook-toolbar-container').getByText('Run All').first().click({ timeout: 10_000 });
    const tree = await frameWith(page, '.qjs-tree details', 60_000);
    const table = await frameWith(page, 'table.quickjs-records', 10_000);
    const headers = await table.locator('table.quickjs-records th').allTextContents();
    if (headers.join('|') !== '(index)|kind|r|side') throw new Error(`table headers: ${headers.join('|')}`);
    // The second cell's tree: open the root, then `config`, then `nested`: each level is fetched from the sandbox.
    const root = tree.locator('.qjs-tree > details', { hasText: 'found-me' }).first();
    await root.locator('> summary').click();
    for (const key of ['config', 'nested']) {
      const node = root.locator('details', { has: tree.locator(`> summary .qjs-name`, { hasText: new RegExp(`^${key}$`) }) }).first();
      await node.waitFor({ timeout: 10_000 });
      await node.locator('> summary').click();
    }
    await root.locator('.qjs-leaf', { hasText: 'secret' }).first().waitFor({ timeout: 10_000 });
    await page.screenshot({ path: join(artifacts, 'notebook-tree-and-table.png') });
    console.log(`ok - ui: notebook tree expands through renderer messaging, table shows records (${Date.now() - t0} ms)`);
  } catch (e) {
    failed++;
    await page.screenshot({ path: join(artifacts, 'notebook-ui-failed.png') }).catch(() => {});
    console.log(`not ok - ui: notebook tree and table (${Date.now() - t0} ms)\n    ${String(e?.stack ?? e).replace(/\n/g, '\n    ')}`);
  } finally {
    await browser.close();
    await server.stop();
    rmSync(workspace, { recursive: true, force: true });
  }
  console.log(`${1 - failed} passed, ${failed} failed`);
  killAll();
  process.exit(failed ? 1 : 0);
}

if (process.env.NODE_TEST_CONTEXT) {
  console.log('notebook UI e2e: skipped under node --test; run `node test/e2e/suite/notebook.ui.mjs`');
} else {
  main().catch((e) => {
    console.error(e?.stack ?? e);
    console.log('0 passed, 1 failed');
    killAll();
    process.exit(1);
  });
}
