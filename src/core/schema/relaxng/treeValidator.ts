import { characterData, contentEnd } from '../../xml/characterData.js';
import type { XmlElement } from '../../xml/xmlTree.js';
import type { CompiledRelaxNg } from './compileRelaxNg.js';
import { isWhitespace, type Pattern, type QName } from './patterns.js';

/** Derivative states kept at most (a 10,000-template workspace makes a few thousand). */
const MAX_STATES = 1_000_000;

/** In-scope namespace declarations: prefix ('' for the default namespace) → URI. */
type Scope = ReadonlyMap<string, string>;

const XML_NAMESPACE = 'http://www.w3.org/XML/1998/namespace';
const INITIAL_SCOPE: Scope = new Map([
  ['', ''],
  ['xml', XML_NAMESPACE],
]);

/**
 * Validates a parsed template against compiled RELAX NG patterns, on the tree our parser already built (no
 * second parse). It proves validity only: `true` means valid, `false` means invalid *or* not decided here
 * (a DOCTYPE, an undeclared prefix, a value whose form it is unsure of, a construct the compiler does not support), and
 * the caller then asks libxml2, whose verdict and messages stand.
 */
export function provesValid(schema: CompiledRelaxNg, text: string, root: XmlElement): boolean {
  // A DOCTYPE may declare entities and default attributes that the tree does not show.
  if (text.slice(0, root.span.start).includes('<!DOCTYPE')) return false;
  // An editor open for days on ever different templates keeps its memory bounded: libxml2 judges the rest.
  if (schema.patterns.states > MAX_STATES) return false;
  try {
    return new Walk(schema, text).element(schema.start, root, INITIAL_SCOPE).nullable;
  } catch {
    // An element content the compiler does not support (UnsupportedSchema), or a document nested deeper
    // than the stack: libxml2 decides.
    return false;
  }
}

class Walk {
  private readonly notAllowed: Pattern;
  /** Whether the document declares namespaces at all: most templates do not, and need no scopes. */
  private readonly namespaced: boolean;

  constructor(
    private readonly schema: CompiledRelaxNg,
    private readonly text: string,
  ) {
    this.notAllowed = schema.patterns.notAllowed;
    this.namespaced = text.includes('xmlns');
  }

  element(before: Pattern, element: XmlElement, outer: Scope): Pattern {
    const { patterns } = this.schema;
    const scope = this.namespaced ? declarations(element, outer) : outer;
    const name = scope && qualify(element.name, scope, this.namespaced);
    if (!name) return this.notAllowed;
    let p = patterns.startTagOpenDeriv(before, name);
    const attributes = element.attributes.list;
    for (let i = 0; i < attributes.length; i++) {
      if (p === this.notAllowed) return p;
      const { name: raw, value } = attributes[i]!;
      if (this.namespaced && (raw === 'xmlns' || raw.startsWith('xmlns:'))) continue; // declarations, not attributes
      // Literal tabs and line ends in a value are normalized to spaces by the XML parser: left to libxml2.
      const name = qualify(raw, scope, false);
      if (!name || hasLiteralWhitespace(value)) return this.notAllowed;
      p = patterns.attDeriv(p, name, value);
    }
    p = patterns.startTagCloseDeriv(p);
    // Each span is read once: the parser makes them on demand.
    const span = element.span;
    const contentStart = element.startTag.end;
    const end = contentEnd(this.text, span.end, contentStart);
    if (element.children.length === 0) {
      const content = end === contentStart ? '' : characterData(this.text, contentStart, end);
      if (content === undefined) return this.notAllowed;
      // Whitespace alone may be read as no text at all (RELAX NG 6.2.7): where that suffices, it is.
      if (!isWhitespace(content)) p = patterns.textDeriv(p, content);
      else if (patterns.endTagDeriv(p) === this.notAllowed) p = patterns.choice(p, patterns.textDeriv(p, content));
    } else {
      let at = contentStart;
      for (const child of element.children) {
        const childSpan = child.span;
        p = this.betweenChildren(p, at, childSpan.start);
        if (p === this.notAllowed) return p;
        p = this.element(p, child, scope);
        if (p === this.notAllowed) return p;
        at = childSpan.end;
      }
      p = this.betweenChildren(p, at, end);
    }
    return patterns.endTagDeriv(p);
  }

  /** Text between child elements: whitespace is ignored there (RELAX NG strips it), other text must be allowed. */
  private betweenChildren(p: Pattern, start: number, end: number): Pattern {
    const { text } = this;
    let i = start;
    while (i < end) {
      const c = text.charCodeAt(i);
      if (c !== 0x20 && c !== 0x0a && c !== 0x09 && c !== 0x0d) break;
      i++;
    }
    if (i === end) return p;
    const content = characterData(text, start, end);
    if (content === undefined) return this.notAllowed;
    return isWhitespace(content) ? p : this.schema.patterns.textDeriv(p, content);
  }
}

/** The scope inside an element: the outer one plus what its xmlns attributes declare; undefined when one is not usable. */
function declarations(element: XmlElement, outer: Scope): Scope | undefined {
  let scope: Map<string, string> | undefined;
  const attributes = element.attributes.list;
  for (let i = 0; i < attributes.length; i++) {
    const { name, value } = attributes[i]!;
    if (name !== 'xmlns' && !name.startsWith('xmlns:')) continue;
    const prefix = name === 'xmlns' ? '' : name.slice(6);
    if ((prefix !== '' && value === '') || prefix === 'xml' || prefix === 'xmlns' || hasLiteralWhitespace(value))
      return undefined;
    (scope ??= new Map(outer)).set(prefix, value);
  }
  return scope ?? outer;
}

/** Names in no namespace, the common case, made once each. */
const UNQUALIFIED = new Map<string, QName>();

/**
 * An element's or attribute's name resolved in scope: unprefixed, an element takes the default namespace when
 * `inDefault` (an element of a document that declares namespaces), an attribute never.
 */
function qualify(name: string, scope: Scope, inDefault: boolean): QName | undefined {
  const colon = name.indexOf(':');
  if (colon === -1) {
    const ns = inDefault ? scope.get('')! : '';
    if (ns !== '') return { ns, local: name };
    let known = UNQUALIFIED.get(name);
    if (!known) {
      known = { ns: '', local: name };
      if (UNQUALIFIED.size < 4096) UNQUALIFIED.set(name, known);
    }
    return known;
  }
  const ns = scope.get(name.slice(0, colon));
  const local = name.slice(colon + 1);
  return ns === undefined || local.includes(':') ? undefined : { ns, local };
}

function hasLiteralWhitespace(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c === 0x0a || c === 0x09 || c === 0x0d) return true;
  }
  return false;
}
