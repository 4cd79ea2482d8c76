// UI tests as a person would do them: keyboard and mouse in the browser, checked by what is on screen.
// Screenshots of each end state land in test-artifacts/e2e/ as evidence.
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { launchBrowser, repoRoot, startCodeServer } from './codeServer.mjs';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Opens a workspace file with Quick Open (Ctrl+P), as a person would, and waits for its tab. */
async function openFile(page, name) {
  for (let attempt = 0; attempt < 3; attempt++) {
    await page.keyboard.press('Control+P');
    const input = page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible', timeout: 10_000 });
    await input.fill(name);
    const row = page.locator('.quick-input-widget .monaco-list-row', { hasText: name }).first();
    try {
      await row.waitFor({ state: 'visible', timeout: 10_000 });
      await page.keyboard.press('Enter');
      await page.locator(`.tabs-container .tab[data-resource-name="${name}"]`).waitFor({ timeout: 10_000 });
      return;
    } catch (e) {
      if (attempt === 2) throw e;
      await page.keyboard.press('Escape');
    }
  }
}

/**
 * Runs a palette command by its title. The palette sometimes closes itself when focus moves, and contributed
 * commands can show up late, so the whole gesture is retried.
 */
async function runPaletteCommand(page, title) {
  let lastError;
  for (let attempt = 0; attempt < 4; attempt++) {
    try {
      await page.keyboard.press('F1');
      const input = page.locator('.quick-input-widget input');
      await input.waitFor({ state: 'visible', timeout: 10_000 });
      await input.fill(`>${title}`);
      const option = page.locator('.quick-input-widget [role="option"]', { hasText: title }).first();
      await option.waitFor({ state: 'visible', timeout: 8_000 });
      await option.click();
      return;
    } catch (e) {
      lastError = e;
      await page.keyboard.press('Escape').catch(() => {});
      await sleep(1500);
    }
  }
  throw new Error(`could not run "${title}" from the command palette: ${lastError?.message}`);
}

/** Moves the cursor to a 1-based line with Go to Line (Ctrl+G). */
async function goToLine(page, line) {
  await page.keyboard.press('Control+G');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: 10_000 });
  await input.fill(`:${line}`);
  await page.keyboard.press('Enter');
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: 5_000 }).catch(() => {});
}

/** Each scenario gets the same page; later ones build on the window the earlier ones left. */
const scenarios = [
  {
    name: 'palette "QuickJS: Run File in Sandbox" shows the output',
    async run(page, shot) {
      await openFile(page, 'hello.js');
      await runPaletteCommand(page, 'QuickJS: Run File in Sandbox');
      const panel = page.locator('.part.panel');
      await panel.getByText('hello from the sandbox').first().waitFor({ timeout: 60_000 });
      await panel.getByText('completed in').first().waitFor({ timeout: 20_000 });
      // The channel selector names our channel: the output went where the user looks for it.
      const status = page.locator('.statusbar-item', { hasText: 'QuickJS' }).first();
      await status.waitFor({ timeout: 10_000 });
      await shot('ui-run-file.png');
    },
  },
  {
    name: 'explorer context menu "Run File in Sandbox" runs a TypeScript file',
    async run(page, shot) {
      const row = page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'greet.ts' }).first();
      const item = page.locator('.monaco-menu .action-item', { hasText: 'Run File in Sandbox' }).first();
      // Extension menu items appear only once the extension host has registered contributions: reopen until then.
      for (let attempt = 0; ; attempt++) {
        await row.click({ button: 'right' });
        try {
          await item.waitFor({ timeout: 3_000 });
          break;
        } catch (e) {
          if (attempt === 10) throw e;
          await page.keyboard.press('Escape');
          await sleep(1000);
        }
      }
      // A menu ignores a click that lands right after it opened (to swallow the opening mouse-up): pause, then
      // click; if the menu is still up, the item is focused and Enter runs it.
      await sleep(400);
      await item.hover();
      await item.click();
      if (await item.isVisible().catch(() => false)) await page.keyboard.press('Enter');
      const panel = page.locator('.part.panel');
      // TypeScript needs esbuild at run time: with --vsix this proves the VSIX carries it.
      await panel.getByText('hello, typed world').first().waitFor({ timeout: 30_000 });
      await shot('ui-explorer-run-ts.png');
    },
  },
  {
    name: 'F5 stops at a breakpoint and the Variables view shows locals',
    needsDebug: true,
    async run(page, shot) {
      await openFile(page, 'debug.js');
      await page.locator('.monaco-editor .view-lines').first().click();
      await goToLine(page, 6);
      await page.keyboard.press('F9');
      await page.locator('.codicon-debug-breakpoint').first().waitFor({ timeout: 10_000 });
      await page.keyboard.press('F5');
      // With several debuggers for JavaScript VS Code asks which one; pick ours as a person would.
      const picker = page.locator('.quick-input-widget [role="option"]', { hasText: 'QuickJS Sandbox' }).first();
      const paused = page.locator('.debug-toolbar');
      await Promise.race([picker.waitFor({ timeout: 20_000 }).then(() => picker.click()), paused.waitFor({ timeout: 20_000 })]).catch(() => {});
      await paused.waitFor({ timeout: 30_000 });
      // Views are found by their pane titles, what a person reads, rather than by internal class names.
      const pane = (title) => page.locator('.pane', { has: page.locator('.pane-header', { hasText: title }) });
      const variables = pane('Variables');
      const callStack = pane('Call Stack');
      await callStack.getByText('Paused on breakpoint').first().waitFor({ timeout: 30_000 });
      // Expand the Local scope when the view left it collapsed, as a person would.
      const total = variables.locator('.monaco-list-row', { hasText: /total\W+10/ }).first();
      if (!(await total.isVisible().catch(() => false))) {
        await variables.locator('.monaco-list-row', { hasText: 'Local' }).first().click();
      }
      await total.waitFor({ timeout: 15_000 });
      await variables.locator('.monaco-list-row', { hasText: /items\W+\(4\)/ }).first().waitFor({ timeout: 5_000 });
      await callStack.locator('.monaco-list-row', { hasText: 'sum' }).first().waitFor({ timeout: 10_000 });
      await shot('ui-debug-breakpoint.png');
      // The caller's frame shows the locals it called with, as a person sees them by clicking the frame.
      await callStack.locator('.monaco-list-row', { hasText: 'main' }).first().click();
      const count = variables.locator('.monaco-list-row', { hasText: /count\W+4/ }).first();
      // The view may keep the scope collapsed for this frame: expand it if so (a click on an open one would close it).
      const local = variables.locator('.monaco-list-row[aria-expanded="false"]', { hasText: 'Local' }).first();
      await Promise.race([count.waitFor({ timeout: 5_000 }), local.waitFor({ timeout: 5_000 })]).catch(() => {});
      if (!(await count.isVisible().catch(() => false)) && (await local.isVisible().catch(() => false))) await local.click();
      await count.waitFor({ timeout: 15_000 });
      await shot('ui-debug-caller-frame.png');
      await page.keyboard.press('Shift+F5');
    },
  },
];

/** Runs the UI scenarios in one code-server window; reports each through `record`. */
export async function runUiTests({ chromium, record, freshWorkspace, artifacts, grep, verbose, environment = {}, vsix }) {
  const workspace = freshWorkspace();
  mkdirSync(artifacts, { recursive: true });
  const { publisher, name, version } = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8'));
  const server = await startCodeServer({
    log: verbose ? (s) => process.stdout.write(`[code-server] ${s}`) : undefined,
    extensions: vsix ? {} : { [`${publisher}.${name}-${version}`]: repoRoot },
    vsix,
  });
  const browser = await launchBrowser(chromium);
  try {
    const page = browser.context.pages()[0] ?? (await browser.context.newPage());
    if (verbose) page.on('console', (m) => console.log(`  [ui] ${m.text().split('\n')[0]}`));
    await page.goto(`${server.url}/?folder=${encodeURIComponent(workspace)}`);
    // The explorer listing the fixture files means the workbench and the remote file system are up.
    await page.locator('.explorer-folders-view').getByText('hello.js').first().waitFor({ timeout: 90_000 });
    const selected = grep ? scenarios.filter((s) => new RegExp(grep).test(s.name)) : scenarios;
    for (const s of selected) {
      if (s.needsDebug && environment.debugUnavailable) {
        record(`ui: ${s.name}`, false, 0, environment.debugUnavailable, true);
        continue;
      }
      const t0 = Date.now();
      const shot = (file) => page.screenshot({ path: join(artifacts, file) });
      try {
        await s.run(page, shot);
        record(`ui: ${s.name}`, true, Date.now() - t0);
      } catch (e) {
        const file = `ui-failed-${s.name.replace(/[^a-z0-9]+/gi, '-').toLowerCase()}.png`;
        await shot(file).catch(() => {});
        record(`ui: ${s.name}`, false, Date.now() - t0, `${e?.message ?? e}\n(screenshot: ${join(artifacts, file)})`);
        await page.keyboard.press('Escape').catch(() => {});
      }
    }
  } finally {
    await browser.close();
    await server.stop();
  }
}
