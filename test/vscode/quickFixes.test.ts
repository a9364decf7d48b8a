// Each quick fix applied in a real extension host, checked on the resulting text (and that nothing else changed).
import * as assert from 'node:assert/strict';
import fs from 'node:fs';
import * as vscode from 'vscode';
import { domainXml, nic } from '../helpers/templates.js';
import {
  activate,
  applyFix,
  quickFixes,
  restoreSetting,
  snoozeDiagnostics,
  waitForRule,
  writeWorkspaceFile,
} from './support/host.js';

/** The text a fix should produce: the original with one substring replaced, so formatting is kept exactly. */
function withReplaced(original: string, from: string, to: string): string {
  assert.ok(original.includes(from), `fixture holds ${from}`);
  return original.replace(from, to);
}

describe('quick fixes', () => {
  before(async () => {
    await activate();
  });

  it('gives a duplicate UUID a new random one, and only it', async () => {
    const uuid = '0f476e56-67ea-11e1-858e-00216a972a36';
    writeWorkspaceFile('fix-uuid/a.xml', domainXml({ name: 'u-a', uuid, devices: nic('52:54:00:60:00:01') }));
    const original = domainXml({ name: 'u-b', uuid, devices: nic('52:54:00:60:00:02') });
    const b = writeWorkspaceFile('fix-uuid/b.xml', original);
    const fixed = await applyFix(b, 'duplicate-uuid', /new random UUID/);
    const fresh = /<uuid>([^<]+)<\/uuid>/.exec(fixed)![1]!;
    assert.match(fresh, /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    assert.notEqual(fresh, uuid);
    assert.equal(fixed, withReplaced(original, uuid, fresh));
    await waitForRule(b, 'duplicate-uuid', false);
  });

  it('fixes an invalid UUID the same way', async () => {
    const original = domainXml({ name: 'u-c', uuid: 'not-a-uuid', devices: nic('52:54:00:60:00:03') });
    const uri = writeWorkspaceFile('fix-uuid/c.xml', original);
    const fixed = await applyFix(uri, 'invalid-uuid', /new random UUID/);
    assert.doesNotMatch(fixed, /not-a-uuid/);
    await waitForRule(uri, 'invalid-uuid', false);
  });

  it('gives a duplicate MAC a new unique one in the same /24, so the VM stays on its network', async () => {
    writeWorkspaceFile('fix-mac/a.xml', domainXml({ name: 'm-a', devices: nic('52:54:c0:a8:7a:0a') }));
    const original = domainXml({ name: 'm-b', devices: nic('52:54:C0:A8:7A:0A') });
    const b = writeWorkspaceFile('fix-mac/b.xml', original);
    const fixed = await applyFix(b, 'duplicate-mac', /new unique MAC/);
    const mac = /address='([^']+)'/.exec(fixed)![1]!;
    assert.match(mac, /^52:54:c0:a8:7a:[0-9a-f]{2}$/);
    assert.notEqual(mac, '52:54:c0:a8:7a:0a');
    assert.equal(fixed, withReplaced(original, '52:54:C0:A8:7A:0A', mac));
    await waitForRule(b, 'duplicate-mac', false);
  });

  it('replaces an invalid (multicast) MAC with a unicast one', async () => {
    const uri = writeWorkspaceFile('fix-mac/c.xml', domainXml({ name: 'm-c', devices: nic('01:00:5e:00:00:01') }));
    const fixed = await applyFix(uri, 'invalid-mac', /new unique MAC/);
    assert.match(fixed, /address='52:54:/);
    await waitForRule(uri, 'invalid-mac', false);
  });

  it('renames a duplicate name to a unique one', async () => {
    writeWorkspaceFile('fix-name/a.xml', domainXml({ name: 'samename', devices: nic('52:54:00:61:00:01') }));
    const b = writeWorkspaceFile('fix-name/b.xml', domainXml({ name: 'samename', devices: nic('52:54:00:61:00:02') }));
    const fixed = await applyFix(b, 'duplicate-name', /Rename to "samename-2"/);
    assert.match(fixed, /<name>samename-2<\/name>/);
    await waitForRule(b, 'duplicate-name', false);
  });

  it('offers each configured bridge for an unknown one, closest first', async () => {
    const uri = writeWorkspaceFile(
      'fix-bridge/vm.xml',
      domainXml({ name: 'b-a', devices: nic('52:54:00:62:00:01', 'br-publik') }),
    );
    const [diagnostic] = await waitForRule(uri, 'unknown-bridge');
    const titles = (await quickFixes(uri, diagnostic!)).map((a) => a.title);
    assert.deepEqual(titles.slice(0, 2), ['Use bridge "br-public"', 'Use bridge "virbr0"']);
    const fixed = await applyFix(uri, 'unknown-bridge', /"br-public"/);
    assert.match(fixed, /<source bridge='br-public'\/>/);
    await waitForRule(uri, 'unknown-bridge', false);
  });

  describe('cdrom-on-virtio', () => {
    const cdrom = (file: string) =>
      `    <disk type='file' device='cdrom'>\n      <source file='${file}'/>\n      <target dev='vdb' bus='virtio'/>\n    </disk>\n`;

    it("makes it a read-only virtio disk, adding <readonly/> with its siblings' indentation", async () => {
      const original = domainXml({ name: 'cd-a', devices: cdrom('/opt/cloud/a.iso') + nic('52:54:00:63:00:01') });
      const uri = writeWorkspaceFile('fix-cdrom/a.xml', original);
      const fixed = await applyFix(uri, 'cdrom-on-virtio', /read-only virtio disk/);
      assert.equal(
        fixed,
        original
          .replace("device='cdrom'", "device='disk'")
          .replace("bus='virtio'/>\n", "bus='virtio'/>\n      <readonly/>\n"),
      );
      await waitForRule(uri, 'cdrom-on-virtio', false);
    });

    for (const [bus, dev] of [
      ['sata', 'sdb'],
      ['ide', 'hdb'],
    ]) {
      it(`moves the CD to bus ${bus} (/dev/${dev})`, async () => {
        const original = domainXml({
          name: `cd-${bus}`,
          devices: cdrom(`/opt/cloud/${bus}.iso`) + nic(`52:54:00:63:00:${bus === 'sata' ? '02' : '03'}`),
        });
        const uri = writeWorkspaceFile(`fix-cdrom/${bus}.xml`, original);
        const fixed = await applyFix(uri, 'cdrom-on-virtio', new RegExp(`bus ${bus}`));
        assert.equal(
          fixed,
          original.replace("<target dev='vdb' bus='virtio'/>", `<target dev='${dev}' bus='${bus}'/>`),
        );
        await waitForRule(uri, 'cdrom-on-virtio', false);
      });
    }
  });

  it('changes <clock sync=…> to offset=…', async () => {
    const original = domainXml({ name: 'clk', clock: `<clock sync="localtime"/>`, devices: nic('52:54:00:64:00:01') });
    const uri = writeWorkspaceFile('fix-clock/vm.xml', original);
    const fixed = await applyFix(uri, 'legacy-clock-sync', /offset="localtime"/);
    assert.equal(fixed, withReplaced(original, 'sync="localtime"', 'offset="localtime"'));
    await waitForRule(uri, 'legacy-clock-sync', false);
  });

  it('converts a CRLF context file to LF', async () => {
    const uri = writeWorkspaceFile('fix-crlf/ctx/post-install', '#!/bin/sh\r\nrun-parts /mnt/distributions/debian\r\n');
    fs.chmodSync(uri.fsPath, 0o755);
    await waitForRule(uri, 'context-crlf');
    const fixed = await applyFix(uri, 'context-crlf', /Convert line endings to LF/);
    assert.equal(fixed, '#!/bin/sh\nrun-parts /mnt/distributions/debian\n');
    const doc = await vscode.workspace.openTextDocument(uri);
    assert.equal(doc.eol, vscode.EndOfLine.LF);
    await doc.save();
    assert.equal(fs.readFileSync(uri.fsPath, 'utf8'), '#!/bin/sh\nrun-parts /mnt/distributions/debian\n');
    await waitForRule(uri, 'context-crlf', false);
  });

  it('disables a rule in the workspace settings', async () => {
    const uri = writeWorkspaceFile(
      'fix-disable/vm.xml',
      domainXml({ name: 'dis', clock: `<clock sync='utc'/>`, devices: nic('52:54:00:65:00:01') }),
    );
    const before = vscode.workspace.getConfiguration('snooze').inspect('rules')?.workspaceValue;
    try {
      await applyFix(uri, 'legacy-clock-sync', /Disable rule legacy-clock-sync/);
      const rules = vscode.workspace
        .getConfiguration('snooze')
        .inspect<Record<string, string>>('rules')?.workspaceValue;
      assert.equal(rules?.['legacy-clock-sync'], 'off');
      await waitForRule(uri, 'legacy-clock-sync', false);
    } finally {
      await restoreSetting('rules', before);
    }
    assert.ok(snoozeDiagnostics(uri, 'missing-name').length === 0);
  });
});
