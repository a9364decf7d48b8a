import assert from 'node:assert/strict';
import { parseTemplateDocument } from '../../src/core/domain/templateDocument.js';
import { insertChild } from '../../src/core/fixes/templateEdits.js';
import { applyFix } from '../helpers/templates.js';

// insertChild places a new child inside the element it is given, whatever way that element is written, keeping
// the file's indentation and line ends.
describe('insertChild', () => {
  /** The text after inserting `child` into the first disk of `xml`. */
  const withChild = (xml: string, child: string): string => {
    const document = parseTemplateDocument('/t/vm.xml', xml);
    assert.equal(document.kind, 'template');
    if (document.kind !== 'template') return xml;
    const disk = document.template.disks[0]!.element;
    return applyFix(xml, { title: 'insert', edits: [insertChild(document, disk, child)] });
  };
  const domain = (devices: string, eol = '\n'): string =>
    ["<domain type='kvm'>", '  <name>vm</name>', '  <devices>', devices, '  </devices>', '</domain>', ''].join(eol);

  it('on its own line, indented as the last child, in an element written on several lines', () => {
    const before = domain("    <disk type='file' device='cdrom'>\n      <target dev='vdb' bus='virtio'/>\n    </disk>");
    assert.equal(
      withChild(before, '<readonly/>'),
      domain(
        "    <disk type='file' device='cdrom'>\n      <target dev='vdb' bus='virtio'/>\n      <readonly/>\n    </disk>",
      ),
    );
  });

  it('keeps CRLF line ends', () => {
    const disk = ["    <disk type='file' device='cdrom'>", "      <target dev='vdb'/>", '    </disk>'];
    const after = withChild(domain(disk.join('\r\n'), '\r\n'), '<readonly/>');
    assert.equal(after, domain([disk[0], disk[1], '      <readonly/>', disk[2]].join('\r\n'), '\r\n'));
  });

  it('just before the end tag of an element written on one line', () => {
    const before = domain("    <disk type='file' device='cdrom'><target dev='vdb'/></disk>");
    assert.equal(
      withChild(before, '<readonly/>'),
      domain("    <disk type='file' device='cdrom'><target dev='vdb'/><readonly/></disk>"),
    );
  });

  it('opens an empty element written <disk/>, not the end tag of an earlier element', () => {
    const before = domain(
      "    <interface type='bridge'><source bridge='br0'/></interface>\n    <disk type='file' device='cdrom' />",
    );
    assert.equal(
      withChild(before, '<readonly/>'),
      domain(
        "    <interface type='bridge'><source bridge='br0'/></interface>\n    <disk type='file' device='cdrom' ><readonly/></disk>",
      ),
    );
  });
});
