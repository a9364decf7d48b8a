import assert from 'node:assert/strict';
import { parseTemplateDocument } from '../../src/core/domain/templateDocument.js';
import { Linter } from '../../src/core/lint/linter.js';
import { DEFAULT_SETTINGS, type LintSettings } from '../../src/core/settings/settings.js';
import { domainXml, nic } from '../helpers/templates.js';

// As ESLint's linter wraps each rule: a rule that throws costs its own findings only.
describe('linter: a rule that throws', () => {
  // Reading the bridges throws: unknown-bridge is the rule that reads them.
  const hostile: LintSettings = Object.defineProperty({ ...DEFAULT_SETTINGS }, 'bridges', {
    get() {
      throw new Error('bridges exploded');
    },
  });

  it('becomes one error finding naming the rule, and the other rules still run', () => {
    const errors: [string, string, unknown][] = [];
    const linter = new Linter(hostile, { onRuleError: (rule, file, error) => errors.push([rule, file, error]) });
    const document = parseTemplateDocument(
      'vm.xml',
      domainXml({ uuid: 'not-a-uuid', devices: nic('52:54:00:00:00:01', 'br-x') }),
    );
    linter.index.update(document);
    const findings = linter.lintDocument(document);
    const crashed = findings.filter((f) => f.rule === 'unknown-bridge');
    assert.equal(crashed.length, 1);
    assert.equal(crashed[0]!.severity, 'error');
    assert.match(crashed[0]!.message, /the rule unknown-bridge failed on this file \(bridges exploded\)/);
    assert.ok(
      findings.some((f) => f.rule === 'invalid-uuid'),
      'the rules after it ran',
    );
    assert.deepEqual(
      errors.map(([rule, file]) => [rule, file]),
      [['unknown-bridge', 'vm.xml']],
    );
    assert.match(String(errors[0]![2]), /bridges exploded/);
  });
});
