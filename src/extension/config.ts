import * as vscode from 'vscode';
import { settingsFromObject, type LintSettings } from '../core/settings/settings.js';

export type LintRun = 'onType' | 'onSave';

/** The snooze.* settings as the extension uses them; the lint part is the same object the CLI reads. */
export interface SnoozeConfig {
  readonly lint: LintSettings;
  readonly lintRun: LintRun;
  /** Empty when unset. VS Code drops workspace values of these in Restricted Mode (restrictedConfigurations). */
  readonly genisoimagePath: string;
  readonly qemuImgPath: string;
  /** Values that were ignored, with why: logged, so a typo in settings.json is visible. */
  readonly problems: readonly string[];
}

export function readConfig(): SnoozeConfig {
  const folder = vscode.workspace.workspaceFolders?.[0];
  const config = vscode.workspace.getConfiguration('snooze', folder);
  const raw = {
    'snooze.bridges': config.get('bridges'),
    'snooze.pathMappings': config.get('pathMappings'),
    'snooze.rules': config.get('rules'),
  };
  // Relative path mappings resolve against the (first) workspace folder, as the CLI resolves them against .vscode/..
  const { settings, problems } = settingsFromObject(raw, folder?.uri.fsPath ?? process.cwd());
  return {
    lint: settings,
    lintRun: config.get<LintRun>('lint.run') === 'onSave' ? 'onSave' : 'onType',
    genisoimagePath: config.get<string>('genisoimagePath') ?? '',
    qemuImgPath: config.get<string>('qemuImgPath') ?? '',
    problems,
  };
}
