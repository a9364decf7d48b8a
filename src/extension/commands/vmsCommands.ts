// Small commands the VMs view's items use.
//   snooze.openTemplate(target)      target: a template node | vscode.Uri | path string. Opens the file.
//   snooze.revealInExplorer(target)  target: any node | vscode.Uri | path string. Shows it in VS Code's Explorer.
//   snooze.refreshVms()              rebuilds the VMs view (image files are searched again; the local controllers,
//                                    when configured and the workspace is trusted, are asked again) and returns what
//                                    it shows: { templates, contexts, images, lcs } (VmsSnapshot, for tests).
import * as vscode from 'vscode';
import { pathFromArgument } from '../workspace/paths.js';
import type { Snooze } from '../snooze.js';
import type { VmsSnapshot } from '../explorer/vmsView.js';

export async function openTemplate(target?: unknown): Promise<vscode.TextEditor | undefined> {
  const file = pathFromArgument(target, 'file');
  if (!file) return undefined;
  return vscode.window.showTextDocument(vscode.Uri.file(file), { preview: true });
}

export async function revealInExplorer(target?: unknown): Promise<void> {
  const file = pathFromArgument(target, 'file');
  if (file) await vscode.commands.executeCommand('revealInExplorer', vscode.Uri.file(file));
}

export async function refreshVms(snooze: Snooze): Promise<VmsSnapshot> {
  if (snooze.lcChecks.configured()) await snooze.lcChecks.refresh();
  snooze.vms.refresh();
  return snooze.vms.snapshot();
}
