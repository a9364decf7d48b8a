// snooze.createDisk: a copy-on-write qcow2 disk over a base image (qemu-img create -b base -F fmt -f qcow2),
// with progress and cancel, then the backing chain (qemu-img info --backing-chain) in the log.
//
// Arguments (all optional; whatever is missing is asked for):
//   executeCommand('snooze.createDisk', base?, options?)
//     base:    vscode.Uri of the base image (explorer menu) | explorer tree node | path string | args object
//              { base: string, output?: string, backingPath?: 'absolute' | 'relative', overwrite?: boolean }
//     options: { output?, backingPath?, overwrite? } (same fields, when base is a Uri/node/string)
//       output       the new image; relative paths resolve against the workspace folder. Asked when absent
//                    (default: a disk a template looks for and does not find, else <base name>-cow.qcow2 beside the base).
//       backingPath  how the new image names its base; asked when absent.
//       overwrite    true: replace an existing file; false: refuse (no dialog); absent: ask (modal)
//   Returns the CreateCowDiskResult ({ outputPath, storedBackingPath, baseFormat, chain, durationMs }) or undefined.
import fs from 'node:fs';
import path from 'node:path';
import * as vscode from 'vscode';
import type { CreateCowDiskResult } from '../../core/tools/index.js';
import { decideOverwrite } from '../prompts/confirm.js';
import { firstFree, numbered } from '../../core/text/firstFree.js';
import type { Snooze } from '../snooze.js';
import {
  argsObject,
  chooseWorkspaceFolder,
  displayPath,
  pathFromArgument,
  resolveInWorkspace,
  workspaceFolderOf,
} from '../workspace/paths.js';
import { formatBytes } from '../../core/text/formatBytes.js';
import { runCreateDisk, type BackingPathStyle } from '../toolRuns/createDiskRun.js';
import { showToolError } from '../toolRuns/showToolError.js';
import { withToolProgress } from '../toolRuns/withToolProgress.js';
import { refuseUntrusted } from '../workspace/trust.js';

export interface CreateDiskArgs {
  readonly base: string;
  readonly output: string;
  readonly backingPath: BackingPathStyle;
  readonly overwrite: boolean;
}

async function pickBase(): Promise<string | undefined> {
  const root = (await chooseWorkspaceFolder())?.uri.fsPath;
  const picked = await vscode.window.showOpenDialog({
    title: 'Create Copy-on-Write Disk: choose the base image',
    openLabel: 'Use as Base',
    canSelectMany: false,
    filters: { 'Disk images': ['qcow2', 'raw', 'img'], 'All files': ['*'] },
    ...(root ? { defaultUri: vscode.Uri.file(root) } : {}),
  });
  return picked?.[0]?.fsPath;
}

/** A disk some template looks for and does not find, else <base>-cow.qcow2 beside the base. */
function suggestedOutput(snooze: Snooze, base: string): string {
  const wanted = snooze.templates.missingDisks().filter((disk) => disk !== base);
  if (wanted[0]) return wanted[0];
  const stem = path.basename(base).replace(/\.(qcow2|raw|img)$/i, '');
  const name = firstFree(numbered(`${stem}-cow`, '.qcow2'), (candidate) =>
    fs.existsSync(path.join(path.dirname(base), candidate)),
  );
  return path.join(path.dirname(base), name);
}

async function askOutput(snooze: Snooze, base: string): Promise<string | undefined> {
  const suggestion = displayPath(suggestedOutput(snooze, base));
  const answer = await vscode.window.showInputBox({
    title: `Create Copy-on-Write Disk over ${path.basename(base)}`,
    prompt: 'The new qcow2 image (workspace-relative or absolute path)',
    value: suggestion,
    valueSelection: [suggestion.lastIndexOf('/') + 1, suggestion.length - '.qcow2'.length],
    validateInput: (value) => {
      if (!value.trim()) return 'Enter a file name.';
      const target = resolveInWorkspace(value.trim(), workspaceFolderOf(base));
      if (target === base) return 'The new disk cannot be its own base image.';
      if (fs.existsSync(target) && fs.statSync(target).isDirectory()) return 'That is a folder; enter a file name.';
      return fs.existsSync(target)
        ? {
            message: 'This file exists: you will be asked before it is replaced.',
            severity: vscode.InputBoxValidationSeverity.Warning,
          }
        : undefined;
    },
  });
  return answer === undefined ? undefined : resolveInWorkspace(answer.trim(), workspaceFolderOf(base));
}

async function askBackingPath(base: string, output: string): Promise<BackingPathStyle | undefined> {
  const items: (vscode.QuickPickItem & { style: BackingPathStyle })[] = [
    {
      label: "Relative to the new image's folder",
      description: path.relative(path.dirname(output), base) || path.basename(base),
      detail: 'Survives moving both files together (the usual layout on the local controllers).',
      style: 'relative',
    },
    { label: 'Absolute', description: base, detail: 'The base must stay at exactly this path.', style: 'absolute' },
  ];
  const picked = await vscode.window.showQuickPick(items, { title: 'How should the new image refer to its base?' });
  return picked?.style;
}

export async function createDisk(
  snooze: Snooze,
  target?: unknown,
  options?: unknown,
): Promise<CreateCowDiskResult | undefined> {
  const args = {
    ...argsObject<CreateDiskArgs>(target),
    ...(Array.isArray(options) ? {} : argsObject<CreateDiskArgs>(options)),
  };
  if (refuseUntrusted(snooze, 'Creating a copy-on-write disk')) return undefined;

  const base = pathFromArgument(target, 'base') ?? (await pickBase());
  if (!base) return undefined;
  if (!fs.existsSync(base)) {
    void vscode.window.showErrorMessage(`The base image ${displayPath(base)} does not exist.`);
    return undefined;
  }
  const output = args.output ? resolveInWorkspace(args.output) : await askOutput(snooze, base);
  if (!output) return undefined;
  const backingPath = args.backingPath ?? (await askBackingPath(base, output));
  if (!backingPath) return undefined;

  const overwrite = await decideOverwrite(
    snooze,
    output,
    args.overwrite,
    "Its content (a VM's disk, perhaps) is lost.",
  );
  if (overwrite === undefined) return undefined;
  try {
    const result = await withToolProgress(`Creating ${path.basename(output)}`, (progress) =>
      runCreateDisk(snooze, base, output, { backingPath, overwrite, signal: progress.signal }),
    );
    const chain = result.chain.map((image) => `${path.basename(image.filename)} (${image.format})`).join(' → ');
    const size = result.chain[0] ? `, ${formatBytes(result.chain[0].virtualSizeBytes)} virtual` : '';
    void vscode.window
      .showInformationMessage(`Created ${displayPath(result.outputPath)}${size}: ${chain}.`, 'Show Chain')
      .then((choice) => {
        if (choice) snooze.log.show(true);
      });
    return result;
  } catch (error) {
    showToolError(snooze, `Creating ${path.basename(output)}`, error);
    return undefined;
  }
}
