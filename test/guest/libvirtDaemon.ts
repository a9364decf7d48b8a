// libvirt for the guest suite: use the daemon that answers on qemu:///system, or start virtlogd and libvirtd
// (about 20 s the first time) and stop exactly those at the end, by PID.
import fs from 'node:fs';
import { execa } from 'execa';

export const SYSTEM_URI = 'qemu:///system';

export interface LibvirtDaemons {
  /** Stops what was started here (nothing when a daemon already answered) and undoes what was changed. */
  stop(): Promise<void>;
  readonly started: readonly string[];
  /** What was changed on the machine for the suite's time, said to the user. */
  readonly changed: readonly string[];
}

async function answers(): Promise<boolean> {
  const run = await execa('virsh', ['-c', SYSTEM_URI, 'version'], { shell: false, reject: false, timeout: 30_000 });
  return run.exitCode === 0;
}

function pidOf(pidFile: string): number | undefined {
  try {
    const pid = Number(fs.readFileSync(pidFile, 'utf8').trim());
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

async function waitFor(what: string, condition: () => Promise<boolean>, limitMs: number): Promise<void> {
  const until = Date.now() + limitMs;
  while (!(await condition())) {
    if (Date.now() > until) throw new Error(`${what} did not happen within ${limitMs / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/**
 * libvirt 9 keeps QEMU's probed capabilities only while "KVM usable" reads the same as when it probed. Where
 * /dev/kvm is root's alone (0600, no udev: these machines), the probe sees KVM but QEMU's user cannot open it, so
 * every define or create re-probes QEMU: 48 s each on an idle machine here, against 0.04 s once QEMU's user can.
 * Give /dev/kvm what Debian's udev gives it (group kvm, 0660) while the suite runs, and put back what was there.
 * The guests still run under TCG (`type='qemu'`); nothing else changes.
 */
function kvmAsDebianSetsIt(): { note?: string; restore: () => void } {
  const device = '/dev/kvm';
  const before = fs.existsSync(device) ? fs.statSync(device) : undefined;
  const kvmGroup = /^kvm:[^:]*:(\d+):/m.exec(fs.readFileSync('/etc/group', 'utf8'))?.[1];
  if (!before || kvmGroup === undefined) return { restore: () => undefined };
  const gid = Number(kvmGroup);
  if (before.gid === gid && (before.mode & 0o060) === 0o060) return { restore: () => undefined };
  fs.chownSync(device, before.uid, gid);
  fs.chmodSync(device, (before.mode & 0o7777) | 0o060);
  return {
    note: `${device} set to group kvm, mode 0660 (Debian's udev rule) so libvirt does not re-probe QEMU at every start`,
    restore: () => {
      fs.chownSync(device, before.uid, before.gid);
      fs.chmodSync(device, before.mode & 0o7777);
    },
  };
}

export async function ensureLibvirt(): Promise<LibvirtDaemons> {
  const kvm = kvmAsDebianSetsIt();
  const changed = kvm.note ? [kvm.note] : [];
  if (await answers()) return { started: [], changed, stop: async () => kvm.restore() };
  const pids: { name: string; pid: number }[] = [];
  for (const [name, pidFile] of [
    ['virtlogd', '/run/virtlogd.pid'],
    ['libvirtd', '/run/libvirtd.pid'],
  ] as const) {
    if (pidOf(pidFile) !== undefined && fs.existsSync(`/proc/${pidOf(pidFile)}`)) continue; // already running
    await execa(name, ['-d', '-p', pidFile], { shell: false });
    await waitFor(`${name} writing ${pidFile}`, async () => pidOf(pidFile) !== undefined, 30_000);
    pids.push({ name, pid: pidOf(pidFile)! });
  }
  await waitFor('libvirtd answering on qemu:///system', answers, 90_000);
  return {
    started: pids.map((p) => `${p.name} (pid ${p.pid})`),
    changed,
    stop: async () => {
      kvm.restore();
      // libvirtd first: it holds virtlogd's socket.
      for (const { pid } of [...pids].reverse()) {
        try {
          process.kill(pid, 'SIGTERM');
        } catch {
          continue; // gone already
        }
        await waitFor(`pid ${pid} exiting`, async () => !fs.existsSync(`/proc/${pid}`), 30_000).catch(() =>
          process.kill(pid, 'SIGKILL'),
        );
      }
    },
  };
}

/** A bridge with no address, no uplink and IPv6 off: the VM's tap is its only port. Deleted by the returned function. */
export async function isolatedBridge(name: string): Promise<() => Promise<void>> {
  await execa('ip', ['link', 'del', name], { shell: false, reject: false });
  await execa('ip', ['link', 'add', name, 'type', 'bridge'], { shell: false });
  fs.writeFileSync(`/proc/sys/net/ipv6/conf/${name}/disable_ipv6`, '1');
  await execa('ip', ['link', 'set', name, 'up'], { shell: false });
  return async () => {
    await execa('ip', ['link', 'del', name], { shell: false, reject: false });
  };
}
