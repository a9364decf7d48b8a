import assert from 'node:assert/strict';
import { XMLParser } from 'fast-xml-parser';
import { chooseAcceleration } from '../../../src/core/testBoot/accel.js';
import { planTestBoot, type TestBootInput } from '../../../src/core/testBoot/planTestBoot.js';
import { buildTemplate } from '../../../src/core/template/buildTemplate.js';

const TEMPLATE = buildTemplate({
  name: 'web1',
  uuid: '6f1b6a1e-0d5c-4a43-9a1e-1f2b3c4d5e6f',
  mac: '52:54:c0:a8:7a:05',
  memoryMiB: 512,
  vcpus: 1,
  diskPath: '/opt/cloud/web1.qcow2',
  diskFormat: 'qcow2',
  isoPath: '/opt/cloud/web1.iso',
  bridge: 'br-lc',
  machine: 'q35',
});
const BASE: TestBootInput = {
  templateXml: TEMPLATE,
  workDir: '/tmp/tb',
  pathMappings: [{ from: '/opt/cloud', to: '/home/op/images' }],
  hostBridges: ['virbr0'],
  domainType: 'qemu',
  contextFolder: '/home/op/context/web1',
  suffix: 'x1',
};
const parse = (xml: string) => new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@_' }).parse(xml).domain;

describe('Test-Boot plan: a throwaway VM that writes nothing of the user', () => {
  it('overlays every disk, builds the ISO fresh, maps LC paths, isolates a missing bridge, logs the console', () => {
    const plan = planTestBoot(BASE);
    assert.deepEqual(plan.problems, []);
    assert.deepEqual(plan.overlays, [
      { backing: '/home/op/images/web1.qcow2', backingFormat: 'qcow2', overlay: '/tmp/tb/disk-0.qcow2' },
    ]);
    assert.deepEqual(plan.iso, { contextFolder: '/home/op/context/web1', output: '/tmp/tb/context-1.iso' });
    const domain = parse(plan.domainXml);
    assert.equal(domain['@_type'], 'qemu');
    assert.equal(domain.name, 'snooze-testboot-web1-x1');
    assert.equal(domain.uuid, undefined, 'libvirt gives it a new UUID');
    const [disk, cd] = domain.devices.disk;
    assert.equal(disk.source['@_file'], '/tmp/tb/disk-0.qcow2');
    assert.equal(cd.source['@_file'], '/tmp/tb/context-1.iso');
    assert.equal(cd.target['@_bus'], 'sata', "the CD bus is the template's");
    assert.equal(domain.devices.interface['@_type'], 'udp');
    assert.equal(domain.devices.interface.mac['@_address'], '52:54:c0:a8:7a:05', 'the MAC (and so the IP) is kept');
    assert.equal(domain.devices.serial.source['@_path'], '/tmp/tb/console.log');
    assert.ok(
      plan.notes.some((n) => /no bridge br-lc.*isolated/.test(n)),
      plan.notes.join('\n'),
    );
    assert.ok(plan.notes.some((n) => /TCG/.test(n)));
    assert.ok(!plan.domainXml.includes('/opt/cloud'), 'no LC path is left');
  });

  it('keeps a bridge this machine has, uses an isolated bridge when given, boots a kernel directly', () => {
    const here = planTestBoot({ ...BASE, hostBridges: ['br-lc'], domainType: 'kvm' });
    assert.equal(parse(here.domainXml).devices.interface.source['@_bridge'], 'br-lc');
    const isolated = planTestBoot({
      ...BASE,
      isolatedBridge: 'snz0',
      kernelBoot: { kernel: '/k', initrd: '/i', cmdline: 'console=ttyS0' },
      runAs: { uid: 0, gid: 0 },
    });
    const domain = parse(isolated.domainXml);
    assert.equal(domain.devices.interface.source['@_bridge'], 'snz0');
    assert.equal(domain.os.kernel, '/k');
    assert.equal(domain.os.boot, undefined);
    assert.equal(domain.seclabel['@_relabel'], 'no');
  });

  it('says what is wrong with bad input instead of throwing', () => {
    assert.match(
      planTestBoot({ ...BASE, templateXml: '<domain><name>x</nam></domain>' }).problems.join(),
      /not well-formed/,
    );
    assert.match(planTestBoot({ ...BASE, templateXml: '<network/>' }).problems.join(), /no <domain>/);
  });

  it('chooses TCG where /dev/kvm cannot run a stock kernel (no vmx/svm)', () => {
    assert.equal(chooseAcceleration('flags\t\t: fpu vme de pse sse2 hypervisor\n', true).domainType, 'qemu');
    assert.equal(chooseAcceleration('flags\t\t: fpu vmx sse2\n', true).domainType, 'kvm');
    assert.equal(chooseAcceleration('flags\t\t: fpu vmx sse2\n', false).domainType, 'qemu');
  });
});
