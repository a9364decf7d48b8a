// Modal questions before anything is replaced. Asked only when the caller did not decide already (a command
// invoked with `overwrite: true|false` never shows a dialog, so tests and tasks never block on one).
import fs from 'node:fs';
import path from 'node:path';
import * as vscode from 'vscode';
import type { Snooze } from '../snooze.js';
import { displayPath } from '../workspace/paths.js';

/**
 * `decided` wins; otherwise a modal dialog. Resolves false on Cancel/Escape, and when no dialog can be shown
 * (a workbench driven by tests refuses them): nothing is replaced without a yes.
 */
export async function confirmReplace(
  decided: boolean | undefined,
  question: string,
  detail: string,
  button = 'Replace',
): Promise<boolean> {
  if (decided !== undefined) return decided;
  try {
    const choice = await vscode.window.showWarningMessage(question, { modal: true, detail }, button);
    return choice === button;
  } catch {
    return false;
  }
}

/**
 * Whether an existing output may be replaced: false when there is nothing to replace, true when the caller or
 * the user says so, undefined when refused (logged; said aloud when the caller refused without a dialog).
 */
export async function decideOverwrite(
  snooze: Snooze,
  output: string,
  decided: boolean | undefined,
  consequence: string,
): Promise<boolean | undefined> {
  if (decided === true) return true;
  if (!fs.existsSync(output)) return false;
  if (
    await confirmReplace(
      decided,
      `Replace ${path.basename(output)}?`,
      `${displayPath(output)} already exists. ${consequence}`,
    )
  )
    return true;
  snooze.log.info(`not replacing ${output}`);
  if (decided === false)
    void vscode.window.showWarningMessage(`${displayPath(output)} already exists; it was left unchanged.`);
  return undefined;
}
