import fs from 'node:fs';
import path from 'node:path';

/** What a file is, read from its first bytes: never the whole file, so a 20 GB image costs one small read. */
export type ImageKind = 'iso' | 'qcow2' | 'raw' | 'directory' | 'missing' | 'unreadable';

export interface ImageFacts {
  readonly path: string;
  readonly kind: ImageKind;
  readonly sizeBytes?: number;
  readonly mtimeMs?: number;
  /** For qcow2: the backing file name as stored in the header (relative names resolve against the image's folder). */
  readonly backingFile?: string;
  /** For qcow2: the backing file resolved as qemu resolves it. */
  readonly backingPath?: string;
  /** Why the file could not be read, for messages. */
  readonly error?: string;
}

const ISO_SIGNATURE_OFFSET = 32769; // sector 16 (the primary volume descriptor) + 1
const QCOW2_MAGIC = 0x514649fb; // 'QFI\xfb'
const MAX_BACKING_NAME = 1023; // qemu's own limit

/** Reads the header of one file; errors become facts, never exceptions. */
export function probeImage(filePath: string): ImageFacts {
  let stat: fs.Stats | undefined;
  try {
    // throwIfNoEntry: a missing file is an answer, not an error (and building 10,000 stack traces is slow).
    stat = fs.statSync(filePath, { throwIfNoEntry: false });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code === 'ENOTDIR'
      ? { path: filePath, kind: 'missing' }
      : { path: filePath, kind: 'unreadable', error: describeError(error) };
  }
  if (!stat) return { path: filePath, kind: 'missing' };
  if (stat.isDirectory()) return { path: filePath, kind: 'directory', mtimeMs: stat.mtimeMs };
  const base = { path: filePath, sizeBytes: stat.size, mtimeMs: stat.mtimeMs };
  let fd: number;
  try {
    fd = fs.openSync(filePath, 'r');
  } catch (error) {
    return { ...base, kind: 'unreadable', error: describeError(error) };
  }
  try {
    const header = readAt(fd, 0, 32);
    if (header.length >= 32 && header.readUInt32BE(0) === QCOW2_MAGIC) {
      const backingFile = readQcow2BackingName(fd, header);
      return {
        ...base,
        kind: 'qcow2',
        ...(backingFile === undefined
          ? {}
          : { backingFile, backingPath: path.resolve(path.dirname(filePath), backingFile) }),
      };
    }
    const signature = readAt(fd, ISO_SIGNATURE_OFFSET, 5).toString('latin1');
    return { ...base, kind: signature === 'CD001' ? 'iso' : 'raw' };
  } catch (error) {
    return { ...base, kind: 'unreadable', error: describeError(error) };
  } finally {
    fs.closeSync(fd);
  }
}

/** qcow2 header: backing_file_offset (u64 at 8) and backing_file_size (u32 at 16), both big-endian. */
function readQcow2BackingName(fd: number, header: Buffer): string | undefined {
  const offset = Number(header.readBigUInt64BE(8));
  const size = header.readUInt32BE(16);
  if (offset === 0 || size === 0 || size > MAX_BACKING_NAME) return undefined;
  return readAt(fd, offset, size).toString('utf8');
}

function readAt(fd: number, position: number, length: number): Buffer {
  const buffer = Buffer.alloc(length);
  const read = fs.readSync(fd, buffer, 0, length, position);
  return buffer.subarray(0, read);
}

function describeError(error: unknown): string {
  const e = error as NodeJS.ErrnoException;
  return e.code ? `${e.code}: ${e.message}` : String(error);
}

/** Probes each path once per lint run: templates often share a base image, an ISO or an emulator. */
export class ImageProbeCache {
  private readonly facts = new Map<string, ImageFacts>();
  private readonly existing = new Map<string, boolean>();

  /** Whether anything exists at `filePath` (an emulator binary, say), remembered like the probes. */
  exists(filePath: string): boolean {
    let exists = this.existing.get(filePath);
    if (exists === undefined) {
      exists = fs.statSync(filePath, { throwIfNoEntry: false }) !== undefined;
      this.existing.set(filePath, exists);
    }
    return exists;
  }

  probe(filePath: string): ImageFacts {
    let facts = this.facts.get(filePath);
    if (!facts) {
      facts = probeImage(filePath);
      this.facts.set(filePath, facts);
    }
    return facts;
  }

  /** Forgets what was seen of one path (a file watcher saw it change), or of every path. */
  invalidate(filePath?: string): void {
    if (filePath === undefined) {
      this.facts.clear();
      this.existing.clear();
    } else {
      this.facts.delete(filePath);
      this.existing.delete(filePath);
    }
  }
}
