// The thread of libxml2OnThread (libxml2Thread.ts; bundled as dist/libxml2Worker.js): it imports libxml2
// (dist/schema.mjs), compiles domain.rng and answers each text it is sent with libxml2's issues.
import { workerData } from 'node:worker_threads';
import type { SchemaIssue } from '../core/schema/schemaValidator.js';
import type { Libxml2Answer, Libxml2WorkerData } from './libxml2Thread.js';

const { directory, port, signal } = workerData as Libxml2WorkerData;

let validate: ((text: string) => SchemaIssue[]) | undefined;
let failure: string | undefined;
try {
  const { libxml2Validation } = await import('../core/schema/libxml2Validator.js');
  validate = libxml2Validation(directory);
} catch (error) {
  failure = error instanceof Error ? error.message : String(error);
}

// Texts sent while libxml2 was loading waited on the port: they are answered now, in order.
port.on('message', (text: string) => {
  let answer: Libxml2Answer;
  try {
    answer = validate ? { issues: validate(text) } : { failed: failure! };
  } catch (error) {
    answer = { failed: error instanceof Error ? error.message : String(error) };
  }
  port.postMessage(answer);
  Atomics.add(signal, 0, 1);
  Atomics.notify(signal, 0);
});
