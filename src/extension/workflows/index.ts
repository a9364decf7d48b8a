// Registers the workflows: the commands (a table from id to handler), the Snooze explorer view and the
// `snooze` task provider. Returns what the extension API exposes for tests and scripts.
import * as vscode from 'vscode';
import type { Snooze } from '../snooze.js';
import type { TemplateLinting } from '../lint/templateLinting.js';
import type { ContextLinting } from '../lint/contextLinting.js';
import type { Workflows } from './deps.js';
import { buildIso } from './commands/buildIso.js';
import { createDisk } from './commands/createDisk.js';
import { newContextFolder } from './commands/newContextFolder.js';
import { newTemplate } from './commands/newTemplate.js';
import { prepareBaseImage } from './commands/prepareBaseImage.js';
import { openTemplate, refreshTree, revealInExplorer } from './commands/treeCommands.js';
import { SnoozeExplorer } from './explorer/explorerProvider.js';
import { registerTasks } from './tasks/taskProvider.js';

export type { ExplorerSnapshot } from './explorer/explorerProvider.js';
export type { SnoozeExplorer } from './explorer/explorerProvider.js';

export interface WorkflowsApi {
  /** The explorer's data: `await explorer.snapshot()` lists what the view shows; `onDidChangeTreeData` fires on redraw. */
  readonly explorer: SnoozeExplorer;
}

export function registerWorkflows(snooze: Snooze, templates: TemplateLinting, contexts: ContextLinting): WorkflowsApi {
  const deps: Workflows = { snooze, templates, contexts };
  const explorer = new SnoozeExplorer(deps);
  const view = vscode.window.createTreeView('snooze.explorer', { treeDataProvider: explorer, showCollapseAll: true });

  // Every handler takes its inputs as arguments too (documented at the top of each command's file).
  const commands: Record<string, (...args: unknown[]) => unknown> = {
    'snooze.newContextFolder': (target) => newContextFolder(deps, target),
    'snooze.newTemplate': (target) => newTemplate(deps, target),
    'snooze.buildIso': (target, options) => buildIso(deps, target, options),
    'snooze.createDisk': (target, options) => createDisk(deps, target, options),
    'snooze.prepareBaseImage': (target) => prepareBaseImage(deps, target),
    'snooze.refreshTree': () => refreshTree(explorer),
    'snooze.openTemplate': (target) => openTemplate(target),
    'snooze.revealInExplorer': (target) => revealInExplorer(target),
  };
  for (const [id, handler] of Object.entries(commands)) {
    snooze.register(vscode.commands.registerCommand(id, async (...args: unknown[]) => {
      try {
        return await handler(...args);
      } catch (error) {
        // Tool errors are shown by the commands themselves; this is for the unexpected (a full disk, a bug).
        snooze.log.error(`${id} failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
        void vscode.window.showErrorMessage(`${id.replace('snooze.', 'Snooze: ')} failed: ${error instanceof Error ? error.message : String(error)}`);
        return undefined;
      }
    }));
  }
  snooze.register(explorer, view, registerTasks(deps));
  return { explorer };
}
