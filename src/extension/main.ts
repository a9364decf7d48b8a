// MINIMAL placeholder entry point (written by the build/harness engineer); the lead replaces/extends it.
// Contract the in-host activation test relies on: a LogOutputChannel named 'Snooze' and an API object
// { version } returned from activate().
import * as vscode from 'vscode';

export interface SnoozeApi {
  readonly version: string;
}

export function activate(context: vscode.ExtensionContext): SnoozeApi {
  const log = vscode.window.createOutputChannel('Snooze', { log: true });
  context.subscriptions.push(log);
  log.info('activated');
  return { version: String(context.extension.packageJSON.version ?? '0.0.0') };
}

export function deactivate(): void {
  // everything is disposed through context.subscriptions
}
