import { parseXml } from '../xml/parseXml.js';
import type { XmlElement } from '../xml/xmlTree.js';
import { contextKey, type ElementGrammar, type GrammarTable } from './grammarTable.js';

/** The owner of what <start> allows (the root element): not an element itself. */
const ROOT = '(start)';

/**
 * Flattens a RelaxNG grammar (libvirt's domain.rng and the files it includes, given by name) into a
 * GrammarTable. Not a validator: it keeps which names may appear where and which values an attribute
 * enumerates, ignoring order, cardinality and datatypes (libxml2 judges validity, src/core/schema/libxml2Validator.ts).
 */
export function compileGrammar(files: ReadonlyMap<string, string>, start = 'domain.rng', source = ''): GrammarTable {
  const defines = new Map<string, XmlElement[]>();
  const starts: XmlElement[] = [];
  const read = new Set<string>();
  const readFile = (name: string): void => {
    if (read.has(name)) return;
    read.add(name);
    const text = files.get(name);
    if (text === undefined) throw new Error(`${name} is included but not given`);
    const parsed = parseXml(text);
    if (!parsed.ok) throw new Error(`${name}: ${parsed.error.message} (line ${parsed.error.line})`);
    collect(parsed.root);
  };
  const collect = (node: XmlElement): void => {
    for (const c of node.children) {
      if (c.name === 'include') readFile(c.attributes.get('href')!.value);
      if (c.name === 'include' || c.name === 'div' || c.name === 'grammar') collect(c);
      else if (c.name === 'define') {
        const name = c.attributes.get('name')!.value;
        // combine="choice" (libvirt's overrides) and plain redefinitions alike: every alternative counts
        defines.set(name, [...(defines.get(name) ?? []), c]);
      } else if (c.name === 'start') starts.push(c);
    }
  };
  readFile(start);

  const elements = new Map<string, { children: Set<string>; attributes: Map<string, Set<string>> }>();
  const entry = (key: string) => {
    let e = elements.get(key);
    if (!e) elements.set(key, (e = { children: new Set(), attributes: new Map() }));
    return e;
  };
  // An element pattern is walked once per parent name: libvirt's grammar is recursive (customElement, …).
  const walked = new Map<XmlElement, Set<string>>();
  const pending: { pattern: XmlElement; parent: string | undefined }[] = [];

  const nameOf = (pattern: XmlElement): string | undefined =>
    pattern.attributes.get('name')?.value ?? pattern.children.find((c) => c.name === 'name')?.text?.value;

  /** Walks content patterns of an element: records child elements and attributes into `owner`. */
  const walkContent = (node: XmlElement, owner: string, refs: Set<string>): void => {
    for (const c of node.children) {
      switch (c.name) {
        case 'element': {
          const name = nameOf(c);
          if (name === undefined) break; // anyName: foreign XML in <metadata>
          entry(owner).children.add(name);
          pending.push({ pattern: c, parent: owner === ROOT ? undefined : owner.slice(owner.indexOf('>') + 1) });
          break;
        }
        case 'attribute': {
          const name = nameOf(c);
          if (name === undefined) break;
          const values = entry(owner).attributes.get(name) ?? new Set<string>();
          entry(owner).attributes.set(name, values);
          collectValues(c, values, new Set());
          break;
        }
        case 'ref': {
          const name = c.attributes.get('name')!.value;
          if (refs.has(name)) break;
          refs.add(name);
          for (const d of defines.get(name) ?? []) walkContent(d, owner, refs);
          break;
        }
        case 'name':
        case 'anyName':
        case 'nsName':
        case 'value':
        case 'data':
        case 'text':
        case 'empty':
        case 'notAllowed':
        case 'param':
        case 'except':
        case 'documentation':
          break;
        default:
          walkContent(c, owner, refs); // choice, group, interleave, optional, zeroOrMore, oneOrMore, mixed, list
      }
    }
  };

  /** The <value>s an attribute enumerates, through its choices and refs. */
  const collectValues = (node: XmlElement, into: Set<string>, refs: Set<string>): void => {
    for (const c of node.children) {
      if (c.name === 'value') into.add(c.text?.value ?? '');
      else if (c.name === 'ref') {
        const name = c.attributes.get('name')!.value;
        if (refs.has(name)) continue;
        refs.add(name);
        for (const d of defines.get(name) ?? []) collectValues(d, into, refs);
      } else if (c.name !== 'name' && c.name !== 'except') collectValues(c, into, refs);
    }
  };

  for (const s of starts) walkContent(s, ROOT, new Set());
  while (pending.length > 0) {
    const { pattern, parent } = pending.pop()!;
    const seen = walked.get(pattern) ?? new Set<string>();
    const key = contextKey(parent, nameOf(pattern)!);
    if (seen.has(key)) continue;
    seen.add(key);
    walked.set(pattern, seen);
    entry(key);
    walkContent(pattern, key, new Set());
  }
  elements.delete(ROOT);

  const table: Record<string, ElementGrammar> = {};
  for (const key of [...elements.keys()].sort()) {
    const e = elements.get(key)!;
    table[key] = {
      children: [...e.children].sort(),
      attributes: Object.fromEntries([...e.attributes.keys()].sort().map((a) => [a, [...e.attributes.get(a)!].sort()])),
    };
  }
  return { source, elements: table };
}
