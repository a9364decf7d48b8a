import * as vscode from 'vscode';
import type { Snooze } from './snooze.js';
import type { TemplateLinting } from './lint/templateLinting.js';
import type { ContextLinting } from './lint/contextLinting.js';

/** Template count and problems of the workspace; a click opens the Problems view. Hidden until there is a template or context folder. */
export function registerStatusBar(snooze: Snooze, templates: TemplateLinting, contexts: ContextLinting): void {
  const item = vscode.window.createStatusBarItem('snooze.status', vscode.StatusBarAlignment.Left, 10);
  item.name = 'Snooze';
  item.command = 'workbench.actions.view.problems';
  const update = (): void => {
    const count = templates.documents.size;
    if (count === 0 && contexts.folders.size === 0) {
      item.hide();
      return;
    }
    let errors = 0;
    let warnings = 0;
    for (const list of [...templates.allFindings, ...contexts.folders.values()]) {
      for (const f of list) {
        if (f.severity === 'error') errors++;
        else if (f.severity === 'warning') warnings++;
      }
    }
    const busy = snooze.activity.busy ? '$(sync~spin) ' : '';
    item.text = `${busy}$(server-environment) ${count} template${count === 1 ? '' : 's'}  $(error) ${errors}  $(warning) ${warnings}`;
    item.tooltip = `Snooze: ${count} template${count === 1 ? '' : 's'}, ${contexts.folders.size} context folder${contexts.folders.size === 1 ? '' : 's'}; ${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}. Click to open the Problems view.`;
    item.backgroundColor = errors > 0 ? new vscode.ThemeColor('statusBarItem.errorBackground') : undefined;
    item.show();
  };
  snooze.register(item, templates.onDidChange(update), contexts.onDidChange(update), snooze.activity.onDidChange(update));
  update();
}
