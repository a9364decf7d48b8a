// The `snooze` task type: provided Build ISO tasks, and tasks that run the real tools in a pseudoterminal.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import * as vscode from 'vscode';
import { api, inWorkspace, mode } from './helpers.js';

function runTask(task: vscode.Task, timeoutMs = 30000): Promise<number | undefined> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      sub.dispose();
      reject(new Error(`task ${task.name} did not end within ${timeoutMs} ms`));
    }, timeoutMs);
    const sub = vscode.tasks.onDidEndTaskProcess((e) => {
      if (e.execution.task.name !== task.name) return;
      clearTimeout(timer);
      sub.dispose();
      resolve(e.exitCode);
    });
    vscode.tasks.executeTask(task).then(undefined, (error: unknown) => {
      clearTimeout(timer);
      sub.dispose();
      reject(error instanceof Error ? error : new Error(String(error)));
    });
  });
}

(mode === 'trusted' ? describe : describe.skip)('snooze tasks', () => {
  before(async () => {
    await vscode.commands.executeCommand('snooze.newContextFolder', { dir: 'tasks/vm7' });
    await (await api()).whenIdle();
  });

  it('provides a Build ISO task per context folder', async () => {
    const tasks = await vscode.tasks.fetchTasks({ type: 'snooze' });
    const folders = tasks.map((t) => t.definition['contextFolder']);
    assert.ok(folders.includes('context/web1'), JSON.stringify(folders));
    assert.ok(folders.includes('tasks/vm7'), JSON.stringify(folders));
    for (const t of tasks) {
      assert.equal(t.definition['action'], 'buildIso');
      assert.equal(t.source, 'snooze');
      assert.deepEqual(t.problemMatchers, ['$snooze-tools']);
    }
  });

  it('runs a provided Build ISO task to exit code 0 and a real ISO', async function () {
    this.timeout(40000);
    const task = (await vscode.tasks.fetchTasks({ type: 'snooze' })).find((t) => t.definition['contextFolder'] === 'tasks/vm7');
    assert.ok(task);
    assert.equal(await runTask(task), 0);
    const listing = execFileSync('isoinfo', ['-R', '-f', '-i', inWorkspace('tasks', 'vm7.iso')], { encoding: 'utf8' });
    assert.match(listing, /^\/post-install$/m);
  });

  it('fails (exit 1) without replacing an existing output, as tasks.json would define it', async function () {
    this.timeout(40000);
    const folder = vscode.workspace.workspaceFolders![0]!;
    const before = fs.readFileSync(inWorkspace('tasks', 'vm7.iso'));
    const definition = { type: 'snooze', action: 'buildIso', contextFolder: '${workspaceFolder}/tasks/vm7' };
    const provided = (await vscode.tasks.fetchTasks({ type: 'snooze' }))[0]!;
    // Same execution as a tasks.json task gets from resolveTask: a CustomExecution from our provider.
    const task = new vscode.Task(definition, folder, 'rebuild vm7 without overwrite', 'snooze', provided.execution, ['$snooze-tools']);
    assert.equal(await runTask(task), 1);
    assert.ok(fs.readFileSync(inWorkspace('tasks', 'vm7.iso')).equals(before));
  });

  it('runs a createDisk task', async function () {
    this.timeout(40000);
    const folder = vscode.workspace.workspaceFolders![0]!;
    const base = inWorkspace('tasks', 'base.raw');
    execFileSync('qemu-img', ['create', '-q', '-f', 'raw', base, '8M']);
    const provided = (await vscode.tasks.fetchTasks({ type: 'snooze' }))[0]!;
    const definition = { type: 'snooze', action: 'createDisk', base: 'tasks/base.raw', output: 'tasks/vm7.qcow2', backingPath: 'relative' };
    const task = new vscode.Task(definition, folder, 'create vm7 disk', 'snooze', provided.execution, ['$snooze-tools']);
    assert.equal(await runTask(task), 0);
    assert.ok(fs.existsSync(inWorkspace('tasks', 'vm7.qcow2')));
  });
});
