import assert from 'node:assert/strict';
import { at, byRule, disk, domainXml, fixesOf, lintTexts, nic } from '../../helpers/templates.js';

// Rules that need only the template text (and the index). Rules that look at image files are tested
// against real images in test/integration/imageRules.test.ts.
describe('template rules', () => {
  describe('xml-syntax', () => {
    it("reports a malformed template at the parser's line and column", () => {
      const findings = lintTexts({ 'a.xml': '<domain type="kvm">\n  <name>a</name>\n  <devices>\n</domain>\n' });
      const [finding] = byRule(findings, 'xml-syntax');
      assert.ok(finding);
      assert.equal(finding.range.start.line, 3);
      assert.equal(findings.length, 1, 'nothing else is checked in a malformed document');
    });

    it('calls a binary file binary', () => {
      const [finding] = byRule(lintTexts({ 'b.xml': '<domain>\u0000\u0001' }), 'xml-syntax');
      assert.match(finding!.message, /binary/);
    });
  });

  describe('missing-name', () => {
    it('reports a domain without <name>', () => {
      assert.equal(byRule(lintTexts({ 'a.xml': domainXml({ name: '' }) }), 'missing-name').length, 1);
      assert.equal(byRule(lintTexts({ 'a.xml': domainXml() }), 'missing-name').length, 0);
    });
  });

  describe('duplicate-name', () => {
    it('reports the name in both files, each pointing at the other', () => {
      const findings = byRule(
        lintTexts({
          'a.xml': domainXml({ name: 'web1', devices: nic('52:54:00:00:00:01') }),
          'b.xml': domainXml({ name: 'web1', devices: nic('52:54:00:00:00:02') }),
        }),
        'duplicate-name',
      );
      assert.deepEqual(
        findings.map((f) => f.file),
        ['a.xml', 'b.xml'],
      );
      assert.equal(findings[0]!.related![0]!.file, 'b.xml');
      assert.equal(at(findings[0]!), '2:9');
    });

    it('is case-sensitive', () => {
      const findings = lintTexts({
        'a.xml': domainXml({ name: 'Web1', devices: nic('52:54:00:00:00:01') }),
        'b.xml': domainXml({ name: 'web1', devices: nic('52:54:00:00:00:02') }),
      });
      assert.equal(byRule(findings, 'duplicate-name').length, 0);
    });
  });

  describe('invalid-uuid', () => {
    it('accepts dashes and spaces between digits, rejects a wrong length', () => {
      assert.equal(
        byRule(lintTexts({ 'a.xml': domainXml({ uuid: '0f476e56 67ea-11e1-858e-00216a972a36' }) }), 'invalid-uuid')
          .length,
        0,
      );
      const [finding] = byRule(
        lintTexts({ 'a.xml': domainXml({ uuid: '0f476e56-67ea-11e1-858e-00216a972a3' }) }),
        'invalid-uuid',
      );
      assert.equal(at(finding!), '3:9');
    });
  });

  describe('duplicate-uuid', () => {
    it('compares UUIDs without case or dashes', () => {
      const findings = lintTexts({
        'a.xml': domainXml({
          name: 'a',
          uuid: '0f476e56-67ea-11e1-858e-00216a972a36',
          devices: nic('52:54:00:00:00:01'),
        }),
        'b.xml': domainXml({ name: 'b', uuid: '0F476E5667EA11E1858E00216A972A36', devices: nic('52:54:00:00:00:02') }),
      });
      assert.deepEqual(
        byRule(findings, 'duplicate-uuid').map((f) => f.file),
        ['a.xml', 'b.xml'],
      );
    });
  });

  describe('invalid-mac', () => {
    it('rejects a malformed and a multicast MAC, accepts one-digit octets', () => {
      assert.equal(
        byRule(lintTexts({ 'a.xml': domainXml({ devices: nic('52:54:c0:a8:7a:5') }) }), 'invalid-mac').length,
        0,
      );
      assert.match(
        byRule(lintTexts({ 'a.xml': domainXml({ devices: nic('52:54:c0:a8:7a') }) }), 'invalid-mac')[0]!.message,
        /not a MAC/,
      );
      assert.match(
        byRule(lintTexts({ 'a.xml': domainXml({ devices: nic('01:54:c0:a8:7a:05') }) }), 'invalid-mac')[0]!.message,
        /multicast/,
      );
    });
  });

  describe('duplicate-mac', () => {
    it('treats 54:56:c0:a8:7a:5 and 54:56:C0:A8:7A:05 as one MAC, and names the IP both VMs would take', () => {
      const findings = byRule(
        lintTexts({
          'a.xml': domainXml({ name: 'a', devices: nic('54:56:c0:a8:7a:5') }),
          'b.xml': domainXml({ name: 'b', devices: nic('54:56:C0:A8:7A:05') }),
        }),
        'duplicate-mac',
      );
      assert.equal(findings.length, 2);
      assert.match(findings[0]!.message, /192\.168\.122\.5/);
      assert.equal(findings[1]!.related![0]!.file, 'a.xml');
    });

    it('forgets a duplicate once the other file leaves the index', () => {
      const findings = lintTexts({
        'a.xml': domainXml({ name: 'a', devices: nic('52:54:00:00:00:01') }),
        'b.xml': domainXml({ name: 'b', devices: nic('52:54:00:00:00:02') }),
      });
      assert.equal(byRule(findings, 'duplicate-mac').length, 0);
    });
  });

  describe('unknown-bridge', () => {
    it('suggests the closest configured bridge first', () => {
      const [finding] = byRule(
        lintTexts(
          { 'a.xml': domainXml({ devices: nic('52:54:00:00:00:01', 'virbr1') }) },
          { bridges: ['br-lan', 'virbr0'] },
        ),
        'unknown-bridge',
      );
      assert.deepEqual(
        fixesOf(finding).map((f) => f.title),
        ['Use bridge "virbr0"', 'Use bridge "br-lan"'],
      );
      assert.deepEqual(
        fixesOf(finding).map((f) => f.preferred),
        [true, false],
      );
      assert.match(finding!.message, /did you mean "virbr0"/);
      assert.equal(byRule(lintTexts({ 'a.xml': domainXml() }), 'unknown-bridge').length, 0);
    });
  });

  describe('missing-bridge-source', () => {
    it('reports a bridge interface without a source bridge', () => {
      assert.equal(
        byRule(lintTexts({ 'a.xml': domainXml({ devices: nic('52:54:00:00:00:01', null) }) }), 'missing-bridge-source')
          .length,
        1,
      );
    });
  });

  describe('shared-disk-image', () => {
    it('reports one writable image in two templates, not a read-only or shareable one', () => {
      const two = (options: { readonly?: boolean; shareable?: boolean }) =>
        lintTexts({
          'a.xml': domainXml({ name: 'a', devices: disk('/opt/cloud/base.qcow2', options) + nic('52:54:00:00:00:01') }),
          'b.xml': domainXml({
            name: 'b',
            devices: disk('/opt/cloud/./base.qcow2', options) + nic('52:54:00:00:00:02'),
          }),
        });
      assert.equal(byRule(two({}), 'shared-disk-image').length, 2);
      assert.equal(byRule(two({ readonly: true }), 'shared-disk-image').length, 0);
      assert.equal(byRule(two({ shareable: true }), 'shared-disk-image').length, 0);
    });
  });

  describe('cdrom-on-virtio', () => {
    it('reports a cdrom on bus virtio, explicit or inferred from vdX', () => {
      const explicit = byRule(
        lintTexts({
          'a.xml': domainXml({ devices: disk('/c.iso', { device: 'cdrom', target: 'vdb', bus: 'virtio' }) }),
        }),
        'cdrom-on-virtio',
      );
      assert.equal(explicit.length, 1);
      const inferred = byRule(
        lintTexts({ 'a.xml': domainXml({ devices: disk('/c.iso', { device: 'cdrom', target: 'vdb' }) }) }),
        'cdrom-on-virtio',
      );
      assert.match(inferred[0]!.message, /inferred/);
      assert.equal(
        byRule(
          lintTexts({
            'a.xml': domainXml({ devices: disk('/c.iso', { device: 'cdrom', target: 'sdb', bus: 'sata' }) }),
          }),
          'cdrom-on-virtio',
        ).length,
        0,
      );
    });
  });

  describe('duplicate-target', () => {
    it('reports two disks on one target dev', () => {
      const findings = byRule(
        lintTexts({
          'a.xml': domainXml({ devices: disk('/a.qcow2', { target: 'vda' }) + disk('/b.qcow2', { target: 'vda' }) }),
        }),
        'duplicate-target',
      );
      assert.equal(findings.length, 2);
      assert.equal(findings[0]!.related!.length, 1);
    });
  });

  describe('legacy-clock-sync', () => {
    it('reports sync= over the whole attribute', () => {
      const [finding] = byRule(
        lintTexts({ 'a.xml': domainXml({ clock: `<clock sync="localtime"/>` }) }),
        'legacy-clock-sync',
      );
      assert.equal(finding!.severity, 'warning');
      assert.equal(finding!.range.end.character - finding!.range.start.character, 'sync="localtime"'.length);
    });
  });

  describe('missing-emulator', () => {
    it('reports an emulator that is not on this machine', () => {
      assert.equal(
        byRule(lintTexts({ 'a.xml': domainXml({ emulator: '/nonexistent/qemu-kvm' }) }), 'missing-emulator').length,
        1,
      );
      assert.equal(
        byRule(lintTexts({ 'a.xml': domainXml({ emulator: process.execPath }) }), 'missing-emulator').length,
        0,
      );
    });
  });

  describe('settings', () => {
    it('switches a rule off and overrides a severity', () => {
      const text = { 'a.xml': domainXml({ clock: `<clock sync="localtime"/>`, emulator: '/nonexistent/kvm' }) };
      const findings = lintTexts(text, { rules: { 'legacy-clock-sync': 'off', 'missing-emulator': 'error' } });
      assert.equal(byRule(findings, 'legacy-clock-sync').length, 0);
      assert.equal(byRule(findings, 'missing-emulator')[0]!.severity, 'error');
    });
  });
});
