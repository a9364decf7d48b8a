// The VM model in the editor: a template linked to its context folder, the ISO built where the template looks,
// the tree showing the link, LC folders that are not here, and suppression comments.
import * as assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import * as vscode from 'vscode';
import {
  activate,
  applyFix,
  inWorkspace,
  mode,
  quickFixes,
  snapshot,
  snoozeDiagnostics,
  waitFor,
  waitForRule,
  withSetting,
  writeWorkspaceFile,
} from './support/host.js';

const corpus = path.resolve(process.env.SNOOZE_TEST_FIXTURES ?? '.', '../../../shared/corpus');

describe('the VM model in the editor', () => {
  before(async () => {
    await activate();
  });

  describe('a real template whose LC folder is not on this machine', () => {
    const source = path.join(corpus, 'snooze', 'doc-static-debian1.xml');

    it('shows no missing-file error, one information finding, and its two quick fixes; mapping the folder makes the real checks run', async function () {
      if (!fs.existsSync(source)) {
        console.log(`    (skipped: the corpus ${corpus} does not exist)`);
        this.skip();
      }
      const uri = writeWorkspaceFile('corpus/debian1.xml', fs.readFileSync(source, 'utf8'));
      const [note] = await waitForRule(uri, 'unmapped-lc-folder');
      assert.equal(note!.severity, vscode.DiagnosticSeverity.Information);
      assert.match(note!.message, /^\/opt\/cloud is not on this machine/);
      for (const rule of ['missing-iso', 'missing-disk-image', 'missing-backing-file'])
        assert.deepEqual(snoozeDiagnostics(uri, rule), [], rule);
      const actions = await quickFixes(uri, note!);
      const map = actions.find((a) => a.title === 'Map /opt/cloud to a folder…');
      assert.ok(map, actions.map((a) => a.title).join(' | '));
      assert.equal(map.command?.command, 'snooze.mapLcFolder');
      const check = actions.find((a) => a.title === 'Check on the local controllers…');
      assert.ok(check, actions.map((a) => a.title).join(' | '));
      assert.equal(check.command?.command, 'snooze.checkLocalControllers');
      if (mode === 'untrusted') return; // writing settings is the same, but keep the untrusted run read-only
      // The folder dialog's answer, given as the argument a test can pass.
      const images = inWorkspace('corpus-images');
      fs.mkdirSync(images, { recursive: true });
      const before = vscode.workspace.getConfiguration('snooze').inspect('pathMappings')?.workspaceValue;
      try {
        await vscode.commands.executeCommand(map.command!.command, {
          ...(map.command!.arguments![0] as object),
          folder: images,
        });
        assert.deepEqual(vscode.workspace.getConfiguration('snooze').get('pathMappings'), {
          '/opt/cloud': './corpus-images',
        });
        await waitForRule(uri, 'unmapped-lc-folder', false);
        await waitForRule(uri, 'missing-disk-image');
      } finally {
        await vscode.workspace
          .getConfiguration('snooze')
          .update('pathMappings', before, vscode.ConfigurationTarget.Workspace);
      }
    });
  });

  (mode === 'trusted' ? describe : describe.skip)('a template and its context folder', () => {
    const vm = (): string => inWorkspace('model', 'templates', 'vm5.xml');
    const context = (): string => inWorkspace('model', 'context', 'vm5');

    it('is linked by name; missing-iso builds the ISO where the template looks; the tree shows the link', async function () {
      this.timeout(60000);
      await withSetting('pathMappings', { '/opt/cloud': './model/lc' }, async () => {
        await vscode.commands.executeCommand('snooze.newContextFolder', { dir: 'model/context/vm5' });
        const created = await vscode.commands.executeCommand<{ file: string; isoPath: string }>('snooze.newTemplate', {
          contextFolder: 'model/context/vm5',
          dir: 'model/templates',
          name: 'vm5',
          open: false,
        });
        assert.equal(created?.file, vm());
        assert.equal(created?.isoPath, '/opt/cloud/vm5.iso');
        const uri = vscode.Uri.file(vm());
        await waitForRule(uri, 'missing-iso');
        await applyFix(uri, 'missing-iso', /Build the context ISO of vm5 here/);
        await waitFor('model/lc/vm5.iso', () => fs.existsSync(inWorkspace('model', 'lc', 'vm5.iso')));
        await waitForRule(uri, 'missing-iso', false);
        const shown = await waitFor('the link in the tree', async () => {
          const s = await snapshot();
          const template = s.templates.find((t) => t.path === vm());
          const ctx = s.contexts.find((c) => c.path === context());
          return template?.context?.iso === 'up-to-date' && ctx?.templates.includes(vm()) && { template, ctx };
        });
        assert.equal(shown.template!.context!.path, context());
        assert.equal(shown.ctx!.isoPath, inWorkspace('model', 'lc', 'vm5.iso'));
      });
    });

    it('says the ISO is stale after the context folder changed, and rebuilds it from the quick fix', async function () {
      // The context folder was made with its parent (model/context/vm5 at once): VS Code's watcher does not see
      // changes in it; the extension's own watcher of each context folder does (contextDiagnostics.ts).
      this.timeout(60000);
      await withSetting('pathMappings', { '/opt/cloud': './model/lc' }, async () => {
        const uri = vscode.Uri.file(vm());
        const postInstall = path.join(context(), 'post-install');
        // post-install changes just after the build (and the rebuild, later, is newer than it).
        const built = fs.statSync(inWorkspace('model', 'lc', 'vm5.iso')).mtimeMs;
        fs.appendFileSync(postInstall, '# changed\n');
        fs.utimesSync(postInstall, new Date(built + 1), new Date(built + 1));
        const [stale] = await waitForRule(uri, 'iso-stale');
        assert.match(stale!.message, /vm5\.iso is older than post-install/);
        await applyFix(uri, 'iso-stale', /Rebuild the context ISO of vm5/);
        await waitForRule(uri, 'iso-stale', false);
      });
    });
  });

  it('suppresses a finding with a comment on the line before it', async () => {
    const text =
      "<domain type='kvm'>\n  <name>suppressed</name>\n  <clock sync='localtime'/>\n  <devices>\n    <interface type='bridge'><mac address='52:54:00:66:00:01'/><source bridge='virbr0'/></interface>\n  </devices>\n</domain>\n";
    const uri = writeWorkspaceFile('suppress/vm.xml', text);
    const fixed = await applyFix(uri, 'legacy-clock-sync', /Suppress legacy-clock-sync on this line/);
    assert.equal(
      fixed,
      text.replace(
        "  <clock sync='localtime'/>",
        "  <!-- snooze-disable-next-line legacy-clock-sync -->\n  <clock sync='localtime'/>",
      ),
    );
    await waitForRule(uri, 'legacy-clock-sync', false);
  });
});
