// The extension under development is loaded by the real extension host, activates, and owns its log channel.
import * as assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import * as vscode from 'vscode';
import { readLog, waitFor } from './support/host.js';

const EXTENSION_ID = 'snooze.snooze-templates';
const mode = process.env.SNOOZE_TEST_MODE ?? 'trusted';

describe('activation', () => {
  it('runs in a Node extension host on the fixture workspace', () => {
    const folders = vscode.workspace.workspaceFolders ?? [];
    assert.equal(folders.length, 1, 'one workspace folder is open');
    assert.equal(folders[0]?.uri.fsPath, process.env.SNOOZE_TEST_WORKSPACE, 'it is the temp copy the harness made');
    assert.match(process.version, /^v\d+\./);
  });

  it(`sees the workspace as ${mode === 'untrusted' ? 'untrusted (restricted mode)' : 'trusted'}`, () => {
    assert.equal(vscode.workspace.isTrusted, mode !== 'untrusted');
  });

  it(`finds ${EXTENSION_ID} and activates it`, async () => {
    const ext = vscode.extensions.getExtension<{ version: string }>(EXTENSION_ID);
    assert.ok(ext, `${EXTENSION_ID} is loaded as the extension under development`);
    assert.equal(ext.extensionKind, vscode.ExtensionKind.Workspace);
    const api = await ext.activate();
    assert.ok(ext.isActive);
    assert.equal(typeof api?.version, 'string');
    assert.equal(api.version, ext.packageJSON.version);
  });

  it("owns a log output channel named 'Snooze' that logged its activation", async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    await ext?.activate();
    // The API cannot list output channels; a LogOutputChannel is backed by <logs>/<extension id>/<name>.log
    // (the folder of context.logUri) on the extension host's side, under the server's logs folder.
    const logsDir = process.env.SNOOZE_TEST_LOGS_DIR;
    assert.ok(logsDir, 'the harness passes SNOOZE_TEST_LOGS_DIR');
    const text = await waitFor(
      `${EXTENSION_ID}/Snooze.log under ${logsDir} with the activation`,
      () => /\[info\] activated/.test(readLog()) && readLog(),
    );
    assert.match(text, /\[info\] activated/);
  });
});

describe('manifest contributions', () => {
  const folder = () => vscode.workspace.workspaceFolders![0]!.uri;

  it('maps context files to their languages', async () => {
    const cases: [string, string][] = [
      ['context/web1/common/network', 'snooze-network'],
      ['context/web1/common/routes', 'snooze-routes'],
      ['context/web1/post-install', 'shellscript'],
      ['templates/web1.xml', 'xml'],
    ];
    for (const [rel, languageId] of cases) {
      const doc = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(folder(), rel));
      assert.equal(doc.languageId, languageId, rel);
    }
  });

  it('declares the settings with their defaults', () => {
    const cfg = vscode.workspace.getConfiguration('snooze');
    assert.deepEqual(cfg.inspect('bridges')?.defaultValue, ['virbr0']);
    assert.deepEqual(cfg.inspect('pathMappings')?.defaultValue, {});
    assert.deepEqual(cfg.inspect('rules')?.defaultValue, {});
    assert.equal(cfg.inspect('lint.run')?.defaultValue, 'onType');
    assert.equal(cfg.inspect('genisoimagePath')?.defaultValue, '');
    assert.equal(cfg.inspect('qemuImgPath')?.defaultValue, '');
    assert.deepEqual(cfg.get('bridges'), ['virbr0', 'br-public'], 'the fixture workspace setting applies');
  });

  it(
    mode === 'untrusted'
      ? 'ignores the workspace tool paths in restricted mode'
      : 'honours the workspace tool paths when trusted',
    () => {
      const cfg = vscode.workspace.getConfiguration('snooze');
      // the fixture's .vscode/settings.json sets both; in restricted mode VS Code drops restricted workspace values
      assert.equal(
        cfg.inspect('genisoimagePath')?.workspaceValue,
        mode === 'untrusted' ? undefined : '/usr/bin/genisoimage',
      );
      const expected = mode === 'untrusted' ? ['', ''] : ['/usr/bin/genisoimage', '/usr/bin/qemu-img'];
      assert.deepEqual([cfg.get('genisoimagePath'), cfg.get('qemuImgPath')], expected);
    },
  );

  it('offers the whole-template snippet in an empty XML file, and it inserts a template libvirt accepts', async () => {
    const doc = await vscode.workspace.openTextDocument({ language: 'xml', content: '' });
    const editor = await vscode.window.showTextDocument(doc);
    const item = (await snippetItems(doc.uri, new vscode.Position(0, 0))).find((i) => labelOf(i) === 'snooze-domain');
    assert.ok(item, 'snooze-domain is offered');
    await editor.insertSnippet(item.insertText as vscode.SnippetString);
    const text = editor.document.getText();
    assert.match(text, /<domain type='kvm'>/);
    assert.match(text, /<target dev='sda' bus='sata'\/>\s*<readonly\/>/, 'context CD on sata, readonly');
    assert.match(text, /<clock offset='utc'\/>/);
    assert.doesNotMatch(text, /device='cdrom'>[\s\S]*?bus='virtio'[\s\S]*?<\/disk>\s*<interface/, 'no virtio cdrom');
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('offers the device snippets inside a template, and no Snooze snippet in other XML files', async () => {
    const folder = process.env.SNOOZE_TEST_WORKSPACE!;
    const pom = path.join(folder, 'snippets-check', 'pom.xml');
    const template = path.join(folder, 'snippets-check', 'vm.xml');
    fs.mkdirSync(path.dirname(pom), { recursive: true });
    fs.writeFileSync(pom, '<project>\n  \n</project>\n');
    fs.writeFileSync(template, "<domain type='kvm'>\n  <name>s</name>\n  <devices>\n    \n  </devices>\n</domain>\n");
    const inPom = await snippetItems(vscode.Uri.file(pom), new vscode.Position(1, 2));
    assert.deepEqual(inPom.filter((i) => labelOf(i).startsWith('snooze-')).map(labelOf), []);
    const inTemplate = (await snippetItems(vscode.Uri.file(template), new vscode.Position(3, 4))).map(labelOf);
    assert.ok(inTemplate.includes('snooze-disk') && inTemplate.includes('snooze-context-cd'), inTemplate.join(', '));
    assert.ok(!inTemplate.includes('snooze-domain'), 'no second <domain> inside a template');
  });
});

async function snippetItems(uri: vscode.Uri, position: vscode.Position): Promise<vscode.CompletionItem[]> {
  await vscode.workspace.openTextDocument(uri);
  const list = await vscode.commands.executeCommand<vscode.CompletionList>(
    'vscode.executeCompletionItemProvider',
    uri,
    position,
  );
  return list.items.filter((i) => i.kind === vscode.CompletionItemKind.Snippet);
}

function labelOf(item: vscode.CompletionItem): string {
  return typeof item.label === 'string' ? item.label : item.label.label;
}
