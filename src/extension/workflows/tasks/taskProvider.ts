// Tasks of type `snooze`: a Build ISO task per context folder (so "Run Task" offers them and tasks.json can
// pin them), and tasks.json's own buildIso/createDisk tasks, all run in a ToolTerminal.
import * as vscode from 'vscode';
import { displayPath, type Workflows } from '../deps.js';
import { knownContextFolders } from '../pickers.js';
import { TASK_TYPE, type SnoozeTaskDefinition } from './taskDefinition.js';
import { ToolTerminal } from './toolTerminal.js';

export const PROBLEM_MATCHER = '$snooze-tools';

function taskName(definition: SnoozeTaskDefinition): string {
  return definition.action === 'buildIso' ? `Build ISO: ${definition.contextFolder}` : `Create disk: ${definition.output}`;
}

export function snoozeTask(deps: Workflows, definition: SnoozeTaskDefinition, scope: vscode.WorkspaceFolder | vscode.TaskScope, name = taskName(definition)): vscode.Task {
  const task = new vscode.Task(definition, scope, name, 'snooze', new vscode.CustomExecution(async (resolved) => new ToolTerminal(deps, resolved as SnoozeTaskDefinition)), [PROBLEM_MATCHER]);
  task.group = vscode.TaskGroup.Build;
  task.detail = definition.action === 'buildIso' ? 'genisoimage -R -J: the context CD beside its folder' : 'qemu-img create -f qcow2 -b <base>';
  return task;
}

export class SnoozeTaskProvider implements vscode.TaskProvider {
  constructor(private readonly deps: Workflows) {}

  async provideTasks(): Promise<vscode.Task[]> {
    // The workspace scan may still be running right after activation.
    await this.deps.snooze.activity.whenIdle();
    const folder = vscode.workspace.workspaceFolders?.[0];
    if (!folder) return [];
    return knownContextFolders(this.deps).map((dir) =>
      snoozeTask(this.deps, { type: TASK_TYPE, action: 'buildIso', contextFolder: displayPath(dir) }, folder),
    );
  }

  /** A task from tasks.json: same definition object, our execution (VS Code requires the definition unchanged). */
  resolveTask(task: vscode.Task): vscode.Task | undefined {
    const definition = task.definition as SnoozeTaskDefinition;
    if (definition.type !== TASK_TYPE) return undefined;
    return snoozeTask(this.deps, definition, task.scope ?? vscode.TaskScope.Workspace, task.name);
  }
}

export function registerTasks(deps: Workflows): vscode.Disposable {
  return vscode.tasks.registerTaskProvider(TASK_TYPE, new SnoozeTaskProvider(deps));
}
