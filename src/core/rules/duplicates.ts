import type { Fix } from '../fixes/fix.js';
import { entryRange, type IndexEntry, type IndexKind } from '../index/workspaceIndex.js';
import type { Problem, WorkspaceFacts } from './rule.js';

/** Related locations listed per finding; the message still counts them all. */
const MAX_RELATED = 10;

/**
 * Reports each of this file's values of `kind` that also stands elsewhere, pointing at every other place, so a
 * duplicate shows in each file involved (each file's own lint reports its side).
 */
export function duplicateProblems(
  facts: WorkspaceFacts,
  kind: IndexKind,
  describe: (raw: string, count: number) => string,
  fixes?: (entry: IndexEntry) => readonly Fix[],
): Problem[] {
  const entries = facts.index.entriesOf(facts.file)?.[kind] ?? [];
  return entries.flatMap((entry) => {
    const { count, sample } = facts.index.othersLike(kind, entry, MAX_RELATED);
    if (count === 0) return [];
    return [
      {
        message: describe(entry.raw, count),
        range: entryRange(entry),
        related: sample.map((o) => ({ file: o.file, range: entryRange(o), message: `also ${o.raw} here` })),
        ...(fixes ? { fixes: () => fixes(entry) } : {}),
      },
    ];
  });
}
