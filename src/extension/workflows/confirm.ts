// Modal questions before anything is replaced. Asked only when the caller did not decide already (a command
// invoked with `overwrite: true|false` never shows a dialog, so tests and tasks never block on one).
import * as vscode from 'vscode';

/** `decided` wins; otherwise a modal dialog. Resolves false on Cancel/Escape. */
export async function confirmReplace(decided: boolean | undefined, question: string, detail: string, button = 'Replace'): Promise<boolean> {
  if (decided !== undefined) return decided;
  const choice = await vscode.window.showWarningMessage(question, { modal: true, detail }, button);
  return choice === button;
}
