import fs from 'node:fs';
import path from 'node:path';

/** One entry of a context folder, with what the rules need to know without reading it. */
export interface ContextEntry {
  readonly path: string;
  /** Relative to the context folder, with `/` separators (`common/network`). */
  readonly relative: string;
  readonly isDirectory: boolean;
  readonly mode: number;
  readonly mtimeMs: number;
  readonly sizeBytes: number;
}

export interface ContextFolder {
  readonly dir: string;
  readonly entries: readonly ContextEntry[];
  /** `X.iso` beside folder `X/`, as `genisoimage -o X.iso X` names it. */
  readonly isoPath: string;
  readonly isoMtimeMs?: number;
  /** The text of a file, or undefined for a folder, a binary file or one over the size cap. */
  readText(relative: string): string | undefined;
}

/** Context files are small scripts and settings; anything bigger is data the rules do not read. */
const MAX_TEXT_BYTES = 1024 * 1024;
const MAX_ENTRIES = 10_000;

/** `X.iso` beside folder `X/`, as `genisoimage -o X.iso X` names it: where the rules and the commands look for it. */
export function isoPathOf(dir: string): string {
  return `${dir.replace(/[\\/]+$/, '')}.iso`;
}

/** A context folder is a folder holding `post-install` or `common/network`. */
export function isContextFolder(dir: string): boolean {
  return isFile(path.join(dir, 'post-install')) || isFile(path.join(dir, 'common', 'network'));
}

/** The nearest enclosing context folder of a file or folder, if any (at most 4 levels up, where context files live). */
export function enclosingContextFolder(filePath: string): string | undefined {
  let dir = path.dirname(filePath);
  for (let level = 0; level < 4; level++) {
    if (isContextFolder(dir)) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
  return undefined;
}

export function readContextFolder(dir: string): ContextFolder {
  const entries: ContextEntry[] = [];
  const walk = (folder: string): void => {
    let names: fs.Dirent[];
    try {
      names = fs.readdirSync(folder, { withFileTypes: true });
    } catch {
      return; // an unreadable subfolder simply contributes nothing
    }
    for (const dirent of names.sort((a, b) => a.name.localeCompare(b.name))) {
      if (entries.length >= MAX_ENTRIES) return;
      const full = path.join(folder, dirent.name);
      let stat: fs.Stats;
      try {
        stat = fs.statSync(full);
      } catch {
        continue; // a dangling link
      }
      entries.push({
        path: full,
        relative: path.relative(dir, full).split(path.sep).join('/'),
        isDirectory: stat.isDirectory(),
        mode: stat.mode,
        mtimeMs: stat.mtimeMs,
        sizeBytes: stat.size,
      });
      if (stat.isDirectory()) walk(full);
    }
  };
  walk(dir);
  const isoPath = isoPathOf(dir);
  let isoMtimeMs: number | undefined;
  try {
    isoMtimeMs = fs.statSync(isoPath).mtimeMs;
  } catch {
    isoMtimeMs = undefined;
  }
  const texts = new Map<string, string | undefined>();
  return {
    dir,
    entries,
    isoPath,
    ...(isoMtimeMs === undefined ? {} : { isoMtimeMs }),
    readText(relative) {
      if (!texts.has(relative)) texts.set(relative, readSmallText(path.join(dir, relative)));
      return texts.get(relative);
    },
  };
}

/** The files of a context folder changed after an ISO built at `builtMs`. */
export function filesNewerThan(folder: ContextFolder, builtMs: number): ContextEntry[] {
  return folder.entries.filter((e) => !e.isDirectory && e.mtimeMs > builtMs);
}

function readSmallText(file: string): string | undefined {
  try {
    const stat = fs.statSync(file);
    if (!stat.isFile() || stat.size > MAX_TEXT_BYTES) return undefined;
    const buffer = fs.readFileSync(file);
    return buffer.includes(0) ? undefined : buffer.toString('utf8');
  } catch {
    return undefined;
  }
}

function isFile(file: string): boolean {
  try {
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

/** Finds context folders under `root` (not descending into one once found, nor into dot-folders or node_modules). */
export function findContextFolders(root: string, limit = 10_000): string[] {
  const found: string[] = [];
  const walk = (dir: string, depth: number): void => {
    if (found.length >= limit || depth > 12) return;
    if (isContextFolder(dir)) {
      found.push(dir);
      return;
    }
    let dirents: fs.Dirent[];
    try {
      dirents = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const d of dirents) {
      if (d.isDirectory() && !d.name.startsWith('.') && d.name !== 'node_modules')
        walk(path.join(dir, d.name), depth + 1);
    }
  };
  walk(root, 0);
  return found.sort();
}
