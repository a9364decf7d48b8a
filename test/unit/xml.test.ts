import assert from 'node:assert/strict';
import { parseXml } from '../../src/core/xml/parseXml.js';
import { child } from '../../src/core/xml/xmlTree.js';
import { LineMap } from '../../src/core/text/lineMap.js';

describe('parseXml', () => {
  it('gives exact spans for elements, attribute values and leaf text', () => {
    const text = `<domain type='kvm'>\n  <name> a&amp;b </name>\n  <devices><disk device="cdrom"/></devices>\n</domain>`;
    const result = parseXml(text);
    assert.ok(result.ok);
    const root = result.root;
    const type = root.attributes.get('type')!;
    assert.equal(type.value, 'kvm');
    assert.equal(text.slice(type.valueSpan.start, type.valueSpan.end), 'kvm');
    const name = child(root, 'name')!;
    assert.equal(name.text!.value, 'a&b');
    assert.equal(text.slice(name.text!.span.start, name.text!.span.end), 'a&amp;b');
    const disk = child(child(root, 'devices')!, 'disk')!;
    assert.equal(text.slice(disk.span.start, disk.span.end), '<disk device="cdrom"/>');
    assert.equal(disk.attributes.get('device')!.value, 'cdrom');
  });

  it('keeps offsets exact in a CRLF document', () => {
    const text = '<domain>\r\n  <name>x</name>\r\n  <uuid>u</uuid>\r\n</domain>';
    const result = parseXml(text);
    assert.ok(result.ok);
    const uuid = child(result.root, 'uuid')!;
    assert.equal(text.slice(uuid.text!.span.start, uuid.text!.span.end), 'u');
    assert.deepEqual(new LineMap(text).positionAt(uuid.text!.span.start), { line: 2, character: 8 });
  });

  it('reports the line and column of a syntax error', () => {
    const result = parseXml('<domain>\n  <name>x</nam>\n</domain>');
    assert.ok(!result.ok);
    assert.equal(result.error.line, 2);
    assert.match(result.error.message, /nam/);
  });

  it('accepts a byte-order mark before the document, as XML allows', () => {
    const result = parseXml('\uFEFF<?xml version="1.0"?>\n<domain><name>x</name></domain>');
    assert.ok(result.ok, result.ok ? '' : result.error.message);
    assert.equal(child(result.root, 'name')!.text!.value, 'x');
  });

  it('calls an empty document empty, and decodes CDATA text', () => {
    const empty = parseXml('  \n');
    assert.ok(!empty.ok && /empty/.test(empty.error.message));
    const cdata = parseXml('<domain><name><![CDATA[a<b]]></name></domain>');
    assert.ok(cdata.ok);
    assert.equal(child(cdata.root, 'name')!.text!.value, 'a<b');
  });
});
