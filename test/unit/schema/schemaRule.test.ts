import assert from 'node:assert/strict';
import { parseTemplateDocument } from '../../../src/core/domain/templateDocument.js';
import { Linter } from '../../../src/core/lint/linter.js';
import { DEFAULT_SETTINGS, type LintSettings } from '../../../src/core/settings/settings.js';
import { bundledSchemaDirectory } from '../../../src/core/schema/schemaDirectory.js';
import { loadSchema, LazySchema } from '../../../src/core/schema/loadSchema.js';
import type { SchemaValidator } from '../../../src/core/schema/schemaValidator.js';
import { closestNames, editDistance } from '../../../src/core/schema/closestNames.js';
import { applyFix, at, byRule, disk, domainXml, lintTexts } from '../../helpers/templates.js';

// The schema rule with the bundled copy of libvirt 9.0.0's domain.rng, compiled by libxml2 (WebAssembly).
describe('rule schema (libvirt domain.rng through libxml2)', function () {
  this.timeout(60_000); // compiling domain.rng takes a fraction of a second, more on a loaded machine
  let validator: SchemaValidator;
  before(async () => {
    validator = await loadSchema(bundledSchemaDirectory());
  });

  const lint = (text: string) => {
    const linter = new Linter(DEFAULT_SETTINGS, { withFixes: true, schema: () => validator });
    const document = parseTemplateDocument('/w/t.xml', text);
    linter.index.update(document);
    return byRule(linter.lintDocument(document), 'schema');
  };
  const valid = domainXml({
    uuid: '6f0c3a1e-52b4-4c1d-9a7e-000000000065',
    devices: `${disk('/opt/cloud/a.qcow2', { bus: 'virtio', driver: 'qcow2' })}\n    <interface type='bridge'><mac address='52:54:c0:a8:7a:05'/><source bridge='virbr0'/><model type='virtio'/></interface>`,
  });
  const lineOf = (text: string, needle: string) => text.slice(0, text.indexOf(needle)).split('\n').length;

  it('finds nothing in a valid template', () => {
    assert.deepEqual(validator.validate(valid), []);
    assert.deepEqual(lint(valid), []);
  });

  it('reports nothing while the schema is not ready (the linter never waits for it)', () => {
    const broken = valid.replace('<vcpu>1</vcpu>', '<vcpuu>1</vcpuu>');
    assert.deepEqual(byRule(lintTexts({ '/w/t.xml': broken }), 'schema'), []);
    assert.equal(new LazySchema(bundledSchemaDirectory()).ready, undefined);
  });

  it('puts a misspelt element on its own line, names what is expected, and offers the closest name as a fix', () => {
    const text = valid.replace("<memory unit='KiB'>524288</memory>", "<memmory unit='KiB'>524288</memmory>");
    const [finding, ...more] = lint(text);
    assert.equal(more.length, 0);
    assert.equal(at(finding!), `${lineOf(text, '<memmory')}:4`);
    assert.match(
      finding!.message,
      /<memmory> is not allowed in <domain> \(did you mean <memory>\?\); expected: .*currentMemory/,
    );
    const fix = finding!.fixes!()[0]!;
    assert.equal(fix.title, 'Rename <memmory> to <memory>');
    const fixed = applyFix(text, fix);
    assert.equal(fixed, valid);
  });

  it('puts a wrong attribute value on the value, with the values libvirt accepts', () => {
    const text = valid.replace("bus='virtio'", "bus='virtoi'");
    const [finding] = lint(text);
    assert.equal(finding?.range.start.line, lineOf(text, "bus='virtoi'") - 1);
    assert.equal(
      text.split('\n')[finding!.range.start.line]!.slice(finding!.range.start.character, finding!.range.end.character),
      'virtoi',
    );
    assert.match(
      finding!.message,
      /bus='virtoi' is not a value libvirt accepts on <target>; expected one of: .*sata.*virtio/,
    );
    assert.equal(applyFix(text, finding!.fixes!()[0]!), valid);
  });

  it('puts an unknown device inside <devices> on that device, not on <devices>', () => {
    const text = valid.replace('  <devices>\n', "  <devices>\n    <flopy type='file'/>\n");
    const [finding] = lint(text);
    assert.equal(finding?.range.start.line, lineOf(text, '<flopy') - 1);
    assert.match(finding!.message, /<flopy> is not allowed in <devices>; expected: .*disk/);
  });

  it('names an attribute an element does not take, with the closest one', () => {
    const text = valid.replace("<disk type='file'", "<disk devise='disk' type='file'");
    const [finding] = lint(text);
    assert.equal(finding?.range.start.line, lineOf(text, 'devise') - 1);
    assert.match(finding!.message, /attribute devise is not allowed on <disk> \(did you mean device\?\)/);
  });

  describe('beside the other rules', () => {
    const lintAll = (text: string, rules: LintSettings['rules'] = {}) => {
      const linter = new Linter({ ...DEFAULT_SETTINGS, rules }, { schema: () => validator });
      return linter.lintOwn(parseTemplateDocument('/w/t.xml', text));
    };
    const badMac = valid.replace("address='52:54:c0:a8:7a:05'", "address='52:54:zz:a8:7a:05'");

    it('leaves a fault another rule reports to that rule: one finding for a bad MAC, not two', () => {
      assert.ok(validator.validate(badMac).length > 0, 'libvirt refuses the MAC');
      const findings = lintAll(badMac);
      assert.deepEqual(byRule(findings, 'schema'), []);
      assert.equal(byRule(findings, 'invalid-mac').length, 1);
    });

    it('reports the fault itself when that rule is switched off', () => {
      const [finding, ...more] = byRule(lintAll(badMac, { 'invalid-mac': 'off' }), 'schema');
      assert.equal(more.length, 0);
      assert.equal(finding?.range.start.line, lineOf(badMac, '<mac') - 1);
    });

    it('with several faults, sets aside those other rules report and puts the rest on its culprit', () => {
      const text = badMac
        .replace('<uuid>6f0c3a1e-52b4-4c1d-9a7e-000000000065</uuid>', '<uuid>not-a-uuid</uuid>')
        .replace("bus='virtio'", "bus='virtoi'");
      const findings = lintAll(text);
      assert.equal(byRule(findings, 'invalid-uuid').length, 1);
      assert.equal(byRule(findings, 'invalid-mac').length, 1);
      const [finding, ...more] = byRule(findings, 'schema');
      assert.equal(more.length, 0);
      assert.equal(finding?.range.start.line, lineOf(text, "bus='virtoi'") - 1);
      assert.match(finding!.message, /bus='virtoi' is not a value libvirt accepts on <target>/);
    });
  });

  it('finds the culprit within a bounded number of validations', () => {
    let calls = 0;
    const counting: SchemaValidator = {
      directory: validator.directory,
      validate: (t) => (calls++, validator.validate(t)),
    };
    const linter = new Linter(DEFAULT_SETTINGS, { schema: () => counting });
    linter.lintOwn(parseTemplateDocument('/w/t.xml', valid.replace('<vcpu>1</vcpu>', '<vcpu>one</vcpu>')));
    assert.ok(calls > 1 && calls <= 130, `${calls} validations`);
  });

  it('rejects a schema folder without domain.rng with a readable message', async () => {
    await assert.rejects(loadSchema('/nonexistent-schemas'), /domain\.rng/);
  });
});

describe('closest names', () => {
  it('measures edit distance and keeps names at most a third of their letters off', () => {
    assert.equal(editDistance('memmory', 'memory'), 1);
    assert.deepEqual(closestNames('memmory', ['memory', 'currentMemory', 'vcpu']), ['memory']);
    assert.deepEqual(closestNames('xyz', ['memory']), []);
  });
});
