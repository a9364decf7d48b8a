import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { domainXml, nic } from '../../helpers/templates.js';
import { tempDir } from '../../helpers/realImages.js';
import { SHARED_CORPUS } from '../../helpers/sharedCorpus.js';
import { cli, scratch, type JsonOutput } from './cliRun.js';

const CORPUS_DEBIAN1 = path.join(SHARED_CORPUS, 'snooze/doc-dynamic-debian1.xml');

describe('snooze-lint output', () => {
  let dir: string;
  beforeEach(() => {
    dir = tempDir('cli');
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));
  const write = (name: string, text: string | Buffer): string => scratch(dir)(name, text);

  describe("on the source document's debian1.xml", function () {
    before(function () {
      if (!fs.existsSync(CORPUS_DEBIAN1)) {
        console.log(`      (skipped: ${CORPUS_DEBIAN1} is not here; CI has ../shared/corpus)`);
        this.skip();
      }
    });

    it('reports cdrom-on-virtio and legacy-clock-sync at the right lines', () => {
      const file = write('debian1.xml', fs.readFileSync(CORPUS_DEBIAN1));
      const { code, out } = cli(['--format', 'json', dir]);
      assert.equal(code, 1);
      const json = JSON.parse(out) as JsonOutput;
      assert.equal(json.files, 1);
      const find = (rule: string) => json.findings.find((f) => f.rule === rule)!;
      assert.deepEqual(
        [find('cdrom-on-virtio').file, find('cdrom-on-virtio').line, find('cdrom-on-virtio').column],
        [file, 21, 29],
      );
      assert.deepEqual(
        [find('legacy-clock-sync').line, find('legacy-clock-sync').column, find('legacy-clock-sync').endColumn],
        [8, 8, 24],
      );
      assert.equal(find('legacy-clock-sync').severity, 'warning');
    });

    it('over two copies, reports duplicate-name, duplicate-uuid and duplicate-mac in both files with related locations', () => {
      const original = fs.readFileSync(CORPUS_DEBIAN1, 'utf8');
      // The document has no <uuid>; add the same one to both copies so duplicate-uuid has something to find.
      const withUuid = original.replace(
        '<name>debian1</name>',
        '<name>debian1</name>\n<uuid>0f476e56-67ea-11e1-858e-00216a972a36</uuid>',
      );
      const a = write('a/debian1.xml', withUuid);
      const b = write('b/debian1.xml', withUuid.replace('0f476e56-67ea', '0F476E56-67EA'));
      const json = JSON.parse(cli(['--format', 'json', dir]).out) as JsonOutput;
      for (const rule of ['duplicate-name', 'duplicate-uuid', 'duplicate-mac']) {
        const hits = json.findings.filter((f) => f.rule === rule);
        assert.deepEqual(
          hits.map((h) => h.file),
          [a, b],
          rule,
        );
        assert.equal(hits[0]!.related[0]!.file, b);
        assert.equal(hits[1]!.related[0]!.file, a);
      }
      const mac = json.findings.find((f) => f.rule === 'duplicate-mac')!;
      assert.deepEqual([mac.line, mac.related[0]!.line], [26, 26]);
    });
  });

  it('prints gcc-style text and exits 0 when only warnings remain', () => {
    write('vm.xml', domainXml({ clock: `<clock sync='utc'/>` }));
    const { code, out, err } = cli([dir]);
    assert.equal(code, 0);
    assert.match(out, /vm\.xml:6:10: warning: .* \[legacy-clock-sync\]/);
    assert.match(err, /1 file linted: 0 errors, 1 warning\n/);
  });

  it('maps LC paths with --path-map', () => {
    write('images/ctx.iso', Buffer.alloc(40000));
    write(
      'vm.xml',
      domainXml({
        devices:
          `<disk type='file' device='cdrom'><source file='/opt/cloud/ctx.iso'/><target dev='sdb' bus='sata'/><readonly/></disk>` +
          nic('52:54:00:00:00:01'),
      }),
    );
    const mapped = cli(['--format', 'json', '--path-map', `/opt/cloud=${path.join(dir, 'images')}`, dir]);
    const rules = (JSON.parse(mapped.out) as JsonOutput).findings.map((f) => f.rule);
    assert.deepEqual(rules, ['not-an-iso'], 'found the file, and saw it is no ISO');
  });

  it('turns bad input into findings or clear messages, never a stack trace', () => {
    write('empty.xml', '');
    write('binary.xml', Buffer.from([0x3c, 0x64, 0x00, 0xff, 0x00]));
    write('notes.xml', '<notes><a/></notes>');
    fs.mkdirSync(path.join(dir, 'folder.xml'));
    const json = JSON.parse(
      cli(['--format', 'json', path.join(dir, 'empty.xml'), path.join(dir, 'binary.xml'), path.join(dir, 'notes.xml')])
        .out,
    ) as JsonOutput;
    assert.deepEqual(
      json.findings.map((f) => [path.basename(f.file), f.rule]),
      [
        ['binary.xml', 'xml-syntax'],
        ['empty.xml', 'xml-syntax'],
      ],
    );
    assert.equal(json.files, 2, 'notes.xml is XML but not a template');
    assert.match(
      cli([path.join(dir, 'notes.xml'), path.join(dir, 'empty.xml')]).err,
      /notes\.xml: skipped: not a libvirt domain template/,
    );
    const missing = cli([path.join(dir, 'nope.xml')]);
    assert.equal(missing.code, 2);
    assert.match(missing.err, /no such file or folder: .*nope\.xml/);
    assert.doesNotMatch(missing.err, /\n\s+at /);
  });

  it('skips a malformed non-template XML found in a folder, but reports a malformed domain', () => {
    write('pom.xml', '<project><a></project>');
    write('vm.xml', '<domain type="kvm"><name>x</name>');
    const json = JSON.parse(cli(['--format', 'json', dir]).out) as JsonOutput;
    assert.deepEqual(
      json.findings.map((f) => path.basename(f.file)),
      ['vm.xml'],
    );
  });
});
