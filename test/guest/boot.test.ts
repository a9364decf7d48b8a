import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { baseImageFiles } from '../../src/core/baseImage/prepareBaseImage.js';
import { parseConsoleMarkers, summarizeMarkers } from '../../src/core/baseImage/markers.js';
import { defaultNetwork, scaffoldContextFolder } from '../../src/core/context/scaffold/index.js';
import { buildTemplate, newUuid } from '../../src/core/template/index.js';
import {
  detectAcceleration,
  planTestBoot,
  runTestBoot,
  TestBootStartError,
  type TestBootResult,
} from '../../src/core/testBoot/index.js';
import { createCowDisk } from '../../src/core/tools/createCowDisk.js';
import { findOnPath } from '../../src/core/tools/discovery.js';
import { tempDir } from '../helpers/realImages.js';
import { checkContextualizedBoot, type ExpectedGuest } from './bootChecks.js';
import { ensureGuestRoot, makeGuestImage, publishGuestImage, type GuestImage } from './guestRoot.js';
import { ensureLibvirt, isolatedBridge, SYSTEM_URI, type LibvirtDaemons } from './libvirtDaemon.js';

// A real Debian 12 VM boots what the product generates: base-image files (installed as their README says),
// context folder (scaffolded, with a host name and an extra route), context ISO, COW disk and template, all made
// by the product's code; booted by libvirt through Test-Boot's own planner (overlays, fresh ISO, LC paths).
// Changed only where this machine forces it: direct kernel boot (the image has no boot loader), serial console
// to a file, TCG when KVM cannot run a guest, QEMU as root without relabelling. The VM's NIC sits on a bridge
// with no address and no uplink; the host sends it nothing: everything is read from the serial console.
const BRIDGE = 'snzguest0';
const LC = '/opt/cloud';
const MAC = '52:54:c0:a8:7a:0b';
const NETWORK = { ...defaultNetwork(), NAMESERVER: '192.168.122.53', SEARCH: 'lab.example' };
const EXPECTED: ExpectedGuest = {
  cdDevice: '/dev/sr0',
  iface: 'enp1s0',
  address: '192.168.122.11',
  prefix: 24,
  gateway: '192.168.122.1',
  routes: ['10.10.0.0/16 via 192.168.122.254'],
  nameserver: '192.168.122.53',
  hostname: 'guest-one',
};
const TEMPLATE_INPUT = {
  name: 'guest1',
  memoryMiB: 1024,
  vcpus: 1,
  diskFormat: 'qcow2',
  diskPath: `${LC}/guest1.qcow2`,
  isoPath: `${LC}/guest1.iso`,
  bridge: 'br-lc',
} as const;
// 40-55 s on an idle machine of this project's kind; TCG on a loaded machine is many times slower.
const BOOT_LIMIT_MS = 900_000;

describe('guest: a real VM boots what the product generates', function () {
  this.timeout(1_800_000);
  let work: string;
  let image: GuestImage;
  let daemons: LibvirtDaemons | undefined;
  let dropBridge: (() => Promise<void>) | undefined;
  let context: string;
  let lcDir: string;
  let template: string;
  let boots = 0;
  const acceleration = detectAcceleration();

  before(async function () {
    const why = await unableToBoot();
    if (why) {
      console.log(`    guest suite skipped: ${why}`);
      this.skip();
    }
    console.log(`    ${acceleration.reason}`);
    work = tempDir('guest');
    const t0 = Date.now();
    const cached = await ensureGuestRoot((line) => console.log(`    ${line}`));
    image = await makeGuestImage(cached, path.join(work, 'image'));
    await publishGuestImage(image); // for the in-host Test-Boot test
    console.log(`    guest image ready in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
    daemons = await ensureLibvirt();
    if (daemons.started.length > 0) console.log(`    started ${daemons.started.join(', ')}`);
    for (const change of daemons.changed) console.log(`    ${change}`);
    dropBridge = await isolatedBridge(BRIDGE);

    context = path.join(work, 'context', 'guest1');
    await scaffoldContextFolder(context, NETWORK, { hostname: 'guest-one' });
    fs.writeFileSync(path.join(context, 'common', 'routes'), '10.10.0.0/16 via 192.168.122.254\n');
    lcDir = path.join(work, 'lc');
    fs.mkdirSync(lcDir);
    await createCowDisk(image.baseRaw, path.join(lcDir, 'guest1.qcow2'));
    template = buildTemplate({ ...TEMPLATE_INPUT, uuid: newUuid(), mac: MAC, machine: 'q35' });
  });

  after(async () => {
    await dropBridge?.();
    await daemons?.stop();
    if (work) fs.rmSync(work, { recursive: true, force: true });
  });

  /** One boot through Test-Boot's planner and runner; the console is kept in the boot's folder. */
  async function boot(
    xml: string,
    options: { contextFolder?: string; kernel?: GuestImage; mappings?: boolean } = {},
  ): Promise<TestBootResult> {
    const n = ++boots; // boots run side by side: each keeps its own number
    const dir = path.join(work, `boot-${n}`);
    fs.mkdirSync(dir);
    const kernel = options.kernel ?? image;
    const plan = planTestBoot({
      templateXml: xml,
      workDir: dir,
      suffix: String(n),
      pathMappings: options.mappings === false ? [] : [{ from: LC, to: lcDir }],
      hostBridges: [],
      isolatedBridge: BRIDGE,
      domainType: acceleration.domainType,
      ...(options.contextFolder ? { contextFolder: options.contextFolder } : {}),
      kernelBoot: { kernel: kernel.kernel, initrd: kernel.initrd, cmdline: 'root=/dev/vda rw console=ttyS0 quiet' },
      runAs: { uid: 0, gid: 0 },
    });
    const result = await runTestBoot(plan, {
      connect: SYSTEM_URI,
      timeLimitMs: BOOT_LIMIT_MS,
      doneWhen: (c) => /^report: end/m.test(c),
    });
    console.log(`    boot ${n}: ${result.outcome} after ${result.seconds.toFixed(0)} s: ${result.summary.message}`);
    return result;
  }

  it('first boot: CD on sata mounted, post-install ran, the IP of the MAC, routes, resolver and host name', async () => {
    const result = await boot(template, { contextFolder: context });
    assert.deepEqual(checkContextualizedBoot(result.console, EXPECTED), [], result.console.slice(-4000));
  });

  it('second boot of the same disk gives the same result; beside it, a pc machine: CD on ide, NIC ens2', async () => {
    // The first boot's overlay (holding what that boot wrote) is the disk of the second. The pc (i440fx) template
    // is New VM Template's for that machine (CD on ide) with its own MAC, booted from the untouched COW disk.
    const used = path.join(work, 'boot-1', 'disk-0.qcow2');
    const pcMac = '52:54:c0:a8:7a:0c';
    const pcTemplate = buildTemplate({ ...TEMPLATE_INPUT, uuid: newUuid(), mac: pcMac, machine: 'pc' });
    assert.match(pcTemplate, /<target dev="hdc" bus="ide"\/>/);
    const [second, pc] = await Promise.all([
      boot(template.replace(`${LC}/guest1.qcow2`, used), { contextFolder: context }),
      boot(pcTemplate, { contextFolder: context }),
    ]);
    assert.deepEqual(checkContextualizedBoot(second.console, EXPECTED), [], second.console.slice(-4000));
    const pcExpected = { ...EXPECTED, iface: 'ens2', address: '192.168.122.12' };
    assert.deepEqual(checkContextualizedBoot(pc.console, pcExpected), [], pc.console.slice(-4000));
  });

  it('without a CD: DHCP on the NIC through ifup and its client (no server on the isolated bridge)', async () => {
    const noCd = template.replace(/<disk type="file" device="cdrom">[\s\S]*?<\/disk>\s*/, '');
    assert.ok(!noCd.includes('cdrom'));
    const result = await boot(noCd);
    const markers = summarizeMarkers(parseConsoleMarkers(result.console));
    assert.equal(markers.noCd, true, result.console.slice(-4000));
    assert.deepEqual(
      markers.dhcp,
      { iface: 'enp1s0', via: 'ifupdown', outcome: 'failed' },
      result.console.slice(-4000),
    );
    // busybox 1.35 (Debian 12) says "broadcasting discover"; other versions "sending discover".
    assert.match(result.console, /udhcpc: (?:broadcasting|sending) discover/, 'the real DHCP client ran on the NIC');
    assert.match(result.console, /^report: hostname base-image/m, 'no CD, no new host name');
  });

  describe('test of the test: a broken product fails the checks', () => {
    it('a CD on bus virtio: libvirt refuses the template', async () => {
      const virtio = template.replace(/<target dev="sda" bus="sata"\/>/, '<target dev="vdb" bus="virtio"/>');
      assert.notEqual(virtio, template);
      await assert.rejects(
        boot(virtio, { contextFolder: context }),
        (error: unknown) => error instanceof TestBootStartError && /ejectable media/.test(error.message),
      );
    });

    it('each broken piece is caught: unit, contextualization script, ISO layout, network script, context', async () => {
      // Five broken products, booted side by side (each VM on one vCPU; TCG shares the host's cores).
      const brokenImage = async (name: string, file: string, from: string, to: string) => {
        const files = baseImageFiles().map((f) => {
          if (f.relativePath !== file) return f;
          assert.ok(f.content.includes(from), `${file} has ${from}`);
          return { ...f, content: f.content.replace(from, to) };
        });
        const built = await makeGuestImage(await ensureGuestRoot(), path.join(work, `${name}-image`), files);
        await createCowDisk(built.baseRaw, path.join(lcDir, `${name}.qcow2`));
        return { xml: template.replace(`${LC}/guest1.qcow2`, `${LC}/${name}.qcow2`), image: built };
      };
      // The unit is installed but wanted by a target that never starts.
      const unit = await brokenImage(
        'broken-unit',
        'snooze-context.service',
        'WantedBy=multi-user.target',
        'WantedBy=no-such.target',
      );
      // The contextualization script looks where Snooze's first script looked, not at /dev/sr0.
      const script = await brokenImage(
        'broken-script',
        'snooze-context',
        '/dev/hdb /dev/sdb /dev/vdb /dev/xvdb /dev/sr0}',
        '/dev/hdb /dev/sdb /dev/vdb /dev/xvdb}',
      );

      const nested = path.join(work, 'context', 'nested');
      fs.mkdirSync(nested, { recursive: true });
      fs.cpSync(context, path.join(nested, 'guest1'), { recursive: true }); // post-install one level down on the CD

      // The network script takes the MAC's first four octets after the first instead of the last four.
      const wrongOctets = path.join(work, 'context', 'wrong-octets');
      fs.cpSync(context, wrongOctets, { recursive: true });
      const script0 = path.join(wrongOctets, 'distributions', 'debian', 'network');
      const networkScript = fs.readFileSync(script0, 'utf8');
      assert.ok(networkScript.includes(`"0x$3" "0x$4" "0x$5" "0x$6"`));
      fs.writeFileSync(script0, networkScript.replace(`"0x$3" "0x$4" "0x$5" "0x$6"`, `"0x$2" "0x$3" "0x$4" "0x$5"`));

      // The context's gateway is outside its network: the network script must fail, and say so.
      const badNetwork = path.join(work, 'context', 'bad-network');
      fs.cpSync(context, badNetwork, { recursive: true });
      fs.writeFileSync(
        path.join(badNetwork, 'common', 'network'),
        'GATEWAY="10.0.0.1"\nNETWORK="192.168.122.0"\nNETMASK="255.255.255.0"\nNAMESERVER="192.168.122.53"\n',
      );

      const [unitBoot, scriptBoot, layoutBoot, octetsBoot, networkBoot] = await Promise.all([
        boot(unit.xml, { contextFolder: context, kernel: unit.image }),
        boot(script.xml, { contextFolder: context, kernel: script.image }),
        boot(template, { contextFolder: nested }),
        boot(template, { contextFolder: wrongOctets }),
        boot(template, { contextFolder: badNetwork }),
      ]);
      const caught = (result: TestBootResult, failure: RegExp): void => {
        const failures = checkContextualizedBoot(result.console, EXPECTED);
        assert.ok(
          failures.some((f) => failure.test(f)),
          `expected a failure like ${failure}, got:\n${failures.join('\n')}\n${result.console.slice(-3000)}`,
        );
      };
      caught(unitBoot, /CD was not found/);
      assert.match(summarizeMarkers(parseConsoleMarkers(unitBoot.console)).message, /printed nothing/);
      caught(scriptBoot, /CD was not found/);
      assert.equal(summarizeMarkers(parseConsoleMarkers(scriptBoot.console)).noCd, true, 'the broken script ran');
      caught(layoutBoot, /CD was not found/);
      caught(octetsBoot, /does not hold 192\.168\.122\.11/);
      caught(networkBoot, /post-install did not exit 0/);
      caught(networkBoot, /does not hold/);
    });
  });
});

/** Why this machine cannot run the suite, or undefined. */
async function unableToBoot(): Promise<string | undefined> {
  if (process.getuid?.() !== 0)
    return 'it needs root (libvirt qemu:///system, a bridge, mkfs of a root with its owners)';
  const path = process.env['PATH'] ?? '';
  if (!(await findOnPath('qemu-system-x86_64', path))) {
    return fs.existsSync('/dev/kvm')
      ? 'qemu-system-x86_64 is missing (apt install qemu-system-x86)'
      : 'no /dev/kvm and no TCG: qemu-system-x86_64 is missing (apt install qemu-system-x86)';
  }
  for (const [tool, pkg] of [
    ['virsh', 'libvirt-clients'],
    ['libvirtd', 'libvirt-daemon-system'],
    ['mmdebstrap', 'mmdebstrap'],
    ['mkfs.ext4', 'e2fsprogs'],
  ]) {
    if (!(await findOnPath(tool!, path))) return `${tool} is missing (apt install ${pkg})`;
  }
  return undefined;
}
