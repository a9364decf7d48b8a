import * as vscode from 'vscode';
import { Snooze } from './snooze.js';
import { TemplateLinting } from './lint/templateLinting.js';
import { ContextLinting } from './lint/contextLinting.js';
import { registerQuickFixes } from './editing/quickFixes.js';
import { registerHover } from './editing/hover.js';
import { registerBridgeCompletion } from './editing/bridgeCompletion.js';
import { registerStatusBar } from './statusBar.js';
import { registerLintCommands } from './lint/lintCommands.js';
import { registerWorkflows } from './workflows/index.js';
import type { SnoozeExplorer } from './workflows/explorer/explorerProvider.js';

declare const SNOOZE_VERSION: string | undefined;

/** What activate() returns: used by the integration tests, and by anyone scripting the extension. */
export interface SnoozeApi {
  readonly version: string;
  readonly templates: TemplateLinting;
  readonly contexts: ContextLinting;
  /** The Snooze tree view's data (templates, context folders, disk images). */
  readonly explorer: SnoozeExplorer;
  /** Resolves once no lint, scan or tool run is pending. */
  whenIdle(): Promise<void>;
}

let snooze: Snooze | undefined;

export function activate(context: vscode.ExtensionContext): SnoozeApi {
  const started = performance.now();
  snooze = new Snooze(context);
  context.subscriptions.push(snooze);
  const templates = new TemplateLinting(snooze);
  const contexts = new ContextLinting(snooze);
  snooze.register(templates, contexts);
  registerQuickFixes(snooze, templates);
  registerHover(snooze, templates);
  registerBridgeCompletion(snooze);
  registerStatusBar(snooze, templates, contexts);
  registerLintCommands(snooze, templates, contexts);
  const { explorer } = registerWorkflows(snooze, templates, contexts);
  templates.start();
  contexts.start();
  snooze.log.info(`activated in ${(performance.now() - started).toFixed(1)} ms (workspace ${vscode.workspace.isTrusted ? 'trusted' : 'in Restricted Mode: no external tool will run'})`);
  const s = snooze;
  return {
    version: typeof SNOOZE_VERSION === 'string' ? SNOOZE_VERSION : String(context.extension.packageJSON.version),
    templates,
    contexts,
    explorer,
    whenIdle: () => s.activity.whenIdle(),
  };
}

export function deactivate(): void {
  snooze = undefined; // everything is disposed through context.subscriptions
}
