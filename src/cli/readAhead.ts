// Template files read ahead on a thread of their own, while the main thread lints. On one linting thread, the
// system calls of reading (open, fstat, read, close: a tenth of a 10,000-template run) then cost it nothing.
// The main thread never waits for the reader: a file not read yet, it reads itself, and the reader skips past
// it. The reader stays a bounded number of files and bytes ahead (readAheadWorker.ts).
import fs from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { receiveMessageOnPort, type MessagePort, type Worker } from 'node:worker_threads';
import { startBackgroundWorker } from './backgroundWorker.js';
import { readTemplateBytes, type TemplateBytes } from '../core/lint/templateBytes.js';

/** Beside this module: dist/readAheadWorker.js in the bundle, out/src/cli/readAheadWorker.js in the test build. */
const WORKER = new URL('./readAheadWorker.js', import.meta.url);
/** Below this many files, the thread's start (about 30 ms) costs more than the reads it would take over. */
const MIN_FILES = 200;
/** Files taken between two wake-ups of a waiting reader: far fewer than it reads ahead. */
const NOTIFY_EVERY = 32;

export interface ReadAheadData {
  readonly files: readonly string[];
  readonly port: MessagePort;
  /** [0]: how many of `files` the main thread has taken (read by the reader, or by itself). */
  readonly taken: Int32Array;
}

/** The reads of a batch of consecutive files, from `first`; bytes cut from one buffer at `ends`. */
export interface ReadAheadBatch {
  readonly first: number;
  readonly ends: readonly number[];
  readonly bytes: ArrayBuffer;
  /** Why a file could not be read, by its place in the batch (its bytes are then empty). */
  readonly problems: ReadonlyArray<{ readonly at: number; readonly message: string; readonly ioError: boolean }>;
}

/**
 * A reader of `files` in their order, each read ahead on another thread when it can be: the nth call must be
 * for files[n] (another file is simply read here). Undefined when a thread would not pay: few files, one CPU,
 * or no worker file.
 */
export function readAheadOnThread(files: readonly string[]): ((file: string) => TemplateBytes) | undefined {
  if (files.length < MIN_FILES || os.availableParallelism() < 2 || !fs.existsSync(fileURLToPath(WORKER)))
    return undefined;
  const taken = new Int32Array(new SharedArrayBuffer(4));
  let thread: { worker: Worker; port: MessagePort };
  try {
    // A reader that fails only leaves the reads to the main thread.
    thread = startBackgroundWorker(WORKER, (port): ReadAheadData => ({ files, port, taken }));
  } catch {
    return undefined;
  }
  const { worker, port } = thread;

  const ready = new Map<number, TemplateBytes>();
  let next = 0;
  const receive = (): void => {
    for (let reply = receiveMessageOnPort(port); reply; reply = receiveMessageOnPort(port)) {
      const batch = reply.message as ReadAheadBatch;
      let start = 0;
      batch.ends.forEach((end, at) => {
        const index = batch.first + at;
        if (index >= next) ready.set(index, { bytes: new Uint8Array(batch.bytes, start, end - start) });
        start = end;
      });
      for (const { at, message, ioError } of batch.problems)
        if (batch.first + at >= next) ready.set(batch.first + at, { message, ioError });
    }
  };
  return (file) => {
    if (files[next] !== file) return readTemplateBytes(file);
    const index = next;
    let read = ready.get(index);
    if (read === undefined) {
      receive();
      read = ready.get(index);
    }
    ready.delete(index);
    next = index + 1;
    Atomics.store(taken, 0, next);
    // Woken now and then, not on every file: the reader waits only when far ahead (readAheadWorker.ts).
    if (next % NOTIFY_EVERY === 0) Atomics.notify(taken, 0);
    if (next === files.length) void worker.terminate();
    return read ?? readTemplateBytes(file);
  };
}
