import assert from 'node:assert/strict';
import { lstat, readFile, readdir, stat, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { execa } from 'execa';
import { defaultNetwork } from '../../../src/core/context/networkValues.js';
import type { ContextNetwork } from '../../../src/core/context/networkValues.js';
import {
  InvalidNetworkError,
  scaffoldContextFolder,
} from '../../../src/core/context/scaffold/scaffoldContextFolder.js';
import { OutputExistsError } from '../../../src/core/tools/errors.js';
import { HOSTILE_NAME, makeTemp, removeTemp, requireTools, sha256 } from './helpers.js';
import { loggedCommands, makeFakeGuest } from './scriptFixtures.js';
import type { FakeGuest } from './scriptFixtures.js';

const LAB: ContextNetwork = {
  ...defaultNetwork(),
  NAMESERVER: '192.168.122.1, 9.9.9.9',
  DOMAIN: 'lab.example',
  SEARCH: 'lab.example example.org',
};

async function runBash(script: string, env: Record<string, string>, guest: FakeGuest) {
  return execa('bash', [script], { shell: false, reject: false, env: { ...env, PATH: guest.path }, extendEnv: false });
}

describe('context folder scaffold and its scripts (run with bash against a fake root)', function () {
  this.timeout(60_000);
  let tmp: string;
  let context: string;

  before(async () => {
    await requireTools('bash', 'run-parts');
  });
  beforeEach(async () => {
    tmp = await makeTemp('ctx');
    context = path.join(tmp, HOSTILE_NAME);
  });
  afterEach(async () => {
    await removeTemp(tmp);
  });

  it('writes the five files, LF only, scripts 0755, values as KEY="VALUE"', async () => {
    const written = await scaffoldContextFolder(context, LAB);
    assert.deepEqual(
      written.map((f) => path.relative(context, f)),
      ['common/network', 'common/hostname', 'common/routes', 'post-install', 'distributions/debian/network'],
    );
    for (const file of written) assert.ok(!(await readFile(file, 'utf8')).includes('\r'), `${file} has CR`);
    assert.equal((await stat(path.join(context, 'post-install'))).mode & 0o777, 0o755);
    assert.equal((await stat(path.join(context, 'distributions/debian/network'))).mode & 0o777, 0o755);
    assert.equal((await stat(path.join(context, 'common/network'))).mode & 0o777, 0o644);
    const network = await readFile(path.join(context, 'common/network'), 'utf8');
    assert.match(network, /^GATEWAY="192\.168\.122\.1"$/m);
    assert.match(network, /^SEARCH="lab\.example example\.org"$/m);
    // run-parts runs only names made of letters, digits, _ and -.
    assert.deepEqual(await readdir(path.join(context, 'distributions/debian')), ['network']);
    const listed = await execa('run-parts', ['--list', path.join(context, 'distributions/debian')], { shell: false });
    assert.equal(listed.stdout.trim(), path.join(context, 'distributions/debian/network'));
    await execa('bash', ['-n', path.join(context, 'post-install')], { shell: false });
    await execa('bash', ['-n', path.join(context, 'distributions/debian/network')], { shell: false });
  });

  it('never overwrites without being asked, and rejects invalid values before writing', async () => {
    await scaffoldContextFolder(context, LAB);
    const networkFile = path.join(context, 'common/network');
    await writeFile(networkFile, 'GATEWAY="10.0.0.1"\n');
    const before = await sha256(networkFile);
    await assert.rejects(
      scaffoldContextFolder(context, LAB),
      (error: unknown) => error instanceof OutputExistsError && error.paths.length === 5,
    );
    assert.equal(await sha256(networkFile), before);
    await scaffoldContextFolder(context, LAB, { overwrite: true });
    assert.notEqual(await sha256(networkFile), before);

    const elsewhere = path.join(tmp, 'bad');
    await assert.rejects(scaffoldContextFolder(elsewhere, { ...LAB, GATEWAY: '10.0.0.1' }), (error: unknown) => {
      assert.ok(error instanceof InvalidNetworkError);
      assert.match(error.errors.GATEWAY ?? '', /outside/);
      return true;
    });
    await assert.rejects(lstat(elsewhere));
  });

  it('Debian: post-install runs the network script, which writes interfaces.d and resolv.conf from the MAC', async () => {
    await scaffoldContextFolder(context, LAB);
    await writeFile(path.join(context, 'common/routes'), '# comment\n10.10.0.0/16 via 192.168.122.254\nnot a route\n');
    const guest = await makeFakeGuest(tmp, { interfaces: { ens3: '52:54:0A:00:00:07', ens4: '52:54:C0:A8:7A:05' } });

    const run = await runBash(path.join(context, 'post-install'), { SNOOZE_ROOT: guest.root }, guest);

    assert.equal(run.exitCode, 0, run.stderr);
    const config = await readFile(path.join(guest.root, 'etc/network/interfaces.d/snooze-ens4'), 'utf8');
    assert.match(config, /^auto ens4$/m);
    assert.match(config, /^iface ens4 inet static$/m);
    assert.match(
      config,
      /^ {4}address 192\.168\.122\.5\/24$/m,
      'ens4 MAC 52:54:c0:a8:7a:05 → 192.168.122.5; ens3 is outside the network',
    );
    assert.match(config, /^ {4}gateway 192\.168\.122\.1$/m);
    assert.match(config, /^ {4}up ip route replace 10\.10\.0\.0\/16 via 192\.168\.122\.254 dev ens4$/m);
    assert.match(config, /^ {4}dns-nameservers 192\.168\.122\.1 9\.9\.9\.9$/m);
    assert.match(run.stderr, /ignoring route "not a route/);
    const resolv = await readFile(path.join(guest.root, 'etc/resolv.conf'), 'utf8');
    assert.deepEqual(
      resolv.split('\n').filter((l) => !l.startsWith('#') && l !== ''),
      ['search lab.example example.org', 'nameserver 192.168.122.1', 'nameserver 9.9.9.9'],
    );
    assert.deepEqual(await loggedCommands(guest), [], 'with SNOOZE_ROOT set, nothing is applied');
  });

  it('Ubuntu (netplan): a 0600 netplan file; a resolv.conf symlink (systemd-resolved) is left alone', async () => {
    await scaffoldContextFolder(context, LAB);
    const guest = await makeFakeGuest(tmp, {
      interfaces: { enp1s0: '52:54:c0:a8:7a:2a' },
      osRelease: 'ID=ubuntu\nID_LIKE=debian\nVERSION_ID="22.04"\n',
      backend: 'netplan',
    });
    await symlink('../run/systemd/resolve/stub-resolv.conf', path.join(guest.root, 'etc/resolv.conf'));

    const run = await runBash(path.join(context, 'post-install'), { SNOOZE_ROOT: guest.root }, guest);

    assert.equal(run.exitCode, 0, run.stderr);
    const file = path.join(guest.root, 'etc/netplan/60-snooze-enp1s0.yaml');
    assert.equal((await stat(file)).mode & 0o777, 0o600);
    const yaml = await readFile(file, 'utf8');
    assert.match(yaml, /macaddress: "52:54:c0:a8:7a:2a"/);
    assert.match(yaml, /addresses: \[192\.168\.122\.42\/24\]/);
    assert.match(yaml, /- to: default\n\s+via: 192\.168\.122\.1/);
    assert.match(yaml, /addresses: \[192\.168\.122\.1, 9\.9\.9\.9\]/);
    assert.match(yaml, /search: \[lab\.example, example\.org\]/);
    assert.ok((await lstat(path.join(guest.root, 'etc/resolv.conf'))).isSymbolicLink());
  });

  it('applies the configuration when asked (SNOOZE_APPLY=yes): ifup the chosen interface', async () => {
    await scaffoldContextFolder(context, LAB);
    const guest = await makeFakeGuest(tmp, { interfaces: { eth0: '52:54:c0:a8:7a:0b' } });
    const run = await runBash(
      path.join(context, 'distributions/debian/network'),
      { SNOOZE_ROOT: guest.root, SNOOZE_APPLY: 'yes' },
      guest,
    );
    assert.equal(run.exitCode, 0, run.stderr);
    assert.deepEqual(await loggedCommands(guest), ['ifdown --force eth0', 'ifup eth0']);
    assert.match(run.stdout, /eth0 is up with 192\.168\.122\.11\/24/);
  });

  it('without ifupdown or netplan, configures with ip(8) directly', async () => {
    await scaffoldContextFolder(context, LAB);
    const guest = await makeFakeGuest(tmp, { interfaces: { eth0: '52:54:c0:a8:7a:0b' }, backend: 'none' });
    const run = await runBash(
      path.join(context, 'distributions/debian/network'),
      { SNOOZE_ROOT: guest.root, SNOOZE_APPLY: 'yes' },
      guest,
    );
    assert.equal(run.exitCode, 0, run.stderr);
    assert.deepEqual(await loggedCommands(guest), [
      'ip link set dev eth0 up',
      'ip address replace 192.168.122.11/24 broadcast 192.168.122.255 dev eth0',
      'ip route replace default via 192.168.122.1 dev eth0',
    ]);
  });

  it('fails clearly when no interface MAC maps into the network, and when no distribution folder fits', async () => {
    await scaffoldContextFolder(context, LAB);
    const guest = await makeFakeGuest(tmp, { interfaces: { eth0: '52:54:00:12:34:56' }, osRelease: 'ID=fedora\n' });
    const network = await runBash(
      path.join(context, 'distributions/debian/network'),
      { SNOOZE_ROOT: guest.root },
      guest,
    );
    assert.equal(network.exitCode, 1);
    assert.match(
      network.stderr,
      /no interface has a MAC whose last four octets are an address in 192\.168\.122\.0\/24/,
    );
    const post = await runBash(path.join(context, 'post-install'), { SNOOZE_ROOT: guest.root }, guest);
    assert.equal(post.exitCode, 1);
    assert.match(post.stderr, /no distributions\/ folder for: fedora/);
  });
});
