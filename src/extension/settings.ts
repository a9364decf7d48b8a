// The snooze.* settings, read per workspace folder as VS Code scopes them (`getConfiguration('snooze', uri)`),
// the way vscode-eslint reads its own: in a multi-root workspace each folder has its bridges, mappings and rules.
import path from 'node:path';
import * as vscode from 'vscode';
import { settingsFromObject, type LintSettings } from '../core/settings/settings.js';

export type LintRun = 'onType' | 'onSave';

/** The settings of one workspace folder; the lint part is the same object the CLI reads from .vscode/settings.json. */
export interface FolderSettings {
  readonly lint: LintSettings;
  readonly lintRun: LintRun;
  /** Empty when unset. VS Code drops workspace values of these in Restricted Mode (restrictedConfigurations). */
  readonly genisoimagePath: string;
  readonly qemuImgPath: string;
  /** snooze.localControllers: the LCs to check templates on over ssh. Restricted: ignored from an untrusted workspace. */
  readonly localControllers: readonly string[];
  /** snooze.sshConfig: `ssh -F` file (empty: ~/.ssh/config). Restricted too: a config's ProxyCommand runs a command. */
  readonly sshConfig: string;
}

/** Settings per workspace folder, read once and again after a change of snooze.* (one cache entry per folder). */
export class Settings implements vscode.Disposable {
  private readonly cache = new Map<string, FolderSettings>();
  private readonly changed = new vscode.EventEmitter<void>();
  /** Fires after snooze.* changed in any folder; the cache is already fresh. */
  readonly onDidChange = this.changed.event;
  private readonly subscription: vscode.Disposable;

  constructor(private readonly log: vscode.LogOutputChannel) {
    this.subscription = vscode.workspace.onDidChangeConfiguration((e) => {
      if (!e.affectsConfiguration('snooze')) return;
      this.cache.clear();
      this.changed.fire();
    });
  }

  /** The settings of the workspace folder holding `file` (a file outside every folder gets the user's settings). */
  forFile(file: string): FolderSettings {
    return this.forFolder(vscode.workspace.getWorkspaceFolder(vscode.Uri.file(file)), path.dirname(file));
  }

  /** `baseDir`: where relative path mappings resolve when there is no folder. */
  forFolder(folder: vscode.WorkspaceFolder | undefined, baseDir = process.cwd()): FolderSettings {
    const key = folder?.uri.toString() ?? '';
    let settings = this.cache.get(key);
    if (!settings) {
      settings = this.read(folder, folder?.uri.fsPath ?? baseDir);
      this.cache.set(key, settings);
    }
    return settings;
  }

  /**
   * snooze.schemaDirectory: the folder of libvirt's domain.rng ('' = the installed libvirt's, else the bundled
   * copy). One per window: the schema is compiled once for every folder. A relative folder is the workspace's:
   * resolved against the folder of the .code-workspace file, or else the first workspace folder (as snooze-lint
   * resolves it against the folder holding .vscode), never against the extension host's working directory.
   */
  schemaDirectory(): string {
    const configured = vscode.workspace.getConfiguration('snooze').get<string>('schemaDirectory') ?? '';
    if (configured.trim() === '' || path.isAbsolute(configured)) return configured;
    const workspaceFile = vscode.workspace.workspaceFile;
    const base =
      workspaceFile?.scheme === 'file'
        ? path.dirname(workspaceFile.fsPath)
        : vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
    return base ? path.resolve(base, configured) : configured;
  }

  private read(folder: vscode.WorkspaceFolder | undefined, baseDir: string): FolderSettings {
    const config = vscode.workspace.getConfiguration('snooze', folder);
    const raw = {
      'snooze.bridges': config.get('bridges'),
      'snooze.pathMappings': config.get('pathMappings'),
      'snooze.rules': config.get('rules'),
    };
    // Relative path mappings resolve against the workspace folder, as the CLI resolves them against .vscode/..
    const { settings, problems } = settingsFromObject(raw, baseDir);
    // Logged once per read, so a typo in settings.json is visible without flooding the log.
    for (const problem of problems) this.log.warn(`${folder ? `${folder.name}: ` : ''}${problem}`);
    return {
      lint: settings,
      lintRun: config.get<LintRun>('lint.run') === 'onSave' ? 'onSave' : 'onType',
      genisoimagePath: config.get<string>('genisoimagePath') ?? '',
      qemuImgPath: config.get<string>('qemuImgPath') ?? '',
      localControllers: stringList(config.get('localControllers')),
      sshConfig: config.get<string>('sshConfig') ?? '',
    };
  }

  dispose(): void {
    vscode.Disposable.from(this.subscription, this.changed).dispose();
  }
}

function stringList(value: unknown): string[] {
  return Array.isArray(value)
    ? [...new Set(value.filter((v): v is string => typeof v === 'string' && v.trim() !== '').map((v) => v.trim()))]
    : [];
}
