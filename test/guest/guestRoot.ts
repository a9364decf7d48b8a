// The guest of the guest suite: a minimal Debian 12 root (kernel, systemd, udev, iproute2, ifupdown and
// ifupdown's DHCP client udhcpc) built once with mmdebstrap from this machine's own apt sources and cached
// outside the work tree as a folder; each run copies it, installs the product's base-image files as their README
// says, and makes an ext4 image of it with mkfs.ext4 -d (no loop mount, no boot loader: direct kernel boot).
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import { baseImageFiles } from '../../src/core/baseImage/prepareBaseImage.js';
import type { GeneratedFile } from '../../src/core/context/scaffold/writeFileSet.js';

export const GUEST_SUITE = 'bookworm';
export const GUEST_PACKAGES = [
  'linux-image-amd64',
  'initramfs-tools',
  'systemd-sysv',
  'udev',
  'iproute2',
  'ifupdown',
  'udhcpc',
];

/** Where the root folder is kept: $SNOOZE_GUEST_CACHE, else /var/cache/snooze-guest (root) or $XDG_CACHE_HOME. */
export function guestCacheDir(): string {
  if (process.env['SNOOZE_GUEST_CACHE']) return process.env['SNOOZE_GUEST_CACHE'];
  if (process.getuid?.() === 0) return '/var/cache/snooze-guest';
  return path.join(process.env['XDG_CACHE_HOME'] ?? path.join(os.homedir(), '.cache'), 'snooze-guest');
}

// What the image holds besides the packages: an interfaces file with lo only (as the base-image README asks),
// a host name the test can tell from the context's, no apt sources (the mirror is this machine's business).
const CUSTOMIZE = [
  'printf "source /etc/network/interfaces.d/*\\n\\nauto lo\\niface lo inet loopback\\n" > "$1/etc/network/interfaces"',
  'echo base-image > "$1/etc/hostname"',
  'printf "127.0.0.1\\tlocalhost\\n127.0.1.1\\tbase-image\\n" > "$1/etc/hosts"',
  'rm -f "$1/etc/apt/sources.list" "$1"/etc/apt/sources.list.d/*',
];

/** The cached root folder, built when missing (~80 s). */
export async function ensureGuestRoot(log: (line: string) => void = () => undefined): Promise<string> {
  const key = createHash('sha256')
    .update(JSON.stringify([GUEST_SUITE, GUEST_PACKAGES, CUSTOMIZE]))
    .digest('hex')
    .slice(0, 12);
  const dir = guestCacheDir();
  const cached = path.join(dir, `${GUEST_SUITE}-${key}`);
  if (fs.existsSync(cached)) return cached;
  fs.mkdirSync(dir, { recursive: true });
  // This machine's apt sources, read now: no mirror's name is written in the repository.
  const targets = await execa(
    'apt-get',
    ['indextargets', '--format', '$(REPO_URI) $(RELEASE)', 'Identifier: Packages'],
    { shell: false },
  );
  const repos = [...new Set(targets.stdout.split('\n').filter((l) => l.trim() !== ''))].filter((l) =>
    l.split(' ')[1]?.startsWith(GUEST_SUITE),
  );
  if (repos.length === 0)
    throw new Error(`no apt source of this machine serves ${GUEST_SUITE} (apt-get indextargets lists none)`);
  const mirrors = repos.map((l) => `deb ${l} main`);
  log(`building the guest root with mmdebstrap from ${repos.length} apt source(s) of this machine into ${cached}`);
  const partial = `${cached}.partial`;
  fs.rmSync(partial, { recursive: true, force: true });
  await execa(
    'mmdebstrap',
    [
      '--variant=minbase',
      `--include=${GUEST_PACKAGES.join(',')}`,
      ...CUSTOMIZE.map((h) => `--customize-hook=${h}`),
      GUEST_SUITE,
      partial,
      ...mirrors,
    ],
    { shell: false, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  fs.renameSync(partial, cached);
  return cached;
}

export interface GuestImage {
  /** ext4 image of the root (raw), the backing file of the VM's copy-on-write disk. */
  readonly baseRaw: string;
  readonly kernel: string;
  readonly initrd: string;
}

/** Where each base-image file goes, as the base-image README tells the operator (install + systemctl enable). */
const INSTALLED_AT: Record<string, string> = {
  'snooze-context': 'usr/local/sbin/snooze-context',
  'snooze-context.service': 'etc/systemd/system/snooze-context.service',
};

// Test equipment, not product: after the boot it prints what the guest got on the serial console, and powers
// off, so the host never has to talk to the guest.
const REPORT_SCRIPT = `#!/bin/sh
{
  echo "report: begin"
  ip -4 -o address show | sed 's/^/report: addr /'
  ip -4 route show | sed 's/^/report: route /'
  sed 's/^/report: resolv /' /etc/resolv.conf
  echo "report: hostname $(hostname)"
  echo "report: end"
} > /dev/ttyS0 2>&1
systemctl poweroff --no-block
`;
const REPORT_UNIT = `[Unit]
Description=guest suite: report the network state on ttyS0, then power off
After=snooze-context.service networking.service network.target
[Service]
Type=oneshot
ExecStart=/usr/local/sbin/guest-report
[Install]
WantedBy=multi-user.target
`;

/**
 * Copies the cached root into `dir`, installs the base-image files (`files`: the product's, or a broken variant for the
 * test of the test) and the reporter, and makes `dir`/base.raw. Needs root (ownerships, mkfs -d).
 */
export async function makeGuestImage(
  cachedRoot: string,
  dir: string,
  files: readonly GeneratedFile[] = baseImageFiles(),
): Promise<GuestImage> {
  const root = path.join(dir, 'root');
  fs.mkdirSync(dir, { recursive: true });
  await execa('cp', ['-a', cachedRoot, root], { shell: false });
  for (const file of files) {
    const target = INSTALLED_AT[file.relativePath];
    if (!target) continue;
    fs.mkdirSync(path.dirname(path.join(root, target)), { recursive: true });
    fs.writeFileSync(path.join(root, target), file.content);
    fs.chmodSync(path.join(root, target), file.mode);
  }
  fs.writeFileSync(path.join(root, 'usr/local/sbin/guest-report'), REPORT_SCRIPT, { mode: 0o755 });
  fs.writeFileSync(path.join(root, 'etc/systemd/system/guest-report.service'), REPORT_UNIT);
  // systemctl enable, applied to the image's root (what the README's "systemctl enable" does inside the VM).
  await execa('systemctl', ['--root', root, 'enable', 'snooze-context.service', 'guest-report.service'], {
    shell: false,
    reject: false,
  });
  const boot = path.join(root, 'boot');
  const kernel = fs.readdirSync(boot).find((f) => f.startsWith('vmlinuz-'));
  const initrd = fs.readdirSync(boot).find((f) => f.startsWith('initrd.img-'));
  if (!kernel || !initrd) throw new Error(`no kernel or initrd in ${boot}`);
  fs.copyFileSync(path.join(boot, kernel), path.join(dir, 'vmlinuz'));
  fs.copyFileSync(path.join(boot, initrd), path.join(dir, 'initrd.img'));
  const baseRaw = path.join(dir, 'base.raw');
  await execa('mkfs.ext4', ['-q', '-F', '-d', root, baseRaw, '2G'], { shell: false });
  fs.rmSync(root, { recursive: true, force: true });
  return { baseRaw, kernel: path.join(dir, 'vmlinuz'), initrd: path.join(dir, 'initrd.img') };
}

/** Where the suite leaves its last guest image, for the in-host Test-Boot test (test/vscode). */
export function publishedImageDir(): string {
  return path.join(guestCacheDir(), 'image');
}

/** Copies the image (sparse) to publishedImageDir(), replacing the previous one. */
export async function publishGuestImage(image: GuestImage): Promise<void> {
  const dir = publishedImageDir();
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  for (const [from, name] of [
    [image.baseRaw, 'base.raw'],
    [image.kernel, 'vmlinuz'],
    [image.initrd, 'initrd.img'],
  ] as const) {
    await execa('cp', ['--sparse=always', from, path.join(dir, name)], { shell: false });
  }
}
