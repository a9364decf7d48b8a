import * as vscode from 'vscode';
import { parseTemplateDocument, type TemplateDocument } from '../../core/domain/templateDocument.js';
import { driverTypeFix, quickFixes, type QuickFix } from '../../core/fixes/quickFixes.js';
import { ruleOf } from '../convert.js';
import type { Snooze } from '../snooze.js';
import type { TemplateLinting } from '../lint/templateLinting.js';

export const DISABLE_RULE_COMMAND = 'snooze.disableRule';

/** Quick fixes for our diagnostics: each edits only the text concerned, computed on the current text. */
export function registerQuickFixes(snooze: Snooze, templates: TemplateLinting): void {
  const provider: vscode.CodeActionProvider = {
    provideCodeActions(document, _range, context) {
      const ours = context.diagnostics.filter((d) => ruleOf(d) !== undefined);
      if (ours.length === 0) return [];
      let parsed: TemplateDocument | undefined;
      const template = (): Extract<TemplateDocument, { kind: 'template' }> | undefined => {
        parsed ??= parseTemplateDocument(document.uri.fsPath, document.getText());
        return parsed.kind === 'template' ? parsed : undefined;
      };
      const inputs = {
        takenNames: snooze.linter.index.keys('name'),
        takenMacs: snooze.linter.index.keys('mac'),
        bridges: snooze.config.lint.bridges,
      };
      return ours.flatMap((diagnostic) => {
        const rule = ruleOf(diagnostic)!;
        const actions: vscode.CodeAction[] = [];
        if (rule === 'context-crlf') actions.push(crlfToLf(document, diagnostic));
        const doc = rule.startsWith('context-') || rule === 'iso-stale' || rule === 'joliet-name-too-long' ? undefined : template();
        if (doc) {
          const offset = document.offsetAt(diagnostic.range.start);
          const fixes: QuickFix[] = rule === 'disk-format-mismatch'
            ? driverTypeFix(doc, offset, suggestionFor(templates, document.uri.fsPath, rule, diagnostic) ?? '')
            : quickFixes(doc, rule, offset, inputs);
          for (const fix of fixes) actions.push(toCodeAction(document, diagnostic, fix));
        }
        const disable = new vscode.CodeAction(`Disable rule ${rule} in workspace settings`, vscode.CodeActionKind.QuickFix);
        disable.diagnostics = [diagnostic];
        disable.command = { command: DISABLE_RULE_COMMAND, title: disable.title, arguments: [rule] };
        actions.push(disable);
        return actions;
      });
    },
  };
  snooze.register(
    vscode.languages.registerCodeActionsProvider({ scheme: 'file' }, provider, { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] }),
  );
}

function toCodeAction(document: vscode.TextDocument, diagnostic: vscode.Diagnostic, fix: QuickFix): vscode.CodeAction {
  const action = new vscode.CodeAction(fix.title, vscode.CodeActionKind.QuickFix);
  action.diagnostics = [diagnostic];
  action.isPreferred = fix.preferred ?? false;
  action.edit = new vscode.WorkspaceEdit();
  for (const edit of fix.edits) {
    action.edit.replace(document.uri, new vscode.Range(document.positionAt(edit.span.start), document.positionAt(edit.span.end)), edit.newText);
  }
  return action;
}

export const CONVERT_TO_LF_COMMAND = 'snooze.convertToLf';

/**
 * Setting the end-of-line sequence converts every line and keeps the content, which a text replace would not
 * (the editor re-applies the document's CRLF to inserted text). It runs as a command because an edit's
 * end-of-line change does not survive being passed around as a code action's edit.
 */
function crlfToLf(document: vscode.TextDocument, diagnostic: vscode.Diagnostic): vscode.CodeAction {
  const action = new vscode.CodeAction('Convert line endings to LF', vscode.CodeActionKind.QuickFix);
  action.diagnostics = [diagnostic];
  action.isPreferred = true;
  action.command = { command: CONVERT_TO_LF_COMMAND, title: action.title, arguments: [document.uri] };
  return action;
}

function suggestionFor(templates: TemplateLinting, file: string, rule: string, diagnostic: vscode.Diagnostic): string | undefined {
  const start = diagnostic.range.start;
  return templates.findingsOf(file).find((f) => f.rule === rule && f.range.start.line === start.line && f.range.start.character === start.character)?.suggestions?.[0];
}
