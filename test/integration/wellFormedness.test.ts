import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { parseXml } from '../../src/core/xml/parseXml.js';
import { tempDir } from '../helpers/realImages.js';

// Our parser must call well-formed exactly what libxml2 (libvirt's XML parser) does: each document is
// checked by the real xmllint and by parseXml, and the verdicts must agree.
const WELL_FORMED: Record<string, string> = {
  'a lone root': '<domain/>',
  'a declaration': `<?xml version="1.0" encoding="UTF-8"?>\n<domain type='kvm'><name>a</name></domain>`,
  'a DOCTYPE declaring an entity':
    '<!DOCTYPE domain [<!ENTITY img "/opt/cloud">]>\n<domain><name>&img;</name></domain>',
  'single dashes in a comment': '<domain><!-- a - b --></domain>',
  "CDATA holding '<'": '<domain><name><![CDATA[a<b & c]]></name></domain>',
  'a processing instruction inside': '<domain><?snooze hint?></domain>',
  "'>' inside an attribute value": '<domain a="x>y"/>',
  'character references': '<domain><name>&#65;&#x42;&amp;&lt;&gt;&quot;&apos;</name></domain>',
  namespaces: '<domain xmlns:qemu="http://libvirt.org/schemas/domain/qemu/1.0"><qemu:commandline/></domain>',
  "spaces around '='": "<domain a = 'b'/>",
  'non-ASCII names': '<domaine é="1"><nœud/></domaine>',
  'CRLF line endings': '<domain>\r\n  <name>x</name>\r\n</domain>\r\n',
  'a comment after the root': '<domain/>\n<!-- c -->\n',
  'space before the end of an end tag': '<domain></domain >',
  'quotes of the other kind in a value': `<domain a="it's" b='say "hi"'/>`,
};

const MALFORMED: Record<string, string> = {
  'mismatched end tag': '<domain>\n<name></nam>\n</domain>',
  'an unclosed element': '<domain><name>x</name>',
  "a bare '&' in text": '<domain><name>a & b</name></domain>',
  'an unquoted attribute value': '<domain type=kvm/>',
  'an attribute twice': "<domain a='1' a='2'/>",
  "'<' in an attribute value": "<domain a='<'/>",
  'two root elements': '<a/><b/>',
  'text after the root': '<a/>x',
  "'--' inside a comment": '<a><!-- a -- b --></a>',
  'an undefined entity': '<a>&foo;</a>',
  'no space between attributes': "<a b='1'c='2'/>",
  'a declaration not at the start': '\n<?xml version="1.0"?><a/>',
  'an empty document': '',
  'an unterminated comment': '<a><!-- x </a>',
  "']]>' in text": '<a>]]></a>',
  'an attribute without a value': '<a b/>',
  'an end tag never opened': '</a>',
  'CDATA outside the root': '<![CDATA[x]]><a/>',
};

describe('well-formedness, as libxml2 (xmllint) decides it', () => {
  let dir: string;
  before(() => {
    const probe = spawnSync('xmllint', ['--version']);
    if (probe.error) throw new Error('xmllint is missing: apt-get install libxml2-utils (CI installs it)');
    dir = tempDir('wellformed');
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  const xmllintAccepts = (name: string, text: string): boolean => {
    const file = path.join(dir, `${name.replace(/[^a-z0-9]+/gi, '-')}.xml`);
    fs.writeFileSync(file, text);
    return spawnSync('xmllint', ['--noout', file]).status === 0;
  };

  for (const [name, text] of Object.entries(WELL_FORMED)) {
    it(`accepts ${name}`, () => {
      assert.equal(xmllintAccepts(name, text), true, 'xmllint accepts it (else the case is wrong)');
      const result = parseXml(text);
      assert.ok(result.ok, result.ok ? '' : `${result.error.line}:${result.error.column} ${result.error.message}`);
    });
  }

  for (const [name, text] of Object.entries(MALFORMED)) {
    it(`refuses ${name}`, () => {
      assert.equal(xmllintAccepts(name, text), false, 'xmllint refuses it (else the case is wrong)');
      assert.equal(parseXml(text).ok, false);
    });
  }

  it('reports where: the line and column of the offending token', () => {
    const mismatch = parseXml('<domain>\n<name></nam>\n</domain>');
    assert.ok(!mismatch.ok);
    assert.deepEqual([mismatch.error.line, mismatch.error.column], [2, 7]);
    assert.match(mismatch.error.message, /expected <\/name> \(opened at line 2, column 1\), found <\/nam>/);
    const amp = parseXml('<domain>\n  <name>a & b</name>\n</domain>');
    assert.ok(!amp.ok);
    assert.deepEqual([amp.error.line, amp.error.column], [2, 11]);
  });
});
