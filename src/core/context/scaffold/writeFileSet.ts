// Writes a set of generated files all or nothing with respect to existing files: if any exists and the caller
// did not allow overwriting, nothing is written.
import { chmod, mkdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { OutputExistsError } from '../../tools/errors.js';
import { existingKind, removeQuietly, temporaryPathBeside } from '../../tools/outputFile.js';

export interface GeneratedFile {
  /** Relative to the target folder, with `/` separators. */
  readonly relativePath: string;
  readonly content: string;
  /** 0o755 for scripts, 0o644 for data. */
  readonly mode: number;
}

export interface WriteFileSetOptions {
  readonly overwrite?: boolean;
}

/** Returns the absolute paths written. Content is written with LF line endings whatever the platform. */
export async function writeFileSet(
  dir: string,
  files: readonly GeneratedFile[],
  options: WriteFileSetOptions = {},
): Promise<string[]> {
  const root = path.resolve(dir);
  const targets = files.map((file) => ({ ...file, target: path.join(root, ...file.relativePath.split('/')) }));
  const existing: string[] = [];
  for (const { target } of targets) if ((await existingKind(target)) !== 'none') existing.push(target);
  if (existing.length > 0 && options.overwrite !== true) throw new OutputExistsError(existing);

  for (const { target, content, mode } of targets) {
    await mkdir(path.dirname(target), { recursive: true });
    const temporary = temporaryPathBeside(target);
    try {
      await writeFile(temporary, content.replace(/\r\n?/g, '\n'), { mode });
      // writeFile's mode is filtered by the umask; the exec bits of scripts must not depend on it.
      await chmod(temporary, mode);
      await rename(temporary, target);
    } finally {
      await removeQuietly(temporary);
    }
  }
  return targets.map(({ target }) => target);
}
