// The files an operator copies into a base image so that its VMs read their context CD at boot.
import { writeFileSet } from '../context/scaffold/writeFileSet.js';
import type { GeneratedFile, WriteFileSetOptions } from '../context/scaffold/writeFileSet.js';
import { SNOOZE_CONTEXT_SCRIPT } from './contextScript.js';
import { RC_LOCAL } from './rcLocal.js';
import { BASE_IMAGE_README } from './readme.js';
import { SNOOZE_CONTEXT_UNIT } from './systemdUnit.js';

export function baseImageFiles(): GeneratedFile[] {
  return [
    { relativePath: 'snooze-context', content: SNOOZE_CONTEXT_SCRIPT, mode: 0o755 },
    { relativePath: 'snooze-context.service', content: SNOOZE_CONTEXT_UNIT, mode: 0o644 },
    { relativePath: 'rc.local', content: RC_LOCAL, mode: 0o755 },
    { relativePath: 'README.md', content: BASE_IMAGE_README, mode: 0o644 },
  ];
}

/** Writes snooze-context, its systemd unit, an rc.local and a README into `dir`; returns the paths written. */
export async function prepareBaseImage(dir: string, options: WriteFileSetOptions = {}): Promise<string[]> {
  return writeFileSet(dir, baseImageFiles(), options);
}
