import * as vscode from 'vscode';
import { Snooze } from './snooze.js';
import type { TemplateDiagnostics } from './lint/templateDiagnostics.js';
import type { ContextDiagnostics } from './lint/contextDiagnostics.js';
import type { VmsView } from './explorer/vmsView.js';

declare const SNOOZE_VERSION: string | undefined;

/** What activate() returns: used by the integration tests, and by anyone scripting the extension. */
export interface SnoozeApi {
  readonly version: string;
  readonly templates: TemplateDiagnostics;
  readonly contexts: ContextDiagnostics;
  /** The VMs view's data (templates, context folders, disk images). */
  readonly vms: VmsView;
  /** Resolves once no lint, scan or tool run is pending. */
  whenIdle(): Promise<void>;
}

export function activate(context: vscode.ExtensionContext): SnoozeApi {
  const started = performance.now();
  const snooze = new Snooze(context);
  context.subscriptions.push(snooze);
  snooze.start();
  snooze.log.info(
    `activated in ${(performance.now() - started).toFixed(1)} ms (workspace ${vscode.workspace.isTrusted ? 'trusted' : 'in Restricted Mode: no external tool will run'})`,
  );
  return {
    version: typeof SNOOZE_VERSION === 'string' ? SNOOZE_VERSION : String(context.extension.packageJSON.version),
    templates: snooze.templates,
    contexts: snooze.contexts,
    vms: snooze.vms,
    whenIdle: () => snooze.activity.whenIdle(),
  };
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
