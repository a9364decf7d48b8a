import * as vscode from 'vscode';

/**
 * Counts work in flight (debounced lints, the workspace scan) so callers can wait until the extension is
 * quiet: tests use it instead of sleeping, and the status bar shows a spinner meanwhile.
 */
export class Activity implements vscode.Disposable {
  private running = 0;
  private readonly changed = new vscode.EventEmitter<boolean>();
  /** Fires true when work starts from idle, false when the last piece ends. */
  readonly onDidChange = this.changed.event;

  get busy(): boolean {
    return this.running > 0;
  }

  async track<T>(work: () => T | Promise<T>): Promise<T> {
    if (this.running++ === 0) this.changed.fire(true);
    try {
      return await work();
    } finally {
      if (--this.running === 0) this.changed.fire(false);
    }
  }

  /** Marks the start of work that ends later (a debounce timer); call the returned function once it ends. */
  begin(): () => void {
    if (this.running++ === 0) this.changed.fire(true);
    let ended = false;
    return () => {
      if (ended) return;
      ended = true;
      if (--this.running === 0) this.changed.fire(false);
    };
  }

  whenIdle(): Promise<void> {
    if (this.running === 0) return Promise.resolve();
    return new Promise((resolve) => {
      const listener = this.onDidChange((busy) => {
        if (!busy) {
          listener.dispose();
          resolve();
        }
      });
    });
  }

  dispose(): void {
    this.changed.dispose();
  }
}
