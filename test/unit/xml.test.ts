import assert from 'node:assert/strict';
import { parseXml } from '../../src/core/xml/parseXml.js';
import { child } from '../../src/core/xml/xmlTree.js';
import { LineMap } from '../../src/core/text/lineMap.js';
import { mulberry32 } from '../helpers/seeded.js';
import { at, lintTexts } from '../helpers/templates.js';

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

describe('parseXml on hostile input: findings, never an exception', () => {
  const refuses = (text: string, message: RegExp): void => {
    const result = parseXml(text);
    assert.ok(!result.ok, `accepted ${JSON.stringify(text.slice(0, 80))}`);
    assert.match(result.error.message, message);
    assert.ok(result.error.line >= 1 && result.error.column >= 1);
  };

  it('refuses character references that are not XML characters, without throwing', () => {
    refuses('<description>&#99999999;</description>', /not an XML character \(beyond U\+10FFFF\)/);
    refuses('<a>&#x110000;</a>', /beyond U\+10FFFF/);
    refuses('<a>&#0;</a>', /U\+0000/);
    refuses('<a b="&#xD800;"/>', /U\+D800/);
    refuses('<a>&#xFFFE;</a>', /U\+FFFE/);
    refuses(`<a>&#${'9'.repeat(5000)};</a>`, /beyond U\+10FFFF/);
    const ok = parseXml('<a b="&#x10FFFF;">&#9;&#0000065;</a>');
    assert.ok(ok.ok);
    assert.equal(ok.root.attributes.get('b')!.value, '\u{10FFFF}');
  });

  it('makes &#99999999; one xml-syntax finding where it stands, and the other files are still linted', () => {
    const findings = lintTexts({
      '/w/bad.xml': '<domain type="kvm">\n  <name>bad</name>\n  <description>&#99999999;</description>\n</domain>',
      '/w/good.xml': '<domain type="kvm"><name>good</name><uuid>not-a-uuid</uuid></domain>',
    });
    const syntax = findings.filter((f) => f.rule === 'xml-syntax');
    assert.equal(syntax.length, 1);
    assert.equal(syntax[0]!.file, '/w/bad.xml');
    assert.equal(at(syntax[0]!), '3:16');
    assert.ok(findings.some((f) => f.file === '/w/good.xml' && f.rule === 'invalid-uuid'));
  });

  it('refuses control characters, lone surrogates and U+FFFF wherever they stand', () => {
    refuses('<a>\u0001</a>', /U\+0001 is not allowed in XML \(in text\)/);
    refuses('<a b="\u001f"/>', /in the value of b/);
    refuses('<a><!-- \u0008 --></a>', /in a comment/);
    refuses('<a><![CDATA[\uffff]]></a>', /in CDATA/);
    refuses('<a>\ud800</a>', /U\+D800/);
    assert.ok(parseXml('<a>\ud83d\ude00 \u0085 \u007f</a>').ok, 'a surrogate pair, NEL and DEL are characters');
  });

  it('reads the XML declaration as libxml2 does', () => {
    refuses('<?xml encoding="UTF-8"?><a/>', /no version/);
    refuses(' <?xml version="1.0"?><a/>', /only allowed at the very start/);
    refuses('<?xml version="2.0"?><a/>', /not supported/);
    refuses('<?xml version="1.0" standalone="yes" encoding="UTF-8"?><a/>', /in that order/);
    refuses('<?xml version="1.0" encoding="UTF-16"?><a/>', /UTF-16/);
    assert.ok(parseXml('<?xml version="1.1" encoding="utf-8" standalone="no" ?><a/>').ok);
  });

  it('knows which entities a DOCTYPE declares', () => {
    refuses('<!DOCTYPE a [<!ENTITY e "x">]><a>&f;</a>', /&f; is not defined/);
    refuses('<!DOCTYPE a [<!ENTITY e "<b>">]><a>&e;</a>', /in the entity &e;/);
    refuses('<!DOCTYPE a [<!ENTITY e "&e;">]><a>&e;</a>', /refers to itself/);
    refuses('<!DOCTYPE a [<!ENTITY e "&#60;">]><a b="&e;"/>', /'<' is not allowed/);
    assert.ok(parseXml('<!DOCTYPE a SYSTEM "a.dtd"><a>&declared_there;</a>').ok, 'an external subset may declare it');
    const ok = parseXml('<!DOCTYPE a [<!ENTITY img "/opt/cloud">]><a>&img;<b/></a>');
    assert.ok(ok.ok);
  });

  it('refuses an entity expansion bomb as libxml2 does, in linear time (each entity checked once)', () => {
    const bomb = (levels: number): string =>
      `<!DOCTYPE a [<!ENTITY e0 "lol">${Array.from(
        { length: levels },
        (_, i) => `<!ENTITY e${i + 1} "${`&e${i};`.repeat(10)}">`,
      ).join('')}]><a>&e${levels};</a>`;
    refuses(bomb(30), /entity reference loop/);
    refuses(bomb(3), /entity reference loop/);
    assert.ok(
      parseXml('<!DOCTYPE a [<!ENTITY e0 "lol"><!ENTITY e1 "&e0;&e0;"><!ENTITY e2 "&e1;&e1;">]><a>&e2;</a>').ok,
    );
    // Parameter entities doubling at each of 40 levels: 2^40 expansions, unless the parser stops early.
    const doubling = Array.from({ length: 40 }, (_, i) => `<!ENTITY % p${i} "&#37;p${i + 1};&#37;p${i + 1};">`).join(
      '',
    );
    refuses(`<!DOCTYPE a [${doubling}<!ENTITY % p40 "<!-- x -->">%p0;]><a/>`, /parameter entities/);
  });

  it('finds a duplicate among 50,000 attributes, and accepts them all when distinct', () => {
    const many = Array.from({ length: 50_000 }, (_, i) => ` a${i}="${i}"`).join('');
    const distinct = parseXml(`<a${many}/>`);
    assert.ok(distinct.ok);
    assert.equal(distinct.root.attributes.size, 50_000);
    refuses(`<a${many} a49999="again"/>`, /attribute a49999 twice/);
  });

  it('survives deep nesting and unclosed constructs at the end of the text', () => {
    assert.ok(parseXml(`${'<a>'.repeat(100_000)}${'</a>'.repeat(100_000)}`).ok);
    for (const text of [
      '<a',
      '<a b',
      '<a b=',
      '<a b="',
      '<a><!--',
      '<a><![CDATA[',
      '<a><?p',
      '<a>&',
      '<a>&#',
      '<a>&#x',
      '<a>&e',
      '<!DOCTYPE',
      '<!DOCTYPE a [',
      '<!DOCTYPE a [<!ENTITY',
      '<?xml ',
      '<?xml version="1.0',
      '\ufeff',
    ]) {
      const result = parseXml(text);
      assert.ok(!result.ok, text);
    }
  });

  it('returns a result for 3,000 random strings of XML fragments (seeded)', () => {
    const random = mulberry32(8);
    const pieces = [
      '<',
      '>',
      '/',
      '&',
      ';',
      '#',
      'x',
      '"',
      "'",
      '=',
      ' ',
      '\n',
      '<!--',
      '-->',
      '<![CDATA[',
      ']]>',
      '<?',
      '?>',
      '<!DOCTYPE',
      '[',
      ']',
      '<!ENTITY',
      '%',
      'a',
      'b',
      '\u0000',
      '\u0001',
      '\ud800',
      '\ufeff',
      '&#0;',
      '&#99999999;',
      '&amp;',
      '<?xml version="1.0"?>',
      '<a>',
      '</a>',
      'é',
      '\ud83d\ude00',
    ];
    for (let n = 0; n < 3000; n++) {
      let text = '';
      const length = Math.floor(random() * 40);
      for (let k = 0; k < length; k++) text += pieces[Math.floor(random() * pieces.length)];
      const result = parseXml(text);
      assert.equal(typeof result.ok, 'boolean');
      if (result.ok) continue;
      assert.ok(result.error.offset >= 0 && result.error.offset <= text.length, JSON.stringify(text));
      // Not the safety net: that one is for bugs, and the parser must not need it.
      assert.doesNotMatch(result.error.message, /could not read/, JSON.stringify(text));
    }
  });
});
