// UI smoke test: the workbench opens the fixture workspace with the extension loaded, a context file gets the
// Snooze language from the manifest, and the log channel can be shown in the Output panel.
import assert from 'node:assert/strict';
import { run, test } from './harness.js';

test('opens a template from Quick Open as XML', async ({ ui }) => {
  await ui.openFile('templates/web1.xml');
  assert.equal(await ui.statusBarLanguage(), 'XML');
});

test('gives common/network the Snooze Network Context language', async ({ ui, page }) => {
  await ui.openFile('context/web1/common/network');
  assert.equal(await ui.statusBarLanguage(), 'Snooze Network Context');
  // the grammar colours IPv4 values: a token with the IP address exists in its own span
  await page
    .locator('.monaco-editor .view-lines span', { hasText: /^10\.0\.0\.21$/ })
    .first()
    .waitFor();
});

test("shows the 'Snooze' log channel in the Output panel", async ({ ui, page }) => {
  await ui.runCommand('Output: Show Output Channels...');
  const row = page.locator('.quick-input-list .monaco-list-row', { hasText: /^Snooze/ }).first();
  await row.waitFor({ timeout: 20000 });
  await page.keyboard.press('Escape');
});

await run();
