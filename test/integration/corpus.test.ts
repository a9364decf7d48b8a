import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { lintPaths } from '../../src/core/lint/lintPaths.js';
import { DEFAULT_SETTINGS } from '../../src/core/settings/settings.js';
import { SHARED_CORPUS } from '../helpers/sharedCorpus.js';

const CORPUS = SHARED_CORPUS;

/** Rules that must never fire on a document libvirt accepts (virt_xml_validate 0 in the manifest). */
const NEVER_ON_VALID = new Set([
  'xml-syntax',
  'invalid-uuid',
  'invalid-mac',
  'missing-name',
  'duplicate-target',
  'cdrom-on-virtio',
]);

describe('real public templates (../shared/corpus)', function () {
  before(function () {
    if (!fs.existsSync(path.join(CORPUS, 'MANIFEST.csv'))) {
      console.log(`      (skipped: ${CORPUS} is not here; CI has it beside the project)`);
      this.skip();
    }
  });

  it('raises no false syntax, identifier, name, target or cdrom finding on documents libvirt accepts', () => {
    const rows = fs
      .readFileSync(path.join(CORPUS, 'MANIFEST.csv'), 'utf8')
      .trim()
      .split(/\r?\n/)
      .slice(1)
      .map((l) => l.trim().split(','));
    const valid = rows.filter((r) => r[6] === '0').map((r) => path.join(CORPUS, r[0]!));
    assert.ok(valid.length > 50, `expected many valid documents, found ${valid.length}`);
    const run = lintPaths(valid, DEFAULT_SETTINGS);
    assert.equal(run.files, valid.length, 'every valid document is read as a template');
    const wrong = run.findings.filter((f) => NEVER_ON_VALID.has(f.rule));
    assert.deepEqual(
      wrong.map((f) => `${path.relative(CORPUS, f.file)}: ${f.rule}: ${f.message}`),
      [],
    );
  });

  it('finds what libvirt refuses in the source document (cdrom on virtio, clock sync)', () => {
    const run = lintPaths([path.join(CORPUS, 'snooze/doc-dynamic-debian1.xml')], DEFAULT_SETTINGS);
    const rules = run.findings.map((f) => f.rule);
    assert.ok(rules.includes('cdrom-on-virtio'));
    assert.ok(rules.includes('legacy-clock-sync'));
  });
});
