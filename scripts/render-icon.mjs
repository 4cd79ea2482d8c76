// Renders media/icons/icon.svg to the 128x128 PNG the marketplace requires (it rejects SVG icons).
// Uses the same Debian Chromium as the e2e tests: `node scripts/render-icon.mjs`.
import { chromium } from 'playwright-core';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const dir = fileURLToPath(new URL('../media/icons/', import.meta.url));
const svg = readFileSync(dir + 'icon.svg', 'utf8');
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: ['--no-sandbox', '--disable-gpu'] });
try {
  const page = await browser.newPage({ viewport: { width: 128, height: 128 } });
  await page.setContent(`<html><body style="margin:0;background:transparent">${svg}</body></html>`);
  await page.locator('svg').screenshot({ path: dir + 'icon.png', omitBackground: true });
} finally {
  await browser.close();
}
