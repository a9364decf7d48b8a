// The `snooze` task type (contributes.taskDefinitions), as tasks.json writes it:
//   { "type": "snooze", "action": "buildIso", "contextFolder": "context/web1", "output"?: "context/web1.iso", "overwrite"?: true }
//   { "type": "snooze", "action": "createDisk", "base": "images/base.raw", "output": "images/vm1.qcow2",
//     "backingPath"?: "absolute" | "relative", "overwrite"?: true }
//   { "type": "snooze", "action": "testBoot", "template": "templates/web1.xml", "timeLimitSeconds"?: 600 }
// Paths are absolute or relative to the workspace folder (${workspaceFolder} is understood too).
import type * as vscode from 'vscode';

export const TASK_TYPE = 'snooze';

export interface BuildIsoTaskDefinition extends vscode.TaskDefinition {
  readonly type: typeof TASK_TYPE;
  readonly action: 'buildIso';
  readonly contextFolder: string;
  readonly output?: string;
  readonly overwrite?: boolean;
}

export interface CreateDiskTaskDefinition extends vscode.TaskDefinition {
  readonly type: typeof TASK_TYPE;
  readonly action: 'createDisk';
  readonly base: string;
  readonly output: string;
  readonly backingPath?: 'absolute' | 'relative';
  readonly overwrite?: boolean;
}

export interface TestBootTaskDefinition extends vscode.TaskDefinition {
  readonly type: typeof TASK_TYPE;
  readonly action: 'testBoot';
  readonly template: string;
  readonly timeLimitSeconds?: number;
}

export type SnoozeTaskDefinition = BuildIsoTaskDefinition | CreateDiskTaskDefinition | TestBootTaskDefinition;

/** What is wrong with a definition from tasks.json (the schema only warns in the editor), or undefined. */
export function definitionProblem(definition: vscode.TaskDefinition): string | undefined {
  const d = definition as Partial<Record<string, unknown>>;
  if (d['action'] === 'buildIso')
    return typeof d['contextFolder'] === 'string' ? undefined : 'a buildIso task needs "contextFolder"';
  if (d['action'] === 'createDisk') {
    if (typeof d['base'] !== 'string' || typeof d['output'] !== 'string')
      return 'a createDisk task needs "base" and "output"';
    if (d['backingPath'] !== undefined && d['backingPath'] !== 'absolute' && d['backingPath'] !== 'relative')
      return '"backingPath" is "absolute" or "relative"';
    return undefined;
  }
  if (d['action'] === 'testBoot') {
    if (typeof d['template'] !== 'string') return 'a testBoot task needs "template"';
    if (
      d['timeLimitSeconds'] !== undefined &&
      (typeof d['timeLimitSeconds'] !== 'number' || d['timeLimitSeconds'] <= 0)
    )
      return '"timeLimitSeconds" is a positive number';
    return undefined;
  }
  return `"action" must be "buildIso", "createDisk" or "testBoot", not ${JSON.stringify(d['action'])}`;
}
