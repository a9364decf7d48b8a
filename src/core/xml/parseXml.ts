import { XMLValidator } from 'fast-xml-parser';
import type { Span } from '../text/lineMap.js';
import { Attributes, decodeEntities, type XmlAttribute, type XmlElement } from './xmlTree.js';

/** Where and why a document is not well-formed; line and column are 1-based, as the validator reports them. */
export interface XmlSyntaxError {
  readonly message: string;
  readonly line: number;
  readonly column: number;
}

export type XmlParseResult =
  | { readonly ok: true; readonly root: XmlElement }
  | { readonly ok: false; readonly error: XmlSyntaxError };

/** Parses once; a document that is not well-formed yields the validator's first error instead of a tree. */
export function parseXml(text: string): XmlParseResult {
  if (text.trim() === '') return { ok: false, error: { message: 'the document is empty', line: 1, column: 1 } };
  // fast-xml-parser's validator decides well-formedness and says where it fails. Its tree parser is not used:
  // it costs more than the validator and gives no attribute positions, so the tree is built below in one
  // pass over the (now known well-formed) text, keeping the exact span of every element, attribute and text.
  const verdict = XMLValidator.validate(text, { allowBooleanAttributes: false });
  if (verdict !== true) {
    const { msg, line, col } = verdict.err;
    return { ok: false, error: { message: msg, line: Math.max(line, 1), column: Math.max(col, 1) } };
  }
  const root = buildTree(text);
  return root ? { ok: true, root } : { ok: false, error: { message: 'the document has no root element', line: 1, column: 1 } };
}

interface OpenElement {
  readonly name: string;
  readonly start: number;
  readonly startTagEnd: number;
  readonly attributes: Attributes;
  children: XmlElement[];
}

/** Shared by every element without children: most elements of a template are leaves. */
const NO_CHILDREN: readonly XmlElement[] = Object.freeze([]);

/** Builds the element tree of a well-formed document, skipping comments, CDATA, processing instructions and the DOCTYPE. */
function buildTree(text: string): XmlElement | undefined {
  const stack: OpenElement[] = [];
  let root: XmlElement | undefined;
  const close = (open: OpenElement, end: number, contentEnd: number): void => {
    const element: XmlElement = {
      name: open.name,
      span: { start: open.start, end },
      startTag: { start: open.start, end: open.startTagEnd },
      attributes: open.attributes,
      // slice(): an exact-size copy; a pushed-to array keeps spare capacity for the document's lifetime.
      children: open.children.length === 0 ? NO_CHILDREN : open.children.slice(),
      // Assigned, not spread in conditionally: a spread makes V8 build each element as a heavy dictionary object.
      text: open.children.length === 0 && contentEnd >= open.startTagEnd ? leafText(text, open.startTagEnd, contentEnd) : undefined,
    };
    const parent = stack[stack.length - 1];
    if (parent) parent.children.push(element);
    else root ??= element;
  };
  for (let i = text.indexOf('<'); i !== -1; i = text.indexOf('<', i)) {
    const next = text.charCodeAt(i + 1);
    if (next === 0x21 /* ! */) {
      i = skipMarkupDeclaration(text, i);
    } else if (next === 0x3f /* ? */) {
      i = text.indexOf('?>', i + 2) + 2;
    } else if (next === 0x2f /* / */) {
      const end = text.indexOf('>', i) + 1;
      const open = stack.pop();
      if (open) close(open, end, i);
      i = end;
    } else {
      let nameEnd = i + 1;
      while (nameEnd < text.length && !isSpaceOrTagEnd(text.charCodeAt(nameEnd))) nameEnd++;
      const tag = scanStartTag(text, i, nameEnd);
      const open: OpenElement = { name: intern(text.slice(i + 1, nameEnd)), start: i, startTagEnd: tag.end, attributes: tag.attributes, children: [] };
      if (tag.selfClosing) close(open, tag.end, -1);
      else stack.push(open);
      i = tag.end;
    }
    if (i <= 0) break;
  }
  return root;
}

/** Skips `<!-- -->`, `<![CDATA[ ]]>` or `<!DOCTYPE … [ … ]>`, returning the offset after it. */
function skipMarkupDeclaration(text: string, at: number): number {
  if (text.startsWith('<!--', at)) return text.indexOf('-->', at + 4) + 3;
  if (text.startsWith('<![CDATA[', at)) return text.indexOf(']]>', at + 9) + 3;
  const subset = text.indexOf('[', at);
  const end = text.indexOf('>', at);
  return subset !== -1 && subset < end ? text.indexOf(']', subset) + 1 : end + 1;
}

/** Reads the attributes of `<name a="1" b='2'>` after its name, returning attribute spans; the document is known to be well-formed. */
function scanStartTag(text: string, _start: number, nameEnd: number): { attributes: Attributes; end: number; selfClosing: boolean } {
  const list: XmlAttribute[] = [];
  const done = (end: number, selfClosing: boolean) => ({ attributes: list.length === 0 ? Attributes.EMPTY : new Attributes(list.slice()), end, selfClosing });
  let i = nameEnd;
  for (;;) {
    while (i < text.length && isSpace(text.charCodeAt(i))) i++;
    const c = text[i];
    if (c === '>' || c === undefined) return done(i + 1, false);
    if (c === '/') return done(i + 2, true);
    const nameStart = i;
    while (i < text.length && text[i] !== '=' && !isSpaceOrTagEnd(text.charCodeAt(i))) i++;
    const nameSpan: Span = { start: nameStart, end: i };
    while (i < text.length && text[i] !== '"' && text[i] !== "'") i++;
    const quote = text[i];
    const valueStart = i + 1;
    const valueEnd = quote === undefined ? text.length : text.indexOf(quote, valueStart);
    const name = intern(text.slice(nameSpan.start, nameSpan.end));
    // The validator has refused duplicate attributes already.
    list.push({ name, value: decodeEntities(text.slice(valueStart, valueEnd)), nameSpan, valueSpan: { start: valueStart, end: valueEnd } });
    i = valueEnd + 1;
  }
}

/** The trimmed content between a leaf's start and end tags, ignoring a CDATA wrapper. */
function leafText(text: string, contentStart: number, contentEnd: number): { value: string; span: Span } {
  let start = contentStart;
  let end = contentEnd;
  while (start < end && isSpace(text.charCodeAt(start))) start++;
  while (end > start && isSpace(text.charCodeAt(end - 1))) end--;
  const raw = text.slice(start, end);
  const cdata = /^<!\[CDATA\[([\s\S]*)\]\]>$/.exec(raw);
  return { value: cdata ? cdata[1]! : decodeEntities(raw), span: { start, end } };
}

/** Element and attribute names repeat in every template: keep one copy of each (a bounded table). */
const NAMES = new Map<string, string>();
function intern(name: string): string {
  const known = NAMES.get(name);
  if (known !== undefined) return known;
  if (NAMES.size < 4096) NAMES.set(name, name);
  return name;
}

function isSpace(code: number): boolean {
  return code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0d;
}

function isSpaceOrTagEnd(code: number): boolean {
  return isSpace(code) || code === 0x3e /* > */ || code === 0x2f /* / */;
}
