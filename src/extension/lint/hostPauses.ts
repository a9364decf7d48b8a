/**
 * How long the extension host goes without answering while a piece of work runs: the longest gap between the
 * runs of a 10 ms timer, from its making to stop(). (Node's monitorEventLoopDelay records a pause only when its timer
 * runs after it, so it missed a pause that began before its first run or ended the work.)
 */
export class HostPauses {
  private static readonly TICK_MS = 10;
  private last = performance.now();
  /** The longest gap in milliseconds so far (final once stopped). */
  longest = 0;
  private readonly timer = setInterval(() => this.tick(), HostPauses.TICK_MS);

  /** Stops the timer, counting the gap that ends now. */
  stop(): void {
    this.tick();
    clearInterval(this.timer);
  }

  private tick(): void {
    const now = performance.now();
    this.longest = Math.max(this.longest, now - this.last);
    this.last = now;
  }
}
