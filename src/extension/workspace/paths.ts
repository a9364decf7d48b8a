// Paths as commands receive them (a tree node, an explorer Uri, a string, an args object) and as people read
// them, in single- and multi-root workspaces.
import path from 'node:path';
import * as vscode from 'vscode';

/** The workspace folder holding a path, if any. */
export function workspaceFolderOf(file: string): vscode.WorkspaceFolder | undefined {
  return vscode.workspace.getWorkspaceFolder(vscode.Uri.file(file));
}

/**
 * The workspace folder a command works in: the one holding `near` (its target), else the active editor's,
 * else the only one, else the one the user picks. Undefined when none is open or the user escaped.
 */
export async function chooseWorkspaceFolder(near?: string): Promise<vscode.WorkspaceFolder | undefined> {
  const held = near ? workspaceFolderOf(near) : undefined;
  if (held) return held;
  const active = vscode.window.activeTextEditor?.document.uri;
  const activeFolder = active && vscode.workspace.getWorkspaceFolder(active);
  if (activeFolder) return activeFolder;
  const folders = vscode.workspace.workspaceFolders ?? [];
  if (folders.length <= 1) return folders[0];
  return vscode.window.showWorkspaceFolderPick({ placeHolder: 'Which workspace folder?' });
}

/**
 * An absolute path as given; a relative one against `folder` (or the first workspace folder), with
 * `${workspaceFolder}` understood: what tests, tasks.json and argument objects pass.
 */
export function resolveInWorkspace(p: string, folder?: vscode.WorkspaceFolder): string {
  const root = (folder ?? vscode.workspace.workspaceFolders?.[0])?.uri.fsPath;
  const expanded = root ? p.replace(/\$\{workspaceFolder\}/g, root) : p;
  if (path.isAbsolute(expanded)) return path.normalize(expanded);
  if (!root) throw new Error(`"${p}" is relative but no workspace folder is open.`);
  return path.resolve(root, expanded);
}

/** Workspace-relative with `/` (prefixed by the folder's name in a multi-root workspace); absolute outside. */
export function displayPath(p: string): string {
  const multiRoot = (vscode.workspace.workspaceFolders?.length ?? 0) > 1;
  const folder = workspaceFolderOf(p);
  if (!folder) return p;
  if (folder.uri.fsPath === p) return multiRoot ? folder.name : '.';
  return vscode.workspace.asRelativePath(p, multiRoot);
}

/** `p` relative to a workspace folder with `/`, for an input box whose answer resolves against that folder. */
export function relativeTo(folder: vscode.WorkspaceFolder, p: string): string {
  const rel = path.relative(folder.uri.fsPath, p);
  return rel.startsWith('..') || path.isAbsolute(rel) ? p : rel.split(path.sep).join('/');
}

/** A path carried by a command's first argument, whichever way the command was invoked. */
export function pathFromArgument(arg: unknown, key: string): string | undefined {
  if (arg instanceof vscode.Uri) return arg.fsPath;
  if (typeof arg === 'string') return resolveInWorkspace(arg);
  if (arg && typeof arg === 'object') {
    // A tree node carries its path as `path`; an args object uses the command's own key.
    const value = (arg as Record<string, unknown>)[key] ?? (arg as Record<string, unknown>)['path'];
    if (typeof value === 'string') return resolveInWorkspace(value);
    if (value instanceof vscode.Uri) return value.fsPath;
  }
  return undefined;
}

/** The first argument as an args object (not a Uri, a node or a string), for the option fields. */
export function argsObject<T extends object>(arg: unknown): Partial<T> {
  if (!arg || typeof arg !== 'object' || arg instanceof vscode.Uri || Array.isArray(arg) || 'kind' in arg) return {};
  return arg as Partial<T>;
}
