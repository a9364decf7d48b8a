// The `snooze` task type: provided Build ISO tasks, and tasks that run the real tools in a pseudoterminal.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import * as vscode from 'vscode';
import { activate as api, inWorkspace, mode, readLog, waitFor } from '../support/host.js';

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
    const task = (await vscode.tasks.fetchTasks({ type: 'snooze' })).find(
      (t) => t.definition['contextFolder'] === 'tasks/vm7',
    );
    assert.ok(task);
    assert.equal(await runTask(task), 0);
    const listing = execFileSync('isoinfo', ['-R', '-f', '-i', inWorkspace('tasks', 'vm7.iso')], { encoding: 'utf8' });
    assert.match(listing, /^\/post-install$/m);
  });

  // Same execution as a tasks.json task gets from resolveTask: a CustomExecution from our provider.
  async function isoTask(name: string, extra: Record<string, unknown>): Promise<vscode.Task> {
    const folder = vscode.workspace.workspaceFolders![0]!;
    const definition = { type: 'snooze', action: 'buildIso', contextFolder: '${workspaceFolder}/tasks/vm7', ...extra };
    const provided = (await vscode.tasks.fetchTasks({ type: 'snooze' }))[0]!;
    return new vscode.Task(definition, folder, name, 'snooze', provided.execution, ['$snooze-tools']);
  }

  it('asks before it replaces an existing ISO when the task does not say, and keeps it unless told', async function () {
    this.timeout(40000);
    const before = fs.readFileSync(inWorkspace('tasks', 'vm7.iso'));
    // The test host refuses modal dialogs: the question is asked, and unanswered means "keep".
    assert.equal(await runTask(await isoTask('rebuild vm7, ask', {})), 1);
    assert.ok(fs.readFileSync(inWorkspace('tasks', 'vm7.iso')).equals(before));
    await waitFor('the question in the log', () => /asked before replacing .*vm7\.iso: keep/.test(readLog()));
  });

  it('never replaces with "overwrite": false, and replaces with "overwrite": true', async function () {
    this.timeout(40000);
    const before = fs.readFileSync(inWorkspace('tasks', 'vm7.iso'));
    assert.equal(await runTask(await isoTask('rebuild vm7, never', { overwrite: false })), 1);
    assert.ok(fs.readFileSync(inWorkspace('tasks', 'vm7.iso')).equals(before));
    fs.writeFileSync(inWorkspace('tasks', 'vm7', 'post-install'), '#!/bin/sh\necho rebuilt\n', { mode: 0o755 });
    assert.equal(await runTask(await isoTask('rebuild vm7, replace', { overwrite: true })), 0);
    const listing = execFileSync('isoinfo', ['-R', '-x', '/post-install', '-i', inWorkspace('tasks', 'vm7.iso')], {
      encoding: 'utf8',
    });
    assert.match(listing, /echo rebuilt/);
  });

  it('runs a createDisk task', async function () {
    this.timeout(40000);
    const folder = vscode.workspace.workspaceFolders![0]!;
    const base = inWorkspace('tasks', 'base.raw');
    execFileSync('qemu-img', ['create', '-q', '-f', 'raw', base, '8M']);
    const provided = (await vscode.tasks.fetchTasks({ type: 'snooze' }))[0]!;
    const definition = {
      type: 'snooze',
      action: 'createDisk',
      base: 'tasks/base.raw',
      output: 'tasks/vm7.qcow2',
      backingPath: 'relative',
    };
    const task = new vscode.Task(definition, folder, 'create vm7 disk', 'snooze', provided.execution, [
      '$snooze-tools',
    ]);
    assert.equal(await runTask(task), 0);
    assert.ok(fs.existsSync(inWorkspace('tasks', 'vm7.qcow2')));
  });
});
