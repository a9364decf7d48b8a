// snooze.newContextFolder: scaffold a context folder (common/network, common/routes, post-install,
// distributions/debian/network), LF line endings and executable scripts, ready for Build ISO.
//
// Arguments (all optional; whatever is missing is asked for):
//   executeCommand('snooze.newContextFolder', target?)
//     target: vscode.Uri of a folder (explorer "New Context Folder Here": the name is asked, inside it) |
//             { dir: string, network?: Partial<ContextNetwork>, overwrite?: boolean, open?: boolean }
//       dir        the new folder (absolute or workspace-relative)
//       network    common/network values; missing keys take defaultNetwork()'s (libvirt's 192.168.122.0/24).
//                  When `dir` is given and `network` is not, the defaults are used without asking.
//       hostname   common/hostname (default: from the folder's name; asked when run interactively)
//       overwrite  true: replace existing files; false: refuse (no dialog); absent: ask (modal)
//       open       open common/network afterwards (default: true when run interactively, false with `dir`)
//       notify     say it was created, with the next steps as buttons (default: true)
//   Returns the absolute paths written, or undefined when cancelled or refused.
import fs from 'node:fs';
import path from 'node:path';
import * as vscode from 'vscode';
import {
  defaultNetwork,
  hostnameFromName,
  InvalidNetworkError,
  scaffoldContextFolder,
  validateHostname,
  validateNetwork,
  type ContextNetwork,
} from '../../core/context/scaffold/index.js';
import { OutputExistsError } from '../../core/tools/index.js';
import { confirmReplace } from '../prompts/confirm.js';
import { firstFree, numbered } from '../../core/text/firstFree.js';
import { isContextFolder } from '../../core/context/contextFolder.js';
import type { Snooze } from '../snooze.js';
import { COMMANDS } from './commandIds.js';
import { argsObject, chooseWorkspaceFolder, displayPath, relativeTo, resolveInWorkspace } from '../workspace/paths.js';
import { askNetwork } from '../prompts/networkPrompts.js';
import { pickNetwork } from '../prompts/pickNetwork.js';

export interface NewContextFolderArgs {
  readonly dir: string;
  readonly network: Partial<ContextNetwork>;
  readonly hostname: string;
  readonly overwrite: boolean;
  readonly open: boolean;
  readonly notify: boolean;
}

/**
 * The new folder's path, checked as it is typed: an existing context folder is refused at once (not after the
 * network questions), since scaffolding over it would replace its files.
 */
async function askDir(parent: string | undefined): Promise<string | undefined> {
  const folder = await chooseWorkspaceFolder(parent);
  if (!folder) {
    if (!vscode.workspace.workspaceFolders?.length)
      void vscode.window
        .showErrorMessage('Open a folder first: the context folder is created in the workspace.', 'Open Folder')
        .then((choice) => {
          if (choice) void vscode.commands.executeCommand('workbench.action.files.openFolder');
        });
    return undefined;
  }
  const root = folder.uri.fsPath;
  const base = parent ?? (fs.existsSync(path.join(root, 'context')) ? path.join(root, 'context') : root);
  const suggestion = relativeTo(
    folder,
    path.join(
      base,
      firstFree(numbered('vm'), (name) => fs.existsSync(path.join(base, name))),
    ),
  );
  const answer = await vscode.window.showInputBox({
    title: 'New Context Folder',
    prompt:
      'The folder to create (relative to the workspace folder, or absolute). Its ISO will be <folder>.iso beside it.',
    value: suggestion,
    valueSelection: [suggestion.lastIndexOf('/') + 1, suggestion.length],
    validateInput: (value) => {
      if (!value.trim()) return 'Enter a folder name.';
      const target = resolveInWorkspace(value.trim(), folder);
      if (fs.existsSync(target) && !fs.statSync(target).isDirectory()) return 'A file has this name.';
      if (isContextFolder(target)) return `${displayPath(target)} is a context folder already: choose another name.`;
      if (path.basename(target).startsWith('.'))
        return 'A dot-folder is skipped by the workspace scan; choose another name.';
      return undefined;
    },
  });
  return answer === undefined ? undefined : resolveInWorkspace(answer.trim(), folder);
}

export async function newContextFolder(snooze: Snooze, target?: unknown): Promise<string[] | undefined> {
  const args = argsObject<NewContextFolderArgs>(target);
  const interactive = args.dir === undefined;
  const dir =
    args.dir !== undefined
      ? resolveInWorkspace(args.dir)
      : await askDir(target instanceof vscode.Uri ? target.fsPath : undefined);
  if (!dir) return undefined;

  const network =
    args.network || !interactive
      ? { ...defaultNetwork(), ...args.network }
      : await pickNetwork(snooze, `Network of ${path.basename(dir)}`, askNetwork);
  if (!network) return undefined;
  const errors = validateNetwork(network);
  if (Object.keys(errors).length > 0) {
    void vscode.window.showErrorMessage(new InvalidNetworkError(errors).message);
    return undefined;
  }

  const suggested = hostnameFromName(path.basename(dir));
  const hostname =
    args.hostname ??
    (interactive
      ? await vscode.window.showInputBox({
          title: `Host name of ${path.basename(dir)}`,
          prompt: 'common/hostname: set in the VM at boot by snooze-context',
          value: suggested,
          validateInput: (v) => validateHostname(v.trim()),
        })
      : suggested);
  if (hostname === undefined) return undefined;
  const hostnameProblem = validateHostname(hostname.trim());
  if (hostnameProblem !== undefined) {
    void vscode.window.showErrorMessage(hostnameProblem);
    return undefined;
  }

  let written: string[];
  try {
    written = await scaffoldContextFolder(dir, network, {
      hostname: hostname.trim(),
      overwrite: args.overwrite === true,
    });
  } catch (error) {
    if (!(error instanceof OutputExistsError)) throw error;
    const names = error.paths.map((p) => path.relative(dir, p)).join(', ');
    if (
      !(await confirmReplace(
        args.overwrite,
        `Replace ${error.paths.length} existing file${error.paths.length === 1 ? '' : 's'} in ${path.basename(dir)}?`,
        `${names} already exist${error.paths.length === 1 ? 's' : ''} and would be replaced by the scaffold.`,
      ))
    ) {
      if (args.overwrite === false)
        void vscode.window.showWarningMessage(`${displayPath(dir)} already has context files; nothing was written.`);
      return undefined;
    }
    written = await scaffoldContextFolder(dir, network, { hostname: hostname.trim(), overwrite: true });
  }
  snooze.log.info(`new context folder ${dir}: wrote ${written.map((p) => path.relative(dir, p)).join(', ')}`);
  snooze.contexts.relint(dir);
  if (args.open ?? interactive)
    await vscode.window.showTextDocument(vscode.Uri.file(path.join(dir, 'common', 'network')), { preview: false });
  if (args.notify === false) return written;
  void vscode.window
    .showInformationMessage(
      `Created the context folder ${displayPath(dir)}: edit post-install, then build its ISO.`,
      'Build ISO',
      'New VM Template',
    )
    .then((choice) => {
      if (choice === 'Build ISO') void vscode.commands.executeCommand(COMMANDS.buildIso, vscode.Uri.file(dir));
      else if (choice) void vscode.commands.executeCommand(COMMANDS.newTemplate, vscode.Uri.file(dir));
    });
  return written;
}
