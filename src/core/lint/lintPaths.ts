import fs from 'node:fs';
import path from 'node:path';
import type { Finding } from '../findings.js';
import { parseTemplateDocument } from '../domain/templateDocument.js';
import { findContextFolders, isContextFolder } from '../context/contextFolder.js';
import type { LintSettings } from '../settings/settings.js';
import { Linter } from './linter.js';

/** Templates over this size are reported and skipped: real domain XML is a few kilobytes. */
export const MAX_TEMPLATE_BYTES = 20 * 1024 * 1024;

export interface LintRun {
  /** Templates and context folders linted. */
  readonly files: number;
  readonly findings: Finding[];
  /** Files that could not be read, or were skipped, with why: the CLI prints them and exits 2 for I/O errors. */
  readonly notices: { readonly file: string; readonly message: string; readonly ioError: boolean }[];
}

/**
 * Lints files and folders as one run: every template found joins one index (so duplicates across them are
 * found), then each is linted. A folder is searched for `.xml` files and context folders; a non-template XML
 * file is skipped, but a malformed one is reported when it looks like a domain or was named explicitly.
 */
export function lintPaths(paths: readonly string[], settings: LintSettings): LintRun {
  const linter = new Linter(settings);
  const notices: LintRun['notices'][number][] = [];
  // Each document is linted for its own rules as soon as it is read and then let go: only its index entries
  // stay. Keeping 10,000 parse trees alive made garbage collection the largest cost of a run.
  const linted: string[] = [];
  const findings: Finding[] = [];
  const contextFolders = new Set<string>();

  const addXml = (file: string, explicit: boolean): void => {
    const read = readTemplateText(file);
    if ('message' in read) {
      notices.push({ file, message: read.message, ioError: read.ioError });
      return;
    }
    const document = parseTemplateDocument(file, read.text);
    if (document.kind === 'template' || (document.kind === 'malformed' && (explicit || document.looksLikeDomain))) {
      linter.index.update(document);
      findings.push(...linter.lintOwn(document));
      linted.push(file);
    }
  };

  for (const given of paths) {
    let stat: fs.Stats;
    try {
      stat = fs.statSync(given);
    } catch (error) {
      notices.push({ file: given, message: `cannot read: ${(error as Error).message}`, ioError: true });
      continue;
    }
    if (stat.isDirectory()) {
      for (const file of xmlFilesUnder(given)) addXml(file, false);
      for (const dir of findContextFolders(given)) contextFolders.add(dir);
    } else if (isContextFolder(path.dirname(given)) && !given.endsWith('.xml')) {
      contextFolders.add(path.dirname(given));
    } else {
      addXml(given, true);
    }
  }

  for (const file of linted) findings.push(...linter.lintShared(file));
  for (const dir of contextFolders) findings.push(...linter.lintContextFolder(dir));
  return { files: linted.length + contextFolders.size, findings: findings.sort(byPosition), notices };
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
    return { text: fs.readFileSync(fd, 'utf8').replace(/^\uFEFF/, '') };
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
