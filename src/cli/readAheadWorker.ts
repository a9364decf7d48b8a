// The reader of readAhead.ts (bundled as dist/readAheadWorker.js): reads the files in order, in batches, and
// stays at most AHEAD_FILES files and AHEAD_BYTES bytes ahead of the main thread; what the main thread has
// already taken (it read those itself) is skipped.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { workerData } from 'node:worker_threads';
import { readTemplateBytes } from '../core/lint/templateBytes.js';
import type { ReadAheadBatch, ReadAheadData } from './readAhead.js';

const AHEAD_FILES = 256;
/** A few large templates must not fill the memory: at most this much is read and not yet taken. */
const AHEAD_BYTES = 32 * 1024 * 1024;
/** Files per message: one message per file would cost the main thread more than the reads. */
const BATCH_FILES = 16;

const { files, port, taken } = workerData as ReadAheadData;

yieldToTheLint();

let batch: { first: number; reads: ReturnType<typeof readTemplateBytes>[] } = { first: 0, reads: [] };
/** The sizes of the files read and not yet taken, from `pendingFrom`. */
const pendingSizes: number[] = [];
let pendingFrom = 0;
let pendingBytes = 0;

let next = 0;
while (next < files.length) {
  const main = Atomics.load(taken, 0);
  while (pendingFrom < main && pendingSizes.length > 0) {
    pendingBytes -= pendingSizes.shift()!;
    pendingFrom++;
  }
  if (next < main) {
    // The main thread caught up and read these itself.
    send();
    next = pendingFrom = main;
    pendingSizes.length = 0;
    pendingBytes = 0;
    continue;
  }
  if (next - main >= AHEAD_FILES || (pendingBytes >= AHEAD_BYTES && next > main)) {
    send();
    Atomics.wait(taken, 0, main, 1000);
    continue;
  }
  if (batch.reads.length === 0) batch.first = next;
  const read = readTemplateBytes(files[next]!);
  const size = 'bytes' in read ? read.bytes.byteLength : 0;
  batch.reads.push(read);
  pendingSizes.push(size);
  pendingBytes += size;
  next++;
  if (batch.reads.length >= BATCH_FILES) send();
}
send();
port.close();

/** Posts the batch read so far: the bytes in one buffer, handed over (not copied). */
function send(): void {
  if (batch.reads.length === 0) return;
  let total = 0;
  for (const read of batch.reads) if ('bytes' in read) total += read.bytes.byteLength;
  const bytes = new Uint8Array(total);
  const ends: number[] = [];
  const problems: ReadAheadBatch['problems'][number][] = [];
  let end = 0;
  batch.reads.forEach((read, at) => {
    if ('bytes' in read) {
      bytes.set(read.bytes, end);
      end += read.bytes.byteLength;
    } else problems.push({ at, message: read.message, ioError: read.ioError });
    ends.push(end);
  });
  const message: ReadAheadBatch = { first: batch.first, ends, bytes: bytes.buffer, problems };
  port.postMessage(message, [bytes.buffer]);
  batch = { first: next, reads: [] };
}

/**
 * Lowers this thread's priority (Linux: /proc/thread-self names the thread, and setpriority applies to one
 * thread). On two CPUs the lint, V8's compiler and its garbage collector already share them: a reader at the
 * same priority took the CPU from the lint thread, which then waited more than the reads had cost it.
 */
function yieldToTheLint(): void {
  try {
    const thread = Number(path.basename(fs.readlinkSync('/proc/thread-self')));
    if (Number.isInteger(thread)) os.setPriority(thread, 10);
  } catch {
    // Elsewhere, or not allowed: the reader runs at the lint's priority.
  }
}
