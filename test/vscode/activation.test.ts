// The extension under development is loaded by the real extension host, activates, and owns its log channel.
import * as assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import * as vscode from 'vscode';

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
    const deadline = Date.now() + 10000;
    let found: string | undefined;
    let text = '';
    while (Date.now() < deadline) {
      found = findFile(logsDir, p => p.endsWith(path.join(EXTENSION_ID, 'Snooze.log')));
      text = found ? fs.readFileSync(found, 'utf8') : '';
      if (/activated/.test(text)) break;
      await new Promise(r => setTimeout(r, 200));
    }
    assert.ok(found, `a log file ${EXTENSION_ID}/Snooze.log exists under ${logsDir}`);
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

  it(mode === 'untrusted'
    ? 'ignores the workspace tool paths in restricted mode'
    : 'honours the workspace tool paths when trusted', () => {
    const cfg = vscode.workspace.getConfiguration('snooze');
    // the fixture's .vscode/settings.json sets both; in restricted mode VS Code drops restricted workspace values
    assert.equal(cfg.inspect('genisoimagePath')?.workspaceValue, mode === 'untrusted' ? undefined : '/usr/bin/genisoimage');
    const expected = mode === 'untrusted' ? ['', ''] : ['/usr/bin/genisoimage', '/usr/bin/qemu-img'];
    assert.deepEqual([cfg.get('genisoimagePath'), cfg.get('qemuImgPath')], expected);
  });

  it('offers the Snooze domain snippet in XML files', async () => {
    const doc = await vscode.workspace.openTextDocument({ language: 'xml', content: '' });
    const editor = await vscode.window.showTextDocument(doc);
    await vscode.commands.executeCommand('editor.action.insertSnippet', { langId: 'xml', name: 'Snooze domain template' });
    const text = editor.document.getText();
    assert.match(text, /<domain type='kvm'>/);
    assert.match(text, /<target dev='sda' bus='sata'\/>\s*<readonly\/>/, 'context CD on sata, readonly');
    assert.match(text, /<clock offset='utc'\/>/);
    assert.doesNotMatch(text, /device='cdrom'>[\s\S]*?bus='virtio'[\s\S]*?<\/disk>\s*<interface/, 'no virtio cdrom');
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });
});

function findFile(dir: string, pred: (p: string) => boolean): string | undefined {
  if (!fs.existsSync(dir)) return undefined;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    const hit = e.isDirectory() ? findFile(p, pred) : pred(p) ? p : undefined;
    if (hit) return hit;
  }
  return undefined;
}
