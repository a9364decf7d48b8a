// Whether X.iso beside context folder X is missing, older than a file in X (stale), or up to date: the
// same comparison as the iso-stale rule, from modification times only (no file is read).
import { readContextFolder } from '../../../core/context/contextFolder.js';

export type IsoState = 'missing' | 'stale' | 'up-to-date';

export function isoStateOf(dir: string): { isoPath: string; iso: IsoState; newerFiles: string[] } {
  const folder = readContextFolder(dir);
  if (folder.isoMtimeMs === undefined) return { isoPath: folder.isoPath, iso: 'missing', newerFiles: [] };
  const newerFiles = folder.entries.filter((e) => !e.isDirectory && e.mtimeMs > folder.isoMtimeMs!).map((e) => e.relative);
  return { isoPath: folder.isoPath, iso: newerFiles.length > 0 ? 'stale' : 'up-to-date', newerFiles };
}
