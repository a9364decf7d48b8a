import type { Span } from '../text/lineMap.js';
import { Attributes, decodeEntities, type XmlAttribute, type XmlElement } from './xmlTree.js';

/** Where and why a document is not well-formed; line and column are 1-based. */
export interface XmlSyntaxError {
  readonly message: string;
  readonly line: number;
  readonly column: number;
}

export type XmlParseResult =
  { readonly ok: true; readonly root: XmlElement } | { readonly ok: false; readonly error: XmlSyntaxError };

/**
 * Parses once: one pass over the text checks that it is well-formed XML and builds the element tree, keeping
 * the exact span of every element, attribute value and leaf text. (A validator pass followed by a tree pass
 * read every template twice, and was a third of the time of a 10,000-template lint.) It checks what makes a
 * document unreadable by libvirt's parser: tags that do not nest or close, attribute syntax, quotes, stray
 * `&` and `<`, markup outside the root element, unterminated comments, CDATA and processing instructions.
 */
export function parseXml(text: string): XmlParseResult {
  try {
    return { ok: true, root: new Parser(text).parse() };
  } catch (error) {
    if (!(error instanceof NotWellFormed)) throw error;
    const { line, column } = lineAndColumn(text, error.offset);
    return { ok: false, error: { message: error.message, line, column } };
  }
}

class NotWellFormed extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

interface OpenElement {
  readonly name: string;
  readonly start: number;
  readonly startTagEnd: number;
  readonly attributes: Attributes;
  readonly children: XmlElement[];
}

/** Shared by every element without children: most elements of a template are leaves. */
const NO_CHILDREN: readonly XmlElement[] = Object.freeze([]);
const PREDEFINED_ENTITIES = new Set(['lt', 'gt', 'amp', 'quot', 'apos']);

class Parser {
  private i = 0;
  private readonly stack: OpenElement[] = [];
  private root: XmlElement | undefined;
  private sawDoctype = false;
  /** A DOCTYPE with an internal subset may declare entities: then any named reference is accepted. */
  private declaresEntities = false;
  /** Where the document begins: after a byte-order mark, if there is one. */
  private documentStart = 0;

  constructor(private readonly text: string) {}

  parse(): XmlElement {
    const { text } = this;
    if (text.trim() === '') throw new NotWellFormed('the document is empty', 0);
    // A byte-order mark may open an XML document (UTF-8 editors on Windows write one); it is no text.
    if (text.charCodeAt(0) === 0xfeff) this.i = this.documentStart = 1;
    while (this.i < text.length) {
      const lt = text.indexOf('<', this.i);
      const textEnd = lt === -1 ? text.length : lt;
      if (textEnd > this.i) this.characterData(this.i, textEnd);
      if (lt === -1) break;
      this.i = lt;
      const next = text.charCodeAt(lt + 1);
      if (next === 0x21 /* ! */) this.markupDeclaration();
      else if (next === 0x3f /* ? */) this.processingInstruction();
      else if (next === 0x2f /* / */) this.endTag();
      else this.startTag();
    }
    const open = this.stack[this.stack.length - 1];
    if (open) {
      const at = lineAndColumn(text, open.start);
      throw new NotWellFormed(
        `<${open.name}> (opened at line ${at.line}, column ${at.column}) is never closed`,
        text.length,
      );
    }
    if (!this.root) throw new NotWellFormed('the document has no root element', text.length);
    return this.root;
  }

  /** Text between markup: only whitespace outside the root; references must be well-formed; no `]]>`. */
  private characterData(start: number, end: number): void {
    const { text } = this;
    if (this.stack.length === 0) {
      for (let j = start; j < end; j++) {
        if (!isSpace(text.charCodeAt(j))) {
          throw new NotWellFormed(this.root ? 'text after the root element' : 'text before the root element', j);
        }
      }
      return;
    }
    this.checkReferences(start, end);
    const cdataEnd = text.indexOf(']]>', start);
    if (cdataEnd !== -1 && cdataEnd < end) throw new NotWellFormed("']]>' may not appear in text", cdataEnd);
  }

  private startTag(): void {
    const { text } = this;
    const start = this.i;
    if (this.root && this.stack.length === 0)
      throw new NotWellFormed('a second root element: a document has exactly one', start);
    const nameEnd = this.name(start + 1, 'an element name');
    const name = intern(text.slice(start + 1, nameEnd));
    const attributes: XmlAttribute[] = [];
    let j = nameEnd;
    for (;;) {
      const spaceStart = j;
      while (j < text.length && isSpace(text.charCodeAt(j))) j++;
      const c = text.charCodeAt(j);
      if (c === 0x3e /* > */ || (c === 0x2f /* / */ && text.charCodeAt(j + 1) === 0x3e)) {
        const selfClosing = c === 0x2f;
        const end = j + (selfClosing ? 2 : 1);
        const open: OpenElement = { name, start, startTagEnd: end, attributes: toAttributes(attributes), children: [] };
        this.i = end;
        if (selfClosing) this.close(open, end, -1);
        else this.stack.push(open);
        return;
      }
      if (Number.isNaN(c)) throw new NotWellFormed(`the start tag <${name}> is not closed with '>'`, start);
      if (j === spaceStart) throw new NotWellFormed(`expected whitespace, '>' or '/>' in <${name}>`, j);
      j = this.attribute(j, name, attributes);
    }
  }

  /** `name = "value"` from `at`; returns the offset after the closing quote. */
  private attribute(at: number, element: string, attributes: XmlAttribute[]): number {
    const { text } = this;
    const nameEnd = this.name(at, `an attribute name in <${element}>`);
    const name = intern(text.slice(at, nameEnd));
    let j = nameEnd;
    while (isSpace(text.charCodeAt(j))) j++;
    if (text[j] !== '=')
      throw new NotWellFormed(`the attribute ${name} of <${element}> has no value (expected '=')`, j);
    j++;
    while (isSpace(text.charCodeAt(j))) j++;
    const quote = text[j];
    if (quote !== '"' && quote !== "'")
      throw new NotWellFormed(`the value of ${name} in <${element}> must be in quotes`, j);
    const valueStart = j + 1;
    const valueEnd = text.indexOf(quote, valueStart);
    if (valueEnd === -1) throw new NotWellFormed(`the value of ${name} in <${element}> is not closed with ${quote}`, j);
    const lt = text.indexOf('<', valueStart);
    if (lt !== -1 && lt < valueEnd)
      throw new NotWellFormed(`'<' is not allowed in the value of ${name}; write &lt;`, lt);
    this.checkReferences(valueStart, valueEnd);
    if (attributes.some((a) => a.name === name))
      throw new NotWellFormed(`<${element}> has the attribute ${name} twice`, at);
    attributes.push({
      name,
      value: decodeEntities(text.slice(valueStart, valueEnd)),
      nameSpan: { start: at, end: nameEnd },
      valueSpan: { start: valueStart, end: valueEnd },
    });
    return valueEnd + 1;
  }

  private endTag(): void {
    const { text } = this;
    const start = this.i;
    const nameEnd = this.name(start + 2, 'an element name after </');
    const name = text.slice(start + 2, nameEnd);
    let j = nameEnd;
    while (isSpace(text.charCodeAt(j))) j++;
    if (text[j] !== '>') throw new NotWellFormed(`the end tag </${name}> is not closed with '>'`, j);
    const open = this.stack.pop();
    if (!open) throw new NotWellFormed(`</${name}> closes an element that was never opened`, start);
    if (open.name !== name) {
      const at = lineAndColumn(text, open.start);
      throw new NotWellFormed(
        `expected </${open.name}> (opened at line ${at.line}, column ${at.column}), found </${name}>`,
        start,
      );
    }
    this.i = j + 1;
    this.close(open, j + 1, start);
  }

  /** `<!-- -->`, `<![CDATA[ ]]>` or `<!DOCTYPE …>`. */
  private markupDeclaration(): void {
    const { text } = this;
    const start = this.i;
    if (text.startsWith('<!--', start)) {
      const end = text.indexOf('-->', start + 4);
      if (end === -1) throw new NotWellFormed('the comment is not closed with -->', start);
      const dashes = text.indexOf('--', start + 4);
      if (dashes < end || text.charCodeAt(end - 1) === 0x2d)
        throw new NotWellFormed("'--' is not allowed inside a comment", dashes < end ? dashes : end - 1);
      this.i = end + 3;
    } else if (text.startsWith('<![CDATA[', start)) {
      if (this.stack.length === 0) throw new NotWellFormed('CDATA is only allowed inside an element', start);
      const end = text.indexOf(']]>', start + 9);
      if (end === -1) throw new NotWellFormed('the CDATA section is not closed with ]]>', start);
      this.i = end + 3;
    } else if (text.startsWith('<!DOCTYPE', start)) {
      if (this.root || this.stack.length > 0 || this.sawDoctype)
        throw new NotWellFormed('a DOCTYPE is only allowed once, before the root element', start);
      this.sawDoctype = true;
      this.i = this.skipDoctype(start);
    } else {
      throw new NotWellFormed("'<!' must start a comment, CDATA or a DOCTYPE", start);
    }
  }

  /** Skips to the `>` ending a DOCTYPE, past quoted literals and an internal subset `[ … ]`. */
  private skipDoctype(start: number): number {
    const { text } = this;
    let j = start + 9;
    let depth = 0;
    while (j < text.length) {
      const c = text[j];
      if (c === '"' || c === "'") {
        const close = text.indexOf(c, j + 1);
        if (close === -1) break;
        j = close + 1;
        continue;
      }
      if (c === '[') {
        depth++;
        this.declaresEntities = true;
      } else if (c === ']') depth--;
      else if (c === '>' && depth === 0) return j + 1;
      j++;
    }
    throw new NotWellFormed('the DOCTYPE is not closed with >', start);
  }

  private processingInstruction(): void {
    const { text } = this;
    const start = this.i;
    const end = text.indexOf('?>', start + 2);
    if (end === -1) throw new NotWellFormed('the processing instruction is not closed with ?>', start);
    const target = /^[^\s?]*/.exec(text.slice(start + 2, end))![0];
    if (target === '') throw new NotWellFormed('a processing instruction needs a target name', start + 2);
    if (target.toLowerCase() === 'xml' && start !== this.documentStart)
      throw new NotWellFormed('the XML declaration is only allowed at the very start', start);
    this.i = end + 2;
  }

  /** Checks `&…;` references between start and end. */
  private checkReferences(start: number, end: number): void {
    const { text } = this;
    for (let amp = text.indexOf('&', start); amp !== -1 && amp < end; amp = text.indexOf('&', amp + 1)) {
      const semicolon = text.indexOf(';', amp);
      const ref = semicolon === -1 || semicolon > end ? '' : text.slice(amp + 1, semicolon);
      const valid =
        /^#[0-9]+$/.test(ref) ||
        /^#x[0-9a-fA-F]+$/.test(ref) ||
        (/^[A-Za-z_:][A-Za-z0-9_:.-]*$/.test(ref) && (PREDEFINED_ENTITIES.has(ref) || this.declaresEntities));
      if (!valid) {
        throw new NotWellFormed(
          /^[A-Za-z_:][A-Za-z0-9_:.-]*$/.test(ref)
            ? `the entity &${ref}; is not defined`
            : "'&' must start a reference such as &amp; (write & as &amp;)",
          amp,
        );
      }
    }
  }

  /** Reads an XML name from `at`; returns its end. */
  private name(at: number, what: string): number {
    const { text } = this;
    if (!isNameStart(text.charCodeAt(at))) throw new NotWellFormed(`expected ${what}`, at);
    let j = at + 1;
    while (j < text.length && isNameChar(text.charCodeAt(j))) j++;
    return j;
  }

  private close(open: OpenElement, end: number, contentEnd: number): void {
    const leaf = open.children.length === 0;
    const element: XmlElement = {
      name: open.name,
      span: { start: open.start, end },
      startTag: { start: open.start, end: open.startTagEnd },
      attributes: open.attributes,
      // slice(): an exact-size copy; a pushed-to array keeps spare capacity for the document's lifetime.
      children: leaf ? NO_CHILDREN : open.children.slice(),
      // Assigned, not spread in conditionally: a spread makes V8 build each element as a heavy dictionary object.
      text: leaf && contentEnd >= open.startTagEnd ? leafText(this.text, open.startTagEnd, contentEnd) : undefined,
    };
    const parent = this.stack[this.stack.length - 1];
    if (parent) parent.children.push(element);
    else this.root = element;
  }
}

function toAttributes(list: XmlAttribute[]): Attributes {
  return list.length === 0 ? Attributes.EMPTY : new Attributes(list);
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

/** 1-based line and column of an offset, counted only when an error is reported. */
function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let j = text.indexOf('\n'); j !== -1 && j < offset; j = text.indexOf('\n', j + 1)) {
    line++;
    lineStart = j + 1;
  }
  return { line, column: offset - lineStart + 1 };
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

/** XML's NameStartChar, with every non-ASCII character accepted (libxml2 accepts the letters of any script). */
function isNameStart(code: number): boolean {
  return (
    (code >= 0x61 && code <= 0x7a) || (code >= 0x41 && code <= 0x5a) || code === 0x5f || code === 0x3a || code >= 0xc0
  );
}

function isNameChar(code: number): boolean {
  return isNameStart(code) || (code >= 0x30 && code <= 0x39) || code === 0x2d || code === 0x2e || code === 0xb7;
}
