#!/usr/bin/env node
// Renders scripts/icon.svg to the 128x128 extension icon media/icon.png with Debian's Chromium (playwright-core),
// transparent outside the rounded square. Run it after changing the SVG: node scripts/make-icon.mjs
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const { chromium } = require('playwright-core');
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const svg = fs.readFileSync(path.join(root, 'scripts/icon.svg'), 'utf8');
const home = fs.mkdtempSync(path.join(os.tmpdir(), 'snooze-icon-'));
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-dev-shm-usage'],
  env: { ...process.env, HOME: home, TMPDIR: home },
});
try {
  const page = await browser.newPage({ viewport: { width: 128, height: 128 }, deviceScaleFactor: 1 });
  await page.setContent(`<html><body style="margin:0;background:transparent">${svg}</body></html>`);
  await page.locator('svg').screenshot({ path: path.join(root, 'media/icon.png'), omitBackground: true });
} finally {
  await browser.close();
  fs.rmSync(home, { recursive: true, force: true });
}
console.log('wrote media/icon.png');
