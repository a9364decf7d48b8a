import assert from 'node:assert/strict';
import { compileRelaxNg, UnsupportedSchema } from '../../../src/core/schema/relaxng/compileRelaxNg.js';
import { dataCheck, valueCheck, XSD_DATATYPES } from '../../../src/core/schema/relaxng/datatypes.js';
import { provesValid } from '../../../src/core/schema/relaxng/treeValidator.js';
import { xsdRegex } from '../../../src/core/schema/relaxng/xsdRegex.js';
import { parseXml } from '../../../src/core/xml/parseXml.js';

const RNG_NS = 'http://relaxng.org/ns/structure/1.0';

/** A grammar of our own (the files by name), and whether a document is proven valid against it. */
function prover(files: Record<string, string>) {
  const schema = compileRelaxNg((file) => {
    const text = files[file];
    if (text === undefined) throw new Error(`no ${file}`);
    return text;
  }, 'main.rng');
  return (text: string): boolean => {
    const parsed = parseXml(text);
    assert.ok(parsed.ok, text);
    return provesValid(schema, text, parsed.root);
  };
}

const grammar = (body: string) => `<grammar xmlns="${RNG_NS}" datatypeLibrary="${XSD_DATATYPES}">${body}</grammar>`;

describe('XML Schema regular expressions as JavaScript ones', () => {
  const matches = (pattern: string, value: string) => xsdRegex(pattern)!.test(value);

  it('match the whole value, as XML Schema patterns do', () => {
    assert.ok(matches('[0-9]+', '42'));
    assert.ok(!matches('[0-9]+', 'a42'));
    assert.ok(!matches('[0-9]+', '42\n'));
  });

  it('read ^, $ and escaped dashes as characters, and . as anything but a line end', () => {
    assert.ok(matches('a$b', 'a$b'));
    assert.ok(matches('\\^[0-9]+', '^7'));
    assert.ok(
      matches('[a-fA-F0-9]{8}\\-([a-fA-F0-9]{4}\\-){3}[a-fA-F0-9]{12}', '6f0c3a1e-52b4-4c1d-9a7e-000000000065'),
    );
    assert.ok(matches('.+', 'a b'));
    assert.ok(!matches('.+', 'a\nb'));
    assert.ok(matches('.', '\u2028'), 'only #xA and #xD are line ends for XML Schema');
  });

  it('read \\s as XML whitespace only, and escapes inside classes', () => {
    assert.ok(matches('[a-zA-Z0-9.\\s]{1,8}', 'a b'));
    assert.ok(!matches('\\s', '\u00a0'));
    assert.ok(matches("[!#$%&'*+\\-.0-9A-Z\\^_`a-z|~]+", 'a-b^c'));
    assert.ok(matches('[a-zA-Z0-9_\\.\\-\\\\:/ ]*', 'C:\\dir/x y'));
  });

  it('translate every pattern of libvirt domain.rng, and refuse what they cannot match alike', () => {
    assert.equal(xsdRegex('[a-z-[aeiou]]'), undefined, 'class subtraction');
    assert.equal(xsdRegex('\\i\\c*'), undefined, 'name-character escapes');
    assert.equal(xsdRegex('(?=a)'), undefined);
  });
});

describe('datatypes, judged only where libxml2 surely agrees', () => {
  it('integers in range, without signs or spaces libxml2 would read otherwise', () => {
    const unsignedInt = dataCheck(XSD_DATATYPES, 'unsignedInt', []);
    assert.ok(unsignedInt('4294967295'));
    assert.ok(!unsignedInt('4294967296'));
    assert.ok(!unsignedInt('-1'));
    assert.ok(!unsignedInt('+1'), 'left to libxml2');
    assert.ok(!unsignedInt(' 1 '), 'libxml2 refuses spaces around a number in element content');
    const int = dataCheck(XSD_DATATYPES, 'int', [
      { name: 'minInclusive', value: '-1' },
      { name: 'maxInclusive', value: '7' },
    ]);
    assert.ok(int('-1') && int('7') && !int('8') && !int('-2'));
    assert.ok(dataCheck(XSD_DATATYPES, 'unsignedLong', [])('18446744073709551615'));
  });

  it('strings with patterns and lengths; tokens only in their collapsed form', () => {
    const name = dataCheck(XSD_DATATYPES, 'string', [
      { name: 'pattern', value: '[^\\n]+' },
      { name: 'maxLength', value: '4' },
    ]);
    assert.ok(name('ab c') && !name('abcde') && !name(''));
    const token = dataCheck(XSD_DATATYPES, 'token', []);
    assert.ok(token('a b') && !token(' a'));
    assert.ok(!dataCheck(XSD_DATATYPES, 'dateTime', [])('2026-12-05T00:00:00'), 'unknown here: left to libxml2');
  });

  it('values compare as their type does', () => {
    assert.ok(valueCheck('', 'token', 'virtio')('  virtio '));
    assert.ok(!valueCheck(XSD_DATATYPES, 'string', 'virtio')(' virtio'));
  });
});

describe('validation by derivatives', () => {
  it('follows the grammar: order, choices, repetition, attributes, values and data', () => {
    const proves = prover({
      'main.rng': grammar(`
        <start><element name="vm">
          <attribute name="type"><choice><value>kvm</value><value>qemu</value></choice></attribute>
          <optional><attribute name="id"><data type="unsignedInt"/></attribute></optional>
          <element name="name"><text/></element>
          <oneOrMore><element name="disk"><empty/></element></oneOrMore>
        </element></start>`),
    });
    assert.ok(proves(`<vm type='kvm'><name>a</name><disk/><disk/></vm>`));
    assert.ok(proves(`<vm type=' qemu ' id='3'>\n  <name/>\n  <disk></disk>\n</vm>`));
    assert.ok(!proves(`<vm type='xen'><name>a</name><disk/></vm>`));
    assert.ok(!proves(`<vm type='kvm' id='x'><name>a</name><disk/></vm>`));
    assert.ok(!proves(`<vm type='kvm'><disk/><name>a</name></vm>`), 'a group keeps its order');
    assert.ok(!proves(`<vm type='kvm'><name>a</name></vm>`), 'oneOrMore needs one');
    assert.ok(!proves(`<vm type='kvm' extra='1'><name>a</name><disk/></vm>`));
    assert.ok(!proves(`<vm type='kvm'><name>a</name>text<disk/></vm>`));
    assert.ok(!proves(`<vm type='kvm'><name>a</name><disk>x</disk></vm>`));
  });

  it('reads includes, overrides and combine="choice", and recursion through elements', () => {
    const proves = prover({
      'main.rng': grammar(`
        <include href="common.rng"><define name="kind"><value>b</value></define></include>
        <define name="extra" combine="choice"><element name="more"><empty/></element></define>
        <start><ref name="node"/></start>`),
      'common.rng': grammar(`
        <define name="kind"><value>a</value></define>
        <define name="extra"><notAllowed/></define>
        <define name="node"><element name="n"><attribute name="k"><ref name="kind"/></attribute>
          <zeroOrMore><choice><ref name="node"/><ref name="extra"/></choice></zeroOrMore></element></define>`),
    });
    assert.ok(proves(`<n k='b'><n k='b'><n k='b'/></n><more/></n>`));
    assert.ok(!proves(`<n k='a'/>`), 'the include overrides kind');
  });

  it('deals the children of an interleave to branches as libxml2 does, and leaves it the cases it gets wrong', () => {
    const proves = prover({
      'main.rng': grammar(`
        <start><element name="domain"><interleave>
          <interleave><element name="name"><text/></element><optional><element name="uuid"><text/></element></optional></interleave>
          <interleave><element name="memory"><text/></element><optional><element name="vcpu"><text/></element></optional></interleave>
          <optional><element name="title"><text/></element></optional>
          <group><optional><element name="on_poweroff"><text/></element></optional><optional><element name="on_reboot"><text/></element></optional></group>
        </interleave></element></start>`),
    });
    assert.ok(proves('<domain><name/><uuid/><memory/><vcpu/></domain>'));
    assert.ok(proves('<domain><vcpu/><memory/><title/><uuid/><name/></domain>'));
    assert.ok(
      proves('<domain><name/><memory/><on_poweroff/><title/><on_reboot/></domain>'),
      'a branch without an interleave inside',
    );
    assert.ok(!proves('<domain><name/><on_reboot/><title/><on_poweroff/></domain>'), 'a group keeps its order');
    // libxml2 refuses this one, though RELAX NG allows it: never proven.
    assert.ok(!proves('<domain><name/><vcpu/><uuid/><memory/></domain>'));
    // libxml2 accepts this one; proving it is not needed (libxml2 is asked).
    assert.ok(!proves('<domain><name/><memory/><uuid/></domain>'));
    assert.ok(!proves('<domain><uuid/><memory/></domain>'), 'name is required');
  });

  it('resolves namespaces, and leaves a DOCTYPE and undeclared prefixes to libxml2', () => {
    const proves = prover({
      'main.rng': grammar(`
        <start><element name="domain">
          <zeroOrMore><element name="commandline" ns="urn:qemu"><empty/></element></zeroOrMore>
          <optional><element name="metadata"><zeroOrMore><element><anyName/><empty/></element></zeroOrMore></element></optional>
        </element></start>`),
    });
    assert.ok(proves(`<domain xmlns:q='urn:qemu'><q:commandline/></domain>`));
    assert.ok(
      proves(`<domain><commandline xmlns='urn:qemu'/><metadata><x:y xmlns:x='urn:other'/></metadata></domain>`),
    );
    assert.ok(!proves(`<domain xmlns:q='urn:other'><q:commandline/></domain>`));
    assert.ok(!proves(`<domain><commandline/></domain>`), 'in no namespace: not the qemu one');
    assert.ok(!proves(`<!DOCTYPE domain><domain/>`));
  });

  it('leaves to libxml2 what it does not support: the schema, or the documents that reach it', () => {
    assert.throws(
      () => compileRelaxNg(() => grammar('<start><externalRef href="other.rng"/></start>'), 'main.rng'),
      UnsupportedSchema,
    );
    // Element contents are compiled when first reached: a document reaching <list> is not proven.
    const proves = prover({
      'main.rng': grammar(
        '<start><element name="a"><choice><element name="b"><list><data type="int"/></list></element><empty/></choice></element></start>',
      ),
    });
    assert.ok(proves('<a/>'));
    assert.ok(!proves('<a><b>1 2</b></a>'));
  });
});
