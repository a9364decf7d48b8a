import * as vscode from 'vscode';
import type { Snooze } from '../snooze.js';
import type { TemplateLinting } from './templateLinting.js';
import type { ContextLinting } from './contextLinting.js';
import { ruleById } from '../../core/rules/registry.js';
import { CONVERT_TO_LF_COMMAND, DISABLE_RULE_COMMAND } from '../editing/quickFixes.js';

/** Commands of the linting side, as a table from id to handler. */
export function registerLintCommands(snooze: Snooze, templates: TemplateLinting, contexts: ContextLinting): void {
  const commands: Record<string, (...args: never[]) => unknown> = {
    /** Switches a rule off in the workspace settings (snooze.rules), where the CLI reads it too. */
    [DISABLE_RULE_COMMAND]: async (rule: string) => {
      if (!ruleById(rule)) throw new Error(`unknown rule ${rule}`);
      const config = vscode.workspace.getConfiguration('snooze', vscode.workspace.workspaceFolders?.[0]);
      const current = config.inspect<Record<string, string>>('rules')?.workspaceValue ?? {};
      await config.update('rules', { ...current, [rule]: 'off' }, vscode.ConfigurationTarget.Workspace);
      snooze.log.info(`rule ${rule} switched off in the workspace settings`);
    },
    /** The quick fix of context-crlf: the document keeps its content with LF line endings (saved by the user). */
    [CONVERT_TO_LF_COMMAND]: async (uri: vscode.Uri) => {
      const edit = new vscode.WorkspaceEdit();
      edit.set(uri, [vscode.TextEdit.setEndOfLine(vscode.EndOfLine.LF)]);
      return vscode.workspace.applyEdit(edit);
    },
    /** Re-lints everything now (images on a remote mount may change without a file event). */
    'snooze.lintWorkspace': async () => {
      snooze.linter.images.invalidate();
      templates.relintAll();
      for (const dir of contexts.folders.keys()) contexts.relint(dir);
      await snooze.activity.whenIdle();
    },
  };
  for (const [id, handler] of Object.entries(commands)) snooze.register(vscode.commands.registerCommand(id, handler));
}
