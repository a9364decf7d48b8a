// Whether X.iso beside context folder X is missing, older than a file in X (stale), or up to date: the
// iso-stale rule's comparison (filesNewerThanIso), from modification times only (no file is read).
import { filesNewerThanIso, readContextFolder } from '../../core/context/contextFolder.js';

export type IsoState = 'missing' | 'stale' | 'up-to-date';

export function isoStateOf(dir: string): { isoPath: string; iso: IsoState; newerFiles: string[] } {
  const folder = readContextFolder(dir);
  const newer = filesNewerThanIso(folder);
  if (!newer) return { isoPath: folder.isoPath, iso: 'missing', newerFiles: [] };
  const newerFiles = newer.map((e) => e.relative);
  return { isoPath: folder.isoPath, iso: newerFiles.length > 0 ? 'stale' : 'up-to-date', newerFiles };
}
