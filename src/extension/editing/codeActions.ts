// Quick fixes for our diagnostics. Each rule carries its own fixes (src/core/rules); this provider only finds
// the finding a diagnostic shows, in a lint of the document's current text, and turns its fixes into code
// actions, then adds the ways out every finding has: in a template, a suppression comment for the line or the
// file; everywhere, switching the rule off in the settings of its workspace folder.
import * as vscode from 'vscode';
import type { Fix, FixAction } from '../../core/fixes/fix.js';
import { suppressionFixes } from '../../core/fixes/suppressionFixes.js';
import { ruleOf, showsFinding, toRange } from '../lint/toDiagnostic.js';
import type { Snooze } from '../snooze.js';
import { COMMANDS } from '../commands/commandIds.js';

export function registerCodeActions(snooze: Snooze): vscode.Disposable {
  const provider: vscode.CodeActionProvider = {
    provideCodeActions(document, _range, context) {
      const ours = context.diagnostics.filter((d) => ruleOf(d) !== undefined);
      if (ours.length === 0 || document.uri.scheme !== 'file') return [];
      const file = document.uri.fsPath;
      const templateFindings = snooze.templates.currentFindings(document);
      const findings = [...templateFindings, ...snooze.contexts.findingsOfFile(file)];
      return ours.flatMap((diagnostic) => {
        const finding = findings.find((f) => showsFinding(diagnostic, f));
        const fixes = finding?.fixes?.() ?? [];
        const rule = ruleOf(diagnostic)!;
        // Not for xml-syntax: a comment cannot mend a document that does not parse.
        const suppress =
          finding && templateFindings.includes(finding) && rule !== 'xml-syntax'
            ? suppressionFixes(document.getText(), rule, diagnostic.range.start.line)
            : [];
        return [...fixes, ...suppress]
          .map((fix) => toCodeAction(document.uri, diagnostic, fix))
          .concat(disableRuleAction(document.uri, diagnostic, rule));
      });
    },
  };
  return vscode.languages.registerCodeActionsProvider({ scheme: 'file' }, provider, {
    providedCodeActionKinds: [vscode.CodeActionKind.QuickFix],
  });
}

function toCodeAction(uri: vscode.Uri, diagnostic: vscode.Diagnostic, fix: Fix): vscode.CodeAction {
  const action = new vscode.CodeAction(fix.title, vscode.CodeActionKind.QuickFix);
  action.diagnostics = [diagnostic];
  action.isPreferred = fix.preferred ?? false;
  if (fix.edits && fix.edits.length > 0) {
    action.edit = new vscode.WorkspaceEdit();
    for (const edit of fix.edits) action.edit.replace(uri, toRange(edit.range), edit.newText);
  }
  if (fix.action) applyAction(action, fix.action);
  return action;
}

/** The editor's side of each FixAction the core may name. */
function applyAction(codeAction: vscode.CodeAction, action: FixAction): void {
  switch (action.kind) {
    case 'convertToLf':
      // A command, not an edit: an end-of-line change does not survive being passed around as a code action's edit.
      codeAction.command = {
        command: COMMANDS.convertToLf,
        title: codeAction.title,
        arguments: [vscode.Uri.file(action.file)],
      };
      return;
    case 'renameFile':
      codeAction.edit ??= new vscode.WorkspaceEdit();
      codeAction.edit.renameFile(vscode.Uri.file(action.from), vscode.Uri.file(action.to), { overwrite: false });
      return;
    case 'buildIso':
      codeAction.command = {
        command: COMMANDS.buildIso,
        title: codeAction.title,
        arguments: [
          {
            contextFolder: action.contextFolder,
            output: action.output,
            ...(action.replace ? { overwrite: true } : {}),
          },
        ],
      };
      return;
    case 'createDisk':
      codeAction.command = {
        command: COMMANDS.createDisk,
        title: codeAction.title,
        arguments: [undefined, { output: action.output }],
      };
      return;
    case 'mapLcFolder':
      codeAction.command = {
        command: COMMANDS.mapLcFolder,
        title: codeAction.title,
        arguments: [{ lcFolder: action.lcFolder, file: action.file }],
      };
      return;
    case 'checkOnLcs':
      codeAction.command = {
        command: COMMANDS.checkLocalControllers,
        title: codeAction.title,
        arguments: [{ file: action.file }],
      };
      return;
  }
}

function disableRuleAction(uri: vscode.Uri, diagnostic: vscode.Diagnostic, rule: string): vscode.CodeAction {
  const action = new vscode.CodeAction(
    `Disable rule ${rule} in the workspace settings`,
    vscode.CodeActionKind.QuickFix,
  );
  action.diagnostics = [diagnostic];
  action.command = { command: COMMANDS.disableRule, title: action.title, arguments: [{ rule, file: uri.fsPath }] };
  return action;
}
