import { runCli } from './main.js';

// The entry point of `snooze-lint`: everything else is in runCli, which tests call in-process.
process.exitCode = runCli(process.argv.slice(2), {
  cwd: process.cwd(),
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
});
