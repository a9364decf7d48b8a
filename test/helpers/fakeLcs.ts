// Fake local controllers reached over real OpenSSH, with no TCP at all: each LC is a network namespace (its
// own bridges, made with `ip link add … type bridge`) and a mount namespace (its own files, bind-mounted over
// one shared folder, so every LC sees the same paths with different contents). ssh reaches each through
// `ProxyCommand … ip netns exec NS /usr/sbin/sshd -i`, with throwaway host and client keys and a known_hosts
// file of its own, so BatchMode and StrictHostKeyChecking stay on as a user would have them.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface FakeLcSpec {
  readonly name: string;
  readonly bridges: readonly string[];
  /** Files under the shared root, as this LC sees them: relative path → content (a Buffer for binary). */
  readonly files: Readonly<Record<string, string | Buffer>>;
  /** Files made executable (relative paths among `files`). */
  readonly executables?: readonly string[];
}

const SSHD = '/usr/sbin/sshd';

function run(command: string, args: readonly string[]): { ok: boolean; output: string } {
  const r = spawnSync(command, args, { encoding: 'utf8' });
  return { ok: r.status === 0, output: `${r.stdout ?? ''}${r.stderr ?? ''}${r.error?.message ?? ''}`.trim() };
}

/** Why fake LCs cannot be made here (then the tests skip, saying so), or undefined. */
export function fakeLcsUnavailable(): string | undefined {
  if (process.getuid?.() !== 0) return 'network namespaces need root';
  for (const tool of [SSHD, '/usr/bin/ssh', '/usr/bin/ssh-keygen'])
    if (!fs.existsSync(tool)) return `${tool} is missing (apt-get install openssh-server openssh-client)`;
  for (const tool of ['ip', 'unshare'])
    if (!run('sh', ['-c', 'command -v "$1"', 'sh', tool]).ok) return `${tool} is missing (iproute2, util-linux)`;
  const probe = `snooze-probe-${process.pid}`;
  const added = run('ip', ['netns', 'add', probe]);
  if (!added.ok) return `cannot create a network namespace: ${added.output}`;
  run('ip', ['netns', 'del', probe]);
  return undefined;
}

export class FakeLcs {
  readonly dir: string;
  /** Where each LC's files appear, on that LC (and an empty folder here). */
  readonly root: string;
  readonly sshConfig: string;
  private readonly namespaces: string[] = [];

  constructor(specs: readonly FakeLcSpec[], options: { unreachable?: readonly string[] } = {}) {
    this.dir = fs.mkdtempSync(path.join(os.tmpdir(), 'snooze-lcs-'));
    this.root = path.join(this.dir, 'lcroot');
    fs.mkdirSync(this.root);
    // sshd refuses to start without its privilege separation folder (the Debian service makes it at boot).
    fs.mkdirSync('/run/sshd', { recursive: true, mode: 0o755 });
    const key = (name: string): string => {
      const file = path.join(this.dir, name);
      const made = run('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', name, '-f', file]);
      if (!made.ok) throw new Error(`ssh-keygen: ${made.output}`);
      return fs.readFileSync(`${file}.pub`, 'utf8').trim();
    };
    const hostKey = key('host_key');
    fs.writeFileSync(path.join(this.dir, 'authorized_keys'), `${key('client_key')}\n`, { mode: 0o600 });
    fs.writeFileSync(
      path.join(this.dir, 'sshd_config'),
      [
        `HostKey ${path.join(this.dir, 'host_key')}`,
        `AuthorizedKeysFile ${path.join(this.dir, 'authorized_keys')}`,
        'PermitRootLogin prohibit-password',
        'PasswordAuthentication no',
        'KbdInteractiveAuthentication no',
        'UsePAM no',
        'StrictModes no',
        'PidFile none',
        'LogLevel ERROR',
        '',
      ].join('\n'),
    );
    const hostKeyFields = hostKey.split(' ').slice(0, 2).join(' ');
    const names = [...specs.map((s) => s.name), ...(options.unreachable ?? [])];
    fs.writeFileSync(path.join(this.dir, 'known_hosts'), `${names.join(',')} ${hostKeyFields}\n`);
    // One LC: its own mount namespace with its files over the shared root, then its network namespace, then sshd on stdio.
    const proxy = path.join(this.dir, 'proxy.sh');
    fs.writeFileSync(
      proxy,
      [
        '#!/bin/sh',
        "# $1: the LC's own files, $2: the shared root, $3: its network namespace, $4: sshd_config",
        'exec unshare --mount --propagation private /bin/sh -c \'mount --bind "$1" "$2" && exec ip netns exec "$3" /usr/sbin/sshd -i -f "$4"\' sh "$@"',
        '',
      ].join('\n'),
      { mode: 0o755 },
    );
    const config: string[] = [
      'Host *',
      '  User root',
      `  IdentityFile ${path.join(this.dir, 'client_key')}`,
      '  IdentitiesOnly yes',
      `  UserKnownHostsFile ${path.join(this.dir, 'known_hosts')}`,
      '  GlobalKnownHostsFile /dev/null',
      '  StrictHostKeyChecking yes',
    ];
    for (const spec of specs) {
      const ns = `snooze-${process.pid}-${spec.name}`;
      const added = run('ip', ['netns', 'add', ns]);
      if (!added.ok) throw new Error(`ip netns add ${ns}: ${added.output}`);
      this.namespaces.push(ns);
      run('ip', ['-n', ns, 'link', 'set', 'lo', 'up']);
      for (const bridge of spec.bridges) {
        const made = run('ip', ['-n', ns, 'link', 'add', bridge, 'type', 'bridge']);
        if (!made.ok) throw new Error(`bridge ${bridge} in ${ns}: ${made.output}`);
      }
      const own = path.join(this.dir, `${spec.name}-files`);
      fs.mkdirSync(own);
      for (const [file, content] of Object.entries(spec.files)) {
        fs.mkdirSync(path.dirname(path.join(own, file)), { recursive: true });
        fs.writeFileSync(path.join(own, file), content, { mode: spec.executables?.includes(file) ? 0o755 : 0o644 });
      }
      config.push(
        `Host ${spec.name}`,
        `  ProxyCommand /bin/sh ${proxy} ${own} ${this.root} ${ns} ${path.join(this.dir, 'sshd_config')}`,
      );
    }
    // An LC that does not answer: its proxy closes the connection at once.
    for (const name of options.unreachable ?? []) config.push(`Host ${name}`, '  ProxyCommand /bin/false');
    this.sshConfig = path.join(this.dir, 'ssh_config');
    fs.writeFileSync(this.sshConfig, `${config.join('\n')}\n`);
  }

  /** The folder holding an LC's own files (what it sees at `root`): write more files there. */
  filesOf(name: string): string {
    return path.join(this.dir, `${name}-files`);
  }

  /** The path an LC sees for a file of its spec. */
  lcPath(relative: string): string {
    return path.join(this.root, relative);
  }

  dispose(): void {
    for (const ns of this.namespaces) run('ip', ['netns', 'del', ns]);
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}
