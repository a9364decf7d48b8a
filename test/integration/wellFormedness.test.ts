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
  'a byte-order mark, then space': '\uFEFF <domain/>',
  'a byte-order mark inside text': '<domain>\uFEFF</domain>',
  'DEL and NEL in text': '<domain>\u007f\u0085</domain>',
  'the highest character reference': '<domain a="&#x10FFFF;">&#0000065;</domain>',
  'version 1.1 and standalone': '<?xml version="1.1" standalone="yes"?><domain/>',
  'UTF-8 then standalone without a space (libxml2 allows it)':
    '<?xml version="1.0" encoding="UTF-8"standalone="no"?><domain/>',
  'an undeclared entity with an external subset':
    '<!DOCTYPE domain SYSTEM "domain.dtd"><domain>&declared_there;</domain>',
  'an undeclared entity after a parameter entity reference':
    '<!DOCTYPE domain [<!ENTITY % p ""> %p;]><domain>&maybe;</domain>',
  'an entity holding markup': '<!DOCTYPE domain [<!ENTITY e "<b/>">]><domain>&e;</domain>',
  'a predefined entity redeclared': '<!DOCTYPE domain [<!ENTITY lt "<">]><domain>&lt;</domain>',
  'a DOCTYPE without a space before its name': '<!DOCTYPEdomain><domain/>',
  'an empty comment': '<domain><!----></domain>',
  'undeclared namespace prefixes (a namespace error only)': '<q:domain q:a="1"/>',
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
  'a control character in text': '<a>\u0001</a>',
  'a control character in a value': '<a b="\u001b"/>',
  'U+FFFE in text': '<a>\uFFFE</a>',
  'the character reference &#0;': '<a>&#0;</a>',
  'a surrogate character reference': '<a>&#xD800;</a>',
  'a character reference beyond U+10FFFF': '<description>&#99999999;</description>',
  'an upper-case X in a character reference': '<a>&#X41;</a>',
  'a declaration without a version': '<?xml encoding="UTF-8"?><a/>',
  'a declaration after a space': ' <?xml version="1.0"?><a/>',
  'a declaration after a byte-order mark and a newline': '\uFEFF\n<?xml version="1.0"?><a/>',
  'version 2.0': '<?xml version="2.0"?><a/>',
  'standalone before encoding': '<?xml version="1.0" standalone="yes" encoding="UTF-8"?><a/>',
  'a UTF-16 declaration on UTF-8 text': '<?xml version="1.0" encoding="UTF-16"?><a/>',
  "a processing instruction named 'xml' in any case": '<a><?XmL x?></a>',
  'an undefined entity with an internal subset': '<!DOCTYPE a [<!ENTITY e "x">]><a>&f;</a>',
  'an undefined entity with a DOCTYPE but no subset': '<!DOCTYPE a><a>&f;</a>',
  'an undefined entity in a standalone document':
    '<?xml version="1.0" standalone="yes"?><!DOCTYPE a SYSTEM "x"><a>&f;</a>',
  'an entity that is not balanced': '<!DOCTYPE a [<!ENTITY e "<b>">]><a>&e;</a>',
  "an entity giving '<' to a value": '<!DOCTYPE a [<!ENTITY e "&#60;">]><a b="&e;"/>',
  'an external entity in a value': '<!DOCTYPE a [<!ENTITY e SYSTEM "x">]><a b="&e;"/>',
  'an entity referring to itself': '<!DOCTYPE a [<!ENTITY e "&e;">]><a>&e;</a>',
  'two byte-order marks': '\uFEFF\uFEFF<a/>',
  'a truncated start tag': "<domain type='kvm'",
  'a stray quote between attributes': `<a b='1' "/>`,
  "'--->' ending a comment": '<a><!-- a ---></a>',
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
