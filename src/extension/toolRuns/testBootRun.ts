// One Test-Boot as both the command and the task run it: checks the machine, plans the throwaway VM from the
// template (core/testBoot), runs it, and deletes everything it made. Reports through callbacks, so the command
// can show a terminal and the task its own.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { findIsoTool, findOnPath, findQemuImg } from '../../core/tools/index.js';
import { detectAcceleration, planTestBoot, runTestBoot, type TestBootResult } from '../../core/testBoot/index.js';
import type { Snooze } from '../snooze.js';

export interface TestBootRunOptions {
  /** Seconds before the VM is stopped (default 600). */
  readonly timeLimitSeconds?: number;
  /** Direct kernel boot, for an image without a boot loader. */
  readonly kernel?: string;
  readonly initrd?: string;
  readonly cmdline?: string;
  /** A bridge of this machine to put a NIC on when the template's bridge is missing (default: isolated UDP link). */
  readonly isolatedBridge?: string;
  readonly signal?: AbortSignal;
  readonly onText?: (text: string) => void;
}

export interface TestBootRunResult extends TestBootResult {
  readonly notes: readonly string[];
}

class TestBootUnavailableError extends Error {
  override readonly name = 'TestBootUnavailableError';
}

/** The Debian package that brings each program Test-Boot runs. */
const NEEDED: readonly (readonly [string, string])[] = [
  ['virsh', 'libvirt-clients'],
  ['qemu-system-x86_64', 'qemu-system-x86'],
];

async function checkMachine(root: boolean): Promise<void> {
  const searchPath = process.env['PATH'] ?? '';
  const missing: string[] = [];
  for (const [program, pkg] of NEEDED)
    if (!(await findOnPath(program, searchPath))) missing.push(`${program} (${pkg})`);
  // qemu:///system needs the daemon; qemu:///session starts its own from the same package.
  if (
    !(await findOnPath('libvirtd', `${searchPath}:/usr/sbin`)) &&
    !(await findOnPath('virtqemud', `${searchPath}:/usr/sbin`))
  )
    missing.push('libvirtd (libvirt-daemon-system)');
  if (missing.length > 0) {
    const packages = missing.map((m) => /\((.*)\)/.exec(m)![1]).join(' ');
    throw new TestBootUnavailableError(
      `Test-Boot needs ${missing.join(', ')}: sudo apt install ${packages}${root ? '' : ''}`,
    );
  }
}

function hostBridges(): string[] {
  try {
    return fs
      .readdirSync('/sys/class/net')
      .filter((name) => fs.existsSync(path.join('/sys/class/net', name, 'bridge')));
  } catch {
    return [];
  }
}

export async function runTestBootOf(
  snooze: Snooze,
  templateFile: string,
  options: TestBootRunOptions,
): Promise<TestBootRunResult> {
  const say = options.onText ?? (() => undefined);
  const root = process.getuid?.() === 0;
  await checkMachine(root);
  const settings = snooze.settings.forFile(templateFile);
  // Its context folder is found through the linter's link (the VM model): a template the file watcher has not
  // reported yet is read now, or the CD would keep the template's own ISO path.
  if (!snooze.templates.documents.has(templateFile))
    snooze.templates.adopt(templateFile, fs.readFileSync(templateFile, 'utf8'));
  const doc = snooze.templates.documents.get(templateFile);
  const contextFolder = doc && doc.kind === 'template' ? snooze.linter.contextFolderOf(doc) : undefined;
  const acceleration = detectAcceleration();
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'snooze-testboot-'));
  try {
    const plan = planTestBoot({
      templateXml: fs.readFileSync(templateFile, 'utf8'),
      workDir,
      pathMappings: settings.lint.pathMappings,
      hostBridges: hostBridges(),
      domainType: acceleration.domainType,
      suffix: path.basename(workDir).slice(-6),
      ...(contextFolder ? { contextFolder } : {}),
      ...(options.isolatedBridge ? { isolatedBridge: options.isolatedBridge } : {}),
      ...(options.kernel && options.initrd
        ? {
            kernelBoot: {
              kernel: options.kernel,
              initrd: options.initrd,
              cmdline: options.cmdline ?? 'root=/dev/vda rw console=ttyS0',
            },
          }
        : {}),
      // As root, QEMU runs as root and relabels nothing: the user's files keep their owners.
      ...(root ? { runAs: { uid: 0, gid: 0 } } : {}),
    });
    say(`${acceleration.reason}\n`);
    for (const note of plan.notes) say(`${note}\n`);
    if (plan.problems.length > 0) throw new TestBootUnavailableError(plan.problems.join(' '));
    const connect = root ? 'qemu:///system' : 'qemu:///session';
    const [qemuImg, isoTool] = await Promise.all([
      findQemuImg(settings.qemuImgPath),
      plan.iso ? findIsoTool(settings.genisoimagePath) : Promise.resolve(undefined),
    ]);
    snooze.log.info(`test-boot ${templateFile}: ${plan.name} on ${connect}, work folder ${workDir}`);
    const result = await snooze.activity.track(() =>
      runTestBoot(plan, {
        connect,
        timeLimitMs: (options.timeLimitSeconds ?? 600) * 1000,
        qemuImg,
        ...(isoTool ? { isoTool } : {}),
        ...(options.signal ? { signal: options.signal } : {}),
        onStep: (step) => say(`${step}\n`),
        onConsole: (text) => say(text),
        // post-install's exit (or the DHCP fallback's outcome) is the answer; the guest need not power off.
        doneWhen: (console) => /snooze: (post-install exit \d+|dhcp \S+ (up|failed))\s*$/m.test(console),
      }),
    );
    snooze.log.info(
      `test-boot ${templateFile}: ${result.outcome} after ${result.seconds.toFixed(0)} s: ${result.summary.message}`,
    );
    return { ...result, notes: plan.notes };
  } finally {
    fs.rmSync(workDir, { recursive: true, force: true });
  }
}
