/** Levenshtein distance, for "did you mean" suggestions among a handful of names. */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current.push(Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost));
    }
    previous = current;
  }
  return previous[b.length]!;
}

/** Candidates ordered closest first (ties keep their configured order). */
export function byCloseness(value: string, candidates: readonly string[]): string[] {
  return candidates
    .map((candidate, order) => ({ candidate, order, distance: editDistance(value, candidate) }))
    .sort((x, y) => x.distance - y.distance || x.order - y.order)
    .map((x) => x.candidate);
}
