// Commands of the linting side.
//   snooze.lintWorkspace()                re-lints every template and context folder now (images on a remote
//                                         mount may change without a file event) and says what it found.
//                                         Returns { templates, contextFolders, errors, warnings, infos }.
//   snooze.disableRule({ rule, file? })   switches a rule off in the settings of the workspace folder holding
//                                         `file` (the workspace's when there is one folder), where the CLI reads it too.
//   snooze.convertToLf(uri)               the quick fix of context-crlf: the document keeps its content with LF
//                                         line endings (saved by the user).
import * as vscode from 'vscode';
import { isRuleId } from '../../core/rules/registry.js';
import { plural } from '../../core/text/plural.js';
import type { Snooze } from '../snooze.js';
import { workspaceFolderOf } from '../workspace/paths.js';

export interface LintSummary {
  readonly templates: number;
  readonly contextFolders: number;
  readonly errors: number;
  readonly warnings: number;
  readonly infos: number;
}

export async function lintWorkspace(snooze: Snooze): Promise<LintSummary> {
  snooze.linter.images.invalidate();
  const summary = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Window, title: 'Snooze: linting templates' },
    async () => {
      snooze.templates.relintAll();
      for (const dir of snooze.contexts.folders.keys()) snooze.contexts.relint(dir);
      await snooze.activity.whenIdle();
      return summarize(snooze);
    },
  );
  const counts = [
    plural(summary.errors, 'error'),
    plural(summary.warnings, 'warning'),
    ...(summary.infos > 0 ? [plural(summary.infos, 'note')] : []),
  ].join(', ');
  const message = `Snooze linted ${plural(summary.templates, 'template')} and ${plural(summary.contextFolders, 'context folder')}: ${counts}.`;
  snooze.log.info(message);
  const problems = summary.errors + summary.warnings + summary.infos > 0;
  void vscode.window.showInformationMessage(message, ...(problems ? ['Show Problems'] : [])).then((choice) => {
    if (choice) void vscode.commands.executeCommand('workbench.actions.view.problems');
  });
  return summary;
}

function summarize(snooze: Snooze): LintSummary {
  let errors = 0;
  let warnings = 0;
  let infos = 0;
  for (const list of [...snooze.templates.allFindings, ...snooze.contexts.folders.values()]) {
    for (const f of list) {
      if (f.severity === 'error') errors++;
      else if (f.severity === 'warning') warnings++;
      else infos++;
    }
  }
  return {
    templates: snooze.templates.templateCount,
    contextFolders: snooze.contexts.folders.size,
    errors,
    warnings,
    infos,
  };
}

export async function disableRule(snooze: Snooze, target: unknown): Promise<void> {
  const { rule, file } = (typeof target === 'string' ? { rule: target } : (target ?? {})) as {
    rule?: string;
    file?: string;
  };
  if (!rule || !isRuleId(rule)) throw new Error(`there is no rule ${String(rule)}`);
  const folder = file ? workspaceFolderOf(file) : undefined;
  // In a multi-root workspace the folder's own .vscode/settings.json: the other folders keep the rule.
  const multiRoot = (vscode.workspace.workspaceFolders?.length ?? 0) > 1;
  const config = vscode.workspace.getConfiguration('snooze', folder);
  const scope = multiRoot && folder ? vscode.ConfigurationTarget.WorkspaceFolder : vscode.ConfigurationTarget.Workspace;
  const inspected = config.inspect<Record<string, string>>('rules');
  const current =
    (scope === vscode.ConfigurationTarget.WorkspaceFolder
      ? inspected?.workspaceFolderValue
      : inspected?.workspaceValue) ?? {};
  await config.update('rules', { ...current, [rule]: 'off' }, scope);
  snooze.log.info(
    `rule ${rule} switched off in the ${scope === vscode.ConfigurationTarget.WorkspaceFolder ? `settings of ${folder!.name}` : 'workspace settings'}`,
  );
}

export async function convertToLf(uri: unknown): Promise<boolean> {
  if (!(uri instanceof vscode.Uri)) throw new Error('convertToLf takes the Uri of a file');
  const edit = new vscode.WorkspaceEdit();
  edit.set(uri, [vscode.TextEdit.setEndOfLine(vscode.EndOfLine.LF)]);
  return vscode.workspace.applyEdit(edit);
}
