import assert from 'node:assert/strict';
import { parseConsoleMarkers, summarizeMarkers } from '../../../src/core/baseImage/markers.js';
import { hostnameFromName, validateHostname } from '../../../src/core/context/scaffold/hostname.js';

const GOOD_BOOT = [
  '[    2.001] virtio_net virtio0 enp1s0: renamed from eth0',
  'snooze: cd found /dev/sr0\r',
  'snooze: hostname web-1',
  'snooze: post-install started',
  'snooze: running the scripts of /run/snooze-context/distributions/debian',
  '[   28.1] random: crng init done snooze: nic enp1s0 192.168.122.2/24 gateway 192.168.122.1',
  'snooze: post-install exit 0',
].join('\n');

describe('console markers of the scaffolded scripts', () => {
  it('reads a good boot into "post-install ran, enp1s0 = 192.168.122.2/24"', () => {
    const summary = summarizeMarkers(parseConsoleMarkers(GOOD_BOOT));
    assert.equal(summary.ok, true);
    assert.equal(summary.cdDevice, '/dev/sr0');
    assert.equal(summary.hostname, 'web-1');
    assert.equal(summary.postInstall, 0);
    assert.deepEqual(summary.nics, [
      { iface: 'enp1s0', address: '192.168.122.2', prefix: 24, gateway: '192.168.122.1' },
    ]);
    assert.equal(summary.message, 'post-install ran, enp1s0 = 192.168.122.2/24');
  });

  it('says what went wrong: a failing post-install, one that never ends, a silent image', () => {
    const failed = summarizeMarkers(
      parseConsoleMarkers('snooze: cd found /dev/sr0\nsnooze: post-install started\nsnooze: post-install exit 7\n'),
    );
    assert.equal(failed.ok, false);
    assert.match(failed.message, /post-install failed with exit status 7/);
    const hung = summarizeMarkers(parseConsoleMarkers('snooze: cd found /dev/vdb\nsnooze: post-install started\n'));
    assert.equal(hung.postInstall, 'running');
    assert.match(hung.message, /did not finish/);
    const silent = summarizeMarkers(parseConsoleMarkers('Debian GNU/Linux 12 vm ttyS0\nlogin:'));
    assert.equal(silent.ok, false);
    assert.match(silent.message, /printed nothing/);
    // A marker cut by the end of the file (the VM still running) is not a marker yet.
    assert.deepEqual(parseConsoleMarkers('snooze: post-install exit 0 and more'), []);
  });

  it('reads the DHCP fallback, and the last boot of a console wins', () => {
    const text = `${GOOD_BOOT}\nsnooze: cd none\nsnooze: dhcp enp1s0 via ifupdown\nsnooze: dhcp enp1s0 failed\n`;
    const summary = summarizeMarkers(parseConsoleMarkers(text));
    assert.equal(summary.noCd, true);
    assert.equal(summary.postInstall, 'not-run');
    assert.deepEqual(summary.dhcp, { iface: 'enp1s0', via: 'ifupdown', outcome: 'failed' });
    assert.equal(summary.ok, false);
    assert.equal(summary.message, 'no context CD: DHCP on enp1s0 (ifupdown) failed');
    const up = summarizeMarkers(
      parseConsoleMarkers('snooze: cd none\nsnooze: dhcp ens2 via ifupdown\nsnooze: dhcp ens2 up\n'),
    );
    assert.equal(up.ok, true);
  });
});

describe('host names for common/hostname', () => {
  it('derives one label from a VM name, and validates', () => {
    assert.equal(hostnameFromName('Web_Server.1'), 'web-server-1');
    assert.equal(hostnameFromName(`-rf ctx é'"`), 'rf-ctx');
    assert.equal(hostnameFromName('...'), 'vm');
    assert.equal(hostnameFromName('a'.repeat(80)).length, 63);
    assert.equal(validateHostname('web-1'), undefined);
    for (const bad of ['', '-web', 'web-', 'web.example', 'we b', 'a'.repeat(64)])
      assert.ok(validateHostname(bad), bad);
  });
});
