// snooze.prepareBaseImage: write the files an operator copies into a base image so its VMs read their context
// CD at boot (snooze-context, its systemd unit, an rc.local fallback, a README saying where each goes).
//
// Arguments (all optional):
//   executeCommand('snooze.prepareBaseImage', target?)
//     target: vscode.Uri of a folder | path string | { dir: string, overwrite?: boolean, open?: boolean }
//       dir        where to write (created if missing); asked (folder dialog) when absent
//       overwrite  true: replace existing files; false: refuse (no dialog); absent: ask (modal)
//       open       open the README afterwards (default true)
//   Returns the absolute paths written, or undefined.
import path from 'node:path';
import * as vscode from 'vscode';
import { prepareBaseImage as writeBaseImageFiles } from '../../core/baseImage/index.js';
import { OutputExistsError } from '../../core/tools/index.js';
import { confirmReplace } from '../prompts/confirm.js';
import type { Snooze } from '../snooze.js';
import { argsObject, displayPath, pathFromArgument } from '../workspace/paths.js';
import { pickFolder } from '../prompts/pickers.js';

export interface PrepareBaseImageArgs {
  readonly dir: string;
  readonly overwrite: boolean;
  readonly open: boolean;
}

export async function prepareBaseImage(snooze: Snooze, target?: unknown): Promise<string[] | undefined> {
  const args = argsObject<PrepareBaseImageArgs>(target);
  const dir =
    pathFromArgument(target, 'dir') ??
    (await pickFolder('Prepare Base Image: folder for the boot-time context files', 'Write Files Here'));
  if (!dir) return undefined;
  let written: string[];
  try {
    written = await writeBaseImageFiles(dir, { overwrite: args.overwrite === true });
  } catch (error) {
    if (!(error instanceof OutputExistsError)) throw error;
    const names = error.paths.map((p) => path.basename(p)).join(', ');
    if (!(await confirmReplace(args.overwrite, `Replace ${names}?`, `${displayPath(dir)} already holds ${names}.`))) {
      if (args.overwrite === false)
        void vscode.window.showWarningMessage(
          `${displayPath(dir)} already holds base image files; nothing was written.`,
        );
      return undefined;
    }
    written = await writeBaseImageFiles(dir, { overwrite: true });
  }
  snooze.log.info(`base image files in ${dir}: ${written.map((p) => path.basename(p)).join(', ')}`);
  if (args.open ?? true) {
    // The README says where each file goes inside the image: the next thing the operator needs.
    await vscode.window.showTextDocument(vscode.Uri.file(path.join(dir, 'README.md')), { preview: false });
  }
  return written;
}
