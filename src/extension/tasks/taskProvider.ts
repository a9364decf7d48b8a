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
import { TestBootTerminal } from './testBootTerminal.js';
import { resolveInWorkspace } from '../workspace/paths.js';

const PROBLEM_MATCHER = '$snooze-tools';

function taskName(definition: SnoozeTaskDefinition): string {
  if (definition.action === 'testBoot') return `Test-Boot: ${definition.template}`;
  return definition.action === 'buildIso'
    ? `Build ISO: ${definition.contextFolder}`
    : `Create disk: ${definition.output}`;
}

function snoozeTask(
  snooze: Snooze,
  definition: SnoozeTaskDefinition,
  scope: vscode.WorkspaceFolder | vscode.TaskScope,
  name = taskName(definition),
): vscode.Task {
  const folder = typeof scope === 'object' ? scope : undefined;
  const execution = new vscode.CustomExecution(async (resolved) => {
    const d = resolved as SnoozeTaskDefinition;
    // Test-Boot has its own terminal (the VM's console); an invalid definition is reported by ToolTerminal.
    if (d.action === 'testBoot' && typeof d.template === 'string') {
      return new TestBootTerminal(
        snooze,
        resolveInWorkspace(d.template, folder),
        d.timeLimitSeconds !== undefined ? { timeLimitSeconds: d.timeLimitSeconds } : {},
      );
    }
    return new ToolTerminal(snooze, d, folder);
  });
  const task = new vscode.Task(
    definition,
    scope,
    name,
    'snooze',
    execution,
    definition.action === 'testBoot' ? [] : [PROBLEM_MATCHER],
  );
  task.group = definition.action === 'testBoot' ? vscode.TaskGroup.Test : vscode.TaskGroup.Build;
  task.detail =
    definition.action === 'testBoot'
      ? 'a throwaway VM on this machine (libvirt + QEMU), its serial console'
      : definition.action === 'buildIso'
        ? 'genisoimage -R -J: the context CD beside its folder'
        : 'qemu-img create -f qcow2 -b <base>';
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
