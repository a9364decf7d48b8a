import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { lintPaths, xmlFilesUnder } from '../../src/core/lint/lintPaths.js';
import { DEFAULT_SETTINGS } from '../../src/core/settings/settings.js';
import { RULES } from '../../src/core/rules/registry.js';
import { loadSchema } from '../../src/core/schema/loadSchema.js';
import { bundledSchemaDirectory, chooseSchemaDirectory } from '../../src/core/schema/schemaDirectory.js';
import type { SchemaValidator } from '../../src/core/schema/schemaValidator.js';
import { haveVirtXmlValidate, virtXmlValidate } from '../helpers/virtXmlValidate.js';
import { SHARED_CORPUS } from '../helpers/sharedCorpus.js';

const CORPUS = SHARED_CORPUS;
const FIXTURES = path.resolve('test/fixtures/templates');

/**
 * The files the schema rule reports on, linted as the CLI lints them, the other rules switched off: with them on,
 * the schema rule leaves to them the faults they report (invalid-mac's bad MAC), and the file is still refused.
 */
function refusedBySchemaRule(files: readonly string[], validator: SchemaValidator): Set<string> {
  const rules = Object.fromEntries(RULES.filter((r) => r.id !== 'schema').map((r) => [r.id, 'off' as const]));
  const run = lintPaths(files, { ...DEFAULT_SETTINGS, rules }, { schema: () => validator });
  return new Set(run.findings.filter((f) => f.rule === 'schema').map((f) => f.file));
}

function compare(files: readonly string[], validator: SchemaValidator): void {
  const ours = refusedBySchemaRule(files, validator);
  const disagreements = files
    .map((file) => ({
      file,
      libvirt: virtXmlValidate(file) ? 'valid' : 'invalid',
      ours: ours.has(file) ? 'invalid' : 'valid',
    }))
    .filter((v) => v.libvirt !== v.ours)
    .map((v) => `${v.file}: virt-xml-validate says ${v.libvirt}, the schema rule ${v.ours}`);
  assert.deepEqual(disagreements, []);
}

// The schema rule's verdicts against libvirt's own checker (virt-xml-validate, libvirt-clients), both reading
// the installed libvirt's schemas (/usr/share/libvirt/schemas), as a user's machine would.
describe('schema verdicts equal virt-xml-validate', function () {
  this.timeout(300_000); // one virt-xml-validate process per file
  let validator: SchemaValidator;
  before(async function () {
    if (!haveVirtXmlValidate()) throw new Error('virt-xml-validate is missing: apt-get install libvirt-clients');
    const choice = chooseSchemaDirectory();
    assert.equal(choice.origin, 'system', 'libvirt-clients installs /usr/share/libvirt/schemas');
    validator = await loadSchema(choice.directory);
  });

  it('on every template fixture', () => {
    const files = [
      ...xmlFilesUnder(path.join(FIXTURES, 'defects')),
      ...xmlFilesUnder(path.join(FIXTURES, 'clean')),
    ].filter((f) => !f.endsWith('xml-syntax.xml'));
    compare(files, validator);
    assert.ok(refusedBySchemaRule(files, validator).size >= 5, 'several fixtures are refused by libvirt');
  });

  it('on every document of ../shared/corpus', function () {
    if (!fs.existsSync(CORPUS)) {
      console.log(`      (skipped: ${CORPUS} is not here; CI has it beside the project)`);
      this.skip();
    }
    const files = xmlFilesUnder(CORPUS);
    assert.ok(files.length >= 100, `${files.length} corpus documents`);
    compare(files, validator);
  });

  it('the bundled copy (libvirt 9.0.0) agrees with the installed schemas on the corpus', async function () {
    if (!fs.existsSync(CORPUS)) this.skip();
    const bundled = await loadSchema(bundledSchemaDirectory());
    const files = xmlFilesUnder(CORPUS);
    assert.deepEqual(
      [...refusedBySchemaRule(files, bundled)].sort(),
      [...refusedBySchemaRule(files, validator)].sort(),
    );
  });
});
