import { MessageChannel, Worker, type MessagePort } from 'node:worker_threads';

/**
 * A worker thread beside the synchronous lint (libxml2Thread.ts, readAhead.ts), spoken to through `port`: the
 * lint takes its messages with receiveMessageOnPort. Neither keeps the process alive once the lint is done. Its
 * failures are not heard here (unheard, they would crash the process): the caller sees a thread that stays
 * silent, and does without it or says so.
 */
export function startBackgroundWorker(
  file: URL,
  workerData: (port: MessagePort) => unknown,
): { worker: Worker; port: MessagePort } {
  const { port1, port2 } = new MessageChannel();
  const worker = new Worker(file, { workerData: workerData(port2), transferList: [port2] });
  worker.unref();
  port1.unref();
  worker.on('error', () => undefined);
  return { worker, port: port1 };
}
