import type * as vscode from 'vscode';
import type { Activity } from './activity.js';

/**
 * Runs work a moment after the last request for the same key (a document being typed in, a folder being
 * written to), and counts it as activity meanwhile, so `whenIdle()` waits for it.
 */
export class Debouncer implements vscode.Disposable {
  private readonly pending = new Map<string, { timer: NodeJS.Timeout; done: () => void }>();

  constructor(private readonly activity: Activity) {}

  schedule(key: string, delayMs: number, work: () => void): void {
    this.cancel(key);
    const done = this.activity.begin();
    const timer = setTimeout(() => {
      this.pending.delete(key);
      try {
        work();
      } finally {
        done();
      }
    }, delayMs);
    this.pending.set(key, { timer, done });
  }

  /** Drops the pending work of `key` (its caller does it now instead). */
  cancel(key: string): void {
    const pending = this.pending.get(key);
    if (!pending) return;
    clearTimeout(pending.timer);
    pending.done();
    this.pending.delete(key);
  }

  dispose(): void {
    for (const key of [...this.pending.keys()]) this.cancel(key);
  }
}
