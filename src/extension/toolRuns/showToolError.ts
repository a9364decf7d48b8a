// How a failed tool run is shown: each error class gets the one action that helps (install hint and
// "Open Setting" for a missing tool, "Show Log" for a tool's own failure, nothing but a note for a cancel).
import * as vscode from 'vscode';
import {
  CancelledError,
  ToolFailedError,
  ToolMissingError,
  ToolPathError,
  type ToolName,
} from '../../core/tools/index.js';
import type { Snooze } from '../snooze.js';

function settingOf(tool: ToolName): string {
  return tool === 'qemu-img' ? 'snooze.qemuImgPath' : 'snooze.genisoimagePath';
}

/** Never awaited by callers: a command returns its result while the notification stays up. */
export function showToolError(snooze: Snooze, action: string, error: unknown): void {
  if (error instanceof CancelledError) {
    void vscode.window.showInformationMessage(`${action} cancelled; nothing was changed.`);
    return;
  }
  if (error instanceof ToolMissingError || error instanceof ToolPathError) {
    const setting = settingOf(error.tool);
    void vscode.window.showErrorMessage(`${action} failed. ${error.message}`, 'Open Setting').then((choice) => {
      if (choice) void vscode.commands.executeCommand('workbench.action.openSettings', setting);
    });
    return;
  }
  const message =
    error instanceof ToolFailedError
      ? `${action} failed: ${error.messages.join(' ')}`
      : `${action} failed: ${error instanceof Error ? error.message : String(error)}`;
  void vscode.window.showErrorMessage(message, 'Show Log').then((choice) => {
    if (choice) snooze.log.show(true);
  });
}
