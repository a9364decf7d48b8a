import fs from 'node:fs';
import path from 'node:path';
import type { Finding } from '../findings.js';
import { parseTemplateDocument, withoutBom } from '../domain/templateDocument.js';
import { detached } from '../text/detached.js';
import { readTemplateBytes, templateText, type TemplateBytes, type TemplateText } from './templateBytes.js';
import { enclosingContextFolder, findContextFolders } from '../context/contextFolder.js';
import type { LintSettings } from '../settings/settings.js';
import { Linter, type SettingsResolver } from './linter.js';
import { indexEntriesOf, type FileEntries } from '../index/workspaceIndex.js';
import { suppressionsOf, type Suppressions } from './suppressions.js';
import type { DomainTemplate } from '../domain/domainTemplate.js';
import type { LcFacts } from '../lc/lcFacts.js';
import type { SchemaValidator } from '../schema/schemaValidator.js';

/** A file or folder to lint, or a template's text that is not on disk (standard input) under the name it goes by. */
export type LintInput = string | { readonly file: string; readonly text: string };

export interface Notice {
  readonly file: string;
  readonly message: string;
  /** The file could not be read (the CLI exits 2); otherwise it was skipped on purpose. */
  readonly ioError: boolean;
}

export interface LintRun {
  /** Templates and context folders linted. */
  readonly files: number;
  readonly findings: Finding[];
  /** Files that could not be read, or were skipped, with why. */
  readonly notices: Notice[];
  /** Inputs that do not exist. */
  readonly missing: string[];
  /** Folders given that hold no template and no context folder: most often a mistyped path. */
  readonly unmatched: string[];
}

export interface LintPathsOptions {
  /** What the local controllers reported (`--lc`), gathered before the run: see templatesAmong. */
  readonly lcFacts?: readonly LcFacts[];
  /** libvirt's compiled schema for the `schema` rule (compiled before the run: see src/cli/prepareSchema.ts). */
  readonly schema?: () => SchemaValidator | undefined;
  /**
   * Lints the candidates' own rules, some of them elsewhere (the CLI's worker threads, each with a Linter set up
   * as `here`), and returns one result per candidate, in order; or undefined to lint them all here.
   */
  readonly lintOwnOnThreads?: (candidates: readonly Candidate[], here: Linter) => OwnLint[] | undefined;
}

/**
 * Lints files and folders as one run: every template found joins one index, so duplicates across them are
 * found, and templates are linked to the context folders of the run. A folder is searched for `.xml` files
 * and context folders; an XML file that is not a template is skipped, but a malformed one is reported when
 * it looks like a domain or was named explicitly. Never throws for bad input: what cannot be read is a notice.
 */
export function lintPaths(
  inputs: readonly LintInput[],
  settings: LintSettings | SettingsResolver,
  options: LintPathsOptions = {},
): LintRun {
  const { templates, contextFolders, notices, missing, folderInputs } = collect(inputs);

  // 2. Lint each template for its own rules and keep only the results: the parse tree is let go at once
  // (keeping 10,000 of them alive made garbage collection the largest cost of a large run). The CLI may do
  // this step on several threads; the results come back in the candidates' order either way.
  const linter = new Linter(settings, options.schema ? { schema: options.schema } : {});
  const lcFacts = options.lcFacts ?? [];
  linter.lcFactsFor = () => lcFacts;
  for (const { dir } of contextFolders.values()) linter.contextFolders.add(path.resolve(dir));
  const candidates = [...templates.values()];
  const threaded = options.lintOwnOnThreads?.(candidates, linter);
  const results = threaded ?? candidates.map((candidate) => lintOwnFile(linter, candidate));
  const findings: Finding[] = [];
  const linted: string[] = [];
  const lintedPerInput = new Map<number, number>();
  const count = (input: number): void => void lintedPerInput.set(input, (lintedPerInput.get(input) ?? 0) + 1);
  candidates.forEach(({ file, input }, at) => {
    const result = results[at]!;
    if (result.notice) notices.push(result.notice);
    findings.push(...result.findings);
    if (!result.linted) return;
    // Perhaps linted on another thread: each file's settings are read here too, so their problems are told here.
    if (threaded) linter.settingsFor(file, false);
    linter.adoptOwnLint(file, result.linted.entries, result.linted.suppressions);
    linted.push(file);
    count(input);
  });

  // 3. The rules on values shared between templates, over the whole index; then the context folders.
  for (const file of linted) findings.push(...linter.lintShared(file));
  for (const { dir, input } of contextFolders.values()) {
    findings.push(...linter.lintContextFolder(dir));
    count(input);
  }
  const unmatched = folderInputs.filter((at) => !lintedPerInput.has(at)).map((at) => inputs[at] as string);
  return {
    files: linted.length + contextFolders.size,
    findings: findings.sort(byPosition),
    notices,
    missing,
    unmatched,
  };
}

/** What linting one template on its own gave: plain data, so a worker thread can hand it back. */
export interface OwnLint {
  readonly findings: readonly Finding[];
  readonly notice?: Notice;
  /** Present when the file was linted: a template, or a malformed file worth reporting. */
  readonly linted?: { readonly entries?: FileEntries; readonly suppressions: Suppressions };
}

/**
 * One template's read, parse and own rules (the shared rules wait for the whole index). Never throws. Its bytes
 * come from `readBytes`: read here by default, or by a thread reading ahead (src/cli/readAhead.ts).
 */
export function lintOwnFile(
  linter: Linter,
  { file, explicit, text }: Candidate,
  readBytes: (file: string) => TemplateBytes = readTemplateBytes,
): OwnLint {
  const read: TemplateText = text !== undefined ? { text: withoutBom(text) } : templateText(readBytes(file));
  if ('message' in read) return { findings: [], notice: { file, message: read.message, ioError: read.ioError } };
  const document = parseTemplateDocument(file, read.text, read.undecodable);
  if (document.kind !== 'template' && !(document.kind === 'malformed' && (explicit || document.looksLikeDomain))) {
    const notice = { file, message: 'skipped: not a libvirt domain template', ioError: false };
    return explicit ? { findings: [], notice } : { findings: [] };
  }
  const findings = linter.lintOwn(document);
  const suppressions = linter.suppressionsIn(file) ?? suppressionsOf('');
  return {
    findings,
    linted: document.kind === 'template' ? { entries: indexEntriesOf(document), suppressions } : { suppressions },
  };
}

interface Collected {
  readonly templates: Map<string, Candidate>;
  readonly contextFolders: Map<string, { dir: string; input: number }>;
  readonly notices: Notice[];
  readonly missing: string[];
  readonly folderInputs: number[];
}

/** 1. Collect. A file reached twice (named, and inside a named folder) is linted once; text given for a file wins. */
function collect(inputs: readonly LintInput[]): Collected {
  const templates = new Map<string, Candidate>();
  const contextFolders = new Map<string, { dir: string; input: number }>();
  const notices: Notice[] = [];
  const missing: string[] = [];
  const folderInputs: number[] = [];

  inputs.forEach((input, at) => {
    if (typeof input !== 'string') {
      templates.set(path.resolve(input.file), { file: input.file, explicit: true, text: input.text, input: at });
      return;
    }
    const stat = statOf(input);
    if (stat === 'missing') missing.push(input);
    else if (typeof stat === 'string') notices.push({ file: input, message: stat, ioError: true });
    else if (stat.isDirectory()) {
      folderInputs.push(at);
      for (const file of xmlFilesUnder(input)) addTemplate(templates, { file, explicit: false, input: at });
      for (const dir of findContextFolders(input)) addOnce(contextFolders, dir, { dir, input: at });
    } else if (!stat.isFile()) {
      notices.push({
        file: input,
        message: 'not a regular file or folder (for standard input, use "-")',
        ioError: true,
      });
    } else if (!input.toLowerCase().endsWith('.xml') && enclosingContextFolder(input)) {
      const dir = enclosingContextFolder(input)!;
      addOnce(contextFolders, dir, { dir, input: at });
    } else addTemplate(templates, { file: input, explicit: true, input: at });
  });

  return { templates, contextFolders, notices, missing, folderInputs };
}

/**
 * The domain templates the same inputs would lint, parsed (what to ask the LCs before the run). Unreadable
 * and malformed files are left out: the run itself reports them.
 */
export function templatesAmong(inputs: readonly LintInput[]): DomainTemplate[] {
  const found: DomainTemplate[] = [];
  for (const { file, text } of collect(inputs).templates.values()) {
    const read: TemplateText = text !== undefined ? { text: withoutBom(text) } : templateText(readTemplateBytes(file));
    if (!('text' in read)) continue;
    const document = parseTemplateDocument(file, read.text);
    if (document.kind === 'template') found.push(document.template);
  }
  return found;
}

/** A template to lint: `explicit` when named itself (reported even when it does not look like a domain). */
export interface Candidate {
  readonly file: string;
  readonly explicit: boolean;
  readonly text?: string;
  /** Which input brought it. */
  readonly input: number;
}

function addTemplate(templates: Map<string, Candidate>, entry: Candidate): void {
  const key = path.resolve(entry.file);
  const known = templates.get(key);
  if (!known || (entry.explicit && !known.explicit)) templates.set(key, entry);
}

function addOnce<T>(map: Map<string, T>, dir: string, value: T): void {
  const key = path.resolve(dir);
  if (!map.has(key)) map.set(key, value);
}

/** A path's stat, `'missing'`, or why it cannot be looked at. */
function statOf(given: string): fs.Stats | 'missing' | string {
  try {
    return fs.statSync(given);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') {
      // A symbolic link whose target is gone exists as a name: say so rather than "no such file".
      const dangling = fs.lstatSync(given, { throwIfNoEntry: false })?.isSymbolicLink();
      return dangling ? 'cannot read: a symbolic link to a file that does not exist' : 'missing';
    }
    return `cannot read: ${(error as Error).message}`;
  }
}

function byPosition(a: Finding, b: Finding): number {
  return (
    a.file.localeCompare(b.file) ||
    a.range.start.line - b.range.start.line ||
    a.range.start.character - b.range.start.character
  );
}

/** `.xml` files under a folder, skipping dot-folders and node_modules, in a stable order. */
export function xmlFilesUnder(root: string): string[] {
  const files: string[] = [];
  const walk = (dir: string): void => {
    let dirents: fs.Dirent[];
    try {
      dirents = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const d of dirents) {
      const full = path.join(dir, d.name);
      if (d.isDirectory()) {
        if (!d.name.startsWith('.') && d.name !== 'node_modules') walk(full);
      } else if (d.isFile() && d.name.toLowerCase().endsWith('.xml')) files.push(detached(full)); // kept all run
    }
  };
  walk(root);
  return files.sort();
}
