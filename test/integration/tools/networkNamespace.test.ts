import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { defaultNetwork, scaffoldContextFolder } from '../../../src/core/context/scaffold/index.js';
import { tempDir } from '../../helpers/realImages.js';

// The network script of a scaffolded context folder, run for real: in a network namespace of its own (so the
// machine's network is never touched) holding an eth0 that carries a Snooze MAC, with sysfs mounted
// for that namespace. The script's real `ip` calls must give eth0 the address the MAC encodes, the default
// route and the extra routes of common/routes. Files (resolv.conf) go to a temporary root. (eth0 is one end
// of a veth pair: the peer is never brought up, which ip accepts for addresses and on-link routes.)
describe('the Debian network script on a real network stack (own network namespace)', () => {
  let dir: string;
  before(function () {
    const probe = spawnSync('unshare', ['--net', '--mount', 'true']);
    if (probe.status !== 0) {
      // Creating namespaces needs root (CI and the developers' machines are); say so rather than pass silently.
      throw new Error(
        `cannot create a network namespace here: ${probe.stderr?.toString().trim() || probe.error?.message}`,
      );
    }
    dir = tempDir('netns');
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('gives eth0 the IP of its MAC, the default route and the extra routes, with the real ip(8)', async () => {
    const context = path.join(dir, 'context');
    await scaffoldContextFolder(context, defaultNetwork());
    fs.writeFileSync(path.join(context, 'common/routes'), '# extra\n10.10.0.0/16 via 192.168.122.254\n');
    const root = path.join(dir, 'root');
    fs.mkdirSync(path.join(root, 'etc'), { recursive: true });
    const inside = [
      'set -e',
      'mount -t sysfs sysfs /sys', // /sys/class/net now lists this namespace's interfaces
      'ip link add eth0 type veth peer name peer0', // veth: this kernel has no dummy driver; the peer stays unused
      'ip link set eth0 address 52:54:c0:a8:7a:05',
      `SNOOZE_ROOT="$1" SNOOZE_APPLY=yes SNOOZE_NETWORK_BACKEND=ip SNOOZE_SYS_CLASS_NET=/sys/class/net SNOOZE_CONTEXT_DIR="$2" bash "$2/distributions/debian/network"`,
      'echo "== addr"; ip -4 -o address show dev eth0',
      'echo "== routes"; ip -4 route show',
    ].join('\n');
    const run = spawnSync('unshare', ['--net', '--mount', 'bash', '-c', inside, 'netns', root, context], {
      encoding: 'utf8',
    });
    assert.equal(run.status, 0, `${run.stdout}\n${run.stderr}`);
    const [, addr = '', routes = ''] = run.stdout.split(/== addr|== routes/);
    assert.match(addr, /inet 192\.168\.122\.5\/24 /, run.stdout);
    assert.match(routes, /^default via 192\.168\.122\.1 dev eth0/m, run.stdout);
    assert.match(routes, /^10\.10\.0\.0\/16 via 192\.168\.122\.254 dev eth0/m, run.stdout);
    assert.match(fs.readFileSync(path.join(root, 'etc/resolv.conf'), 'utf8'), /^nameserver 192\.168\.122\.1$/m);
  });
});
