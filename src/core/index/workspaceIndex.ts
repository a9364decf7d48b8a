import path from 'node:path';
import type { Range } from '../text/lineMap.js';
import type { TemplateDocument } from '../domain/templateDocument.js';
import { isWritableDisk } from '../domain/domainTemplate.js';
import { normalizeMac, normalizeUuid } from '../domain/identifiers.js';
import { detached } from '../text/detached.js';

/** The values that must be unique across a cluster's templates. */
export type IndexKind = 'name' | 'uuid' | 'mac' | 'disk';
export const INDEX_KINDS: readonly IndexKind[] = ['name', 'uuid', 'mac', 'disk'];

export interface IndexEntry {
  readonly file: string;
  /** The normalised value: what "the same" means for this kind. */
  readonly key: string;
  /** The value as written. */
  readonly raw: string;
  /**
   * Where it is written (0-based, as a Range's positions; entryRange makes the Range). Flat numbers: an index of
   * 10,000 templates holds 40,000 entries, and a Range is three objects more for the garbage collector to copy.
   */
  readonly line: number;
  readonly character: number;
  readonly endLine: number;
  readonly endCharacter: number;
}

/** Where an index entry's value is written. */
export function entryRange(entry: IndexEntry): Range {
  return {
    start: { line: entry.line, character: entry.character },
    end: { line: entry.endLine, character: entry.endCharacter },
  };
}

export type FileEntries = Readonly<Record<IndexKind, readonly IndexEntry[]>>;

/**
 * Where each unique value appears across the workspace. A file's entries are replaced as a whole, so an
 * update costs O(that file) whatever the size of the workspace.
 */
export class WorkspaceIndex {
  private readonly byKey = new Map<IndexKind, Map<string, IndexEntry[]>>(INDEX_KINDS.map((k) => [k, new Map()]));
  private readonly byFile = new Map<string, FileEntries>();

  /** Replaces what is known of `file` (a template, or anything else: then the file simply leaves the index). */
  update(document: TemplateDocument): void {
    if (document.kind === 'template') this.setEntries(document.file, indexEntriesOf(document));
    else this.remove(document.file);
  }

  /** Replaces what is known of `file` with entries computed elsewhere (a worker thread of a CLI run, say). */
  setEntries(file: string, entries: FileEntries): void {
    this.remove(file);
    this.byFile.set(file, entries);
    for (const kind of INDEX_KINDS) {
      const map = this.byKey.get(kind)!;
      for (const entry of entries[kind]) {
        const list = map.get(entry.key);
        if (list) list.push(entry);
        else map.set(entry.key, [entry]);
      }
    }
  }

  remove(file: string): void {
    const old = this.byFile.get(file);
    if (!old) return;
    this.byFile.delete(file);
    for (const kind of INDEX_KINDS) {
      const map = this.byKey.get(kind)!;
      for (const entry of old[kind]) {
        const rest = map.get(entry.key)?.filter((e) => e !== entry) ?? [];
        if (rest.length > 0) map.set(entry.key, rest);
        else map.delete(entry.key);
      }
    }
  }

  /**
   * The other places holding the same value as `entry`, an entry of this index (from `entriesOf`): how many
   * there are, and the first `limit` of them. O(limit), so a thousand templates on one base image stay cheap.
   */
  othersLike(kind: IndexKind, entry: IndexEntry, limit: number): { count: number; sample: IndexEntry[] } {
    const list = this.byKey.get(kind)!.get(entry.key) ?? [];
    const sample: IndexEntry[] = [];
    for (let i = 0; i < list.length && sample.length < limit; i++) if (list[i] !== entry) sample.push(list[i]!);
    return { count: list.includes(entry) ? list.length - 1 : list.length, sample };
  }

  /** The files holding `key`: the ones whose findings change when a file gains or loses that value. */
  filesWith(kind: IndexKind, key: string): Set<string> {
    return new Set((this.byKey.get(kind)!.get(key) ?? []).map((e) => e.file));
  }

  entriesOf(file: string): FileEntries | undefined {
    return this.byFile.get(file);
  }

  has(kind: IndexKind, key: string): boolean {
    return this.byKey.get(kind)!.has(key);
  }

  keys(kind: IndexKind): IterableIterator<string> {
    return this.byKey.get(kind)!.keys();
  }

  get files(): IterableIterator<string> {
    return this.byFile.keys();
  }

  get size(): number {
    return this.byFile.size;
  }
}

/** The values of one template that must be unique across the workspace, with their ranges. */
export function indexEntriesOf(document: Extract<TemplateDocument, { kind: 'template' }>): FileEntries {
  const { file, lines, template } = document;
  const entry = (key: string, raw: string, span: { start: number; end: number }): IndexEntry => {
    const { start, end } = lines.rangeOf(span);
    // Kept for the whole run: detached from the template's text (see detached.ts).
    const written = detached(raw);
    return {
      file,
      key: key === raw ? written : detached(key),
      raw: written,
      line: start.line,
      character: start.character,
      endLine: end.line,
      endCharacter: end.character,
    };
  };
  const name =
    template.name && template.name.value !== ''
      ? [entry(template.name.value, template.name.value, template.name.span)]
      : [];
  const uuidKey = template.uuid && normalizeUuid(template.uuid.value);
  const uuid = template.uuid && uuidKey ? [entry(uuidKey, template.uuid.value, template.uuid.span)] : [];
  const mac = template.interfaces.flatMap((nic) => {
    const key = nic.mac && normalizeMac(nic.mac.value);
    return nic.mac && key ? [entry(key, nic.mac.value, nic.mac.span)] : [];
  });
  // Disk paths are compared as the LCs see them: one LC path is one file, whatever it maps to here.
  // Pushed, not filter().map(): one kind of list whichever tier of V8 builds it (see readEach in domainTemplate.ts).
  const disk: IndexEntry[] = [];
  for (const d of template.disks)
    if (isWritableDisk(d)) disk.push(entry(path.posix.normalize(d.source!.value), d.source!.value, d.source!.span));
  return { name, uuid, mac, disk };
}
