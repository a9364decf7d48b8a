import type { ContextEntry } from './contextFolder.js';

/** Files directly under `distributions/<name>/`: post-install runs them with run-parts. */
export function distributionScripts(entries: readonly ContextEntry[]): ContextEntry[] {
  return entries.filter((e) => !e.isDirectory && /^distributions\/[^/]+\/[^/]+$/.test(e.relative));
}

/** run-parts (Debian) only runs names made of letters, digits, `_` and `-`. */
export const RUN_PARTS_NAME = /^[A-Za-z0-9_-]+$/;
