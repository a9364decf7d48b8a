// Snooze's state in the language status area of XML and context files (as vscode-eslint and Red Hat's XML
// extension show theirs): how many templates and context folders, their errors and warnings, a spinner while
// linting. VS Code's own status bar already counts every problem, so nothing is repeated there in red.
import * as vscode from 'vscode';
import { plural } from '../../core/text/plural.js';
import type { Snooze } from '../snooze.js';
import { COMMANDS } from '../commands/commandIds.js';

const SELECTOR: vscode.DocumentSelector = [
  { language: 'xml' },
  { scheme: 'file', pattern: '**/*.xml' },
  { language: 'snooze-network' },
  { language: 'snooze-routes' },
];

export function registerStatusItem(snooze: Snooze): vscode.Disposable {
  const item = vscode.languages.createLanguageStatusItem('snooze.status', SELECTOR);
  item.name = 'Snooze';
  const update = (): void => {
    const templates = snooze.templates.templateCount;
    const contexts = snooze.contexts.folders.size;
    let errors = 0;
    let warnings = 0;
    for (const list of [...snooze.templates.allFindings, ...snooze.contexts.folders.values()]) {
      for (const f of list) {
        if (f.severity === 'error') errors++;
        else if (f.severity === 'warning') warnings++;
      }
    }
    item.busy = snooze.activity.busy;
    item.text = `Snooze: ${plural(templates, 'template')}, ${plural(contexts, 'context folder')}`;
    item.detail =
      errors + warnings === 0 ? 'no problems' : `${plural(errors, 'error')}, ${plural(warnings, 'warning')}`;
    item.severity =
      errors > 0
        ? vscode.LanguageStatusSeverity.Error
        : warnings > 0
          ? vscode.LanguageStatusSeverity.Warning
          : vscode.LanguageStatusSeverity.Information;
    item.command =
      errors + warnings > 0
        ? { title: 'Show Problems', command: 'workbench.actions.view.problems' }
        : { title: 'Lint Again', command: COMMANDS.lintWorkspace };
  };
  update();
  return vscode.Disposable.from(
    item,
    snooze.templates.onDidChange(update),
    snooze.contexts.onDidChange(update),
    snooze.activity.onDidChange(update),
  );
}
