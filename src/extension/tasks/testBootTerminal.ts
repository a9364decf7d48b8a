// The terminal of a Test-Boot (the command's and the `snooze` task's): prints what was changed for the
// throwaway VM, then its serial console as it arrives, then the result. Closing it stops the VM (the stop
// button); the time limit stops it too. The exit code is 0 when post-install ran, 1 otherwise, 130 when stopped.
import * as vscode from 'vscode';
import type { Snooze } from '../snooze.js';
import { runTestBootOf, type TestBootRunOptions, type TestBootRunResult } from '../toolRuns/testBootRun.js';
import { displayPath } from '../workspace/paths.js';

export class TestBootTerminal implements vscode.Pseudoterminal {
  private readonly writer = new vscode.EventEmitter<string>();
  private readonly closer = new vscode.EventEmitter<number>();
  readonly onDidWrite = this.writer.event;
  readonly onDidClose = this.closer.event;
  private readonly abort = new AbortController();
  private settle!: (result: TestBootRunResult | Error) => void;
  /** The run's result, or the error that stopped it. */
  readonly done = new Promise<TestBootRunResult | Error>((resolve) => (this.settle = resolve));

  constructor(
    private readonly snooze: Snooze,
    private readonly templateFile: string,
    private readonly options: Omit<TestBootRunOptions, 'signal' | 'onText'>,
    /** A task's terminal closes with its exit code; the command's stays open, so the console can be read. */
    private readonly closeWhenDone = true,
  ) {}

  /** Stops the VM (the notification's Stop button). */
  stop(): void {
    this.abort.abort();
  }

  open(): void {
    void this.run().then((code) => {
      if (this.closeWhenDone) this.closer.fire(code);
    });
  }

  close(): void {
    this.abort.abort();
  }

  private write(text: string): void {
    this.writer.fire(text.replace(/\r?\n/g, '\r\n'));
  }

  private async run(): Promise<number> {
    if (!this.snooze.mayRunTools) {
      const error = new Error(
        'Snooze runs no external tool in Restricted Mode: trust this workspace to Test-Boot a template.',
      );
      this.write(`${error.message}\n`);
      this.settle(error);
      return 1;
    }
    this.write(
      `Test-Boot of ${displayPath(this.templateFile)}: a throwaway VM; nothing of the workspace is written.\n`,
    );
    try {
      const result = await runTestBootOf(this.snooze, this.templateFile, {
        ...this.options,
        signal: this.abort.signal,
        onText: (text) => this.write(text),
      });
      const how =
        result.outcome === 'cancelled'
          ? 'stopped'
          : result.outcome === 'time-limit'
            ? `stopped at the time limit (${this.options.timeLimitSeconds ?? 600} s)`
            : 'finished';
      this.write(
        `\n\x1b[1m${result.summary.ok ? 'OK' : 'FAILED'}: ${result.summary.message}\x1b[0m (${how} after ${result.seconds.toFixed(0)} s)\n`,
      );
      this.snooze.vms.setTestBootResult(this.templateFile, { ok: result.summary.ok, message: result.summary.message });
      this.settle(result);
      return result.outcome === 'cancelled' ? 130 : result.summary.ok ? 0 : 1;
    } catch (error) {
      const failure = error instanceof Error ? error : new Error(String(error));
      this.write(`\nerror: ${failure.message}\n`);
      this.snooze.vms.setTestBootResult(this.templateFile, { ok: false, message: failure.message });
      this.settle(failure);
      return 1;
    }
  }
}
