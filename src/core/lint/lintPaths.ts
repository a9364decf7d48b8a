import fs from 'node:fs';
import path from 'node:path';
import type { Finding } from '../findings.js';
import { parseTemplateDocument, withoutBom } from '../domain/templateDocument.js';
import { findContextFolders, isContextFolder } from '../context/contextFolder.js';
import type { LintSettings } from '../settings/settings.js';
import { Linter, type LinterOptions } from './linter.js';
import { indexEntriesOf, type FileEntries } from '../index/workspaceIndex.js';

/** Templates over this size are reported and skipped: real domain XML is a few kilobytes. */
export const MAX_TEMPLATE_BYTES = 20 * 1024 * 1024;

export interface Notice {
  readonly file: string;
  readonly message: string;
  readonly ioError: boolean;
}

export interface LintRun {
  /** Templates and context folders linted. */
  readonly files: number;
  readonly findings: Finding[];
  /** Files that could not be read, or were skipped, with why: the CLI prints them and exits 2 for I/O errors. */
  readonly notices: Notice[];
}

/** What one run lints: the XML files to read, and the context folders found. */
export interface LintPlan {
  /** `explicit`: named on the command line, so reported even when it does not look like a template. */
  readonly templates: readonly { readonly file: string; readonly explicit: boolean }[];
  readonly contextFolders: readonly string[];
  readonly notices: readonly Notice[];
}

/** One template's own findings and its index entries: plain data, so a worker thread can send it back. */
export interface TemplateResult {
  readonly file: string;
  readonly entries?: FileEntries;
  readonly findings: readonly Finding[];
  readonly notice?: Notice;
  /** False for an XML file that is not a template (skipped). */
  readonly linted: boolean;
}

/**
 * Lints files and folders as one run: every template found joins one index (so duplicates across them are
 * found). A folder is searched for `.xml` files and context folders; a non-template XML file is skipped, but
 * a malformed one is reported when it looks like a domain or was named explicitly.
 */
export function lintPaths(paths: readonly string[], settings: LintSettings, options: LinterOptions = {}): LintRun {
  const plan = planLint(paths);
  return finishLint(plan, lintTemplatesAlone(plan.templates, settings, plan.contextFolders, options), settings);
}

export function planLint(paths: readonly string[]): LintPlan {
  const templates: { file: string; explicit: boolean }[] = [];
  const contextFolders = new Set<string>();
  const notices: Notice[] = [];
  for (const given of paths) {
    let stat: fs.Stats;
    try {
      stat = fs.statSync(given);
    } catch (error) {
      notices.push({ file: given, message: `cannot read: ${(error as Error).message}`, ioError: true });
      continue;
    }
    if (stat.isDirectory()) {
      for (const file of xmlFilesUnder(given)) templates.push({ file, explicit: false });
      for (const dir of findContextFolders(given)) contextFolders.add(dir);
    } else if (isContextFolder(path.dirname(given)) && !given.endsWith('.xml')) {
      contextFolders.add(path.dirname(given));
    } else {
      templates.push({ file: given, explicit: true });
    }
  }
  return { templates, contextFolders: [...contextFolders], notices };
}

/**
 * Reads, parses and lints each template for the rules that look at it alone, keeping only the results: the
 * parse tree is let go at once (keeping 10,000 of them alive made garbage collection the largest cost).
 * Independent per file, so the CLI splits this across threads.
 */
export function lintTemplatesAlone(templates: LintPlan['templates'], settings: LintSettings, contextFolders: readonly string[] = [], options: LinterOptions = {}): TemplateResult[] {
  const linter = new Linter(settings, options);
  // Templates meet the context folders of the run: the VM model links each to the folder its ISO is built from.
  for (const dir of contextFolders) linter.contextFolders.add(path.resolve(dir));
  return templates.map(({ file, explicit }): TemplateResult => {
    const read = readTemplateText(file);
    if ('message' in read) return { file, findings: [], notice: { file, message: read.message, ioError: read.ioError }, linted: false };
    const document = parseTemplateDocument(file, read.text);
    if (document.kind !== 'template' && !(document.kind === 'malformed' && (explicit || document.looksLikeDomain))) {
      return { file, findings: [], linted: false };
    }
    const findings = linter.lintOwn(document);
    return document.kind === 'template' ? { file, findings, linted: true, entries: indexEntriesOf(document) } : { file, findings, linted: true };
  });
}

/** Merges per-template results into one index, then runs the rules on shared values and the context folders. */
export function finishLint(plan: LintPlan, results: readonly TemplateResult[], settings: LintSettings): LintRun {
  const linter = new Linter(settings);
  const findings: Finding[] = [];
  const notices: Notice[] = [...plan.notices];
  for (const result of results) {
    if (result.entries) linter.index.setEntries(result.file, result.entries);
    findings.push(...result.findings);
    if (result.notice) notices.push(result.notice);
  }
  const linted = results.filter((r) => r.linted);
  for (const result of linted) findings.push(...linter.lintShared(result.file));
  for (const dir of plan.contextFolders) findings.push(...linter.lintContextFolder(dir));
  return { files: linted.length + plan.contextFolders.length, findings: findings.sort(byPosition), notices };
}

function byPosition(a: Finding, b: Finding): number {
  return a.file.localeCompare(b.file) || a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character;
}

type ReadResult = { text: string } | { message: string; ioError: boolean };

/** Reads a template's text, turning every odd case into a message instead of an exception. */
export function readTemplateText(file: string): ReadResult {
  let fd: number | undefined;
  try {
    fd = fs.openSync(file, 'r');
    const { size } = fs.fstatSync(fd);
    if (size > MAX_TEMPLATE_BYTES) {
      return { message: `skipped: ${(size / 1024 / 1024).toFixed(1)} MB is too large for a domain template (limit ${MAX_TEMPLATE_BYTES / 1024 / 1024} MB)`, ioError: false };
    }
    return { text: withoutBom(fs.readFileSync(fd, 'utf8')) };
  } catch (error) {
    return { message: `cannot read: ${(error as Error).message}`, ioError: true };
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
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
      } else if (d.isFile() && d.name.toLowerCase().endsWith('.xml')) files.push(full);
    }
  };
  walk(root);
  return files.sort();
}
