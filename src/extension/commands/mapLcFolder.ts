// snooze.mapLcFolder: say where an LC folder (/opt/cloud) lives on this machine, in snooze.pathMappings of the
// workspace folder holding the template (its own .vscode/settings.json in a multi-root workspace), so the
// template's disks and ISO are checked for real.
//
// Arguments:
//   executeCommand('snooze.mapLcFolder', { lcFolder: string, file?: string, folder?: string })
//     lcFolder  the folder as the LCs see it (absolute)
//     file      the template (or any file) whose workspace folder's settings get the mapping
//     folder    the local folder (absolute, or relative to that workspace folder); asked (folder dialog) when absent
//   Returns the mapping written ({ from, to } with `to` as stored), or undefined when cancelled.
import path from 'node:path';
import * as vscode from 'vscode';
import type { Snooze } from '../snooze.js';
import { argsObject, relativeTo, resolveInWorkspace, workspaceFolderOf } from '../workspace/paths.js';

interface MapLcFolderArgs {
  readonly lcFolder: string;
  readonly file: string;
  readonly folder: string;
}

export async function mapLcFolder(snooze: Snooze, target: unknown): Promise<{ from: string; to: string } | undefined> {
  const args = argsObject<MapLcFolderArgs>(target);
  if (!args.lcFolder || !path.posix.isAbsolute(args.lcFolder))
    throw new Error('mapLcFolder takes { lcFolder: an absolute LC path }');
  const workspaceFolder = args.file ? workspaceFolderOf(args.file) : vscode.workspace.workspaceFolders?.[0];
  let local = args.folder ? resolveInWorkspace(args.folder, workspaceFolder) : undefined;
  if (!local) {
    const picked = await vscode.window.showOpenDialog({
      title: `Where is ${args.lcFolder} on this machine? (the folder holding the images the LCs see there)`,
      openLabel: `Map ${args.lcFolder} Here`,
      canSelectFiles: false,
      canSelectFolders: true,
      canSelectMany: false,
      ...(workspaceFolder ? { defaultUri: workspaceFolder.uri } : {}),
    });
    local = picked?.[0]?.fsPath;
  }
  if (!local) return undefined;
  // Stored relative to the workspace folder ("./images") when inside it, as the CLI reads it too.
  const inside = workspaceFolder ? relativeTo(workspaceFolder, local) : local;
  const to = path.isAbsolute(inside) ? inside : `./${inside}`;
  const multiRoot = (vscode.workspace.workspaceFolders?.length ?? 0) > 1;
  const scope =
    multiRoot && workspaceFolder ? vscode.ConfigurationTarget.WorkspaceFolder : vscode.ConfigurationTarget.Workspace;
  const config = vscode.workspace.getConfiguration('snooze', workspaceFolder);
  const inspected = config.inspect<Record<string, string>>('pathMappings');
  const current =
    (scope === vscode.ConfigurationTarget.WorkspaceFolder
      ? inspected?.workspaceFolderValue
      : inspected?.workspaceValue) ?? {};
  await config.update('pathMappings', { ...current, [args.lcFolder]: to }, scope);
  snooze.log.info(
    `snooze.pathMappings: ${args.lcFolder} → ${to}${workspaceFolder ? ` (${workspaceFolder.name})` : ''}`,
  );
  return { from: args.lcFolder, to };
}
