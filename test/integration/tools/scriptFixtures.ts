// Fake guests for running our boot scripts with bash: a root folder with /sys/class/net and /etc, and a bin
// folder of stand-ins (ifup, dhclient, ip...) that only log their arguments, so nothing touches this machine.
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

export interface FakeGuest {
  readonly root: string;
  readonly bin: string;
  readonly log: string;
  /** PATH with the stand-ins first. */
  readonly path: string;
}

export interface FakeGuestOptions {
  /** interface name → MAC, as /sys/class/net/NAME/address holds it. */
  readonly interfaces: Readonly<Record<string, string>>;
  readonly osRelease?: string;
  /** 'ifupdown' writes /etc/network/interfaces (Debian); 'netplan' creates /etc/netplan (Ubuntu). */
  readonly backend?: 'ifupdown' | 'netplan' | 'none';
  /** Stand-in commands: name → exit status. */
  readonly commands?: Readonly<Record<string, number>>;
}

export async function makeFakeGuest(dir: string, options: FakeGuestOptions): Promise<FakeGuest> {
  const root = path.join(dir, 'root');
  const bin = path.join(dir, 'bin');
  const log = path.join(dir, 'commands.log');
  await mkdir(path.join(root, 'etc'), { recursive: true });
  await mkdir(bin, { recursive: true });
  await writeFile(log, '');
  for (const [name, mac] of Object.entries({ lo: '00:00:00:00:00:00', ...options.interfaces })) {
    await mkdir(path.join(root, 'sys', 'class', 'net', name), { recursive: true });
    await writeFile(path.join(root, 'sys', 'class', 'net', name, 'address'), `${mac}\n`);
  }
  await writeFile(
    path.join(root, 'etc', 'os-release'),
    options.osRelease ?? 'PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\nID=debian\n',
  );
  if ((options.backend ?? 'ifupdown') === 'ifupdown') {
    await mkdir(path.join(root, 'etc', 'network'), { recursive: true });
    await writeFile(
      path.join(root, 'etc', 'network', 'interfaces'),
      'source /etc/network/interfaces.d/*\n\nauto lo\niface lo inet loopback\n',
    );
  } else if (options.backend === 'netplan') {
    await mkdir(path.join(root, 'etc', 'netplan'), { recursive: true });
  }
  // Every command a script may use to change the network is replaced, so a forgotten one cannot reach the host.
  const commands = {
    ip: 0,
    ifup: 0,
    ifdown: 0,
    dhclient: 0,
    netplan: 0,
    networkctl: 0,
    systemctl: 3,
    ...options.commands,
  };
  for (const [name, status] of Object.entries(commands)) {
    const file = path.join(bin, name);
    await writeFile(file, `#!/bin/bash\necho "${name} $*" >> '${log}'\nexit ${status}\n`);
    await chmod(file, 0o755);
  }
  return { root, bin, log, path: `${bin}:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin` };
}

export async function loggedCommands(guest: FakeGuest): Promise<string[]> {
  return (await readFile(guest.log, 'utf8')).split('\n').filter((line) => line !== '');
}
