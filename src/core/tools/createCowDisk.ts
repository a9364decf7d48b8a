// A copy-on-write qcow2 disk over a base image, the way Snooze VMs share one base image.
import path from 'node:path';
import { qemuImgCreateArgs, relativeBackingPath } from './args.js';
import { findQemuImg } from './discovery.js';
import type { QemuImgTool } from './discovery.js';
import { ToolFailedError, ToolInputError } from './errors.js';
import { checkOutputTarget, commitOutput, removeQuietly, temporaryPathBeside } from './outputFile.js';
import { qemuImgInfo } from './qemuImgInfo.js';
import type { ImageInfo } from './qemuImgInfo.js';
import { runTool } from './runTool.js';
import { parseQemuImgStderr } from './stderr.js';

export interface CreateCowDiskOptions {
  /** How the new image refers to its base: 'relative' (to the new image's folder) survives moving both together. */
  readonly backingPath?: 'absolute' | 'relative';
  readonly overwrite?: boolean;
  readonly signal?: AbortSignal;
  readonly qemuImg?: QemuImgTool;
  /** The base image's format; detected with qemu-img info when absent. */
  readonly baseFormat?: string;
}

export interface CreateCowDiskResult {
  readonly outputPath: string;
  /** The backing path as written into the new image. */
  readonly storedBackingPath: string;
  readonly baseFormat: string;
  /** `qemu-img info --backing-chain` of the new image: the new image first, then its base(s). */
  readonly chain: readonly ImageInfo[];
  readonly durationMs: number;
}

export async function createCowDisk(
  baseImage: string,
  outputImage: string,
  options: CreateCowDiskOptions = {},
): Promise<CreateCowDiskResult> {
  const started = Date.now();
  const base = path.resolve(baseImage);
  const output = path.resolve(outputImage);
  const overwrite = options.overwrite === true;
  if (base === output) throw new ToolInputError('The new disk cannot be its own base image.');
  // qemu-img create replaces an existing file silently: refuse here, before anything runs.
  await checkOutputTarget(output, overwrite);

  const qemuImg = options.qemuImg ?? (await findQemuImg());
  const baseFormat = options.baseFormat ?? (await qemuImgInfo(base, { qemuImg, signal: options.signal })).format;
  const storedBackingPath = options.backingPath === 'relative' ? relativeBackingPath(base, output) : base;
  // The temporary image sits in the output's folder, so a relative backing path resolves exactly as it will later.
  const temporary = temporaryPathBeside(output);
  const args = qemuImgCreateArgs(storedBackingPath, baseFormat, temporary);
  try {
    const run = await runTool('qemu-img', qemuImg.path, args, { signal: options.signal });
    if (run.exitCode !== 0) {
      const parsed = parseQemuImgStderr(run.stderr, run.exitCode, new Map([[temporary, output]]));
      throw new ToolFailedError('qemu-img', run.exitCode, parsed.errors, run.stderr, args);
    }
    await commitOutput(temporary, output, overwrite);
  } finally {
    await removeQuietly(temporary);
  }
  const { chain } = await qemuImgInfo(output, { qemuImg, backingChain: true, signal: options.signal });
  return { outputPath: output, storedBackingPath, baseFormat, chain, durationMs: Date.now() - started };
}
