// Large runs lint the templates' own rules on several threads: reading, parsing, the own rules and libvirt's
// schema (the larger half of the time) need nothing of the other files. The main thread is one of the lanes;
// the shared rules (duplicates) then run once, on the main thread, over the whole index (lintPaths).
// runCli stays synchronous: between batches of its own, the main thread takes the workers' results with
// receiveMessageOnPort, and when it has nothing left to do it waits on a shared counter (Atomics.wait).
import fs from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import type { LcFacts } from '../core/lc/lcFacts.js';
import { lintOwnFile, type Candidate, type OwnLint } from '../core/lint/lintPaths.js';
import type { Linter } from '../core/lint/linter.js';

/** Below this many templates, starting threads (each loads the CLI and compiles libvirt's schema) costs more than it saves. */
const AUTO_MIN_TEMPLATES = 1000;
/**
 * `auto` uses half the CPUs, as ESLint's does: V8's garbage collector and compiler already keep a second CPU
 * busy beside a linting thread. Measured on 2 CPUs, 10,000 templates: one thread 1.9 s, two 2.1 s (more CPU, no
 * gain); before the schema was proven valid without libxml2, two threads still gained 1.35x.
 */
const autoThreads = (): number => Math.max(1, Math.floor(os.availableParallelism() / 2));
const BATCH = 50;
/** Batches given to a worker ahead of time: it goes on while the main thread is busy with a batch of its own. */
const IN_FLIGHT = 2;
/** A worker that lints no file for this long is given up (it died, or hangs): the main thread lints its batches. */
const STALL_MS = 60_000;
/** Beside this module: dist/lintWorker.js in the bundle, out/src/cli/lintWorker.js in the test build. */
const WORKER = new URL('./lintWorker.js', import.meta.url);

/** What a worker needs to set up a Linter as the main thread's (src/cli/lintWorker.ts). */
export interface WorkerSetup {
  readonly argv: readonly string[];
  readonly cwd: string;
  readonly lcFacts: readonly LcFacts[];
  readonly contextFolders: readonly string[];
  /** Whether the main thread validates with libvirt's schema: the workers then compile the same one. */
  readonly schema: boolean;
}

export interface WorkerData {
  readonly setup: WorkerSetup;
  readonly port: MessagePort;
  /** [0]: bumped after each reply; [lane] (1 and up): files that worker has linted, its sign of life. */
  readonly signal: Int32Array;
  readonly lane: number;
}

export type ToWorker = { readonly batch: number; readonly candidates: readonly Candidate[] } | { readonly done: true };
export type FromWorker = { readonly batch: number; readonly results: readonly OwnLint[] } | { readonly failed: string };

/** How many threads lint a run of `templates` templates under `--concurrency` (one: no worker can be started). */
export function threadsFor(concurrency: string, templates: number): number {
  if (!fs.existsSync(fileURLToPath(WORKER))) return 1;
  const wanted =
    concurrency === 'off'
      ? 1
      : concurrency === 'auto'
        ? templates >= AUTO_MIN_TEMPLATES
          ? autoThreads()
          : 1
        : Number(concurrency);
  return Math.max(1, Math.min(wanted, Math.ceil(templates / BATCH)));
}

interface Lane {
  readonly worker: Worker;
  readonly port: MessagePort;
  readonly index: number;
  /** The batches given and not yet answered, oldest first. */
  readonly given: number[];
  /** Files linted when last looked at, and since when: no change for STALL_MS while it has batches is a stall. */
  linted: number;
  since: number;
  gone?: boolean;
}

/**
 * Lints the candidates' own rules on `threads` threads (the main thread, with `here`, and threads - 1 workers);
 * returns one result per candidate, in order. A worker that fails or stalls costs time, never a result: its
 * batches are linted here.
 */
export function lintOwnOnThreads(
  candidates: readonly Candidate[],
  here: Linter,
  threads: number,
  setup: WorkerSetup,
): OwnLint[] {
  const results: OwnLint[] = new Array<OwnLint>(candidates.length);
  const batches: number[] = [];
  for (let start = 0; start < candidates.length; start += BATCH) batches.push(start);
  const todo = [...batches.keys()].reverse(); // popped from the end: batch 0 first
  const signal = new Int32Array(new SharedArrayBuffer(4 * threads));
  const lanes: Lane[] = [];
  for (let index = 1; index < threads; index++) {
    const { port1, port2 } = new MessageChannel();
    const data: WorkerData = { setup, port: port2, signal, lane: index };
    const worker = new Worker(WORKER, { workerData: data, transferList: [port2] });
    // Its failures reach us as a stall (the event loop does not turn while we wait); unheard, they would crash.
    worker.on('error', () => undefined);
    lanes.push({ worker, port: port1, index, given: [], linted: 0, since: Date.now() });
  }
  const slice = (batch: number): readonly Candidate[] => candidates.slice(batches[batch], batches[batch]! + BATCH);
  const give = (lane: Lane): void => {
    while (lane.given.length < IN_FLIGHT && todo.length > 0) {
      const batch = todo.pop()!;
      if (lane.given.length === 0) lane.since = Date.now();
      lane.given.push(batch);
      lane.port.postMessage({ batch, candidates: slice(batch) } satisfies ToWorker);
    }
  };
  const giveUp = (lane: Lane): void => {
    lane.gone = true;
    todo.push(...lane.given.splice(0));
    void lane.worker.terminate();
  };
  const collect = (): void => {
    for (const lane of lanes) {
      if (lane.gone) continue;
      for (let reply = receiveMessageOnPort(lane.port); reply; reply = receiveMessageOnPort(lane.port)) {
        const message = reply.message as FromWorker;
        if ('failed' in message) {
          giveUp(lane);
          break;
        }
        message.results.forEach((result, i) => (results[batches[message.batch]! + i] = result));
        lane.given.splice(lane.given.indexOf(message.batch), 1);
      }
      if (lane.gone) continue;
      const linted = Atomics.load(signal, lane.index);
      if (linted !== lane.linted) [lane.linted, lane.since] = [linted, Date.now()];
      else if (lane.given.length > 0 && Date.now() - lane.since > STALL_MS) {
        giveUp(lane);
        continue;
      }
      give(lane);
    }
  };

  for (;;) {
    const seen = Atomics.load(signal, 0);
    collect();
    const mine = todo.pop();
    if (mine !== undefined) {
      slice(mine).forEach((candidate, i) => (results[batches[mine]! + i] = lintOwnFile(here, candidate)));
      continue;
    }
    if (!lanes.some((lane) => lane.given.length > 0)) break;
    Atomics.wait(signal, 0, seen, 1000);
  }
  for (const lane of lanes) {
    if (lane.gone) continue;
    lane.port.postMessage({ done: true } satisfies ToWorker);
    lane.port.close();
  }
  return results;
}
