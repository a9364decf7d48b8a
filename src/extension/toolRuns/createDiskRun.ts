// One copy-on-write disk creation as both the command and the task run it, logged like every tool run.
import fs from 'node:fs';
import path from 'node:path';
import { qemuImgCreateArgs, relativeBackingPath } from '../../core/tools/args.js';
import { createCowDisk, findQemuImg, type CreateCowDiskResult } from '../../core/tools/index.js';
import type { ImageInfo } from '../../core/tools/qemuImgInfo.js';
import type { Snooze } from '../snooze.js';
import { formatBytes } from '../../core/text/formatBytes.js';
import { logToolFailure } from './toolLog.js';

export type BackingPathStyle = 'absolute' | 'relative';

export interface DiskRunOptions {
  readonly backingPath: BackingPathStyle;
  readonly overwrite: boolean;
  readonly signal?: AbortSignal;
}

export async function runCreateDisk(
  snooze: Snooze,
  base: string,
  output: string,
  options: DiskRunOptions,
): Promise<CreateCowDiskResult> {
  const started = Date.now();
  // Where the templates look may be a mapped LC folder that has no file yet.
  fs.mkdirSync(path.dirname(output), { recursive: true });
  let commandLine: string[] = ['qemu-img', 'create', base, output];
  try {
    const qemuImg = await findQemuImg(snooze.settings.forFile(output).qemuImgPath);
    const stored = options.backingPath === 'relative' ? relativeBackingPath(base, output) : base;
    // The format after -F is detected by createCowDisk (qemu-img info); the log names it once known.
    commandLine = [qemuImg.path, ...qemuImgCreateArgs(stored, 'raw', output)];
    const result = await snooze.activity.track(() => createCowDisk(base, output, { ...options, qemuImg }));
    commandLine = [qemuImg.path, ...qemuImgCreateArgs(result.storedBackingPath, result.baseFormat, output)];
    snooze.log.info(`ran ${JSON.stringify(commandLine)} in ${result.durationMs} ms: ok`);
    snooze.log.info(`backing chain of ${output}:\n${describeChain(result.chain)}`);
    return result;
  } catch (error) {
    logToolFailure(snooze, commandLine, Date.now() - started, error);
    throw error;
  }
}

/** `qemu-img info --backing-chain`, one image per line, indented by depth. */
export function describeChain(chain: readonly ImageInfo[]): string {
  return chain
    .map(
      (image, depth) =>
        `${'  '.repeat(depth)}${depth === 0 ? '' : '└─ '}${image.filename} (${image.format}, ${formatBytes(image.virtualSizeBytes)} virtual)` +
        (image.backingFilename ? ` → backing "${image.backingFilename}"` : ''),
    )
    .join('\n');
}
