// What to ask the LCs about a set of templates: one request per refresh, whatever the number of templates.
import path from 'node:path';
import type { DomainTemplate } from '../domain/domainTemplate.js';

export interface LcRequest {
  /** Disk images and ISOs (absolute LC paths): existence, readability, and the backing chain of qcow2 images. */
  readonly paths: readonly string[];
  /** `<emulator>` binaries. */
  readonly emulators: readonly string[];
}

/** The file paths and emulators of the templates, each once, in a stable order. Relative paths mean nothing on an LC. */
export function whatToCheck(templates: Iterable<DomainTemplate>): LcRequest {
  const paths = new Set<string>();
  const emulators = new Set<string>();
  for (const template of templates) {
    for (const disk of template.disks) {
      if (disk.sourceIsFile && disk.source && path.posix.isAbsolute(disk.source.value)) paths.add(disk.source.value);
    }
    const emulator = template.emulator?.value;
    if (emulator && path.posix.isAbsolute(emulator)) emulators.add(emulator);
  }
  return { paths: [...paths].sort(), emulators: [...emulators].sort() };
}

/** Whether the facts gathered for `request` answer `wanted` too (no new round trip needed). */
export function covers(request: LcRequest, wanted: LcRequest): boolean {
  const paths = new Set(request.paths);
  const emulators = new Set(request.emulators);
  return wanted.paths.every((p) => paths.has(p)) && wanted.emulators.every((e) => emulators.has(e));
}
