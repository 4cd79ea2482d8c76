// UI tests as a person would do them: keyboard and mouse in the browser, checked by what is on screen.
// Screenshots of each end state land in test-artifacts/e2e/ as evidence.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { launchBrowser, repoRoot, startCodeServer } from './codeServer.mjs';

import { goToLine, openFile, runPaletteCommand, sleep } from './gestures.mjs';

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
      // One QuickJS item, telling how the run ended (a pass icon, no failure color).
      assert((await page.locator('.statusbar-item', { hasText: 'QuickJS' }).count()) === 1, 'more than one QuickJS status bar item');
      await status.locator('.codicon-pass').waitFor({ timeout: 10_000 });
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
      // Having chosen QuickJS once, the user is asked whether F5 should always do so; this person says not now.
      const offer = page.locator('.notifications-toasts .notification-toast', { hasText: 'Always debug JavaScript and TypeScript in QuickJS Sandbox' });
      await offer.waitFor({ timeout: 15_000 });
      await offer.getByRole('button', { name: 'Not now' }).click();
      // The one QuickJS status item follows the session in focus: paused, with its heap against the limit.
      const status = page.locator('.statusbar-item', { hasText: /QuickJS: .* · [\d.]+ MB \/ 64\.0 MB \(paused\)/ });
      await status.first().waitFor({ timeout: 15_000 });
      assert((await page.locator('.statusbar-item', { hasText: 'QuickJS' }).count()) === 1, 'more than one QuickJS status bar item');
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
      await variables.locator('.monaco-list-row', { hasText: /items\W+\[ 1, 2, 3, 4 \]/ }).first().waitFor({ timeout: 5_000 });
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
      await paused.waitFor({ state: 'hidden', timeout: 15_000 });
    },
  },
  {
    name: 'a run that hits its timeout says so in the editor\'s words, and "Open Setting" opens that setting',
    async run(page, shot) {
      // The default timeout (10 s) ends the endless loop: no settings file, whose watcher could be late.
      await openFile(page, 'loop.js');
      await runPaletteCommand(page, 'QuickJS: Run File in Sandbox');
      const toast = page.locator('.notifications-toasts .notification-toast', { hasText: 'timeout of 10 s reached' });
      await toast.waitFor({ timeout: 60_000 });
      const text = await toast.innerText();
      assert(/quickjs\.timeoutSeconds/.test(text) && !/--timeout/.test(text), `the notification names a flag or no setting: ${text}`);
      await toast.getByRole('button', { name: 'Run Without Timeout' }).waitFor({ timeout: 5_000 });
      await shot('ui-limit-notification.png');
      await toast.getByRole('button', { name: 'Open Setting' }).click();
      // The Settings editor opens searched to the one setting, as if the person had typed its name.
      const editor = page.locator('.settings-editor');
      await editor.waitFor({ timeout: 20_000 });
      await editor.locator('.setting-item-contents', { hasText: 'Timeout Seconds' }).first().waitFor({ timeout: 20_000 });
      await shot('ui-limit-open-setting.png');
      await page.keyboard.press('Control+W');
    },
  },
  {
    name: 'a refused read offers "Grant Read Access to data/", which grants the folder and runs the script again',
    async run(page, shot, { workspace }) {
      try {
        await openFile(page, 'read-data.js');
        await runPaletteCommand(page, 'QuickJS: Run File in Sandbox');
        const toast = page.locator('.notifications-toasts .notification-toast', { hasText: 'was refused' });
        await toast.waitFor({ timeout: 60_000 });
        const grant = toast.getByRole('button', { name: 'Grant Read Access to data/' });
        await grant.waitFor({ timeout: 5_000 });
        await shot('ui-grant-offer.png');
        await grant.click();
        await page.locator('.part.panel').getByText('read: hello from data').first().waitFor({ timeout: 60_000 });
        const settings = JSON.parse(readFileSync(join(workspace, '.vscode', 'settings.json'), 'utf8'));
        assert(JSON.stringify(settings['quickjs.permissions.readFolders']) === '["data"]', `settings written: ${JSON.stringify(settings)}`);
        await shot('ui-grant-rerun.png');
      } finally {
        rmSync(join(workspace, '.vscode'), { recursive: true, force: true });
      }
    },
  },
  {
    name: 'with quickjs.debugOnF5 on, F5 debugs the file in QuickJS without asking which debugger',
    needsDebug: true,
    async run(page, shot, { workspace }) {
      const settings = join(workspace, '.vscode', 'settings.json');
      mkdirSync(join(workspace, '.vscode'), { recursive: true });
      writeFileSync(settings, JSON.stringify({ 'quickjs.debugOnF5': true }));
      try {
        await openFile(page, 'debug.js');
        const picker = page.locator('.quick-input-widget [role="option"]', { hasText: 'QuickJS Sandbox' }).first();
        const paused = page.locator('.debug-toolbar');
        // The workbench reads the settings file when its watcher sees it: until then F5 still asks, so a person would
        // dismiss the question and press F5 again. What is checked is that F5 ends up debugging with no question.
        let asked = 0;
        for (let attempt = 0; attempt < 5; attempt++) {
          await page.locator('.monaco-editor .view-lines').first().click();
          await page.keyboard.press('F5');
          const seen = await Promise.race([picker.waitFor({ timeout: 10_000 }).then(() => 'picker'), paused.waitFor({ timeout: 10_000 }).then(() => 'paused')]).catch(() => 'nothing');
          if (seen === 'paused') break;
          if (seen === 'picker') asked++;
          await page.keyboard.press('Escape');
          await sleep(2000);
        }
        await paused.waitFor({ timeout: 20_000 });
        assert(!(await picker.isVisible().catch(() => false)), 'the debugger picker is open');
        const pane = (title) => page.locator('.pane', { has: page.locator('.pane-header', { hasText: title }) });
        await pane('Call Stack').getByText('Paused on breakpoint').first().waitFor({ timeout: 30_000 });
        await pane('Call Stack').locator('.monaco-list-row', { hasText: 'sum' }).first().waitFor({ timeout: 10_000 });
        await shot('ui-debug-f5-no-picker.png');
        console.log(`[quickjs-e2e] F5 without a picker (the picker appeared ${asked} time(s) before the setting was read)`);
        // Continue: the program runs to its end with its breakpoints set, and nothing may pop up an error then (VS Code
        // asked for breakpointLocations after the end and showed the adapter's refusal as an error notification).
        const errors = page.locator('.notifications-toasts .notification-toast', { has: page.locator('.codicon-error') });
        const before = await errors.count();
        await page.keyboard.press('F5');
        await paused.waitFor({ state: 'hidden', timeout: 15_000 });
        await page.locator('.part.panel').getByText('sum is 10').first().waitFor({ timeout: 15_000 }).catch(() => {});
        await sleep(3000);
        const texts = await errors.allInnerTexts();
        assert(texts.length === before, `an error notification appeared after the program ended: ${texts.join(' | ')}`);
      } finally {
        rmSync(join(workspace, '.vscode'), { recursive: true, force: true });
      }
    },
  },
];

function assert(condition, message) {
  if (!condition) throw new Error(message);
}

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
        await s.run(page, shot, { workspace });
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
