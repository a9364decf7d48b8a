// Restricted Mode: a workspace must not make us execute anything. The manifest hides and disables the tool
// commands there (enablement: isWorkspaceTrusted), but executeCommand, keybindings and tasks bypass that, so
// every tool run checks again here.
import * as vscode from 'vscode';
import type { Snooze } from '../snooze.js';

/** True (and tells the user why) when tools may not run; the caller then stops without side effects. */
export function refuseUntrusted(snooze: Snooze, action: string): boolean {
  if (snooze.mayRunTools) return false;
  const message = `${action} runs an external tool, which Snooze never does in Restricted Mode. Trust this workspace first.`;
  snooze.log.warn(`refused: ${message}`);
  // Not awaited: the command returns at once; the button opens the trust editor if the user wants it.
  void vscode.window.showWarningMessage(message, 'Manage Workspace Trust').then((choice) => {
    if (choice) void vscode.commands.executeCommand('workbench.trust.manage');
  });
  return true;
}
