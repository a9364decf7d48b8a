// The pickers commands share: which context folder, which folder of the workspace. Each returns undefined
// when the user escapes, and the command then stops quietly.
import path from 'node:path';
import * as vscode from 'vscode';
import { enclosingContextFolder, isContextFolder } from '../../core/context/contextFolder.js';
import type { Snooze } from '../snooze.js';
import { chooseWorkspaceFolder, displayPath } from '../workspace/paths.js';

/** Context folders known to the linter (its workspace scan), sorted for stable pickers and tasks. */
export function knownContextFolders(snooze: Snooze): string[] {
  return [...snooze.contexts.folders.keys()].filter(isContextFolder).sort();
}

/** The active editor's enclosing context folder, if it is inside one. */
export function activeContextFolder(): string | undefined {
  const uri = vscode.window.activeTextEditor?.document.uri;
  return uri?.scheme === 'file' ? enclosingContextFolder(uri.fsPath) : undefined;
}

export async function pickContextFolder(snooze: Snooze, title: string, options: { allowNone?: string } = {}): Promise<string | null | undefined> {
  const folders = knownContextFolders(snooze);
  type Item = vscode.QuickPickItem & { dir: string | null };
  const items: Item[] = folders.map((dir) => ({ label: path.basename(dir), description: displayPath(dir), dir }));
  if (options.allowNone) items.push({ label: options.allowNone, dir: null });
  if (items.length === 0) {
    void vscode.window.showInformationMessage('No context folder in this workspace yet: create one with "Snooze: New Context Folder".');
    return undefined;
  }
  const picked = await vscode.window.showQuickPick(items, { title, placeHolder: 'Context folder', matchOnDescription: true });
  return picked?.dir;
}

/** A folder chosen in the OS/remote dialog, starting at the workspace folder. */
export async function pickFolder(title: string, openLabel: string): Promise<string | undefined> {
  const root = (await chooseWorkspaceFolder())?.uri.fsPath;
  const picked = await vscode.window.showOpenDialog({
    title,
    openLabel,
    canSelectFiles: false,
    canSelectFolders: true,
    canSelectMany: false,
    ...(root ? { defaultUri: vscode.Uri.file(root) } : {}),
  });
  return picked?.[0]?.fsPath;
}
