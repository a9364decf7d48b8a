#!/usr/bin/env node
// Makes a fresh clone ready, so that `npm start` and `npm test` are the only two commands a newcomer types.
// Uses nothing but Node's own modules (it runs before `npm ci`). Each step is skipped when already done:
//   1. Debian packages: genisoimage, qemu-utils and xorriso (the tools the extension runs), libxml2-utils
//      (xmllint: the tests compare our XML parser's verdicts with libxml2's), libvirt-clients
//      (virt-xml-validate checks built templates), iproute2 and util-linux (the guest network script is run
//      in a network namespace), debianutils (run-parts), openssh-server and openssh-client (the LC checks are
//      tested against a real sshd in network namespaces), systemd ifupdown udhcpc busybox (unit verification,
//      the DHCP fallback), libvirt-daemon-system qemu-system-x86 (virsh define of the define-time rules, the
//      guest suite) mmdebstrap e2fsprogs (the guest suite), chromium,
//      ripgrep, libkrb5-dev and build-essential (the VS Code test host). Installed with apt-get when root;
//      otherwise the missing ones are named with the command to install them.
//   2. npm ci, when node_modules is missing or older than package-lock.json.
//   3. The VS Code servers used by `npm start` and the tests: 1.100 and the newest with the Node it needs
//      (scripts/setup-vscode-host.sh 1.100 latest).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const say = (message) => console.log(`bootstrap: ${message}`);
const have = (command) => spawnSync('sh', ['-c', 'command -v "$1"', 'sh', command], { stdio: 'ignore' }).status === 0;
const run = (command, args, options = {}) => {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', ...options });
  if (result.status !== 0) {
    console.error(
      `bootstrap: ${command} ${args.join(' ')} failed (${result.error?.message ?? `exit ${result.status}`})`,
    );
    process.exit(1);
  }
};

/** Debian package → how to tell it is there. */
const packages = [
  ['genisoimage', () => have('genisoimage') && have('isoinfo')],
  ['qemu-utils', () => have('qemu-img')],
  ['xorriso', () => have('xorriso')],
  ['libxml2-utils', () => have('xmllint')],
  ['libvirt-clients', () => have('virt-xml-validate')],
  ['iproute2', () => have('ip')],
  ['util-linux', () => have('unshare')],
  ['debianutils', () => have('run-parts')],
  ['openssh-server', () => fs.existsSync('/usr/sbin/sshd')],
  ['openssh-client', () => have('ssh') && have('ssh-keygen')],
  // systemd-analyze verify checks the generated unit; ifupdown + udhcpc + busybox (udhcpd): the no-CD DHCP
  // fallback against a real DHCP server in a network namespace.
  ['systemd', () => have('systemd-analyze')],
  ['ifupdown', () => have('ifup')],
  ['udhcpc', () => have('udhcpc')],
  ['busybox', () => have('busybox')],
  // libvirt + QEMU: virsh define (the define-time rules) and the guest suite's boots of a Debian root built
  // with mmdebstrap into an ext4 image (mkfs.ext4 -d).
  ['libvirt-daemon-system', () => have('libvirtd')],
  ['qemu-system-x86', () => have('qemu-system-x86_64')],
  ['mmdebstrap', () => have('mmdebstrap')],
  ['e2fsprogs', () => have('mkfs.ext4')],
  ['chromium', () => fs.existsSync('/usr/bin/chromium')],
  ['ripgrep', () => have('rg')],
  ['libkrb5-dev', () => fs.existsSync('/usr/include/gssapi/gssapi.h')],
  ['build-essential', () => have('make') && have('g++')],
];
const missing = packages.filter(([, present]) => !present()).map(([name]) => name);
if (missing.length > 0) {
  const isRoot = process.getuid?.() === 0;
  if (isRoot && have('apt-get')) {
    say(`installing ${missing.join(' ')} with apt-get`);
    run('apt-get', ['update', '-qq']);
    run('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...missing], {
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
  } else {
    say(`missing Debian packages: ${missing.join(' ')}; install them with: sudo apt-get install ${missing.join(' ')}`);
  }
}

const installed = path.join(root, 'node_modules/.package-lock.json');
const lock = path.join(root, 'package-lock.json');
if (!fs.existsSync(installed) || fs.statSync(installed).mtimeMs < fs.statSync(lock).mtimeMs) {
  say('npm ci');
  run('npm', ['ci', '--no-audit', '--no-fund']);
}

run('bash', [path.join(root, 'scripts/setup-vscode-host.sh'), '1.100', 'latest']);
