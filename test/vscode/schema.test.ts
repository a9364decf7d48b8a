// libvirt's schema in the real extension host: the schema rule after its lazy load, its culprit and quick fix,
// completion of elements and enumerated values, hover with the documentation link.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { domainXml, nic } from '../helpers/templates.js';
import {
  activate,
  applyFix,
  readLog,
  waitFor,
  waitForRule,
  withSetting,
  workspacePath,
  writeWorkspaceFile,
} from './support/host.js';

const labelsOf = (list: vscode.CompletionList): string[] =>
  list.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));

async function completionsAt(uri: vscode.Uri, after: string): Promise<string[]> {
  const doc = await vscode.workspace.openTextDocument(uri);
  const position = doc.positionAt(doc.getText().indexOf(after) + after.length);
  return labelsOf(
    await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', uri, position),
  );
}

describe('libvirt schema (domain.rng)', function () {
  this.timeout(60_000);
  before(async () => {
    await activate();
  });

  it('reports a misspelt element on its line once the schema is loaded, and renames it with the quick fix', async () => {
    const valid = domainXml({ name: 'schema1', devices: nic('52:54:00:70:00:01') });
    const text = valid.replace("<memory unit='KiB'>524288</memory>", "<memmory unit='KiB'>524288</memmory>");
    const uri = writeWorkspaceFile('schema/misspelt.xml', text);
    const [diagnostic] = await waitForRule(uri, 'schema');
    assert.equal(
      diagnostic!.range.start.line,
      text.split('\n').findIndex((l) => l.includes('<memmory')),
    );
    assert.match(diagnostic!.message, /<memmory> is not allowed in <domain> \(did you mean <memory>\?\)/);
    const fixed = await applyFix(uri, 'schema', /Rename <memmory> to <memory>/);
    assert.equal(fixed, valid);
    await vscode.workspace.save(uri);
    await waitForRule(uri, 'schema', false);
    await waitFor('the schema named in the log', () => /schema: validating against .*domain\.rng/.test(readLog()));
  });

  it('completes the elements allowed under <devices>', async () => {
    const uri = writeWorkspaceFile(
      'schema/complete-devices.xml',
      domainXml({ name: 'schema2', devices: '    <' }).replace('    <\n', '    <\n'),
    );
    const labels = await completionsAt(uri, '<devices>\n    <');
    for (const name of ['disk', 'interface', 'controller', 'graphics', 'serial'])
      assert.ok(labels.includes(name), `${name} in ${labels.join(',')}`);
    assert.ok(!labels.includes('vcpu'), 'a domain-level element is not offered inside <devices>');
  });

  it('completes target@bus values of a disk', async () => {
    const uri = writeWorkspaceFile(
      'schema/complete-bus.xml',
      domainXml({
        name: 'schema3',
        devices: "    <disk type='file' device='disk'><source file='/a.qcow2'/><target dev='vda' bus=''/></disk>",
      }),
    );
    const labels = await completionsAt(uri, "bus='");
    for (const bus of ['virtio', 'sata', 'scsi', 'ide', 'usb'])
      assert.ok(labels.includes(bus), `${bus} in ${labels.join(',')}`);
  });

  it("hovers an element with a link to its section of libvirt's documentation", async () => {
    const uri = writeWorkspaceFile(
      'schema/hover.xml',
      domainXml({ name: 'schema4', devices: nic('52:54:00:70:00:04') }),
    );
    const doc = await vscode.workspace.openTextDocument(uri);
    await waitFor('the template is parsed', async () => {
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>(
        'vscode.executeHoverProvider',
        uri,
        doc.positionAt(doc.getText().indexOf('<interface') + 2),
      );
      const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
      return /formatdomain\.html#network-interfaces/.test(text) ? text : undefined;
    });
  });

  it('validates against the folder snooze.schemaDirectory names, a relative one resolved against the workspace', async () => {
    // A schema of our own that allows <name> alone in <domain>: libvirt's allows the template, this one does not.
    writeWorkspaceFile(
      'schema-own/domain.rng',
      `<grammar xmlns="http://relaxng.org/ns/structure/1.0">
  <start><element name="domain"><attribute name="type"/><element name="name"><text/></element></element></start>
</grammar>
`,
    );
    const uri = writeWorkspaceFile(
      'schema/own-schema.xml',
      domainXml({ name: 'schema5', devices: nic('52:54:00:70:00:05') }),
    );
    await withSetting('schemaDirectory', 'schema-own', async () => {
      const [diagnostic] = await waitForRule(uri, 'schema');
      assert.match(diagnostic!.message, /element memory/);
      const own = workspacePath('schema-own', 'domain.rng');
      await waitFor(
        'the own schema named in the log',
        () => readLog().includes(`schema: validating against ${own} (configured)`) || undefined,
      );
    });
    await waitForRule(uri, 'schema', false); // libvirt's schema again
  });
});
