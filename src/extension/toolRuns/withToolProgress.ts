// A tool run under a cancellable progress notification: the Cancel button aborts the process through an
// AbortSignal (the core kills it and removes partial output).
import * as vscode from 'vscode';
import { abortSignalFrom } from '../../core/tools/index.js';

export interface ToolProgress {
  readonly signal: AbortSignal;
  /** Percent done (0–100); reported as increments, as VS Code wants. */
  report(percent: number, message?: string): void;
}

export function withToolProgress<T>(title: string, work: (progress: ToolProgress) => Promise<T>): Thenable<T> {
  return vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title, cancellable: true },
    async (progress, token) => {
      const abort = abortSignalFrom(token);
      let done = 0;
      try {
        return await work({
          signal: abort.signal,
          report(percent, message) {
            const increment = Math.max(0, percent - done);
            done = Math.max(done, percent);
            progress.report({ increment, ...(message ? { message } : {}) });
          },
        });
      } finally {
        abort.dispose();
      }
    },
  );
}
