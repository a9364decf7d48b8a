// One place that starts a tool: args array, no shell, cancellable, stderr streamed line by line.
import { CancelledError, ToolFailedError } from './errors.js';
import type { ToolName } from './errors.js';

export interface ToolRun {
  readonly exitCode: number | undefined;
  readonly stdout: string;
  readonly stderr: string;
  readonly durationMs: number;
}

export interface RunToolOptions {
  readonly signal?: AbortSignal;
  readonly onStderrLine?: (line: string) => void;
}

/**
 * Runs `executable args` and waits. Throws CancelledError when `signal` aborts (the process is killed first),
 * and ToolFailedError when the process cannot be started at all (ENOENT, EACCES…); any other outcome, success
 * or failure, is returned for the caller to interpret.
 */
export async function runTool(
  tool: ToolName,
  executable: string,
  args: readonly string[],
  options: RunToolOptions = {},
): Promise<ToolRun> {
  if (options.signal?.aborted) throw new CancelledError(tool);
  const started = Date.now();
  // Loaded on first use, from its own chunk in the extension (dist/execa.mjs, scripts/build.mjs): execa and
  // its dependencies would be a fifth of the main bundle, and activation should not pay for them.
  const { execa } = await import('execa');
  const subprocess = execa(executable, args, {
    shell: false,
    reject: false,
    stdin: 'ignore',
    cancelSignal: options.signal,
    forceKillAfterDelay: 2000,
    stripFinalNewline: false,
    // English messages, which the stderr parsers understand; LC_CTYPE (file name charset) is left alone.
    env: { LC_ALL: undefined, LANGUAGE: undefined, LC_MESSAGES: 'C' },
  });
  const onLine = options.onStderrLine;
  if (onLine) {
    let pending = '';
    subprocess.stderr?.on('data', (chunk: Buffer | string) => {
      pending += chunk.toString();
      const parts = pending.split(/\r?\n|\r/);
      pending = parts.pop() ?? '';
      for (const part of parts) onLine(part);
    });
    subprocess.stderr?.on('end', () => {
      if (pending) onLine(pending);
    });
  }
  const result = await subprocess;
  if (result.isCanceled || options.signal?.aborted) throw new CancelledError(tool);
  const stderr = String(result.stderr ?? '');
  if (result.exitCode === undefined && !result.signal)
    throw new ToolFailedError(
      tool,
      undefined,
      [`Could not start "${executable}": ${result.shortMessage}`],
      stderr,
      args,
    );
  return { exitCode: result.exitCode, stdout: String(result.stdout ?? ''), stderr, durationMs: Date.now() - started };
}
