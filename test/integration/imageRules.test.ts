import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { applyFix, byRule, disk, domainXml, fixesOf, lintTexts, nic } from '../helpers/templates.js';
import { makeIso, makeQcow2, makeRaw, tempDir } from '../helpers/realImages.js';
import { probeImage } from '../../src/core/images/imageProbe.js';

// Templates name LC paths (/opt/cloud/...); a path mapping points them at real images made here.
describe('rules on real images (qemu-img, genisoimage)', () => {
  let dir: string;
  const lint = (devices: string) =>
    lintTexts(
      { 'vm.xml': domainXml({ devices: devices + nic('52:54:00:00:00:01') }) },
      { pathMappings: [{ from: '/opt/cloud', to: dir }] },
    );

  before(() => {
    dir = tempDir('images');
    makeRaw(path.join(dir, 'base.raw'));
    makeQcow2(path.join(dir, 'vm1.qcow2'), { path: 'base.raw', format: 'raw' });
    // an orphan: qemu-img needs the backing file at creation, so make it, then delete it
    makeRaw(path.join(dir, 'gone.raw'));
    makeQcow2(path.join(dir, 'orphan.qcow2'), { path: path.join(dir, 'gone.raw'), format: 'raw' });
    fs.rmSync(path.join(dir, 'gone.raw'));
    fs.mkdirSync(path.join(dir, 'ctx'));
    fs.writeFileSync(path.join(dir, 'ctx', 'post-install'), '#!/bin/sh\n', { mode: 0o755 });
    makeIso(path.join(dir, 'ctx'), path.join(dir, 'context.iso'));
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('probes the real headers: ISO9660, qcow2 with its backing name, raw', () => {
    assert.equal(probeImage(path.join(dir, 'context.iso')).kind, 'iso');
    const cow = probeImage(path.join(dir, 'vm1.qcow2'));
    assert.equal(cow.kind, 'qcow2');
    assert.equal(cow.backingFile, 'base.raw');
    assert.equal(cow.backingPath, path.join(dir, 'base.raw'));
    assert.equal(probeImage(path.join(dir, 'base.raw')).kind, 'raw');
    assert.equal(probeImage(path.join(dir, 'nothing')).kind, 'missing');
  });

  it('a clean template on real images has no file finding', () => {
    const findings = lint(
      disk('/opt/cloud/vm1.qcow2', { driver: 'qcow2' }) +
        disk('/opt/cloud/context.iso', { device: 'cdrom', target: 'sdb', bus: 'sata', readonly: true }),
    );
    assert.deepEqual(
      findings.map((f) => f.rule),
      [],
    );
  });

  it('missing-iso: a cdrom whose ISO is not there, saying where it looked', () => {
    const [finding] = byRule(
      lint(disk('/opt/cloud/nope.iso', { device: 'cdrom', target: 'sdb', bus: 'sata' })),
      'missing-iso',
    );
    assert.ok(finding);
    assert.ok(finding.message.includes(path.join(dir, 'nope.iso')));
  });

  it('missing-iso: also a read-only disk whose file ends in .iso', () => {
    assert.equal(byRule(lint(disk('/opt/cloud/nope.iso', { target: 'vdb', readonly: true })), 'missing-iso').length, 1);
  });

  it('not-an-iso: a CD file without the CD001 signature', () => {
    const findings = lint(disk('/opt/cloud/base.raw', { device: 'cdrom', target: 'sdb', bus: 'sata' }));
    assert.equal(byRule(findings, 'not-an-iso').length, 1);
    assert.equal(byRule(findings, 'missing-iso').length, 0);
  });

  it('missing-disk-image: a disk image that is not there', () => {
    assert.equal(byRule(lint(disk('/opt/cloud/vm9.qcow2', { driver: 'qcow2' })), 'missing-disk-image').length, 1);
  });

  it('missing-backing-file: a qcow2 whose backing file is gone', () => {
    const [finding] = byRule(lint(disk('/opt/cloud/orphan.qcow2', { driver: 'qcow2' })), 'missing-backing-file');
    assert.match(finding!.message, /gone\.raw/);
    assert.equal(byRule(lint(disk('/opt/cloud/vm1.qcow2', { driver: 'qcow2' })), 'missing-backing-file').length, 0);
  });

  it('disk-format-mismatch: the driver says qcow2 for a raw file, or raw for a qcow2 one', () => {
    const rawAsQcow2 = byRule(lint(disk('/opt/cloud/base.raw', { driver: 'qcow2' })), 'disk-format-mismatch');
    const [fix] = fixesOf(rawAsQcow2[0]);
    const text = domainXml({ devices: disk('/opt/cloud/base.raw', { driver: 'qcow2' }) + nic('52:54:00:00:00:01') });
    assert.equal(fix?.title, 'Set the driver type to raw');
    assert.equal(applyFix(text, fix!), text.replace("type='qcow2'", "type='raw'"));
    assert.equal(byRule(lint(disk('/opt/cloud/vm1.qcow2', { driver: 'raw' })), 'disk-format-mismatch').length, 1);
    assert.equal(byRule(lint(disk('/opt/cloud/base.raw', { driver: 'raw' })), 'disk-format-mismatch').length, 0);
  });
});
