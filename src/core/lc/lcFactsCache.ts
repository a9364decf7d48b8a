// The last facts of each LC, and what they answer: a refresh asks again only the LCs whose facts are missing
// or do not cover the paths now named (a new template), and a save or the refresh command asks them all.
import type { LcFacts } from './lcFacts.js';
import { covers, type LcRequest } from './whatToCheck.js';

interface Entry {
  readonly facts: LcFacts;
  readonly request: LcRequest;
}

export class LcFactsCache {
  private readonly byHost = new Map<string, Entry>();
  private readonly listeners = new Set<() => void>();

  /** The known facts of these hosts, in their order (hosts never asked are left out). */
  factsOf(hosts: readonly string[]): LcFacts[] {
    return hosts.flatMap((host) => {
      const entry = this.byHost.get(host);
      return entry ? [entry.facts] : [];
    });
  }

  /** Every host with facts, reachable or not. */
  all(): LcFacts[] {
    return [...this.byHost.values()].map((e) => e.facts);
  }

  /**
   * The hosts that must be asked for `request`: never asked, or asked about fewer paths. An unreachable host is
   * not stale by itself: it is asked again on save, on refresh and by the command, never in a loop.
   */
  stale(hosts: readonly string[], request: LcRequest): string[] {
    return hosts.filter((host) => {
      const entry = this.byHost.get(host);
      return !entry || !covers(entry.request, request);
    });
  }

  set(facts: readonly LcFacts[], request: LcRequest): void {
    for (const f of facts) this.byHost.set(f.host, { facts: f, request });
    this.changed();
  }

  /** Keeps only these hosts (the setting changed). */
  retain(hosts: readonly string[]): void {
    const keep = new Set(hosts);
    let dropped = false;
    for (const host of [...this.byHost.keys()]) {
      if (!keep.has(host)) dropped = this.byHost.delete(host) || dropped;
    }
    if (dropped) this.changed();
  }

  onDidChange(listener: () => void): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  private changed(): void {
    for (const listener of this.listeners) listener();
  }
}
