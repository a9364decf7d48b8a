// The checks on the local controllers in the editor: which LCs each workspace folder names
// (snooze.localControllers, snooze.sshConfig), asking them (one ssh round trip per LC per refresh, connections
// shared between refreshes), and handing their facts to the linter through the Snooze context's cache.
// Never in Restricted Mode: a workspace must not make us connect anywhere.
import os from 'node:os';
import path from 'node:path';
import * as vscode from 'vscode';
import type { LcFacts } from '../../core/lc/lcFacts.js';
import { LcGatherer } from '../../core/lc/lcGatherer.js';
import { controlDir } from '../../core/lc/sshCommand.js';
import { whatToCheck } from '../../core/lc/whatToCheck.js';
import type { DomainTemplate } from '../../core/domain/domainTemplate.js';
import type { Snooze } from '../snooze.js';
import { Debouncer } from '../workspace/debouncer.js';

const SAVE_DEBOUNCE_MS = 1000;

/** One group of LCs asked with one ssh configuration: a workspace folder's settings. */
interface LcGroup {
  readonly hosts: readonly string[];
  readonly sshConfig: string;
  readonly folder: vscode.WorkspaceFolder | undefined;
}

export class LcChecks implements vscode.Disposable {
  private readonly debouncer: Debouncer;
  private readonly disposables: vscode.Disposable[] = [];
  private readonly sockets = controlDir();
  private running: Promise<LcFacts[]> | undefined;

  constructor(private readonly snooze: Snooze) {
    this.debouncer = new Debouncer(snooze.activity);
    this.disposables.push(this.debouncer);
  }

  /** Asks the LCs once the templates are known, and again after each save of a template (debounced). */
  start(): void {
    this.disposables.push(
      vscode.workspace.onDidSaveTextDocument((doc) => {
        if (doc.uri.scheme === 'file' && doc.uri.fsPath.toLowerCase().endsWith('.xml') && this.configured())
          this.debouncer.schedule('save', SAVE_DEBOUNCE_MS, () => void this.refresh());
      }),
      this.snooze.settings.onDidChange(() => {
        this.snooze.lcFacts.retain(this.groups().flatMap((g) => g.hosts));
        // Only the LCs new to the list (or asked about fewer paths): a command that wrote the list asks them itself.
        if (this.configured())
          this.debouncer.schedule('settings', SAVE_DEBOUNCE_MS, () => void this.refresh({ onlyStale: true }));
      }),
      this.snooze.templates.onDidChange(() => {
        // A new template may name paths the LCs were not asked about: ask only the LCs whose facts do not cover them.
        if (this.configured())
          this.debouncer.schedule('templates', SAVE_DEBOUNCE_MS, () => void this.refresh({ onlyStale: true }));
      }),
    );
  }

  /** Whether any workspace folder names LCs, and we may connect (a trusted workspace). */
  configured(): boolean {
    return this.snooze.mayRunTools && this.groups().some((g) => g.hosts.length > 0);
  }

  /** The LCs named by each workspace folder's settings (the user's, for a window with no folder). */
  groups(): LcGroup[] {
    const folders = vscode.workspace.workspaceFolders ?? [];
    const all =
      folders.length > 0
        ? folders.map((f) => ({ folder: f, settings: this.snooze.settings.forFolder(f) }))
        : [{ folder: undefined, settings: this.snooze.settings.forFolder(undefined) }];
    return all.map(({ folder, settings }) => ({
      hosts: settings.localControllers,
      sshConfig: settings.sshConfig,
      folder,
    }));
  }

  /**
   * Asks the LCs about every template of the workspace and stores their facts (the linter re-lints). Returns
   * the facts of every configured LC. `onlyStale`: only the LCs whose last facts do not answer for today's paths.
   */
  refresh(options: { onlyStale?: boolean; signal?: AbortSignal } = {}): Promise<LcFacts[]> {
    if (!this.snooze.mayRunTools) return Promise.resolve([]);
    // One run at a time; a refresh asked during one waits for it, then runs (the paths may have changed).
    const previous = this.running ?? Promise.resolve([]);
    const run = previous.then(() => this.gatherAll(options));
    this.running = run;
    return this.snooze.activity.track(() => run);
  }

  private async gatherAll(options: { onlyStale?: boolean; signal?: AbortSignal }): Promise<LcFacts[]> {
    const templates: DomainTemplate[] = [];
    for (const doc of this.snooze.templates.documents.values())
      if (doc.kind === 'template') templates.push(doc.template);
    const request = whatToCheck(templates);
    const results: LcFacts[] = [];
    for (const group of this.groups()) {
      const hosts = options.onlyStale ? this.snooze.lcFacts.stale(group.hosts, request) : [...group.hosts];
      if (hosts.length === 0) continue;
      const gatherer = new LcGatherer({
        ...(group.sshConfig ? { configFile: resolveConfig(group.sshConfig, group.folder) } : {}),
        ...(this.sockets ? { controlDir: this.sockets } : {}),
        ...(options.signal ? { signal: options.signal } : {}),
      });
      const facts = await gatherer.gather(hosts, request);
      if (options.signal?.aborted) break;
      for (const f of facts)
        this.snooze.log.info(
          f.reachable
            ? `LC ${f.host}: reachable; bridges ${f.bridges.join(', ') || 'none'}; ${Object.keys(f.paths).length} paths checked`
            : `LC ${f.host}: not reachable: ${f.error}`,
        );
      this.snooze.lcFacts.set(facts, request);
      results.push(...facts);
    }
    return results;
  }

  dispose(): void {
    vscode.Disposable.from(...this.disposables).dispose();
    // The shared connections end with the window, not 60 s later.
    if (this.sockets) {
      for (const group of this.groups())
        new LcGatherer({
          ...(group.sshConfig ? { configFile: resolveConfig(group.sshConfig, group.folder) } : {}),
          controlDir: this.sockets,
        }).closeSync(group.hosts);
    }
  }
}

/** `~/x` and paths relative to the workspace folder, as a user writes them in settings. */
function resolveConfig(file: string, folder: vscode.WorkspaceFolder | undefined): string {
  const expanded = file.startsWith('~/') ? path.join(os.homedir(), file.slice(2)) : file;
  return path.resolve(folder?.uri.fsPath ?? os.homedir(), expanded);
}
