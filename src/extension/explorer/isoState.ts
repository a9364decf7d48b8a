// Whether a context folder's ISO is missing, older than a file of the folder (stale), or up to date: the
// iso-stale rule's comparison (filesNewerThan), from modification times only (no file is read). The ISO is
// where the templates built from the folder look for it, else X.iso beside folder X/.
import fs from 'node:fs';
import { filesNewerThan, isoPathOf, readContextFolder } from '../../core/context/contextFolder.js';

export type IsoState = 'missing' | 'stale' | 'up-to-date';

export function isoStateOf(
  dir: string,
  isoPath = isoPathOf(dir),
): { isoPath: string; iso: IsoState; newerFiles: string[] } {
  const built = fs.statSync(isoPath, { throwIfNoEntry: false })?.mtimeMs;
  if (built === undefined) return { isoPath, iso: 'missing', newerFiles: [] };
  const newerFiles = filesNewerThan(readContextFolder(dir), built).map((e) => e.relative);
  return { isoPath, iso: newerFiles.length > 0 ? 'stale' : 'up-to-date', newerFiles };
}
