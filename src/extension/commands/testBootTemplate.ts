// snooze.testBootTemplate: boots the template on this machine in a throwaway VM and shows its serial console in a
// terminal. Every disk is used through a temporary overlay, the context ISO is built fresh into a temporary file,
// LC paths are mapped, a bridge this machine lacks becomes an isolated NIC; all of it is deleted afterwards.
// The scripts' console markers give the result: a notification and a status on the template in the tree.
//
// Arguments (all optional; the template is asked for when missing):
//   executeCommand('snooze.testBootTemplate', target?)
//     target: tree node of a template | vscode.Uri of a template |
//             { template: string, timeLimitSeconds?: number, kernel?: string, initrd?: string, cmdline?: string,
//               isolatedBridge?: string }
//       template          the template file (absolute or workspace-relative)
//       timeLimitSeconds  stop the VM after this long (default 600)
//       kernel, initrd    direct kernel boot, for an image without a boot loader; cmdline defaults to
//                         "root=/dev/vda rw console=ttyS0"
//       isolatedBridge    a bridge of this machine for a NIC whose bridge is missing (default: an isolated NIC)
//   Returns { ok, message, outcome, console, notes } or undefined (cancelled, or it could not start).
import path from 'node:path';
import * as vscode from 'vscode';
import type { Snooze } from '../snooze.js';
import { TestBootTerminal } from '../tasks/testBootTerminal.js';
import { argsObject, pathFromArgument, resolveInWorkspace } from '../workspace/paths.js';
import type { TestBootRunOptions } from '../toolRuns/testBootRun.js';

export interface TestBootArgs {
  readonly template: string;
  readonly timeLimitSeconds: number;
  readonly kernel: string;
  readonly initrd: string;
  readonly cmdline: string;
  readonly isolatedBridge: string;
}

export interface TestBootCommandResult {
  readonly ok: boolean;
  readonly message: string;
  readonly outcome: string;
  readonly console: string;
  readonly notes: readonly string[];
}

async function pickTemplate(snooze: Snooze): Promise<string | undefined> {
  const files = [...snooze.templates.documents.entries()]
    .filter(([, doc]) => doc.kind === 'template')
    .map(([file]) => file)
    .sort();
  if (files.length === 0) {
    void vscode.window.showInformationMessage('No VM template in the workspace to Test-Boot.');
    return undefined;
  }
  const picked = await vscode.window.showQuickPick(
    files.map((file) => ({
      label: snooze.templates.nameOf(file),
      description: vscode.workspace.asRelativePath(file),
      file,
    })),
    { title: 'Test-Boot Template' },
  );
  return picked?.file;
}

export async function testBootTemplate(snooze: Snooze, target?: unknown): Promise<TestBootCommandResult | undefined> {
  if (!snooze.mayRunTools) {
    void vscode.window
      .showErrorMessage(
        'Test-Boot runs QEMU: trust this workspace first (it is in Restricted Mode).',
        'Manage Workspace Trust',
      )
      .then((choice) => {
        if (choice) void vscode.commands.executeCommand('workbench.trust.manage');
      });
    return undefined;
  }
  const args = argsObject<TestBootArgs>(target);
  const given = pathFromArgument(target, 'template');
  const file = given
    ? resolveInWorkspace(given)
    : vscode.window.activeTextEditor?.document.fileName.endsWith('.xml')
      ? vscode.window.activeTextEditor.document.fileName
      : await pickTemplate(snooze);
  if (!file) return undefined;
  const options: Omit<TestBootRunOptions, 'signal' | 'onText'> = {
    ...(args.timeLimitSeconds !== undefined ? { timeLimitSeconds: args.timeLimitSeconds } : {}),
    ...(args.kernel ? { kernel: resolveInWorkspace(args.kernel) } : {}),
    ...(args.initrd ? { initrd: resolveInWorkspace(args.initrd) } : {}),
    ...(args.cmdline ? { cmdline: args.cmdline } : {}),
    ...(args.isolatedBridge ? { isolatedBridge: args.isolatedBridge } : {}),
  };
  const pty = new TestBootTerminal(snooze, file, options, false);
  const terminal = vscode.window.createTerminal({ name: `Test-Boot: ${path.basename(file, '.xml')}`, pty });
  terminal.show(true);
  const outcome = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `Test-Boot of ${path.basename(file)}`, cancellable: true },
    async (progress, token) => {
      progress.report({ message: 'booting (the console is in the terminal; Cancel stops the VM)' });
      token.onCancellationRequested(() => pty.stop());
      return pty.done;
    },
  );
  if (outcome instanceof Error) {
    snooze.log.error(`test-boot ${file}: could not boot: ${outcome.message}`);
    void vscode.window.showErrorMessage(`Test-Boot of ${path.basename(file)}: ${outcome.message}`);
    return undefined;
  }
  const text = `Test-Boot of ${path.basename(file)}: ${outcome.summary.message}${outcome.outcome === 'time-limit' ? ' (stopped at the time limit)' : outcome.outcome === 'cancelled' ? ' (stopped)' : ''}`;
  if (outcome.summary.ok) void vscode.window.showInformationMessage(text);
  else
    void vscode.window.showErrorMessage(text, 'Show Console').then((choice) => {
      if (choice) terminal.show();
    });
  return {
    ok: outcome.summary.ok,
    message: outcome.summary.message,
    outcome: outcome.outcome,
    console: outcome.console,
    notes: outcome.notes,
  };
}
