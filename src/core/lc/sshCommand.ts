// The one way we run ssh: the system client (the user's keys, agent, ProxyJump and known hosts), an argument
// array (never a shell string), BatchMode so it never prompts, and one shared connection per LC.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface SshOptions {
  /** `ssh -F FILE`; the user's ~/.ssh/config when absent. */
  readonly configFile?: string;
  /** Seconds to wait for the TCP connection (ssh's ConnectTimeout). */
  readonly connectTimeoutSeconds?: number;
  /** Folder of the connection-sharing sockets; none (no sharing) when undefined. */
  readonly controlDir?: string;
  /** The ssh executable. */
  readonly ssh?: string;
}

const DEFAULT_CONNECT_TIMEOUT_SECONDS = 10;

// What ssh accepts as a destination without surprises: a host alias, name or address, with an optional user@.
// Refused, with a message: a leading '-' (ssh would read an option), blanks, quotes and shell metacharacters
// (a ProxyCommand with %h in the user's config would hand them to a shell).
const HOST = /^(?:[A-Za-z0-9_][A-Za-z0-9_.+-]*@)?[A-Za-z0-9_:[][A-Za-z0-9_.:%[\]-]*$/;

/** Why a host name is refused, or undefined when it may be passed to ssh. */
export function refusedHost(host: string): string | undefined {
  if (host.length === 0) return 'an empty host name';
  if (host.length > 253) return 'a host name longer than 253 characters';
  if (!HOST.test(host))
    return `"${printable(host)}" is not a host name ssh may be given (letters, digits, . _ - : [ ] % and an optional user@; no leading -)`;
  return undefined;
}

/** The name with its control characters shown as `?`, so a message stays one line. */
function printable(s: string): string {
  return [...s].map((c) => (c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f ? '?' : c)).join('');
}

/** The arguments of `ssh … HOST sh -s` for one LC; the script goes on stdin. */
export function sshArgs(host: string, options: SshOptions): string[] {
  const timeout = options.connectTimeoutSeconds ?? DEFAULT_CONNECT_TIMEOUT_SECONDS;
  const sharing = options.controlDir
    ? [
        '-o',
        'ControlMaster=auto',
        '-o',
        `ControlPath=${path.join(options.controlDir, '%C')}`,
        '-o',
        'ControlPersist=60',
      ]
    : ['-o', 'ControlMaster=no', '-o', 'ControlPath=none'];
  return [
    ...(options.configFile ? ['-F', options.configFile] : []),
    '-o',
    'BatchMode=yes',
    '-o',
    `ConnectTimeout=${timeout}`,
    '-o',
    'ServerAliveInterval=5',
    '-o',
    'ServerAliveCountMax=3',
    '-o',
    'LogLevel=ERROR',
    ...sharing,
    '-T',
    // `--`: whatever the name, ssh reads it as the destination, never as an option.
    '--',
    host,
    'sh',
    '-s',
  ];
}

/** Arguments that stop the shared connection of one LC (`ssh -O exit`). */
export function sshExitArgs(host: string, options: SshOptions): string[] {
  const args = sshArgs(host, options);
  return [...args.slice(0, args.indexOf('--')), '-O', 'exit', '--', host];
}

/**
 * A private folder for the sockets of shared connections (0700, ours), or undefined when none can be made:
 * sharing is then off, which costs a handshake per refresh, nothing else. A socket path must fit in 104 bytes
 * (sun_path; ssh adds `/%C` and a 17-character temporary suffix), so a long TMPDIR falls back to /tmp.
 */
export function controlDir(bases: readonly string[] = [os.tmpdir(), '/tmp']): string | undefined {
  const uid = typeof process.getuid === 'function' ? process.getuid() : undefined;
  for (const base of bases) {
    const dir = path.join(base, `snooze-ssh-${uid ?? os.userInfo().username}`);
    if (Buffer.byteLength(dir) + SOCKET_NAME_BYTES > MAX_SOCKET_PATH_BYTES) continue;
    try {
      fs.mkdirSync(dir, { mode: 0o700, recursive: true });
      const stat = fs.lstatSync(dir);
      // Another user's folder (or a link) must not hold our sockets.
      if (!stat.isDirectory() || (uid !== undefined && stat.uid !== uid) || (stat.mode & 0o077) !== 0) continue;
      return dir;
    } catch {
      continue;
    }
  }
  return undefined;
}

const SOCKET_NAME_BYTES = 1 + 40 + 17; // "/" + %C (a SHA-1 in hex) + ssh's ".XXXXXXXXXXXXXXXX" while it binds
const MAX_SOCKET_PATH_BYTES = 103; // sun_path is 104 bytes on BSD and macOS (108 on Linux), with its NUL
