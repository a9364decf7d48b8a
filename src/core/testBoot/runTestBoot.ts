// Runs a planned throwaway VM with libvirt (virsh create: a transient domain, gone when it powers off), follows
// its serial console, and reads the scripts' markers into a result. Stops at power-off, at the time limit or
// on cancel, and always destroys what it started. The work folder is the caller's to delete.
import { open, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseConsoleMarkers, summarizeMarkers, type BootSummary } from '../baseImage/markers.js';
import { buildContextIso } from '../tools/buildContextIso.js';
import { createCowDisk } from '../tools/createCowDisk.js';
import type { IsoTool, QemuImgTool } from '../tools/discovery.js';
import { ToolInputError } from '../tools/errors.js';
import type { TestBootPlan } from './planTestBoot.js';

export interface RunTestBootOptions {
  /** libvirt URI: qemu:///system as root, qemu:///session otherwise. */
  readonly connect: string;
  readonly virsh?: string;
  readonly timeLimitMs: number;
  readonly signal?: AbortSignal;
  /** Console text as it arrives. */
  readonly onConsole?: (text: string) => void;
  /** Progress messages ("creating overlays", "starting the VM"). */
  readonly onStep?: (message: string) => void;
  /** The configured tools (found on PATH when absent). */
  readonly qemuImg?: QemuImgTool;
  readonly isoTool?: IsoTool;
  /** Stop as soon as this returns true for the console so far (default: only at power-off). */
  readonly doneWhen?: (console: string) => boolean;
}

export interface TestBootResult {
  readonly summary: BootSummary;
  readonly console: string;
  readonly outcome: 'powered-off' | 'done' | 'time-limit' | 'cancelled';
  readonly seconds: number;
}

export class TestBootStartError extends Error {
  override readonly name = 'TestBootStartError';
}

const POLL_MS = 500;

export async function runTestBoot(plan: TestBootPlan, options: RunTestBootOptions): Promise<TestBootResult> {
  if (plan.problems.length > 0) throw new ToolInputError(plan.problems.join(' '));
  const started = Date.now();
  const virsh = options.virsh ?? 'virsh';
  const step = options.onStep ?? (() => undefined);
  for (const overlay of plan.overlays) {
    step(`overlay over ${overlay.backing}`);
    await createCowDisk(overlay.backing, overlay.overlay, {
      baseFormat: overlay.backingFormat,
      ...(options.signal ? { signal: options.signal } : {}),
      ...(options.qemuImg ? { qemuImg: options.qemuImg } : {}),
    });
  }
  if (plan.iso) {
    step(`context ISO of ${plan.iso.contextFolder}`);
    await buildContextIso(plan.iso.contextFolder, plan.iso.output, {
      ...(options.signal ? { signal: options.signal } : {}),
      ...(options.isoTool ? { tool: options.isoTool } : {}),
    });
  }
  const domainFile = path.join(path.dirname(plan.consoleLog), 'domain.xml');
  await writeFile(domainFile, plan.domainXml);
  await writeFile(plan.consoleLog, '');
  step(`starting ${plan.name} (${options.connect})`);
  const { execa } = await import('execa'); // on first use: see runTool.ts
  const create = await execa(virsh, ['-c', options.connect, 'create', domainFile], {
    shell: false,
    reject: false,
    cancelSignal: options.signal,
  });
  if (create.exitCode !== 0)
    throw new TestBootStartError(`virsh create failed: ${(create.stderr || create.stdout).trim()}`);

  let console = '';
  let outcome: TestBootResult['outcome'] | undefined;
  const log = await open(plan.consoleLog, 'r');
  try {
    let offset = 0;
    const buffer = Buffer.alloc(64 * 1024);
    const readNew = async (): Promise<void> => {
      for (;;) {
        const { bytesRead } = await log.read(buffer, 0, buffer.length, offset);
        if (bytesRead === 0) return;
        offset += bytesRead;
        const text = buffer.subarray(0, bytesRead).toString('utf8');
        console += text;
        options.onConsole?.(text);
      }
    };
    while (outcome === undefined) {
      await readNew();
      if (options.doneWhen?.(console)) outcome = 'done';
      else if (options.signal?.aborted) outcome = 'cancelled';
      else if (Date.now() - started > options.timeLimitMs) outcome = 'time-limit';
      else if (!(await isRunning(virsh, options.connect, plan.name))) outcome = 'powered-off';
      else await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
    await readNew();
  } finally {
    await log.close();
    // A transient domain that still runs is ours to stop; one that powered off is gone already.
    if (await isRunning(virsh, options.connect, plan.name))
      await execa(virsh, ['-c', options.connect, 'destroy', plan.name], { shell: false, reject: false });
  }
  return {
    summary: summarizeMarkers(parseConsoleMarkers(console)),
    console,
    outcome,
    seconds: (Date.now() - started) / 1000,
  };
}

async function isRunning(virsh: string, connect: string, name: string): Promise<boolean> {
  const { execa } = await import('execa');
  const state = await execa(virsh, ['-c', connect, 'domstate', name], { shell: false, reject: false });
  return state.exitCode === 0 && !/shut off/.test(state.stdout);
}
