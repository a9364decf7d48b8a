// A domain name not used yet: libvirt refuses to define a second domain with the same name.
import { firstFree, numbered } from '../text/firstFree.js';

/** `base`, else `base-2`, `base-3`, ... whichever is first free. */
export function uniqueName(base: string, takenNames: Iterable<string>): string {
  const taken = new Set(takenNames);
  return firstFree(numbered(base), (name) => taken.has(name));
}
