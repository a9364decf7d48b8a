// What every workflow needs: the extension's owner object and the two linting services, plus the few path
// helpers that turn command arguments (a tree node, an explorer Uri, a string, an args object) into paths.
import path from 'node:path';
import * as vscode from 'vscode';
import type { Snooze } from '../snooze.js';
import type { TemplateLinting } from '../lint/templateLinting.js';
import type { ContextLinting } from '../lint/contextLinting.js';

export interface Workflows {
  readonly snooze: Snooze;
  readonly templates: TemplateLinting;
  readonly contexts: ContextLinting;
}

/** The first workspace folder: Snooze workspaces are single-folder; multi-root uses the first for new files. */
export function workspaceRoot(): string | undefined {
  return vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
}

/** An absolute path as given, a relative one against the workspace folder (what tests and tasks.json pass). */
export function resolveInWorkspace(p: string): string {
  if (path.isAbsolute(p)) return path.normalize(p);
  const root = workspaceRoot();
  if (!root) throw new Error(`"${p}" is relative but no workspace folder is open.`);
  return path.resolve(root, p.replace(/\$\{workspaceFolder\}/g, root));
}

/** Workspace-relative with `/`, for labels and tasks.json (absolute outside the workspace). */
export function displayPath(p: string): string {
  const root = workspaceRoot();
  if (!root) return p;
  const rel = path.relative(root, p);
  return rel === '' ? '.' : rel.startsWith('..') || path.isAbsolute(rel) ? p : rel.split(path.sep).join('/');
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
