import assert from 'node:assert/strict';
import { chmod, mkdir, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { execa } from 'execa';
import { prepareBaseImage } from '../../../src/core/baseImage/prepareBaseImage.js';
import { defaultNetwork } from '../../../src/core/context/networkValues.js';
import { scaffoldContextFolder } from '../../../src/core/context/scaffold/scaffoldContextFolder.js';
import { buildContextIso } from '../../../src/core/tools/buildContextIso.js';
import { OutputExistsError } from '../../../src/core/tools/errors.js';
import { HOSTILE_NAME, makeTemp, removeTemp, requireTools, sha256 } from './helpers.js';
import { loggedCommands, makeFakeGuest } from './scriptFixtures.js';
import type { FakeGuest } from './scriptFixtures.js';

/**
 * Mounting needs privileges and loop devices that test machines and containers do not give, so the mount
 * command is replaced (SNOOZE_MOUNT_CMD) by one that extracts the ISO with xorriso: the script still receives
 * the real CD's tree, with the exec bits Rock Ridge carried, at the mount point.
 */
async function writeFakeMount(dir: string, log: string): Promise<{ mount: string; umount: string }> {
  const mount = path.join(dir, 'fake-mount');
  const umount = path.join(dir, 'fake-umount');
  await writeFile(
    mount,
    `#!/bin/bash\n# called as: fake-mount -t iso9660 -o ro DEVICE DIR\necho "mount $*" >> '${log}'\n` +
      `[ "$1 $2 $3 $4" = "-t iso9660 -o ro" ] || exit 32\n` +
      // Like mount, refuse what carries no ISO 9660 signature ("CD001" at byte 32769).
      `[ "$(dd if="$5" bs=1 skip=32769 count=5 2>/dev/null)" = CD001 ] || exit 32\n` +
      `xorriso -osirrox on -indev "$5" -extract / "$6" >/dev/null 2>&1 || exit 32\n`,
  );
  await writeFile(umount, `#!/bin/bash\necho "umount $*" >> '${log}'\nfind "$1" -mindepth 1 -delete\n`);
  await chmod(mount, 0o755);
  await chmod(umount, 0o755);
  return { mount, umount };
}

describe('base image: prepareBaseImage and the snooze-context boot script', function () {
  this.timeout(60_000);
  let tmp: string;
  let prepared: string;
  let guest: FakeGuest;

  before(async () => {
    await requireTools('bash', 'run-parts', 'xorriso', 'genisoimage');
  });
  beforeEach(async () => {
    tmp = await makeTemp('base');
    prepared = path.join(tmp, HOSTILE_NAME);
    await prepareBaseImage(prepared);
    guest = await makeFakeGuest(tmp, { interfaces: { ens3: '52:54:c0:a8:7a:09' }, commands: { ifup: 1 } });
  });
  afterEach(async () => {
    await removeTemp(tmp);
  });

  function runContextScript(env: Record<string, string>) {
    return execa('bash', [path.join(prepared, 'snooze-context')], {
      shell: false,
      reject: false,
      extendEnv: false,
      // The real mount is never reachable: tests that need a CD pass the fake one.
      env: {
        PATH: guest.path,
        SNOOZE_ROOT: guest.root,
        SNOOZE_CD_WAIT: '0',
        SNOOZE_MOUNT_POINT: path.join(tmp, 'mnt'),
        SNOOZE_MOUNT_CMD: 'false',
        SNOOZE_UMOUNT_CMD: 'true',
        ...env,
      },
    });
  }

  it('writes the script, a systemd oneshot unit, rc.local and a README; refuses to overwrite', async () => {
    assert.deepEqual((await readdir(prepared)).sort(), [
      'README.md',
      'rc.local',
      'snooze-context',
      'snooze-context.service',
    ]);
    assert.equal((await stat(path.join(prepared, 'snooze-context'))).mode & 0o777, 0o755);
    assert.equal((await stat(path.join(prepared, 'rc.local'))).mode & 0o777, 0o755);
    const unit = await readFile(path.join(prepared, 'snooze-context.service'), 'utf8');
    assert.match(unit, /^Type=oneshot$/m);
    assert.match(unit, /^ExecStart=\/usr\/local\/sbin\/snooze-context$/m);
    assert.match(unit, /^WantedBy=multi-user\.target$/m);
    assert.match(
      await readFile(path.join(prepared, 'rc.local'), 'utf8'),
      /^\/usr\/local\/sbin\/snooze-context \|\| true$/m,
    );
    const readme = await readFile(path.join(prepared, 'README.md'), 'utf8');
    for (const step of [
      'systemctl enable snooze-context.service',
      'qemu-img create -f qcow2 -b',
      '-F qcow2',
      'genisoimage -R -J',
    ])
      assert.ok(readme.includes(step), step);
    await execa('bash', ['-n', path.join(prepared, 'snooze-context')], { shell: false });

    const before = await sha256(path.join(prepared, 'snooze-context'));
    await writeFile(path.join(prepared, 'README.md'), 'mine');
    await assert.rejects(prepareBaseImage(prepared), (error: unknown) => error instanceof OutputExistsError);
    assert.equal(await readFile(path.join(prepared, 'README.md'), 'utf8'), 'mine');
    assert.equal(await sha256(path.join(prepared, 'snooze-context')), before);
  });

  it('finds the context CD among the devices, mounts it read-only and runs its post-install', async () => {
    const context = path.join(tmp, 'context');
    await scaffoldContextFolder(context, defaultNetwork());
    const iso = path.join(tmp, 'context.iso');
    await buildContextIso(context, iso);
    const notACd = path.join(tmp, 'data-disk');
    await writeFile(notACd, 'not an ISO');
    const otherIso = path.join(tmp, 'other.iso');
    const otherTree = path.join(tmp, 'other');
    await mkdir(otherTree);
    await writeFile(path.join(otherTree, 'README'), 'an ISO without post-install');
    await buildContextIso(otherTree, otherIso);
    const { mount, umount } = await writeFakeMount(tmp, guest.log);

    const run = await runContextScript({
      SNOOZE_CD_DEVICES: `${path.join(tmp, 'no-hdb')} ${notACd} ${otherIso} ${iso}`,
      SNOOZE_MOUNT_CMD: mount,
      SNOOZE_UMOUNT_CMD: umount,
    });

    assert.equal(run.exitCode, 0, run.stderr);
    assert.match(run.stdout, new RegExp(`context CD found on ${iso.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
    const mnt = path.join(tmp, 'mnt');
    assert.deepEqual(await loggedCommands(guest), [
      `mount -t iso9660 -o ro ${notACd} ${mnt}`,
      `mount -t iso9660 -o ro ${otherIso} ${mnt}`,
      `umount ${mnt}`,
      `mount -t iso9660 -o ro ${iso} ${mnt}`,
      `umount ${mnt}`,
    ]);
    const config = await readFile(path.join(guest.root, 'etc/network/interfaces.d/snooze-ens3'), 'utf8');
    assert.match(config, /address 192\.168\.122\.9\/24/);
    assert.match(await readFile(path.join(guest.root, 'etc/resolv.conf'), 'utf8'), /^nameserver 192\.168\.122\.1$/m);
  });

  it('sets the host name from common/hostname and prints the console markers', async () => {
    const context = path.join(tmp, 'context');
    await scaffoldContextFolder(context, defaultNetwork(), { hostname: 'web-7' });
    const iso = path.join(tmp, 'context.iso');
    await buildContextIso(context, iso);
    await writeFile(path.join(guest.root, 'etc/hosts'), '127.0.0.1\tlocalhost\n127.0.1.1\tbase-image\n');
    const { mount, umount } = await writeFakeMount(tmp, guest.log);
    const run = await runContextScript({ SNOOZE_CD_DEVICES: iso, SNOOZE_MOUNT_CMD: mount, SNOOZE_UMOUNT_CMD: umount });
    assert.equal(run.exitCode, 0, run.stderr);
    assert.equal(await readFile(path.join(guest.root, 'etc/hostname'), 'utf8'), 'web-7\n');
    assert.equal(
      await readFile(path.join(guest.root, 'etc/hosts'), 'utf8'),
      '127.0.0.1\tlocalhost\n127.0.1.1\tweb-7\n',
    );
    const markers = run.stdout
      .split('\n')
      .filter((line) => line.startsWith('snooze: ') && !line.startsWith('snooze: running'));
    assert.deepEqual(markers, [
      `snooze: cd found ${iso}`,
      'snooze: hostname web-7',
      'snooze: post-install started',
      'snooze: post-install exit 0',
    ]);
  });

  it('a failing post-install makes the script fail', async () => {
    const context = path.join(tmp, 'context');
    await mkdir(context);
    await writeFile(path.join(context, 'post-install'), '#!/bin/bash\necho broken >&2\nexit 7\n', { mode: 0o755 });
    const iso = path.join(tmp, 'context.iso');
    await buildContextIso(context, iso);
    const { mount, umount } = await writeFakeMount(tmp, guest.log);
    const run = await runContextScript({ SNOOZE_CD_DEVICES: iso, SNOOZE_MOUNT_CMD: mount, SNOOZE_UMOUNT_CMD: umount });
    assert.equal(run.exitCode, 1);
    assert.match(run.stderr, /post-install failed with status 7/);
  });

  it('without a CD, falls back to DHCP on the first non-lo interface: ifup, then dhclient', async () => {
    const run = await runContextScript({ SNOOZE_CD_DEVICES: path.join(tmp, 'no-sr0'), SNOOZE_APPLY: 'yes' });
    assert.equal(run.exitCode, 0, run.stderr);
    assert.match(run.stdout, /no context CD; bringing ens3 up with DHCP/);
    assert.deepEqual(await loggedCommands(guest), ['ifup ens3', 'ip link set dev ens3 up', 'dhclient ens3']);
    // The image's interfaces file holds only lo: without a stanza, ifup answers "unknown interface".
    assert.equal(
      await readFile(path.join(guest.root, 'etc/network/interfaces.d/snooze-dhcp-ens3'), 'utf8'),
      '# Written at boot by snooze-context: no context CD, so DHCP.\nauto ens3\niface ens3 inet dhcp\n',
    );
  });

  it('without a CD or a DHCP client, fails loudly instead of writing a networkd file nobody reads', async () => {
    await rm(path.join(guest.bin, 'dhclient'));
    // The stand-in systemctl answers 3 to is-enabled/is-active: networkd is neither, as in a Debian image.
    const run = await runContextScript({ SNOOZE_CD_DEVICES: '', SNOOZE_APPLY: 'yes' });
    assert.equal(run.exitCode, 1, run.stdout);
    assert.match(run.stderr, /no DHCP client brought ens3 up/);
    assert.match(run.stdout, /^snooze: dhcp ens3 failed$/m);
    assert.equal(existsSync(path.join(guest.root, 'run/systemd/network/10-snooze-dhcp.network')), false);
  });

  it('without a CD and with SNOOZE_ROOT, only reports what it would do', async () => {
    const run = await runContextScript({ SNOOZE_CD_DEVICES: '' });
    assert.equal(run.exitCode, 0, run.stderr);
    assert.match(run.stdout, /would bring ens3 up with DHCP/);
    assert.deepEqual(await loggedCommands(guest), []);
  });
});
