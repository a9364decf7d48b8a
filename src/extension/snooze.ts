import * as vscode from 'vscode';
import { Linter } from '../core/lint/linter.js';
import { Settings } from './settings.js';
import { Activity } from './workspace/activity.js';
import { WorkspaceFiles } from './workspace/workspaceFiles.js';
import { TemplateDiagnostics } from './lint/templateDiagnostics.js';
import { ContextDiagnostics } from './lint/contextDiagnostics.js';
import { ruleDocsUri } from './lint/ruleDocs.js';
import { VmsView } from './explorer/vmsView.js';
import { registerCodeActions } from './editing/codeActions.js';
import { registerHover } from './editing/hover.js';
import { registerBridgeCompletion } from './editing/bridgeCompletion.js';
import { registerTemplateSnippets } from './editing/templateSnippets.js';
import { registerStatusItem } from './status/statusItem.js';
import { registerTasks } from './tasks/taskProvider.js';
import { registerCommands } from './commands/commandTable.js';
import { LcFactsCache } from '../core/lc/lcFactsCache.js';
import { LcChecks } from './lcChecks/lcChecks.js';
import { SchemaService } from './lint/schemaService.js';
import { registerSchemaCompletion } from './editing/schemaCompletion.js';

/**
 * The one object that owns the extension's services and every disposable (rust-analyzer's `Ctx`): settings,
 * the log, the file watcher, the shared linter (index and file probes), the diagnostics of templates and
 * context folders, and the VMs view. Features receive it; nothing lives beside it.
 */
export class Snooze implements vscode.Disposable {
  readonly log: vscode.LogOutputChannel;
  readonly settings: Settings;
  /** Work in flight (debounced lints, scans, tool runs): tests and the status item wait on it. */
  readonly activity = new Activity();
  /** File events of the whole workspace, from one watcher. */
  readonly files = new WorkspaceFiles();
  readonly linter: Linter;
  /** libvirt's schema for the schema rule, compiled on first use. */
  readonly schema: SchemaService;
  readonly templates: TemplateDiagnostics;
  readonly contexts: ContextDiagnostics;
  readonly vms: VmsView;
  /** What the local controllers last told us, per host: the linter reads it, the VMs view shows it. */
  readonly lcFacts = new LcFactsCache();
  /** Asks the LCs (snooze.localControllers) on refresh, on save and when new paths appear; never in Restricted Mode. */
  readonly lcChecks: LcChecks;
  /** Where each rule is documented: the README shipped inside the extension. */
  readonly ruleDocs: vscode.Uri;
  private readonly disposables: vscode.Disposable[];

  constructor(readonly context: vscode.ExtensionContext) {
    this.log = vscode.window.createOutputChannel('Snooze', { log: true });
    this.settings = new Settings(this.log);
    this.ruleDocs = ruleDocsUri(context.extensionUri);
    this.schema = new SchemaService(this);
    this.linter = new Linter((file) => this.settings.forFile(file).lint, {
      withFixes: true,
      onRuleError: (rule, file, error) =>
        this.log.error(
          `rule ${rule} failed on ${file}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
        ),
      schema: () => this.schema.ready,
    });
    // The LCs of the file's workspace folder, as far as they answered.
    this.linter.lcFactsFor = (file) => this.lcFacts.factsOf(this.settings.forFile(file).localControllers);
    this.templates = new TemplateDiagnostics(this);
    this.contexts = new ContextDiagnostics(this);
    this.vms = new VmsView(this);
    this.lcChecks = new LcChecks(this);
    this.disposables = [
      this.log,
      this.settings,
      this.activity,
      this.files,
      this.templates,
      this.contexts,
      this.vms,
      this.lcChecks,
      this.schema,
      this.createVmsTreeView(),
      registerCodeActions(this),
      registerHover(this),
      registerBridgeCompletion(this),
      registerSchemaCompletion(this),
      registerTemplateSnippets(this),
      registerStatusItem(this),
      registerTasks(this),
      registerCommands(this),
      // What the probes saw was read under the old mappings.
      this.settings.onDidChange(() => this.linter.images.invalidate()),
      // New facts from the LCs: every template's lc-* findings may change.
      this.lcFacts.onDidChange(() => this.templates.relintAll()),
    ];
  }

  /** Starts the workspace scans; diagnostics appear as they finish. */
  start(): void {
    this.templates.start();
    this.schema.start();
    this.contexts.start();
    this.lcChecks.start();
  }

  /** The VMs view; in Restricted Mode its message says why its build buttons are disabled. */
  private createVmsTreeView(): vscode.Disposable {
    const view = vscode.window.createTreeView('snooze.vms', { treeDataProvider: this.vms, showCollapseAll: true });
    const restricted =
      'Restricted Mode: templates are linted, but Build ISO and Create Disk run external tools and stay disabled until you trust this workspace.';
    view.message = vscode.workspace.isTrusted ? undefined : restricted;
    return vscode.Disposable.from(
      view,
      vscode.workspace.onDidGrantWorkspaceTrust(() => (view.message = undefined)),
    );
  }

  /** External tools and remote commands run only in a trusted workspace: a workspace must not choose what we execute. */
  get mayRunTools(): boolean {
    return vscode.workspace.isTrusted;
  }

  dispose(): void {
    vscode.Disposable.from(...this.disposables.reverse()).dispose();
  }
}
