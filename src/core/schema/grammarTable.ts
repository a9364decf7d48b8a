/**
 * What libvirt's domain.rng allows, flattened for completion and messages: per element, in the context of its
 * parent (`<target>` of a disk is not `<target>` of an interface), the child element names, the attribute
 * names, and each attribute's enumerated values. Compiled from the RNG files at build time (compileGrammar.ts,
 * scripts/generate-grammar.mjs) into schemas/grammar/domain.json.
 */
export interface ElementGrammar {
  readonly children: readonly string[];
  /** Attribute name → its enumerated values; empty when its value is free (a number, a path, text). */
  readonly attributes: Readonly<Record<string, readonly string[]>>;
}

export interface GrammarTable {
  /** Where it was compiled from (libvirt's version). */
  readonly source: string;
  /** `parent>name` (`>domain` for the root) → what the element allows in that context. */
  readonly elements: Readonly<Record<string, ElementGrammar>>;
}

export const contextKey = (parent: string | undefined, name: string): string => `${parent ?? ''}>${name}`;

/** Queries over a table: an element under a given parent, or, where that pair is unknown, every `name` merged. */
export class Grammar {
  private readonly byName = new Map<string, ElementGrammar[]>();

  constructor(readonly table: GrammarTable) {
    for (const [key, grammar] of Object.entries(table.elements)) {
      const name = key.slice(key.indexOf('>') + 1);
      const list = this.byName.get(name) ?? [];
      list.push(grammar);
      this.byName.set(name, list);
    }
  }

  /** Whether the grammar knows this element name at all (anywhere). */
  knows(name: string): boolean {
    return this.byName.has(name);
  }

  /** What `name` allows when inside `parent` (the root when `parent` is undefined). */
  element(parent: string | undefined, name: string): ElementGrammar | undefined {
    const exact = this.table.elements[contextKey(parent, name)];
    if (exact) return exact;
    const all = this.byName.get(name);
    if (!all) return undefined;
    const children = new Set<string>();
    const attributes: Record<string, Set<string>> = {};
    for (const g of all) {
      for (const c of g.children) children.add(c);
      for (const [a, values] of Object.entries(g.attributes)) {
        const merged = (attributes[a] ??= new Set());
        for (const v of values) merged.add(v);
      }
    }
    return {
      children: [...children].sort(),
      attributes: Object.fromEntries(Object.entries(attributes).map(([a, v]) => [a, [...v].sort()])),
    };
  }

  /** The element names allowed as children of `name` (inside `parent`). */
  childrenOf(parent: string | undefined, name: string): readonly string[] {
    return this.element(parent, name)?.children ?? [];
  }
}
