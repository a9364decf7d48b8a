// `qemu-img info --output=json` as typed data.
import path from 'node:path';
import { qemuImgInfoArgs } from './args.js';
import { findQemuImg } from './discovery.js';
import type { QemuImgTool } from './discovery.js';
import { ToolFailedError } from './errors.js';
import { runTool } from './runTool.js';
import { parseQemuImgStderr } from './stderr.js';

export interface ImageInfo {
  readonly filename: string;
  readonly format: string;
  readonly virtualSizeBytes: number;
  readonly actualSizeBytes?: number;
  /** The backing path exactly as stored in the image (may be relative to the image's folder). */
  readonly backingFilename?: string;
  /** The backing path as QEMU resolves it. */
  readonly fullBackingFilename?: string;
  readonly backingFormat?: string;
}

export interface ImageInfoResult extends ImageInfo {
  /** The image first, then each backing file; just the image without `backingChain`. */
  readonly chain: readonly ImageInfo[];
}

export interface QemuImgInfoOptions {
  readonly backingChain?: boolean;
  readonly signal?: AbortSignal;
  readonly qemuImg?: QemuImgTool;
}

function toImageInfo(raw: unknown): ImageInfo {
  const o = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const text = (key: string): string | undefined => (typeof o[key] === 'string' ? (o[key] as string) : undefined);
  const num = (key: string): number | undefined => (typeof o[key] === 'number' ? (o[key] as number) : undefined);
  const filename = text('filename');
  const format = text('format');
  const virtualSizeBytes = num('virtual-size');
  if (filename === undefined || format === undefined || virtualSizeBytes === undefined) {
    throw new Error('qemu-img info returned JSON without filename, format or virtual-size.');
  }
  const optional = {
    actualSizeBytes: num('actual-size'),
    backingFilename: text('backing-filename'),
    fullBackingFilename: text('full-backing-filename'),
    backingFormat: text('backing-filename-format'),
  };
  return {
    filename,
    format,
    virtualSizeBytes,
    ...Object.fromEntries(Object.entries(optional).filter(([, v]) => v !== undefined)),
  };
}

/** One object without --backing-chain, an array with it: both come back as a list, image first. */
export function parseQemuImgInfoJson(json: string): ImageInfo[] {
  const parsed: unknown = JSON.parse(json);
  return (Array.isArray(parsed) ? parsed : [parsed]).map(toImageInfo);
}

export async function qemuImgInfo(image: string, options: QemuImgInfoOptions = {}): Promise<ImageInfoResult> {
  const qemuImg = options.qemuImg ?? (await findQemuImg());
  const args = qemuImgInfoArgs(path.resolve(image), options.backingChain === true);
  const run = await runTool('qemu-img', qemuImg.path, args, { signal: options.signal });
  if (run.exitCode !== 0)
    throw new ToolFailedError(
      'qemu-img',
      run.exitCode,
      parseQemuImgStderr(run.stderr, run.exitCode).errors,
      run.stderr,
      args,
    );
  const chain = parseQemuImgInfoJson(run.stdout);
  return { ...chain[0]!, chain };
}
