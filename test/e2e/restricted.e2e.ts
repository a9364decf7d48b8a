// Restricted Mode in the workbench: templates are still linted, and the Virtual Machines view says why its
// build buttons are disabled instead of leaving them greyed out without a word.
import { run, test } from './harness.js';

test('the Virtual Machines view explains its disabled buttons, with the way to trust the workspace', async ({
  page,
  ui,
}) => {
  await page.locator('.activitybar [aria-label^="Snooze"]').first().click();
  const view = page.locator('.pane', { has: page.locator('.pane-header', { hasText: 'Virtual Machines' }) }).first();
  await view.locator('.message', { hasText: 'Restricted Mode' }).first().waitFor();
  await view.locator('.monaco-list-row', { hasText: 'web1' }).first().waitFor();
  await ui.screenshot('restricted-vms');
});

test('still lints templates', async ({ ui }) => {
  await ui.openFile('templates/web1.xml');
  await ui.problems((rows) => rows.some((r) => /snooze/.test(r)));
});

await run({ trust: 'untrusted' });
