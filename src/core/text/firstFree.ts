/**
 * `candidate(1)` when it is free, else `candidate(2)`, `candidate(3)`, …: the first one `isTaken` does not
 * refuse. The one "next free name" loop of the project (domain names, new folders, new disk files).
 */
export function firstFree(candidate: (n: number) => string, isTaken: (name: string) => boolean): string {
  for (let n = 1; ; n++) {
    const name = candidate(n);
    if (!isTaken(name)) return name;
  }
}

/** `base`, `base-2`, `base-3`, …: the numbering people expect from a file manager. */
export function numbered(base: string, suffix = ''): (n: number) => string {
  return (n) => (n === 1 ? `${base}${suffix}` : `${base}-${n}${suffix}`);
}
