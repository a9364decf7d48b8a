import type { Finding, Severity } from '../findings.js';
import type { TemplateDocument } from '../domain/templateDocument.js';
import { WorkspaceIndex, type FileEntries } from '../index/workspaceIndex.js';
import { ImageProbeCache } from '../images/imageProbe.js';
import { mapLcPath, DEFAULT_SETTINGS, type LintSettings } from '../settings/settings.js';
import { readContextFolder, type ContextFolder } from '../context/contextFolder.js';
import { FILE_START } from '../text/lineMap.js';
import { detached } from '../text/detached.js';
import { CONTEXT_RULES, TEMPLATE_RULES, WORKSPACE_RULES, xmlSyntax, type RuleId } from '../rules/registry.js';
import type { Problem, Rule, TemplateFacts } from '../rules/rule.js';
import { locateLcPath } from '../model/lcPaths.js';
import { contextCd, linkedContextFolder } from '../model/contextLink.js';
import { suppressedInFile, suppressedOnLine, suppressionsOf, type Suppressions } from './suppressions.js';
import type { LcFacts } from '../lc/lcFacts.js';
import type { SchemaValidator } from '../schema/schemaValidator.js';

const FIRST_RULES = TEMPLATE_RULES.filter((rule) => !rule.runsAfterOthers);
/** The schema rule: it leaves out what the other rules already reported (TemplateFacts.reportedByOthers). */
const LAST_RULES = TEMPLATE_RULES.filter((rule) => rule.runsAfterOthers);

/**
 * The settings that apply to one file: the editor reads them per workspace folder, the CLI per settings file
 * found upward. `folder` says whether the path is a folder (a context folder), when the caller knows.
 */
export type SettingsResolver = (file: string, folder?: boolean) => LintSettings;

export interface LinterOptions {
  /** Attach each finding's fixes (the editor wants them; a CLI run does not, and keeps no parse tree alive for them). */
  readonly withFixes?: boolean;
  /** Told when a rule throws: the run goes on with one error finding naming the rule, and the caller logs the stack. */
  readonly onRuleError?: (rule: RuleId, file: string, error: unknown) => void;
  /** libvirt's compiled schema for the `schema` rule, when it is ready (nothing while it loads: the rule waits). */
  readonly schema?: () => SchemaValidator | undefined;
}

/**
 * The engine the CLI and the editor share: it owns the workspace index and the file probes, and turns
 * rule problems into findings with the severity configured for each file. Callers keep the index current
 * with `index.update(document)` before linting a document that depends on it.
 */
export class Linter {
  readonly index = new WorkspaceIndex();
  readonly images = new ImageProbeCache();
  /** The context folders of the workspace: templates are linked to them (src/core/model). Callers keep it current. */
  readonly contextFolders = new Set<string>();
  /** Each template's suppression comments, from its last own lint: the rules on shared values honour them too. */
  private readonly suppressions = new Map<string, Suppressions>();
  /** Each rule list's configured severities per settings object (shared by the files of a folder): see severitiesOf. */
  private readonly severityTables = new WeakMap<LintSettings, Map<readonly Rule<RuleId>[], (Severity | undefined)[]>>();
  settingsFor: SettingsResolver;
  /** The facts of the LCs that apply to a file (the editor's cache, the CLI's --lc run); none by default. */
  lcFactsFor: (file: string) => readonly LcFacts[] = () => [];

  constructor(
    settings: LintSettings | SettingsResolver = DEFAULT_SETTINGS,
    private readonly options: LinterOptions = {},
  ) {
    this.settingsFor = typeof settings === 'function' ? settings : () => settings;
  }

  /** The configured severity of a rule for a file, or undefined when it is switched off there. */
  severityOf(rule: Rule<RuleId>, settings: LintSettings): Severity | undefined {
    const configured = settings.rules[rule.id];
    if (configured === 'off') return undefined;
    return configured ?? rule.severity;
  }

  /** severityOf for each of `rules`, in order: worked out once per settings object, not per rule and file. */
  private severitiesOf(rules: readonly Rule<RuleId>[], settings: LintSettings): readonly (Severity | undefined)[] {
    let tables = this.severityTables.get(settings);
    if (!tables) this.severityTables.set(settings, (tables = new Map()));
    let table = tables.get(rules);
    if (!table) tables.set(rules, (table = rules.map((rule) => this.severityOf(rule, settings))));
    return table;
  }

  /** Every finding of a document: its own rules, then the rules on values it shares with other templates. */
  lintDocument(document: TemplateDocument): Finding[] {
    const own = this.lintOwn(document);
    return document.kind === 'template' ? [...own, ...this.lintShared(document.file)] : own;
  }

  /** The rules that look at the document alone (and the file system): no other template matters. */
  lintOwn(document: TemplateDocument): Finding[] {
    const settings = this.settingsFor(document.file, false);
    if (document.kind === 'malformed') {
      const severity = this.severityOf(xmlSyntax, settings);
      if (!severity) return [];
      const line = Math.min(document.error.line - 1, document.lines.lineCount - 1);
      const position = { line, character: Math.max(document.error.column - 1, 0) };
      return [
        {
          rule: xmlSyntax.id,
          severity,
          message: `not well-formed XML: ${document.error.message}`,
          file: document.file,
          range: { start: position, end: { line, character: position.character + 1 } },
        },
      ];
    }
    if (document.kind !== 'template') return [];
    const exists = (localPath: string): boolean => this.images.exists(localPath);
    const locate = (lcPath: string) => locateLcPath(lcPath, settings.pathMappings, exists);
    let context: ContextFolder | undefined | null = null;
    const facts: TemplateFacts = {
      document,
      template: document.template,
      index: this.index,
      settings,
      probeLcPath: (lcPath) => this.images.probe(mapLcPath(lcPath, settings.pathMappings)),
      existsHere: exists,
      locate,
      lcs: this.lcFactsFor(document.file),
      schema: this.options.schema?.(),
      context: () => {
        if (context === null) {
          const dir = this.contextFolderOf(document);
          context = dir ? readContextFolder(dir) : undefined;
        }
        return context;
      },
    };
    const suppressions = suppressionsOf(document.text);
    this.suppressions.set(document.file, suppressions);
    const found: Finding[] = [];
    this.runAll(found, FIRST_RULES, document.file, settings, facts, suppressions);
    if (LAST_RULES.length === 0) return found;
    const reportedByOthers = found.filter((f) => f.file === document.file).map((f) => f.range);
    const after = { ...facts, reportedByOthers };
    this.runAll(found, LAST_RULES, document.file, settings, after, suppressions);
    return found;
  }

  /** A template's suppression comments, as its last own lint found them. */
  suppressionsIn(file: string): Suppressions | undefined {
    return this.suppressions.get(file);
  }

  /** What another linter's own lint of a template learnt (a CLI worker thread), so the shared rules can run here. */
  adoptOwnLint(file: string, entries: FileEntries | undefined, suppressions: Suppressions): void {
    this.suppressions.set(file, suppressions);
    if (entries) this.index.setEntries(file, entries);
  }

  /** The rules on values shared between templates: they read only the index, not the document. */
  lintShared(file: string): Finding[] {
    if (!this.index.entriesOf(file)) return [];
    const suppressions = this.suppressions.get(file);
    const settings = this.settingsFor(file, false);
    const found: Finding[] = [];
    const facts = { file, index: this.index, settings };
    this.runAll(found, WORKSPACE_RULES, file, settings, facts, suppressions);
    return found;
  }

  /** The context folder a template's CD is built from, among the known ones (the VM model: src/core/model). */
  contextFolderOf(document: TemplateDocument): string | undefined {
    if (document.kind !== 'template') return undefined;
    const iso = contextCd(document.template)?.source?.value;
    if (!iso) return undefined;
    const local = mapLcPath(iso, this.settingsFor(document.file, false).pathMappings);
    return linkedContextFolder(iso, local, document.file, this.contextFolders);
  }

  /** Forgets what was learnt of a file that left the workspace. */
  forget(file: string): void {
    this.index.remove(file);
    this.suppressions.delete(file);
  }

  lintContextFolder(dirOrFolder: string | ContextFolder): Finding[] {
    const folder = typeof dirOrFolder === 'string' ? readContextFolder(dirOrFolder) : dirOrFolder;
    const settings = this.settingsFor(folder.dir, true);
    const found: Finding[] = [];
    this.runAll(found, CONTEXT_RULES, folder.dir, settings, folder);
    return found;
  }

  /** Runs each of `rules` that is not switched off for `settings` on `input`, adding their findings to `found`. */
  private runAll<Input>(
    found: Finding[],
    rules: readonly (Rule<RuleId> & { check(input: Input): Problem[] })[],
    file: string,
    settings: LintSettings,
    input: Input,
    suppressions?: Suppressions,
  ): void {
    const severities = this.severitiesOf(rules, settings);
    // Most files suppress nothing: then no rule asks.
    const suppressing =
      suppressions && (suppressions.wholeFile.size > 0 || suppressions.onLine.size > 0) ? suppressions : undefined;
    for (let i = 0; i < rules.length; i++) {
      const severity = severities[i];
      if (severity) this.run(found, rules[i]!, severity, file, input, suppressing);
    }
  }

  /**
   * Adds one rule's findings on `input` to `found`; a rule that throws costs its own findings only, as ESLint's
   * linter isolates rules. (Called about forty times per template: no closure, no intermediate list.)
   */
  private run<Input>(
    found: Finding[],
    rule: Rule<RuleId> & { check(input: Input): Problem[] },
    severity: Severity,
    file: string,
    input: Input,
    suppressions: Suppressions | undefined,
  ): void {
    if (suppressions && suppressedInFile(suppressions, rule.id)) return;
    let problems: Problem[];
    try {
      problems = rule.check(input);
    } catch (error) {
      this.options.onRuleError?.(rule.id, file, error);
      const reason = error instanceof Error ? error.message : String(error);
      found.push({
        rule: rule.id,
        severity: 'error',
        message: `the rule ${rule.id} failed on this file (${reason}); the other rules ran`,
        file,
        range: FILE_START,
      });
      return;
    }
    for (let i = 0; i < problems.length; i++) {
      const p = problems[i]!;
      if (suppressions && suppressedOnLine(suppressions, rule.id, p.range.start.line)) continue;
      // Optional fields set, not spread in: a spread costs a copy of the object per finding.
      const finding: Mutable<Finding> = {
        rule: rule.id,
        severity,
        message: detached(p.message), // a finding may be kept for the whole run: see detached.ts
        file: p.file ?? file,
        range: p.range,
      };
      if (p.related && p.related.length > 0) finding.related = p.related;
      if (this.options.withFixes && p.fixes) finding.fixes = p.fixes;
      found.push(finding);
    }
  }
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };
