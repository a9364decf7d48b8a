// A worker thread of a large `snooze-lint` run (started by lintWorkers.ts; bundled as dist/lintWorker.js): it
// sets up a Linter as the main thread's (the same command line, settings, LC facts and context folders; libvirt's
// schema compiled here) and lints the batches of templates it is given, each file's own rules only.
import { workerData } from 'node:worker_threads';
import { Linter } from '../core/lint/linter.js';
import { lintOwnFile } from '../core/lint/lintPaths.js';
import { DEFAULT_SETTINGS } from '../core/settings/settings.js';
import { parseCliArgs } from './args.js';
import type { FromWorker, ToWorker, WorkerData } from './lintWorkers.js';
import { prepareSchema } from './prepareSchema.js';
import { settingsResolver } from './settingsResolver.js';

const { setup, port, signal, lane } = workerData as WorkerData;

try {
  // The main thread tells the settings files' problems and the schema's; here they would be said twice.
  const settings = settingsResolver(parseCliArgs(setup.argv), { cwd: setup.cwd, err: () => undefined });
  const schema = setup.schema ? await prepareSchema(setup.argv, setup.cwd, true) : {};
  const linter = new Linter('resolve' in settings ? settings.resolve : DEFAULT_SETTINGS, {
    schema: () => schema.validator,
  });
  linter.lcFactsFor = () => setup.lcFacts;
  for (const dir of setup.contextFolders) linter.contextFolders.add(dir);

  port.on('message', (message: ToWorker) => {
    if ('done' in message) {
      port.close();
      return;
    }
    try {
      const results = message.candidates.map((candidate) => {
        const result = lintOwnFile(linter, candidate);
        Atomics.add(signal, lane, 1);
        return result;
      });
      reply({ batch: message.batch, results });
    } catch (error) {
      reply({ failed: error instanceof Error ? error.message : String(error) }); // the main thread lints the batch
    }
  });
} catch (error) {
  reply({ failed: error instanceof Error ? error.message : String(error) });
}

function reply(message: FromWorker): void {
  port.postMessage(message);
  Atomics.add(signal, 0, 1);
  Atomics.notify(signal, 0);
}
