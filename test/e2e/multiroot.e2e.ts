// A multi-root workspace whose two folders are two clusters: `lab` has bridge br-lab and maps /opt/cloud to its
// images/ folder; `prod` has bridge br-prod and no mapping (so /opt/cloud, absent here, is one note). The same template text is judged by each folder's
// own settings, as vscode-eslint reads its settings per folder.
import assert from 'node:assert/strict';
import { run, test } from './harness.js';

const unknownBridge = (rows: string[]): boolean =>
  rows.some((r) => r.includes('"br-lab" is not on the LCs (known: br-prod)'));

test("each folder's bridges and path mappings apply to its own templates", async ({ ui }) => {
  await ui.openFile('vm-prod.xml');
  await ui.openFile('vm-lab.xml');
  // The panel lists a header row per file, then that file's problems.
  const rows = await ui.problems(
    (r) => unknownBridge(r) && r.some((x) => x.includes('/opt/cloud is not on this machine')),
  );
  assert.ok(unknownBridge(rows), `prod does not have br-lab:\n${rows.join('\n')}`);
  assert.ok(
    rows.some((r) => r.includes('/opt/cloud is not on this machine')),
    'prod maps nothing: /opt/cloud is a note, not missing files',
  );
  assert.deepEqual(
    rows.filter((r) => r.includes('vm-lab.xml') || r.includes('lab-disk.img')),
    [],
    'lab has br-lab, and maps /opt/cloud to its images/, where lab-disk.img is',
  );
  await ui.screenshot('multiroot-problems');
});

test('completes the bridges of the folder the template is in', async ({ page, ui }) => {
  const tab = page.locator('.tabs-container .tab', { hasText: 'vm-prod.xml' }).first();
  if (await tab.count()) await tab.click();
  else await ui.openFile('vm-prod.xml');
  // Line 13 is `      <source bridge='br-lab'/>`: Home goes to its `<`, 16 characters before the b of br-lab.
  await page.locator('.monaco-editor .view-line', { hasText: "bridge='br-lab'" }).first().click();
  await page.keyboard.press('Home');
  for (let i = 0; i < 17; i++) await page.keyboard.press('ArrowRight');
  await page.locator('[id="status.editor.selection"]', { hasText: 'Ln 13, Col 24' }).waitFor();
  await page.keyboard.press('Control+Space'); // not the palette: its focus click would move the cursor
  const suggest = page.locator('.suggest-widget');
  await suggest.locator('.monaco-list-row', { hasText: 'br-prod' }).first().waitFor();
  assert.equal(await suggest.locator('.monaco-list-row', { hasText: 'br-lab' }).count(), 0);
  await page.keyboard.press('Escape');
});

await run({ workspace: 'test/fixtures/multiroot', workspaceFile: 'cluster.code-workspace' });
