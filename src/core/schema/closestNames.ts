/** Levenshtein distance, with a cap: names further apart than `max` are not worth computing exactly. */
export function editDistance(a: string, b: string, max = Infinity): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1]!.toLowerCase() === b[j - 1]!.toLowerCase() ? 0 : 1;
      const d = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      current.push(d);
      best = Math.min(best, d);
    }
    if (best > max) return max + 1;
    previous = current;
  }
  return previous[b.length]!;
}

/** The allowed names closest to a misspelt one (at most a third of its letters off), closest first. */
export function closestNames(name: string, allowed: readonly string[], limit = 3): string[] {
  const max = Math.max(1, Math.floor(name.length / 3));
  return allowed
    .map((candidate) => ({ candidate, d: editDistance(name, candidate, max) }))
    .filter((c) => c.d <= max && c.candidate !== name)
    .sort((x, y) => x.d - y.d || x.candidate.localeCompare(y.candidate))
    .slice(0, limit)
    .map((c) => c.candidate);
}
