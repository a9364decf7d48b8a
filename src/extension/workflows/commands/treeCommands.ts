// Small commands the explorer's items use.
//   snooze.openTemplate(target)      target: explorer template node | vscode.Uri | path string. Opens the file.
//   snooze.revealInExplorer(target)  target: any explorer node | vscode.Uri | path string. Shows it in the Explorer view.
//   snooze.refreshTree()             rebuilds the Snooze explorer (image files are searched again) and returns
//                                    what it shows: { templates, contexts, images } (ExplorerSnapshot, for tests).
import * as vscode from 'vscode';
import { pathFromArgument } from '../deps.js';
import type { ExplorerSnapshot, SnoozeExplorer } from '../explorer/explorerProvider.js';

export async function openTemplate(target?: unknown): Promise<vscode.TextEditor | undefined> {
  const file = pathFromArgument(target, 'file');
  if (!file) return undefined;
  return vscode.window.showTextDocument(vscode.Uri.file(file), { preview: true });
}

export async function revealInExplorer(target?: unknown): Promise<void> {
  const file = pathFromArgument(target, 'file');
  if (file) await vscode.commands.executeCommand('revealInExplorer', vscode.Uri.file(file));
}

export function refreshTree(explorer: SnoozeExplorer): Promise<ExplorerSnapshot> {
  explorer.refresh();
  return explorer.snapshot();
}
