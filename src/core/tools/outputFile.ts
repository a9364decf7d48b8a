// Writing a tool's output safely: into a temporary file beside the target, then moved over it only on success,
// so a failed or cancelled run never damages the file that was there.
import { randomBytes } from 'node:crypto';
import { link, lstat, rename, rm, unlink } from 'node:fs/promises';
import path from 'node:path';
import { OutputExistsError, ToolInputError } from './errors.js';

/** 'file' also covers symlinks and other non-folders: anything a rename would replace. */
export async function existingKind(target: string): Promise<'none' | 'file' | 'folder'> {
  try {
    return (await lstat(target)).isDirectory() ? 'folder' : 'file';
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return 'none';
    throw error;
  }
}

/** Refuses a folder always, and an existing file unless `overwrite`. */
export async function checkOutputTarget(target: string, overwrite: boolean): Promise<void> {
  const kind = await existingKind(target);
  if (kind === 'folder') throw new ToolInputError(`"${target}" is a folder; choose a file name for the output.`);
  if (kind === 'file' && !overwrite) throw new OutputExistsError([target]);
}

/** Same folder as the target, so the final rename never crosses file systems and relative paths resolve alike. */
export function temporaryPathBeside(target: string): string {
  return path.join(path.dirname(target), `.${path.basename(target)}.${randomBytes(6).toString('hex')}.partial`);
}

export async function removeQuietly(file: string): Promise<void> {
  await rm(file, { force: true }).catch(() => undefined);
}

/**
 * Moves `temporary` onto `target`. Without `overwrite` a hard link claims the name atomically, so a file that
 * appeared meanwhile is never replaced; file systems without hard links fall back to check-then-rename.
 */
export async function commitOutput(temporary: string, target: string, overwrite: boolean): Promise<void> {
  if (overwrite) {
    await rename(temporary, target);
    return;
  }
  try {
    await link(temporary, target);
    await unlink(temporary);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') {
      await removeQuietly(temporary);
      throw new OutputExistsError([target]);
    }
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP' && code !== 'EMLINK') throw error;
    if ((await existingKind(target)) !== 'none') {
      await removeQuietly(temporary);
      throw new OutputExistsError([target]);
    }
    await rename(temporary, target);
  }
}
