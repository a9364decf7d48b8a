// Live diagnostics in a real extension host: on open, after edits, across files, and as settings change.
import * as assert from 'node:assert/strict';
import fs from 'node:fs';
import * as vscode from 'vscode';
import { domainXml, nic } from '../helpers/templates.js';
import {
  activate,
  codeOf,
  readLog,
  snoozeDiagnostics,
  withSetting,
  untrusted,
  waitFor,
  waitForRule,
  workspacePath,
  writeWorkspaceFile,
} from './support/host.js';

describe('diagnostics while editing', () => {
  before(async () => {
    await activate();
  });

  it('shows the fixture db1.xml problems on open, with source snooze and the rule id as code', async () => {
    const uri = vscode.Uri.file(workspacePath('templates/db1.xml'));
    await vscode.window.showTextDocument(uri);
    const [cdrom] = await waitForRule(uri, 'cdrom-on-virtio');
    assert.equal(cdrom!.range.start.line, 16);
    assert.equal(cdrom!.severity, vscode.DiagnosticSeverity.Error);
    const [clock] = await waitForRule(uri, 'legacy-clock-sync');
    assert.equal(clock!.severity, vscode.DiagnosticSeverity.Warning);
    const [bridge] = await waitForRule(uri, 'unknown-bridge');
    assert.match(bridge!.message, /br-storage/);
    assert.ok(typeof cdrom!.code === 'object' && String(cdrom!.code.target).endsWith('README.md#rule-cdrom-on-virtio'));
    assert.deepEqual(
      snoozeDiagnostics(vscode.Uri.file(workspacePath('templates/web1.xml')))
        .map(codeOf)
        .filter((c) => c !== 'unmapped-lc-folder' && c !== 'missing-emulator'),
      [],
    );
  });

  it('updates after an edit, without saving', async () => {
    const uri = writeWorkspaceFile('edit/vm.xml', domainXml({ name: 'edit1', devices: nic('52:54:00:10:00:01') }));
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc);
    await waitForRule(uri, 'legacy-clock-sync', false);
    const edit = new vscode.WorkspaceEdit();
    const at = doc.getText().indexOf("offset='utc'");
    edit.replace(uri, new vscode.Range(doc.positionAt(at), doc.positionAt(at + 6)), 'sync');
    assert.ok(await vscode.workspace.applyEdit(edit));
    assert.ok(doc.isDirty, 'not saved');
    await waitForRule(uri, 'legacy-clock-sync');
    const broken = new vscode.WorkspaceEdit();
    broken.insert(uri, doc.positionAt(doc.getText().indexOf('</devices>')), '<disk>');
    await vscode.workspace.applyEdit(broken);
    const [syntax] = await waitForRule(uri, 'xml-syntax');
    assert.match(syntax!.message, /not well-formed/);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('shows a duplicate MAC in both files (closed ones too), with related information, until the other file is deleted', async () => {
    const a = writeWorkspaceFile('dup/a.xml', domainXml({ name: 'dup-a', devices: nic('52:54:c0:a8:7a:63') }));
    const b = writeWorkspaceFile('dup/b.xml', domainXml({ name: 'dup-b', devices: nic('52:54:C0:A8:7A:63') }));
    const [onA] = await waitForRule(a, 'duplicate-mac');
    const [onB] = await waitForRule(b, 'duplicate-mac');
    assert.equal(onA!.relatedInformation![0]!.location.uri.fsPath, b.fsPath);
    assert.equal(onB!.relatedInformation![0]!.location.uri.fsPath, a.fsPath);
    fs.rmSync(b.fsPath);
    await waitForRule(a, 'duplicate-mac', false);
    assert.equal(snoozeDiagnostics(b).length, 0, 'a deleted file keeps no diagnostics');
  });

  it('reads a closed file as libvirt does: Latin-1 bytes without a declaration are an xml-syntax error there', async () => {
    const latin1 = Buffer.from(domainXml({ name: 'caf\u00e9' }), 'latin1');
    const uri = writeWorkspaceFile('encodings/latin1.xml', latin1);
    const [diagnostic] = await waitForRule(uri, 'xml-syntax');
    assert.match(diagnostic!.message, /the bytes 0xE9 .* are not UTF-8/);
    writeWorkspaceFile(
      'encodings/latin1.xml',
      Buffer.concat([Buffer.from('<?xml version="1.0" encoding="ISO-8859-1"?>\n'), latin1]),
    );
    await waitForRule(uri, 'xml-syntax', false);
  });

  it('follows a rename: the duplicate moves with the file', async () => {
    const a = writeWorkspaceFile('ren/a.xml', domainXml({ name: 'ren-same', devices: nic('52:54:00:20:00:01') }));
    const b = writeWorkspaceFile('ren/b.xml', domainXml({ name: 'ren-same', devices: nic('52:54:00:20:00:02') }));
    await waitForRule(a, 'duplicate-name');
    const renamed = vscode.Uri.file(workspacePath('ren/c.xml'));
    const edit = new vscode.WorkspaceEdit();
    edit.renameFile(b, renamed);
    assert.ok(await vscode.workspace.applyEdit(edit));
    const [onA] = await waitFor('duplicate-name pointing at c.xml', () => {
      const found = snoozeDiagnostics(a, 'duplicate-name');
      return found.length > 0 && found[0]!.relatedInformation?.[0]?.location.uri.fsPath === renamed.fsPath
        ? found
        : undefined;
    });
    assert.ok(onA);
    assert.equal(snoozeDiagnostics(b).length, 0);
  });

  it('takes a settings change at once: a bridge added to snooze.bridges is no longer unknown', async () => {
    const uri = writeWorkspaceFile(
      'bridges/vm.xml',
      domainXml({ name: 'br1', devices: nic('52:54:00:30:00:01', 'br-lab') }),
    );
    await waitForRule(uri, 'unknown-bridge');
    await withSetting('bridges', ['virbr0', 'br-lab'], async () => {
      await waitForRule(uri, 'unknown-bridge', false);
      await withSetting('rules', { 'missing-emulator': 'off', 'legacy-clock-sync': 'error' }, async () => {
        const doc = writeWorkspaceFile(
          'bridges/clock.xml',
          domainXml({ name: 'br2', clock: "<clock sync='utc'/>", devices: nic('52:54:00:30:00:02') }),
        );
        const [clock] = await waitForRule(doc, 'legacy-clock-sync');
        assert.equal(clock!.severity, vscode.DiagnosticSeverity.Error);
      });
    });
    await waitForRule(uri, 'unknown-bridge');
  });

  it('with lint.run onSave, lints typing only when saved', async () => {
    await withSetting('lint.run', 'onSave', async () => {
      const uri = writeWorkspaceFile(
        'onsave/vm.xml',
        domainXml({ name: 'onsave1', devices: nic('52:54:00:40:00:01') }),
      );
      const doc = await vscode.workspace.openTextDocument(uri);
      await vscode.window.showTextDocument(doc);
      await waitFor('the file is indexed', () => snoozeDiagnostics(uri, 'legacy-clock-sync').length === 0);
      const edit = new vscode.WorkspaceEdit();
      const at = doc.getText().indexOf("offset='utc'");
      edit.replace(uri, new vscode.Range(doc.positionAt(at), doc.positionAt(at + 6)), 'sync');
      await vscode.workspace.applyEdit(edit);
      await (await activate()).whenIdle();
      assert.equal(snoozeDiagnostics(uri, 'legacy-clock-sync').length, 0, 'not linted while typing');
      await doc.save();
      await waitForRule(uri, 'legacy-clock-sync');
    });
  });

  it('does not lint a 5 MB template while typing, and says so', async function () {
    this.timeout(60000);
    const filler = `<!-- ${'x'.repeat(1000)} -->\n`.repeat(5 * 1024);
    const uri = writeWorkspaceFile(
      'large/big.xml',
      domainXml({ name: 'big1', devices: nic('52:54:00:50:00:01') + filler }),
    );
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc);
    await waitFor(
      'the large file linted on open',
      () => snoozeDiagnostics(uri).length > 0 || (doc.getText().length > 5e6 && snoozeDiagnostics(uri).length === 0),
    );
    const edit = new vscode.WorkspaceEdit();
    edit.insert(uri, new vscode.Position(1, 0), ' ');
    await vscode.workspace.applyEdit(edit);
    const [notice] = await waitForRule(uri, 'too-large-to-lint-live');
    assert.equal(notice!.severity, vscode.DiagnosticSeverity.Information);
    assert.match(notice!.message, /too large to lint while typing/);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('hovers a MAC with its normalised form and IP, and an image path with where it was looked for', async () => {
    const uri = writeWorkspaceFile(
      'hover/vm.xml',
      domainXml({
        name: 'hover1',
        devices:
          nic('52:54:C0:A8:7A:7') +
          "<disk type='file' device='disk'><source file='/tmp/snooze-test-nowhere.qcow2'/><target dev='vda' bus='virtio'/></disk>",
      }),
    );
    const doc = await vscode.workspace.openTextDocument(uri);
    await waitForRule(uri, 'missing-disk-image');
    const hoverAt = async (needle: string): Promise<string> => {
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>(
        'vscode.executeHoverProvider',
        uri,
        doc.positionAt(doc.getText().indexOf(needle) + 2),
      );
      return hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
    };
    const mac = await hoverAt('52:54:C0');
    assert.match(mac, /52:54:c0:a8:7a:07/);
    assert.match(mac, /192\.168\.122\.7/);
    assert.match(await hoverAt('/tmp/snooze-test-nowhere'), /does not exist/);
  });

  it('completes bridge names from snooze.bridges inside <source bridge=…>', async () => {
    const uri = writeWorkspaceFile(
      'complete/vm.xml',
      domainXml({ name: 'complete1', devices: "    <interface type='bridge'><source bridge='v'/></interface>" }),
    );
    const doc = await vscode.workspace.openTextDocument(uri);
    const position = doc.positionAt(doc.getText().indexOf("bridge='v") + "bridge='v".length);
    const list = await vscode.commands.executeCommand<vscode.CompletionList>(
      'vscode.executeCompletionItemProvider',
      uri,
      position,
    );
    const labels = list.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
    assert.ok(labels.includes('virbr0') && labels.includes('br-public'), labels.join(','));
  });

  it(`lints in ${untrusted ? 'Restricted Mode too' : 'a trusted workspace'}`, async () => {
    const uri = writeWorkspaceFile('trust/vm.xml', domainXml({ name: 'trust1', devices: nic('01:00:5e:00:00:01') }));
    await waitForRule(uri, 'invalid-mac');
    assert.equal(vscode.workspace.isTrusted, !untrusted);
  });

  it('Lint Workspace Templates says what it found (and the command returns it)', async () => {
    const summary = await vscode.commands.executeCommand<{
      templates: number;
      contextFolders: number;
      errors: number;
      warnings: number;
    }>('snooze.lintWorkspace');
    assert.ok(summary && summary.templates >= 2, JSON.stringify(summary));
    const said = `Snooze linted ${summary.templates} templates and ${summary.contextFolders} context folder${summary.contextFolders === 1 ? '' : 's'}: ${summary.errors} error`;
    await waitFor('the summary in the log', () => readLog().includes(said));
  });
});
