// The command line's libxml2 on a thread of its own. Most templates are proven valid by the derivatives
// (core/schema/derivatives.ts) and never need libxml2: importing and compiling it (libxml2 in WebAssembly,
// about 120 ms) is done only when a template needs it, which the synchronous lint could not await; that
// template asks the thread and waits for the answer (Atomics.wait).
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { receiveMessageOnPort, type MessagePort } from 'node:worker_threads';
import { startBackgroundWorker } from './backgroundWorker.js';
import type { SchemaIssue } from '../core/schema/schemaValidator.js';

/** Beside this module: dist/libxml2Worker.js in the bundle, out/src/cli/libxml2Worker.js in the test build. */
const WORKER = new URL('./libxml2Worker.js', import.meta.url);
/** A thread that answers nothing for this long is given up: the schema rule then fails on that file, saying so. */
const STALL_MS = 60_000;

export interface Libxml2WorkerData {
  readonly directory: string;
  readonly port: MessagePort;
  /** [0]: bumped after each answer. */
  readonly signal: Int32Array;
}

export type Libxml2Answer = { readonly issues: readonly SchemaIssue[] } | { readonly failed: string };

/**
 * libxml2's validation against `directory/domain.rng`, on a thread started when first asked (a run whose
 * templates are all proven valid never starts it); undefined without the worker file.
 */
export function libxml2OnThread(directory: string): ((text: string) => SchemaIssue[]) | undefined {
  if (!fs.existsSync(fileURLToPath(WORKER))) return undefined;
  let thread: { port: MessagePort; signal: Int32Array } | undefined;
  let failure: string | undefined;
  return (text) => {
    if (failure !== undefined) throw new Error(failure);
    thread ??= start(directory);
    const { port, signal } = thread;
    const seen = Atomics.load(signal, 0);
    port.postMessage(text);
    const asked = Date.now();
    for (;;) {
      const answer = receiveMessageOnPort(port)?.message as Libxml2Answer | undefined;
      if (answer && 'failed' in answer) throw new Error((failure = answer.failed));
      if (answer) return [...answer.issues];
      if (Date.now() - asked > STALL_MS) throw new Error((failure = 'the libxml2 thread stopped answering'));
      Atomics.wait(signal, 0, seen, 1000);
    }
  };
}

function start(directory: string): { port: MessagePort; signal: Int32Array } {
  const signal = new Int32Array(new SharedArrayBuffer(4));
  // Its failures reach us as a stall (the event loop does not turn while we wait).
  const { port } = startBackgroundWorker(WORKER, (port): Libxml2WorkerData => ({ directory, port, signal }));
  return { port, signal };
}
