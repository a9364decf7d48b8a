// The project's model of a VM: a template, the context folder its CD is built from, the ISO that build writes,
// and its disk. The link is derived, never recorded: a template's context CD names an ISO (an LC path); that
// ISO is what "Build Context ISO" makes of the context folder whose name is the ISO's file name without
// `.iso` (/opt/cloud/web1.iso <- context folder web1/). Mapped to this machine with snooze.pathMappings, the
// same path is where the build writes it; unmapped, the build writes web1.iso beside web1/.
import path from 'node:path';
import { isIsoDisk, type DiskDefinition, type DomainTemplate } from '../domain/domainTemplate.js';
import { isoPathOf } from '../context/contextFolder.js';

/** The disk that carries the context: the first CD (a cdrom, or a read-only disk whose file is an .iso). */
export function contextCd(template: DomainTemplate): DiskDefinition | undefined {
  return template.disks.find(isIsoDisk);
}

/** `web1` for `/opt/cloud/web1.iso`: the name of the context folder an ISO is built from. */
function contextNameOfIso(isoLcPath: string): string | undefined {
  const base = path.posix.basename(isoLcPath);
  return /\.iso$/i.test(base) && base.length > 4 ? base.slice(0, -4) : undefined;
}

/**
 * The context folder a template's ISO is built from, among the known ones: the folder whose own ISO (X.iso
 * beside X/) is the mapped ISO path itself; else a folder named after the ISO, the nearest to the template
 * (longest shared path) when several are.
 */
export function linkedContextFolder(
  isoLcPath: string,
  isoLocal: string,
  templateFile: string,
  contextFolders: Iterable<string>,
): string | undefined {
  const name = contextNameOfIso(isoLcPath);
  if (!name) return undefined;
  let best: string | undefined;
  let bestShared = -1;
  for (const dir of contextFolders) {
    if (isoPathOf(dir) === isoLocal) return dir;
    if (path.basename(dir) !== name) continue;
    const shared = sharedPrefixLength(dir, path.resolve(templateFile));
    if (shared > bestShared || (shared === bestShared && best !== undefined && dir < best)) {
      best = dir;
      bestShared = shared;
    }
  }
  return best;
}

function sharedPrefixLength(a: string, b: string): number {
  const x = a.split(path.sep);
  const y = b.split(path.sep);
  let n = 0;
  while (n < x.length && n < y.length && x[n] === y[n]) n++;
  return n;
}
