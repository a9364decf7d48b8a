import assert from 'node:assert/strict';
import { applyFix, at, byRule, disk, domainXml, fixesOf, lintTexts, nic } from '../../helpers/templates.js';
import { sizeInKiB } from '../../../src/core/domain/memorySize.js';

// Rules for what libvirt refuses (or silently changes) when it defines a domain, beyond what its schema can say.
// Each case was checked against libvirt's own code (see the rule's description); test/integration/
// libvirtDefine.test.ts holds the same templates to a real `virsh define` where one runs here.
const lint = (parts: Parameters<typeof domainXml>[0]) => lintTexts({ 'a.xml': domainXml(parts) });

const pciNic = (mac: string, address: string) =>
  `    <interface type='bridge'><mac address='${mac}'/><source bridge='virbr0'/><model type='virtio'/>${address}</interface>`;

describe('define-time rules', () => {
  describe('pci-address-conflict', () => {
    it("reports the second device at one address, pointing at the first, in libvirt's spelling", () => {
      const devices = [
        pciNic('52:54:c0:a8:7a:05', "<address type='pci' domain='0x0000' bus='0x00' slot='0x03' function='0x0'/>"),
        pciNic('52:54:c0:a8:7a:06', "<address type='pci' slot='3'/>"),
      ].join('\n');
      const [finding, ...rest] = byRule(lint({ devices }), 'pci-address-conflict');
      assert.equal(rest.length, 0);
      assert.equal(finding!.severity, 'error');
      assert.match(finding!.message, /Attempted double use of PCI Address 0000:00:03\.0/);
      const lines = domainXml({ devices }).split('\n');
      const line = lines.findIndex((l) => l.includes("slot='3'"));
      assert.equal(at(finding!), `${line + 1}:${lines[line]!.indexOf('<address') + 1}`, 'on the second <address>');
      assert.equal(finding!.related!.length, 1);
      assert.equal(finding!.related![0]!.range.start.line, finding!.range.start.line - 1);
      const fixed = applyFix(domainXml({ devices }), fixesOf(finding)[0]!);
      assert.ok(
        !fixed.includes("slot='3'") && fixed.includes("slot='0x03'"),
        'the second address goes, the first stays',
      );
      assert.deepEqual(byRule(lintTexts({ 'a.xml': fixed }), 'pci-address-conflict'), []);
    });

    it('accepts other functions of one slot, other buses, and reads octal and hexadecimal as libvirt does', () => {
      const twoFunctions = [
        pciNic('52:54:c0:a8:7a:05', "<address type='pci' bus='0' slot='0x05' function='0x0' multifunction='on'/>"),
        pciNic('52:54:c0:a8:7a:06', "<address type='pci' bus='0' slot='0x05' function='0x1'/>"),
        pciNic('52:54:c0:a8:7a:07', "<address type='pci' bus='0x01' slot='0x05' function='0x0'/>"),
      ].join('\n');
      assert.deepEqual(byRule(lint({ devices: twoFunctions }), 'pci-address-conflict'), []);
      const octal = [
        pciNic('52:54:c0:a8:7a:05', "<address type='pci' slot='010'/>"),
        pciNic('52:54:c0:a8:7a:06', "<address type='pci' slot='0x8'/>"),
      ].join('\n');
      assert.equal(byRule(lint({ devices: octal }), 'pci-address-conflict').length, 1);
    });

    it("ignores a host device's source address and drive addresses", () => {
      const devices = [
        pciNic('52:54:c0:a8:7a:05', "<address type='pci' slot='0x06'/>"),
        "    <hostdev mode='subsystem' type='pci'><source><address type='pci' domain='0' bus='0' slot='0x06' function='0'/></source></hostdev>",
        "    <disk type='file' device='disk'><source file='/a.qcow2'/><target dev='sda' bus='sata'/><address type='drive' controller='0' bus='0' unit='0'/></disk>",
        "    <disk type='file' device='disk'><source file='/b.qcow2'/><target dev='sdb' bus='sata'/><address type='drive' controller='0' bus='0' unit='1'/></disk>",
      ].join('\n');
      assert.deepEqual(byRule(lint({ devices }), 'pci-address-conflict'), []);
    });
  });

  describe('duplicate-controller-index', () => {
    const controllers = (...lines: string[]) => lines.map((l) => `    ${l}`).join('\n');

    it('reports the second index of one type, and offers the lowest free one', () => {
      const parts = {
        devices: controllers(
          "<controller type='sata' index='0'/>",
          "<controller type='pci' index='0' model='pci-root'/>",
          "<controller type='sata' index='0'/>",
        ),
      };
      const [finding, ...rest] = byRule(lint(parts), 'duplicate-controller-index');
      assert.equal(rest.length, 0);
      assert.match(finding!.message, /Multiple 'sata' controllers with index '0'/);
      assert.equal(finding!.range.start.line, finding!.related![0]!.range.start.line + 2);
      const [fix] = fixesOf(finding);
      assert.equal(fix!.title, "Use index 1 (the lowest free for 'sata')");
      const fixed = applyFix(domainXml(parts), fix!);
      assert.match(fixed, /<controller type='sata' index='1'\/>/);
      assert.deepEqual(byRule(lintTexts({ 'a.xml': fixed }), 'duplicate-controller-index'), []);
    });

    it('accepts one index on two types, USB companions, and controllers without an index', () => {
      const devices = controllers(
        "<controller type='sata' index='0'/>",
        "<controller type='scsi' index='0'/>",
        "<controller type='usb' index='0' model='ich9-ehci1'/>",
        "<controller type='usb' index='0' model='ich9-uhci1'/>",
        "<controller type='virtio-serial'/>",
        "<controller type='virtio-serial'/>",
      );
      assert.deepEqual(byRule(lint({ devices }), 'duplicate-controller-index'), []);
    });
  });

  describe('boot-order-conflict', () => {
    const bootDisk = (file: string, target: string, order: number) =>
      `    <disk type='file' device='disk'><source file='${file}'/><target dev='${target}' bus='virtio'/><boot order='${order}'/></disk>`;

    it('reports a device boot order beside <os><boot dev>, and removes the os boot devices', () => {
      const parts = {
        os: "\n    <boot dev='hd'/>\n    <boot dev='network'/>\n  ",
        devices: bootDisk('/a.qcow2', 'vda', 1),
      };
      const text = domainXml(parts);
      const [finding, ...rest] = byRule(lint(parts), 'boot-order-conflict');
      assert.equal(rest.length, 0);
      assert.match(finding!.message, /per-device boot elements cannot be used together with os\/boot elements/);
      assert.equal(
        finding!.range.start.line,
        text.split('\n').findIndex((l) => l.includes('<boot order')),
      );
      assert.equal(finding!.related!.length, 2);
      const fixed = applyFix(text, fixesOf(finding)[0]!);
      assert.doesNotMatch(fixed, /boot dev/);
      assert.match(fixed, /<os><type arch='x86_64' machine='pc'>hvm<\/type>\n {2}<\/os>/);
      assert.deepEqual(byRule(lintTexts({ 'a.xml': fixed }), 'boot-order-conflict'), []);
    });

    it('reports one boot order on two devices, on the second', () => {
      const devices = bootDisk('/a.qcow2', 'vda', 1) + '\n' + bootDisk('/b.qcow2', 'vdb', 1);
      const [finding, ...rest] = byRule(lint({ devices }), 'boot-order-conflict');
      assert.equal(rest.length, 0);
      assert.match(finding!.message, /boot order '1' used for more than one device/);
      assert.equal(finding!.range.start.line, finding!.related![0]!.range.start.line + 1);
    });

    it('accepts either way alone, and distinct orders', () => {
      assert.deepEqual(byRule(lint({ os: "<boot dev='hd'/>" }), 'boot-order-conflict'), []);
      const devices = bootDisk('/a.qcow2', 'vda', 1) + '\n' + bootDisk('/b.qcow2', 'vdb', 2);
      assert.deepEqual(byRule(lint({ devices }), 'boot-order-conflict'), []);
    });
  });

  describe('ide-on-q35', () => {
    it('reports an IDE disk on q35 and pc-q35-*, explicit or inferred from hdX, and moves it to sata', () => {
      const devices =
        disk('/c.iso', { device: 'cdrom', target: 'hdc', bus: 'ide' }) +
        '\n' +
        disk('/d.iso', { device: 'cdrom', target: 'hdd' });
      for (const machine of ['q35', 'pc-q35-8.2']) {
        const findings = byRule(lint({ machine, devices }), 'ide-on-q35');
        assert.equal(findings.length, 2, machine);
        assert.match(findings[0]!.message, /IDE controllers are unsupported for this QEMU binary or machine type/);
        assert.match(findings[1]!.message, /inferred from target "hdd"/);
      }
      const text = domainXml({ machine: 'q35', devices });
      const [first] = byRule(lint({ machine: 'q35', devices }), 'ide-on-q35');
      assert.equal(fixesOf(first)[0]!.title, 'Move the disk to bus sata (/dev/sdc)');
      assert.match(applyFix(text, fixesOf(first)[0]!), /<target dev='sdc' bus='sata'\/>/);
    });

    it('takes the first free sd name, and drops an IDE drive address', () => {
      const devices =
        disk('/a.qcow2', { target: 'sdc', bus: 'sata' }) +
        '\n' +
        `    <disk type='file' device='cdrom'><source file='/c.iso'/><target dev='hdc' bus='ide'/>\n      <address type='drive' controller='0' bus='1' unit='0'/>\n    </disk>`;
      const text = domainXml({ machine: 'q35', devices });
      const [finding] = byRule(lintTexts({ 'a.xml': text }), 'ide-on-q35');
      const fixed = applyFix(text, fixesOf(finding)[0]!);
      assert.match(fixed, /<target dev='sda' bus='sata'\/>\n {4}<\/disk>/);
      assert.deepEqual(byRule(lintTexts({ 'a.xml': fixed }), 'ide-on-q35'), []);
    });

    it('reports an IDE controller, not IDE on pc, nor sata on q35', () => {
      assert.equal(
        byRule(lint({ machine: 'q35', devices: "    <controller type='ide' index='0'/>" }), 'ide-on-q35').length,
        1,
      );
      assert.deepEqual(
        byRule(
          lint({ machine: 'pc-i440fx-7.2', devices: disk('/c.iso', { device: 'cdrom', target: 'hdc', bus: 'ide' }) }),
          'ide-on-q35',
        ),
        [],
      );
      assert.deepEqual(
        byRule(
          lint({
            machine: 'q35',
            devices: disk('/c.iso', { device: 'cdrom', target: 'sdc', bus: 'sata' }) + nic('52:54:c0:a8:7a:05'),
          }),
          'ide-on-q35',
        ),
        [],
      );
    });
  });

  describe('current-memory-above-memory', () => {
    it('reads units as libvirt does: KiB by default, binary and decimal, bytes, rounded up to KiB', () => {
      assert.equal(sizeInKiB('512', undefined), 512n);
      assert.equal(sizeInKiB('1', 'G'), 1048576n);
      assert.equal(sizeInKiB('1', 'gib'), 1048576n);
      assert.equal(sizeInKiB('1', 'GB'), 976563n);
      assert.equal(sizeInKiB('2', 'MB'), 1954n);
      assert.equal(sizeInKiB('1025', 'bytes'), 2n);
      assert.equal(sizeInKiB('1', 'T'), 1073741824n);
      assert.equal(sizeInKiB('1', 'TB'), 976562500n);
      assert.equal(sizeInKiB('1', 'KB'), 1n);
      assert.equal(sizeInKiB('1', 'MiBs'), undefined);
      assert.equal(sizeInKiB('-1', 'MiB'), undefined);
    });

    it('reports currentMemory above memory on the currentMemory value, and sets it to memory', () => {
      const parts = { memory: "<memory unit='GB'>1</memory>\n  <currentMemory unit='GiB'>1</currentMemory>" };
      const [finding] = byRule(lint(parts), 'current-memory-above-memory');
      assert.equal(finding!.severity, 'warning', 'libvirt accepts it (test/integration/libvirtDefine.test.ts)');
      assert.match(finding!.message, /1048576 KiB.*976563 KiB/);
      assert.equal(at(finding!), '4:29', 'on the currentMemory value');
      const fixed = applyFix(domainXml(parts), fixesOf(finding)[0]!);
      assert.match(fixed, /<currentMemory unit='GB'>1<\/currentMemory>/);
      assert.deepEqual(byRule(lintTexts({ 'a.xml': fixed }), 'current-memory-above-memory'), []);
    });

    it('adds or names the unit when only one side has it', () => {
      const noUnit = { memory: "<memory unit='MiB'>512</memory>\n  <currentMemory>1048576</currentMemory>" };
      const fixed = applyFix(domainXml(noUnit), fixesOf(byRule(lint(noUnit), 'current-memory-above-memory')[0])[0]!);
      assert.match(fixed, /<currentMemory unit='MiB'>512<\/currentMemory>/);
      const kib = { memory: "<memory>524288</memory>\n  <currentMemory unit='M'>1024</currentMemory>" };
      assert.match(
        applyFix(domainXml(kib), fixesOf(byRule(lint(kib), 'current-memory-above-memory')[0])[0]!),
        /<currentMemory unit='KiB'>524288<\/currentMemory>/,
      );
    });

    it('accepts equal sizes in other units, and a template without currentMemory', () => {
      assert.deepEqual(
        byRule(
          lint({ memory: "<memory unit='GiB'>1</memory>\n  <currentMemory unit='k'>1048576</currentMemory>" }),
          'current-memory-above-memory',
        ),
        [],
      );
      assert.deepEqual(
        byRule(
          lint({ memory: "<memory unit='GB'>2</memory>\n  <currentMemory unit='MiB'>1907</currentMemory>" }),
          'current-memory-above-memory',
        ),
        [],
      );
      assert.deepEqual(byRule(lint({}), 'current-memory-above-memory'), []);
    });
  });
});
