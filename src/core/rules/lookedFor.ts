import type { ImageFacts } from '../images/imageProbe.js';

/** "`/opt/cloud/x.iso`" or "`/opt/cloud/x.iso` (looked for at `/home/me/cloud/x.iso`)": says where a path was checked. */
export function lookedFor(lcPath: string, facts: ImageFacts): string {
  return facts.path === lcPath ? lcPath : `${lcPath} (looked for at ${facts.path})`;
}
