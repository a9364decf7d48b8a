import { runCli } from './main.js';
import { prepareSchema } from './prepareSchema.js';

// The entry point of `snooze-lint`: everything else is in runCli, which tests call in-process. libvirt's
// schema is compiled first (asynchronously, WebAssembly), so that the lint itself stays synchronous.
const argv = process.argv.slice(2);
process.exitCode = runCli(argv, {
  cwd: process.cwd(),
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
}, await prepareSchema(argv));
