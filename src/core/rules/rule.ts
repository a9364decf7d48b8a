import type { Range } from '../text/lineMap.js';
import type { RelatedLocation, Severity } from '../findings.js';
import type { Fix } from '../fixes/fix.js';
import type { TemplateDocument } from '../domain/templateDocument.js';
import type { DomainTemplate } from '../domain/domainTemplate.js';
import type { WorkspaceIndex } from '../index/workspaceIndex.js';
import type { ImageFacts } from '../images/imageProbe.js';
import type { LintSettings } from '../settings/settings.js';
import type { ContextFolder } from '../context/contextFolder.js';
import type { LocatedLcPath } from '../model/lcPaths.js';
import type { LcFacts } from '../lc/lcFacts.js';
import type { SchemaValidator } from '../schema/schemaValidator.js';

/** What a rule reports; the linter adds the rule id, the configured severity and (by default) the file. */
export interface Problem {
  readonly message: string;
  readonly range: Range;
  /** Only for rules that report on another file than the one linted (context-folder rules). */
  readonly file?: string;
  readonly related?: readonly RelatedLocation[];
  /**
   * The ways out, best first, computed only when the editor asks (a CLI run never pays for them). Text edits
   * apply to the text this problem was found in.
   */
  readonly fixes?: () => readonly Fix[];
}

/** Everything a template rule may consult: the template, the workspace index, the settings and the file system. */
export interface TemplateFacts {
  readonly document: Extract<TemplateDocument, { kind: 'template' }>;
  readonly template: DomainTemplate;
  readonly index: WorkspaceIndex;
  readonly settings: LintSettings;
  /** Maps a path as the LCs see it to this machine (settings' path mappings) and reads its header. */
  probeLcPath(lcPath: string): ImageFacts;
  /** Whether a path exists on this machine, as it stands. */
  existsHere(localPath: string): boolean;
  /** Where an LC path is looked for here, and whether it can be checked here at all (see LocatedLcPath). */
  locate(lcPath: string): LocatedLcPath;
  /** The context folder the template's CD is built from (the VM model: src/core/model), when the workspace has it. */
  context(): ContextFolder | undefined;
  /**
   * What the local controllers configured for this file told us (src/core/lc), reachable or not; empty when no
   * LC is configured or none was asked yet. When a reachable LC is among them, the rules on local files and on
   * snooze.bridges yield to the lc-* rules.
   */
  readonly lcs: readonly LcFacts[];
  /** libvirt's compiled domain.rng, once it is loaded (src/core/schema); undefined before, and the schema rule waits. */
  readonly schema?: SchemaValidator | undefined;
  /**
   * Where the template's other rules found problems (only for a rule that `runsAfterOthers`): the schema rule
   * leaves out what they already say, with their better words and fixes.
   */
  readonly reportedByOthers?: readonly Range[];
}

/** What a workspace rule sees: which file, its settings, and the index of every template. */
export interface WorkspaceFacts {
  readonly file: string;
  readonly index: WorkspaceIndex;
  readonly settings: LintSettings;
}

interface RuleInfo<Id extends string> {
  /** The public id: shown in diagnostics and CLI output, used in settings. Never rename one. */
  readonly id: Id;
  readonly severity: Severity;
  /** One sentence: the README's rule table, SARIF and `snooze.rules`' description are made from it. */
  readonly description: string;
}

export interface SyntaxRule<Id extends string = string> extends RuleInfo<Id> {
  readonly scope: 'syntax';
}

export interface TemplateRule<Id extends string = string> extends RuleInfo<Id> {
  readonly scope: 'template';
  /** Run once the other template rules have run, and told where they reported (`reportedByOthers`). */
  readonly runsAfterOthers?: boolean;
  check(facts: TemplateFacts): Problem[];
}

/**
 * A rule about values shared between templates (duplicates). It reads only the index, so a run over many
 * files can lint each file's own rules at once and let its parse go, then run these over the index.
 */
export interface WorkspaceRule<Id extends string = string> extends RuleInfo<Id> {
  readonly scope: 'workspace';
  check(facts: WorkspaceFacts): Problem[];
}

export interface ContextRule<Id extends string = string> extends RuleInfo<Id> {
  readonly scope: 'context';
  check(folder: ContextFolder): Problem[];
}

export type Rule<Id extends string = string> = SyntaxRule<Id> | TemplateRule<Id> | WorkspaceRule<Id> | ContextRule<Id>;

type Declared<R extends { readonly scope: string }> = Omit<R, 'scope'>;

// Declaring a rule through these keeps its id as a literal type: the registry derives the `RuleId` union from them.
export function templateRule<const Id extends string>(rule: Declared<TemplateRule<Id>>): TemplateRule<Id> {
  return { scope: 'template', ...rule };
}

export function workspaceRule<const Id extends string>(rule: Declared<WorkspaceRule<Id>>): WorkspaceRule<Id> {
  return { scope: 'workspace', ...rule };
}

export function contextRule<const Id extends string>(rule: Declared<ContextRule<Id>>): ContextRule<Id> {
  return { scope: 'context', ...rule };
}

export function syntaxRule<const Id extends string>(rule: Declared<SyntaxRule<Id>>): SyntaxRule<Id> {
  return { scope: 'syntax', ...rule };
}
