// Paths as the local controllers see them, and where (and whether) they can be checked on this machine.
import path from 'node:path';
import { mapLcPath, rememberedPerPath, type PathMapping } from '../settings/settings.js';

export interface LocatedLcPath {
  /** Where the path is looked for here: mapped by snooze.pathMappings, or as it stands. */
  readonly local: string;
  /** The LC folder holding it (`/opt/cloud` for `/opt/cloud/web1.iso`). */
  readonly lcFolder: string;
  /**
   * False when nothing maps it and its folder does not exist here: the template is read on a workstation,
   * and only the LCs can say whether the file is there. True when mapped, or when its folder exists (editing
   * on an LC over Remote-SSH, or a path that is local anyway).
   */
  readonly checkable: boolean;
}

function isMapped(lcPath: string, mappings: readonly PathMapping[]): boolean {
  return mapLcPath(lcPath, mappings) !== lcPath || mappings.some((m) => m.from.replace(/\/+$/, '') === lcPath);
}

export function locateLcPath(
  lcPath: string,
  mappings: readonly PathMapping[],
  exists: (p: string) => boolean,
): LocatedLcPath {
  const where = locatedByMappings(lcPath, mappings);
  // Whether the folder exists here is asked each time (the caller's probes remember it as long as they should).
  return where.checkable || !exists(where.lcFolder) ? where : { ...where, checkable: true };
}

/** What the mappings alone say of a path: checkable when it is relative or mapped. */
const locatedByMappings = rememberedPerPath((lcPath, mappings): LocatedLcPath => ({
  local: mapLcPath(lcPath, mappings),
  lcFolder: path.posix.dirname(lcPath),
  checkable: !path.posix.isAbsolute(lcPath) || isMapped(lcPath, mappings),
}));
