import assert from 'node:assert/strict';
import { XMLParser } from 'fast-xml-parser';
import { allocateMac } from '../../../src/core/template/allocateMac.js';
import { buildTemplate, TemplateInputError } from '../../../src/core/template/buildTemplate.js';
import { uniqueName } from '../../../src/core/template/uniqueName.js';
import { newUuid } from '../../../src/core/template/uuid.js';
import { SAMPLE_INPUT } from '../../fixtures/tools/templateInput.js';

const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', isArray: (name) => name === 'disk' });

// eslint-disable-next-line @typescript-eslint/no-explicit-any
function parse(xml: string): any {
  return parser.parse(xml).domain;
}

describe('template builder', () => {
  it('builds the domain: virtio qcow2 disk, read-only SATA cdrom on q35, bridged virtio NIC, pty console, utc clock', () => {
    const xml = buildTemplate(SAMPLE_INPUT);
    assert.ok(xml.endsWith('</domain>\n') && !xml.includes('\r'));
    const domain = parse(xml);
    assert.equal(domain['@type'], 'kvm');
    assert.equal(domain.name, 'debian1');
    assert.equal(domain.uuid, '6a4b2e0c-1f3d-4c5b-9a8e-7d6c5b4a3f21');
    assert.deepEqual(domain.memory, { '#text': 512, '@unit': 'MiB' });
    assert.equal(domain.vcpu['#text'], 2);
    assert.equal(domain.os.type['@machine'], 'q35');
    assert.equal(domain.os.type['@arch'], 'x86_64');
    assert.equal(domain.clock['@offset'], 'utc');
    const [disk, cdrom] = domain.devices.disk;
    assert.equal(disk['@device'], 'disk');
    assert.deepEqual(disk.driver, { '@name': 'qemu', '@type': 'qcow2' });
    assert.deepEqual(disk.target, { '@dev': 'vda', '@bus': 'virtio' });
    assert.equal(disk.source['@file'], '/opt/cloud/debian1.qcow2');
    assert.equal(cdrom['@device'], 'cdrom');
    assert.deepEqual(cdrom.target, { '@dev': 'sda', '@bus': 'sata' });
    assert.equal(cdrom.readonly, '');
    assert.equal(cdrom.source['@file'], '/opt/cloud/context.iso');
    assert.equal(domain.devices.interface['@type'], 'bridge');
    assert.equal(domain.devices.interface.mac['@address'], '52:54:c0:a8:7a:05');
    assert.equal(domain.devices.interface.source['@bridge'], 'virbr0');
    assert.equal(domain.devices.interface.model['@type'], 'virtio');
    assert.equal(domain.devices.serial['@type'], 'pty');
    assert.equal(domain.devices.console['@type'], 'pty');
    assert.equal(domain.devices.emulator, '/usr/bin/kvm');
  });

  it('an IDE cdrom on pc machines; no <emulator> when none is given; never a virtio cdrom', () => {
    const { emulator: _emulator, ...withoutEmulator } = SAMPLE_INPUT;
    const domain = parse(buildTemplate({ ...withoutEmulator, machine: 'pc' }));
    assert.deepEqual(domain.devices.disk[1].target, { '@dev': 'hdc', '@bus': 'ide' });
    assert.equal(domain.devices.emulator, undefined);
    for (const machine of ['q35', 'pc', 'pc-q35-7.2', 'pc-i440fx-7.2']) {
      assert.notEqual(parse(buildTemplate({ ...SAMPLE_INPUT, machine })).devices.disk[1].target['@bus'], 'virtio');
    }
  });

  it('escapes XML special characters in values', () => {
    const xml = buildTemplate({ ...SAMPLE_INPUT, name: 'a<b>&"c', diskPath: "/opt/it's & <x>.qcow2" });
    const domain = parse(xml);
    assert.equal(domain.name, 'a<b>&"c');
    assert.equal(domain.devices.disk[0].source['@file'], "/opt/it's & <x>.qcow2");
  });

  it('lists every problem of a bad input', () => {
    assert.throws(
      () =>
        buildTemplate({
          ...SAMPLE_INPUT,
          uuid: 'nope',
          mac: '01:00:5e:00:00:01',
          memoryMiB: 0,
          vcpus: 1.5,
          diskPath: 'rel.qcow2',
          bridge: 'has space',
        }),
      (error: unknown) => {
        assert.ok(error instanceof TemplateInputError);
        assert.equal(error.problems.length, 6);
        assert.match(error.message, /multicast/);
        return true;
      },
    );
  });

  it('newUuid gives distinct RFC 4122 v4 UUIDs', () => {
    const a = newUuid();
    assert.match(a, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    assert.notEqual(a, newUuid());
  });

  it('uniqueName: base, then base-2, base-3…', () => {
    assert.equal(uniqueName('vm', []), 'vm');
    assert.equal(uniqueName('vm', ['vm']), 'vm-2');
    assert.equal(uniqueName('vm', new Set(['vm', 'vm-2', 'vm-4'])), 'vm-3');
  });
});

describe('allocateMac', () => {
  const net = { network: '192.168.122.0', netmask: '255.255.255.0', gateway: '192.168.122.1' };

  it('picks the lowest free host address, skipping network, gateway and taken MACs compared normalised', () => {
    assert.equal(allocateMac([], net), '52:54:c0:a8:7a:02');
    assert.equal(allocateMac(['52:54:C0:A8:7A:2', '52:54:c0:a8:7a:03'], net), '52:54:c0:a8:7a:04');
    assert.equal(allocateMac([], { network: '192.168.122.0', netmask: '255.255.255.0' }), '52:54:c0:a8:7a:01');
  });

  it('an address carried by a MAC with another prefix is taken too (the IP would collide)', () => {
    assert.equal(allocateMac(['00:16:c0:a8:7a:02'], net), '52:54:c0:a8:7a:03');
  });

  it('never hands out the broadcast address; a full network is an error', () => {
    const small = { network: '10.0.0.0', netmask: '255.255.255.252', gateway: '10.0.0.1' };
    assert.equal(allocateMac([], small), '52:54:0a:00:00:02');
    assert.throws(() => allocateMac(['52:54:0a:00:00:02'], small), /No free address/);
    assert.throws(() => allocateMac([], { network: '10.0.0.0', netmask: '255.0.255.0' }), RangeError);
  });

  it('without a network: a random locally administered unicast MAC not taken', () => {
    const taken = new Set<string>();
    for (let i = 0; i < 50; i++) {
      const mac = allocateMac(taken);
      assert.match(mac, /^52:54(:[0-9a-f]{2}){4}$/);
      assert.ok(!taken.has(mac));
      taken.add(mac);
    }
    // 0x52: the locally administered bit (0x02) is set, the multicast bit (0x01) is not.
    assert.equal(0x52 & 0x03, 0x02);
  });
});
