import * as vscode from 'vscode';
import { Linter } from '../core/lint/linter.js';
import { Activity } from './activity.js';
import { readConfig, type SnoozeConfig } from './config.js';
import { WorkspaceFiles } from './workspaceFiles.js';

/**
 * The one object that owns the extension's state and every disposable: the shared linter (index and file
 * probes), the configuration, the log and the activity counter. Features receive it and register into it.
 */
export class Snooze implements vscode.Disposable {
  readonly linter: Linter;
  readonly activity = new Activity();
  readonly log: vscode.LogOutputChannel;
  /** File events of the whole workspace, from one watcher. */
  readonly files = new WorkspaceFiles();
  private configValue: SnoozeConfig;
  private readonly disposables: vscode.Disposable[] = [];
  private readonly configChanged = new vscode.EventEmitter<SnoozeConfig>();
  /** Fires after snooze.* settings changed and the linter took them. */
  readonly onDidChangeConfig = this.configChanged.event;

  constructor(readonly context: vscode.ExtensionContext) {
    this.log = vscode.window.createOutputChannel('Snooze', { log: true });
    this.configValue = readConfig();
    this.linter = new Linter(this.configValue.lint);
    this.reportConfigProblems();
    this.register(
      this.log,
      this.files,
      this.activity,
      this.configChanged,
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (!e.affectsConfiguration('snooze')) return;
        this.configValue = readConfig();
        const lint = this.configValue.lint;
        this.linter.settingsFor = () => lint;
        this.linter.images.invalidate();
        this.reportConfigProblems();
        this.log.info('settings changed: bridges', JSON.stringify(this.configValue.lint.bridges), 'lint.run', this.configValue.lintRun);
        this.configChanged.fire(this.configValue);
      }),
    );
  }

  get config(): SnoozeConfig {
    return this.configValue;
  }

  /** The README shipped with the extension: diagnostics link to its rule table. */
  get readme(): vscode.Uri {
    return vscode.Uri.joinPath(this.context.extensionUri, 'README.md');
  }

  /** External tools run only in a trusted workspace: a workspace must not choose what we execute. */
  get mayRunTools(): boolean {
    return vscode.workspace.isTrusted;
  }

  register(...disposables: vscode.Disposable[]): void {
    this.disposables.push(...disposables);
  }

  private reportConfigProblems(): void {
    for (const problem of this.configValue.problems) this.log.warn(problem);
  }

  dispose(): void {
    for (const d of this.disposables.splice(0).reverse()) d.dispose();
  }
}
