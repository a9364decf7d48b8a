import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { lintPaths } from '../../src/core/lint/lintPaths.js';
import { DEFAULT_SETTINGS } from '../../src/core/settings/settings.js';
import { tempDir } from '../helpers/realImages.js';

// A template is bytes before it is text: libxml2 (libvirt's parser) reads them as its byte-order mark or its XML
// declaration says, else as UTF-8, and refuses bytes that are not what it expects. The linter must agree with
// the real xmllint on each file here, as it does on texts (wellFormedness.test.ts).
const body = (name: Buffer | string): Buffer =>
  Buffer.concat([Buffer.from("<domain type='kvm'><name>"), Buffer.from(name), Buffer.from('</name></domain>\n')]);
const declared = (encoding: string, rest: Buffer): Buffer =>
  Buffer.concat([Buffer.from(`<?xml version="1.0" encoding="${encoding}"?>\n`), rest]);
const utf16le = (text: string): Buffer => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);

const FILES: Record<string, Buffer> = {
  'UTF-8 without a declaration': body('café'),
  'UTF-8 with a byte-order mark and a U+FFFD of its own': Buffer.concat([
    Buffer.from([0xef, 0xbb, 0xbf]),
    body('caf\u00e9 \ufffd'),
  ]),
  'Latin-1 bytes without a declaration': body(Buffer.from([0x63, 0x61, 0x66, 0xe9])),
  'Latin-1 bytes declared ISO-8859-1': declared('ISO-8859-1', body(Buffer.from([0x63, 0x61, 0x66, 0xe9]))),
  'Latin-1 bytes declared UTF-8': declared('UTF-8', body(Buffer.from([0x63, 0x61, 0x66, 0xe9]))),
  'an overlong UTF-8 form': body(Buffer.from([0x61, 0xc0, 0xaf])),
  'a UTF-8 encoded surrogate': body(Buffer.from([0x61, 0xed, 0xa0, 0x80])),
  'a sequence cut short': body(Buffer.from([0x61, 0xe2, 0x82])),
  'an encoding nobody knows': declared('KOI9-XX', body('a')),
  'UTF-16LE with its byte-order mark': utf16le("<domain type='kvm'><name>café</name></domain>\n"),
};

describe('template bytes, decoded as libxml2 decodes them', () => {
  let dir: string;
  before(function () {
    if (spawnSync('xmllint', ['--version']).error)
      throw new Error('xmllint is missing: apt-get install libxml2-utils (CI installs it)');
    dir = tempDir('encodings');
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  for (const [name, bytes] of Object.entries(FILES)) {
    it(name, () => {
      const file = path.join(dir, `${name.replace(/\W+/g, '-')}.xml`);
      fs.writeFileSync(file, bytes);
      const libxml2 = spawnSync('xmllint', ['--noout', file]).status === 0;
      const syntax = lintPaths([file], DEFAULT_SETTINGS).findings.filter((f) => f.rule === 'xml-syntax');
      assert.equal(syntax.length === 0, libxml2, `xmllint ${libxml2 ? 'accepts' : 'refuses'}: ${syntax[0]?.message}`);
    });
  }

  it('puts a byte that is not UTF-8 where it stands and says how to fix the file', () => {
    const file = path.join(dir, 'where.xml');
    fs.writeFileSync(file, Buffer.concat([Buffer.from("<domain type='kvm'>\n  <name>caf"), Buffer.from([0xe9, 0x3c])]));
    const [finding] = lintPaths([file], DEFAULT_SETTINGS).findings;
    assert.equal(finding?.rule, 'xml-syntax');
    assert.deepEqual(finding?.range.start, { line: 1, character: 11 });
    assert.match(finding!.message, /the bytes 0xE9 0x3C are not UTF-8.*encoding="ISO-8859-1"/);
  });
});
