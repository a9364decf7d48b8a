// Tasks of type `snooze`: a Build ISO task per context folder, in the workspace folder that holds it (so "Run
// Task" offers them and tasks.json can pin them), and tasks.json's own buildIso/createDisk tasks, all run in a
// ToolTerminal with paths relative to their workspace folder.
import path from 'node:path';
import * as vscode from 'vscode';
import type { Snooze } from '../snooze.js';
import { workspaceFolderOf } from '../workspace/paths.js';
import { knownContextFolders } from '../prompts/pickers.js';
import { TASK_TYPE, type SnoozeTaskDefinition } from './taskDefinition.js';
import { ToolTerminal } from './toolTerminal.js';

export const PROBLEM_MATCHER = '$snooze-tools';

function taskName(definition: SnoozeTaskDefinition): string {
  return definition.action === 'buildIso' ? `Build ISO: ${definition.contextFolder}` : `Create disk: ${definition.output}`;
}

function snoozeTask(snooze: Snooze, definition: SnoozeTaskDefinition, scope: vscode.WorkspaceFolder | vscode.TaskScope, name = taskName(definition)): vscode.Task {
  const folder = typeof scope === 'object' ? scope : undefined;
  const execution = new vscode.CustomExecution(async (resolved) => new ToolTerminal(snooze, resolved as SnoozeTaskDefinition, folder));
  const task = new vscode.Task(definition, scope, name, 'snooze', execution, [PROBLEM_MATCHER]);
  task.group = vscode.TaskGroup.Build;
  task.detail = definition.action === 'buildIso' ? 'genisoimage -R -J: the context CD beside its folder' : 'qemu-img create -f qcow2 -b <base>';
  return task;
}

class SnoozeTaskProvider implements vscode.TaskProvider {
  constructor(private readonly snooze: Snooze) {}

  async provideTasks(): Promise<vscode.Task[]> {
    // The workspace scan may still be running right after activation.
    await this.snooze.activity.whenIdle();
    return knownContextFolders(this.snooze).flatMap((dir) => {
      const folder = workspaceFolderOf(dir);
      if (!folder) return [];
      const contextFolder = path.relative(folder.uri.fsPath, dir).split(path.sep).join('/');
      return [snoozeTask(this.snooze, { type: TASK_TYPE, action: 'buildIso', contextFolder }, folder)];
    });
  }

  /** A task from tasks.json: same definition object, our execution (VS Code requires the definition unchanged). */
  resolveTask(task: vscode.Task): vscode.Task | undefined {
    const definition = task.definition as SnoozeTaskDefinition;
    if (definition.type !== TASK_TYPE) return undefined;
    return snoozeTask(this.snooze, definition, task.scope ?? vscode.TaskScope.Workspace, task.name);
  }
}

export function registerTasks(snooze: Snooze): vscode.Disposable {
  return vscode.tasks.registerTaskProvider(TASK_TYPE, new SnoozeTaskProvider(snooze));
}
