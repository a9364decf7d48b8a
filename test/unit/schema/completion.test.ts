import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { schemaCompletionsAt } from '../../../src/core/completion/schemaCompletion.js';
import { completionContextAt } from '../../../src/core/completion/completionContext.js';
import { schemaHoverAt } from '../../../src/core/completion/schemaHover.js';
import { domainGrammar } from '../../../src/core/schema/domainGrammar.js';
import { compileGrammar } from '../../../src/core/schema/compileGrammar.js';
import { parseTemplateDocument } from '../../../src/core/domain/templateDocument.js';
import { domainXml } from '../../helpers/templates.js';

const grammar = domainGrammar()!;
/** Completion labels at the `|` of a text. */
const labels = (withCursor: string): string[] | undefined => {
  const offset = withCursor.indexOf('|');
  return schemaCompletionsAt(grammar, withCursor.replace('|', ''), offset)?.items.map((i) => i.label);
};

describe('the grammar compiled from domain.rng', () => {
  it('is up to date with the bundled RNG files (schemas/grammar/domain.json)', () => {
    const dir = path.resolve('schemas/libvirt');
    const files = new Map(
      fs
        .readdirSync(dir)
        .filter((f) => f.endsWith('.rng'))
        .map((f) => [f, fs.readFileSync(path.join(dir, f), 'utf8')]),
    );
    const fresh = compileGrammar(files, 'domain.rng', grammar.table.source);
    assert.deepEqual(fresh, grammar.table, 'run node scripts/generate-grammar.mjs');
  });

  it('knows elements in the context of their parent', () => {
    assert.ok(grammar.childrenOf('domain', 'devices').includes('disk'));
    assert.deepEqual(grammar.element('disk', 'target')?.attributes['bus'], [
      'fdc',
      'ide',
      'sata',
      'scsi',
      'sd',
      'uml',
      'usb',
      'virtio',
      'xen',
    ]);
    assert.ok(grammar.element('interface', 'target')?.attributes['dev'], 'an interface target has dev');
    assert.equal(grammar.element('interface', 'target')?.attributes['bus'], undefined, 'but no bus');
  });
});

describe('schema completion', () => {
  it('offers the devices after < inside <devices>, and only there', () => {
    const items = labels("<domain type='kvm'>\n  <devices>\n    <|\n  </devices>\n</domain>")!;
    for (const name of ['disk', 'interface', 'controller', 'serial', 'console', 'graphics'])
      assert.ok(items.includes(name), name);
    assert.ok(!items.includes('memory') || grammar.childrenOf('domain', 'devices').includes('memory'));
    assert.ok(!items.includes('name'));
    const top = labels("<domain type='kvm'>\n  <me|\n</domain>")!;
    assert.ok(top.includes('memory') && top.includes('currentMemory') && top.includes('devices'));
  });

  it('offers the attributes of the element not yet written', () => {
    const items = labels("<domain type='kvm'><devices><disk type='file' |></disk></devices></domain>")!;
    assert.ok(items.includes('device') && items.includes('snapshot'));
    assert.ok(!items.includes('type'), 'type is already there');
  });

  it('offers enumerated values: target@bus of a disk, disk@device, interface@type, driver@type', () => {
    assert.deepEqual(
      labels("<domain><devices><disk type='file'><target dev='vda' bus='|'/></disk></devices></domain>"),
      ['fdc', 'ide', 'sata', 'scsi', 'sd', 'uml', 'usb', 'virtio', 'xen'],
    );
    assert.deepEqual(labels('<domain><devices><disk device="c|'), ['cdrom', 'disk', 'floppy', 'lun']);
    assert.ok(labels("<domain><devices><interface type='|")!.includes('bridge'));
    assert.ok(labels("<domain><devices><disk type='file'><driver name='qemu' type='|")!.includes('qcow2'));
  });

  it('reads the context from text being typed (comments skipped, the rest not well-formed)', () => {
    const context = completionContextAt("<domain><!-- <disk> --><devices><disk type='file'><source file='/a'/><ta", 73);
    assert.deepEqual(context && { kind: context.kind, parents: context.parents }, {
      kind: 'element',
      parents: ['domain', 'devices', 'disk'],
    });
    assert.equal(completionContextAt('<domain><name>web|</name>', 17), undefined, 'text content');
  });

  it('offers nothing in XML that is not a domain', () => {
    assert.equal(labels('<project><dependencies><|'), undefined);
  });
});

describe('schema hover', () => {
  const text = domainXml({
    devices: "    <disk type='file' device='disk'><source file='/a.qcow2'/><target dev='vda' bus='virtio'/></disk>",
  });
  const document = parseTemplateDocument('/w/t.xml', text);
  const hover = (needle: string, delta = 1) => {
    assert.equal(document.kind, 'template');
    return document.kind === 'template'
      ? schemaHoverAt(document.template.root, text, text.indexOf(needle) + delta, grammar)
      : undefined;
  };

  it('names an element and links to its section of formatdomain.html', () => {
    const h = hover('<disk');
    assert.match(h!.lines[0]!, /`<disk>`\*\* in `<devices>`.*formatdomain\.html#hard-drives-floppy-disks-cdroms/);
  });

  it("names an attribute with its values, linked to its element's section", () => {
    const h = hover("bus='", 1);
    assert.match(h!.lines[0]!, /\*\*`bus`\*\* of `<target>`.*#hard-drives-floppy-disks-cdroms/);
    assert.match(h!.lines[1]!, /`sata`/);
  });
});
