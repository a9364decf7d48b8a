// A domain name not used yet: libvirt refuses to define a second domain with the same name.

/** `base`, else `base-2`, `base-3`, ... whichever is first free. */
export function uniqueName(base: string, takenNames: Iterable<string>): string {
  const taken = new Set(takenNames);
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) {
    const candidate = `${base}-${n}`;
    if (!taken.has(candidate)) return candidate;
  }
}
