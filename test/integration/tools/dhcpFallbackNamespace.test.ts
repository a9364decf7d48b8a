import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { baseImageFiles } from '../../../src/core/baseImage/prepareBaseImage.js';
import { tempDir } from '../../helpers/realImages.js';

// snooze-context without a CD, on a real network stack: in a network and mount namespace of its own (the
// machine's network and files are never touched), an image set up as the base-image README says (an
// /etc/network/interfaces with lo only), the real ifup with the real DHCP client of ifupdown (udhcpc), and a
// real DHCP server (busybox udhcpd) on the other end of the veth pair. The fallback must end with eth0 holding
// the leased address.
describe('snooze-context without a CD: DHCP through the real ifup (own network namespace)', function () {
  this.timeout(60_000);
  let dir: string;
  before(function () {
    const probe = spawnSync('unshare', ['--net', '--mount', 'true']);
    if (probe.status !== 0)
      throw new Error(
        `cannot create a network namespace here: ${probe.stderr?.toString().trim() || probe.error?.message}`,
      );
    for (const tool of ['/usr/sbin/ifup', '/usr/sbin/udhcpc', '/usr/bin/busybox']) {
      if (!fs.existsSync(tool)) throw new Error(`${tool} is missing (Debian: apt install ifupdown udhcpc busybox)`);
    }
    dir = tempDir('dhcp');
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('writes an ifupdown stanza for the NIC, and ifup gets a lease', () => {
    const script = path.join(dir, 'snooze-context');
    fs.writeFileSync(script, baseImageFiles().find((f) => f.relativePath === 'snooze-context')!.content, {
      mode: 0o755,
    });
    const etcNetwork = path.join(dir, 'etc-network');
    for (const hook of ['if-pre-up.d', 'if-up.d', 'if-down.d', 'if-post-down.d', 'interfaces.d'])
      fs.mkdirSync(path.join(etcNetwork, hook), { recursive: true });
    fs.writeFileSync(
      path.join(etcNetwork, 'interfaces'),
      'source /etc/network/interfaces.d/*\n\nauto lo\niface lo inet loopback\n',
    );
    const resolv = path.join(dir, 'resolv.conf');
    fs.writeFileSync(resolv, '');
    fs.writeFileSync(
      path.join(dir, 'udhcpd.conf'),
      [
        'start 10.99.0.50',
        'end 10.99.0.60',
        'interface peer0',
        `lease_file ${path.join(dir, 'leases')}`,
        `pidfile ${path.join(dir, 'udhcpd.pid')}`,
        'opt subnet 255.255.255.0',
        'opt router 10.99.0.1',
        'opt dns 10.99.0.1',
        '',
      ].join('\n'),
    );
    fs.writeFileSync(path.join(dir, 'leases'), '');
    const inside = [
      'set -e',
      'mount -t sysfs sysfs /sys',
      'mount -t tmpfs tmpfs /run', // ifupdown's state and udhcpc's pid file, private to this namespace
      `mount --bind "$1/etc-network" /etc/network`,
      `mount --bind "$1/resolv.conf" /etc/resolv.conf`,
      'ip link set lo up',
      'ip link add eth0 type veth peer name peer0',
      'ip link set eth0 address 52:54:c0:a8:7a:05',
      'ip address add 10.99.0.1/24 dev peer0',
      'ip link set peer0 up',
      `busybox udhcpd -f "$1/udhcpd.conf" & server=$!`,
      `status=0; SNOOZE_CD_DEVICES= SNOOZE_CD_WAIT=0 SNOOZE_MOUNT_POINT="$1/mnt" bash "$1/snooze-context" || status=$?`,
      'kill $server',
      'echo "== status $status"',
      'echo "== addr"; ip -4 -o address show dev eth0',
    ].join('\n');
    const run = spawnSync(
      'unshare',
      ['--net', '--mount', '--propagation', 'private', 'bash', '-c', inside, 'netns', dir],
      { encoding: 'utf8', timeout: 50_000 },
    );
    const output = `${run.stdout}\n${run.stderr}`;
    assert.equal(run.status, 0, output);
    assert.match(run.stdout, /^== status 0$/m, output);
    assert.match(run.stdout, /^snooze: dhcp eth0 via ifupdown$/m, output);
    assert.match(run.stdout, /^snooze: dhcp eth0 up$/m, output);
    assert.match(run.stdout.split('== addr')[1] ?? '', /inet 10\.99\.0\.(5\d|60)\/24 /, output);
    assert.match(
      fs.readFileSync(path.join(etcNetwork, 'interfaces.d', 'snooze-dhcp-eth0'), 'utf8'),
      /^iface eth0 inet dhcp$/m,
    );
  });
});
