// What a person does in the workbench, shared by every UI test: open a file with Quick Open, run a palette command,
// go to a line. Each gesture is retried the way a person would retry it when the workbench was not ready yet.

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Opens a workspace file with Quick Open (Ctrl+P), as a person would, and waits for its tab. */
export async function openFile(page, name) {
  for (let attempt = 0; attempt < 3; attempt++) {
    await page.keyboard.press('Control+P');
    const input = page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible', timeout: 10_000 });
    await input.fill(name);
    const row = page.locator('.quick-input-widget .monaco-list-row', { hasText: name }).first();
    try {
      await row.waitFor({ state: 'visible', timeout: 10_000 });
      // The row with the file's name, not whichever row happens to be highlighted.
      await row.click();
      // The file's tab must be the active one: a tab left open by an earlier scenario does not mean it is in front.
      await page.locator(`.tabs-container .tab.active[data-resource-name="${name}"]`).waitFor({ timeout: 10_000 });
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
export async function runPaletteCommand(page, title) {
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
export async function goToLine(page, line) {
  await page.keyboard.press('Control+G');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: 10_000 });
  await input.fill(`:${line}`);
  await page.keyboard.press('Enter');
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: 5_000 }).catch(() => {});
}
