import fs from 'node:fs';
import { runCli } from './main.js';
import { prepareSchema } from './prepareSchema.js';

// The entry point of `snooze-lint`: everything else is in runCli, which tests call in-process. libvirt's
// schema is compiled first (asynchronously, WebAssembly), so that the lint itself stays synchronous.
// A reader that goes away (`snooze-lint … | head`) is not an error of ours: stop quietly, as grep does.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    process.exit(error.code === 'EPIPE' ? (process.exitCode ?? 0) : 2);
  });
}
const argv = process.argv.slice(2);
try {
  process.exitCode = runCli(
    argv,
    {
      cwd: process.cwd(),
      out: (text) => process.stdout.write(text),
      err: (text) => process.stderr.write(text),
      readStdin: () => fs.readFileSync(0, 'utf8'),
    },
    await prepareSchema(argv),
  );
} catch (error) {
  // runCli answers everything itself; this is the last guard against a stack trace.
  process.stderr.write(`snooze-lint: internal error: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 2;
}
