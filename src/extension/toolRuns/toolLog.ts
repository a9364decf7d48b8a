// Failed tool runs in the log: the command line, how long it took, and the tool's raw stderr (the
// notification shows only the short messages).
import { CancelledError, ToolFailedError } from '../../core/tools/index.js';
import type { Snooze } from '../snooze.js';

export function logToolFailure(
  snooze: Snooze,
  commandLine: readonly string[],
  durationMs: number,
  error: unknown,
): void {
  const what = `ran ${JSON.stringify(commandLine)} in ${durationMs} ms`;
  if (error instanceof CancelledError) {
    snooze.log.info(`${what}: cancelled, nothing changed`);
    return;
  }
  const message = error instanceof Error ? error.message : String(error);
  snooze.log.error(`${what}: failed: ${message}`);
  if (error instanceof ToolFailedError && error.stderr.trim())
    snooze.log.error(`stderr of ${error.tool}:\n${error.stderr.trimEnd()}`);
}
