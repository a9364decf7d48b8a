import type { Range } from '../text/lineMap.js';
import type { RelatedLocation, Severity } from '../findings.js';
import type { TemplateDocument } from '../domain/templateDocument.js';
import type { DomainTemplate } from '../domain/domainTemplate.js';
import type { WorkspaceIndex } from '../index/workspaceIndex.js';
import type { ImageFacts } from '../images/imageProbe.js';
import type { LintSettings } from '../settings/settings.js';
import type { ContextFolder } from '../context/contextFolder.js';

/** What a rule reports; the linter adds the rule id, the configured severity and (by default) the file. */
export interface Problem {
  readonly message: string;
  readonly range: Range;
  /** Only for rules that report on another file than the one linted (context-folder rules). */
  readonly file?: string;
  readonly related?: readonly RelatedLocation[];
  readonly suggestions?: readonly string[];
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
}

interface RuleInfo {
  /** The public id: shown in diagnostics and CLI output, used in settings. Never rename one. */
  readonly id: string;
  readonly severity: Severity;
  readonly description: string;
}

export interface SyntaxRule extends RuleInfo {
  readonly scope: 'syntax';
}

export interface TemplateRule extends RuleInfo {
  readonly scope: 'template';
  check(facts: TemplateFacts): Problem[];
}

/** What a workspace rule sees: which file, and the index of every template. */
export interface WorkspaceFacts {
  readonly file: string;
  readonly index: WorkspaceIndex;
}

/**
 * A rule about values shared between templates (duplicates). It reads only the index, so a run over many
 * files can lint each file's own rules at once and let its parse go, then run these over the index.
 */
export interface WorkspaceRule extends RuleInfo {
  readonly scope: 'workspace';
  check(facts: WorkspaceFacts): Problem[];
}

export interface ContextRule extends RuleInfo {
  readonly scope: 'context';
  check(folder: ContextFolder): Problem[];
}

export type Rule = SyntaxRule | TemplateRule | WorkspaceRule | ContextRule;
