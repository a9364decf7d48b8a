// Modal confirmations as a user (and the demo of `npm start`) sees them: the workbench runs without VS Code's
// smoke-test driver, which refuses every modal dialog. Build Context ISO over an existing ISO asks first;
// Replace rebuilds it, Cancel leaves it byte-identical.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { run, test as anyVersion } from './harness.js';

// VS Code 1.139 does not load the extension under development without the test driver (see startServer in
// scripts/vscode-host.mjs): these tests run on 1.100 and say so on the newest.
const latest = process.env.SNOOZE_VSCODE_HOST === 'latest';
if (latest) console.log('    (skipped on VS Code latest: it runs with the test driver, which refuses modal dialogs)');
const test = latest ? anyVersion.skip : anyVersion;

const iso = (workspace: string): string => path.join(workspace, 'context', 'web1.iso');

async function buildIso(page: Page, ui: { runCommand(title: string): Promise<void> }): Promise<void> {
  await ui.runCommand('Snooze: Build Context ISO');
  await page.locator('.quick-input-widget .quick-input-title', { hasText: 'Build Context ISO' }).waitFor();
  await page.locator('.quick-input-widget input').fill('web1');
  await page.keyboard.press('Enter');
}

test('builds the ISO once without a question', async ({ page, ui, workspace }) => {
  // Once the extension has found the context folder (its view lists it), the command offers it.
  await page.locator('.activitybar [aria-label^="Snooze"]').first().click();
  await page.locator('.pane .monaco-list-row', { hasText: 'ISO missing' }).first().waitFor();
  await buildIso(page, ui);
  await ui.file('context/web1.iso', iso(workspace));
});

test('asks before replacing it; Replace rebuilds it', async ({ page, ui, workspace }) => {
  const before = fs.statSync(iso(workspace)).mtimeMs;
  await buildIso(page, ui);
  const dialog = page.locator('.monaco-dialog-box', { hasText: 'Replace web1.iso?' });
  await dialog.waitFor();
  await ui.screenshot('dialogs-replace');
  await dialog.locator('.monaco-button', { hasText: 'Replace' }).first().click();
  await ui.until('web1.iso rebuilt', () => fs.statSync(iso(workspace)).mtimeMs > before);
});

test('Cancel leaves it byte-identical', async ({ page, ui, workspace }) => {
  const before = fs.readFileSync(iso(workspace));
  await buildIso(page, ui);
  const dialog = page.locator('.monaco-dialog-box', { hasText: 'Replace web1.iso?' });
  await dialog.waitFor();
  await dialog.locator('.monaco-button', { hasText: 'Cancel' }).first().click();
  await dialog.waitFor({ state: 'detached' });
  assert.ok(fs.readFileSync(iso(workspace)).equals(before), 'web1.iso is unchanged');
});

await run({ testDriver: false });
