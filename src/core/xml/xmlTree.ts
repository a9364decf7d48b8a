import type { Span } from '../text/lineMap.js';

/** An attribute as written: its decoded value, and where its name and its value (inside the quotes) stand. */
export interface XmlAttribute {
  readonly name: string;
  readonly value: string;
  readonly nameSpan: Span;
  readonly valueSpan: Span;
}

/**
 * An element's attributes, in document order. An array, not a Map: elements hold one or two attributes,
 * and a Map per element made a parsed template weigh 12 KB, enough for garbage collection to dominate a
 * 10,000-template lint.
 */
export class Attributes {
  static readonly EMPTY = new Attributes([]);

  /** The attributes in document order; for loops that run per element of many templates (no iterator). */
  constructor(readonly list: readonly XmlAttribute[]) {}

  get(name: string): XmlAttribute | undefined {
    for (const attribute of this.list) if (attribute.name === name) return attribute;
    return undefined;
  }

  has(name: string): boolean {
    return this.get(name) !== undefined;
  }

  get size(): number {
    return this.list.length;
  }

  [Symbol.iterator](): Iterator<XmlAttribute> {
    return this.list[Symbol.iterator]();
  }
}

/** An element with exact source positions, down to each attribute value. */
export interface XmlElement {
  readonly name: string;
  /** The whole element, from `<` of its start tag to `>` of its end tag. */
  readonly span: Span;
  /** The start tag alone (`<disk type='file'>` or `<source/>`). */
  readonly startTag: Span;
  readonly attributes: Attributes;
  readonly children: readonly XmlElement[];
  /** Trimmed text of an element with no child elements (`<name> web1 </name>` → `web1`), with its span. */
  readonly text?: { readonly value: string; readonly span: Span };
}

export function child(element: XmlElement, name: string): XmlElement | undefined {
  return element.children.find((c) => c.name === name);
}

export function childrenNamed(element: XmlElement, name: string): XmlElement[] {
  return element.children.filter((c) => c.name === name);
}

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** Decodes XML's predefined and numeric character references; any other text (even an invalid reference) stays as written. */
export function decodeEntities(raw: string): string {
  if (!raw.includes('&')) return raw;
  return raw.replace(/&(#x[0-9a-fA-F]+|#\d+|[a-zA-Z]+);/g, (whole, ref: string) => {
    if (!ref.startsWith('#')) return ENTITIES[ref] ?? whole;
    const codePoint = ref.startsWith('#x') ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
    // Never String.fromCodePoint past U+10FFFF: it throws (the parser refuses such a reference anyway).
    return codePoint <= 0x10ffff ? String.fromCodePoint(codePoint) : whole;
  });
}
