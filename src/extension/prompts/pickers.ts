// The pickers commands share: which context folder, which folder of the workspace. Each returns undefined
// when the user escapes, and the command then stops quietly.
import path from 'node:path';
import * as vscode from 'vscode';
import { enclosingContextFolder, isContextFolder } from '../../core/context/contextFolder.js';
import type { Snooze } from '../snooze.js';
import { COMMANDS } from '../commands/commandIds.js';
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

/**
 * A context folder of the workspace; with `allowNew`, "New context folder…" scaffolds one first (its path is
 * returned); with `allowNone`, null for none. Undefined when the user escaped.
 */
export async function pickContextFolder(
  snooze: Snooze,
  title: string,
  options: { allowNone?: string; allowNew?: boolean } = {},
): Promise<string | null | undefined> {
  const folders = knownContextFolders(snooze);
  type Item = vscode.QuickPickItem & { dir: string | null | 'new' };
  const items: Item[] = folders.map((dir) => ({ label: path.basename(dir), description: displayPath(dir), dir }));
  if (options.allowNew)
    items.push({ label: '$(new-folder) New context folder…', description: 'scaffold one, then use it', dir: 'new' });
  if (options.allowNone) items.push({ label: options.allowNone, dir: null });
  if (items.length === 0) {
    void vscode.window
      .showInformationMessage('No context folder in this workspace yet.', 'New Context Folder')
      .then((choice) => {
        if (choice) void vscode.commands.executeCommand(COMMANDS.newContextFolder);
      });
    return undefined;
  }
  const picked = await vscode.window.showQuickPick(items, {
    title,
    placeHolder: 'Context folder',
    matchOnDescription: true,
  });
  if (picked?.dir !== 'new') return picked?.dir;
  const written = await vscode.commands.executeCommand<string[] | undefined>(COMMANDS.newContextFolder, {
    open: false,
    notify: false,
  });
  const postInstall = written?.find((p) => path.basename(p) === 'post-install');
  return postInstall ? path.dirname(postInstall) : undefined;
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
