import { LineMap, type Span } from '../text/lineMap.js';
import { Attributes, decodeEntities, type XmlAttribute, type XmlElement } from './xmlTree.js';
import { Dtd, readCharReference, readDoctype, skipComment, skipProcessingInstruction } from './doctype.js';
import { NotWellFormed } from './notWellFormed.js';
import { checkChars, invalidCharMessage, readName, skipSpaces } from './scanning.js';
import { readXmlDeclaration, startsXmlDeclaration } from './xmlDeclaration.js';
import { codePointAt, isNameStartChar, isSpace, isXmlChar } from './xmlChars.js';

/** Where and why a document is not well-formed; line and column are 1-based. */
export interface XmlSyntaxError {
  readonly message: string;
  readonly line: number;
  readonly column: number;
  /** The 0-based offset in the text, where known: always for the parser's own errors (not for undecodable bytes). */
  readonly offset?: number;
}

export type XmlParseResult =
  | { readonly ok: true; readonly root: XmlElement }
  | { readonly ok: false; readonly error: XmlSyntaxError & { readonly offset: number } };

/**
 * Parses once: one pass over the text checks that it is well-formed XML as libxml2 (libvirt's parser) judges it,
 * and builds the element tree with the exact span of every element, attribute value and leaf text.
 * Every scan is local to the construct being read, so time and memory are linear in the text. It never throws:
 * any input gives a tree or a syntax error.
 */
export function parseXml(text: string): XmlParseResult {
  try {
    return { ok: true, root: new Parser(text, new Dtd(false), 'document', 0).parse() };
  } catch (error) {
    if (error instanceof NotWellFormed) return { ok: false, error: syntaxError(text, error.message, error.offset) };
    // A bug of ours must not cost the user the lint of this file (nor of the others): report it as a finding.
    const reason = error instanceof Error ? error.message : String(error);
    return { ok: false, error: syntaxError(text, `the parser could not read this document (${reason})`, 0) };
  }
}

function syntaxError(text: string, message: string, offset: number): XmlSyntaxError & { offset: number } {
  const at = Math.max(0, Math.min(offset, text.length));
  const { line, character } = new LineMap(text).positionAt(at);
  return { message, line: line + 1, column: character + 1, offset: at };
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
/** Past this many attributes an element's duplicate check uses a Set: a list search would make it quadratic. */
const ATTRIBUTES_BEFORE_SET = 16;
/** libxml2 refuses entities nested deeper than this (its guard against entity loops and expansion bombs). */
const MAX_ENTITY_NESTING = 40;

/**
 * An attribute as parsed: its name, value and three offsets; the spans are made when asked for. One object per
 * attribute instead of three keeps a big template's tree small enough for the garbage collector to stay cheap.
 */
class ParsedAttribute implements XmlAttribute {
  constructor(
    readonly name: string,
    readonly value: string,
    private readonly nameStart: number,
    private readonly valueStart: number,
    readonly valueEnd: number,
  ) {}

  get nameSpan(): Span {
    return { start: this.nameStart, end: this.nameStart + this.name.length };
  }

  get valueSpan(): Span {
    return { start: this.valueStart, end: this.valueEnd };
  }
}

/** An element as parsed: its two spans made when asked for, from three offsets (fewer objects, as above). */
class ParsedElement implements XmlElement {
  constructor(
    readonly name: string,
    private readonly start: number,
    private readonly startTagEnd: number,
    private readonly end: number,
    readonly attributes: Attributes,
    readonly children: readonly XmlElement[],
    readonly text: { readonly value: string; readonly span: Span } | undefined,
  ) {}

  get span(): Span {
    return { start: this.start, end: this.end };
  }

  get startTag(): Span {
    return { start: this.start, end: this.startTagEnd };
  }
}

/** Verdicts on each entity's replacement text, computed once per document however often it is referenced. */
class EntityChecks {
  readonly asContent = new Map<string, string | null>();
  readonly inAttribute = new Map<string, string | null>();
  /** How many entity references an entity's full expansion holds (counted, never expanded). */
  readonly nestedReferences = new Map<string, number>();
  /** The length of every replacement text checked: libxml2 counts it as text read. */
  replacementLength = 0;
}

/**
 * libxml2's guard against expansion bombs (xmlParserEntityCheck, XML_PARSER_NON_LINEAR): a reference whose
 * expansion holds more references than ten times the text read so far, over three, is an "entity reference loop".
 */
const NON_LINEAR = 10;

/**
 * A document, or (mode 'entity') the replacement text of an entity referenced in content, which must be
 * balanced content: text and whole elements.
 */
class Parser {
  private i = 0;
  /**
   * The text itself, as the parent of its top elements (the root, or an entity's elements): every element is
   * closed into its parent's children, with no branch for the root. A branch taken once per document is met
   * only after V8 has optimised the parser without it, and cost it that optimised code.
   */
  private readonly outside: OpenElement = {
    name: '',
    start: 0,
    startTagEnd: 0,
    attributes: Attributes.EMPTY,
    children: [],
  };
  /** `outside`, then the elements open at the current offset. */
  private readonly stack: OpenElement[] = [this.outside];
  private sawDoctype = false;
  private lines: LineMap | undefined;
  /** Entity references resolved in this text, nested ones included. */
  private references = 0;

  constructor(
    private readonly text: string,
    private dtd: Dtd,
    private readonly mode: 'document' | 'entity',
    private readonly entityNesting: number,
    private readonly checks = new EntityChecks(),
  ) {}

  parse(): XmlElement {
    const { text } = this;
    if (text.trim() === '') throw new NotWellFormed('the document is empty', 0);
    // A byte-order mark may open an XML document (UTF-8 editors on Windows write one); it is no text.
    if (text.charCodeAt(0) === 0xfeff) this.i = 1;
    if (startsXmlDeclaration(text, this.i)) {
      const declaration = readXmlDeclaration(text, this.i);
      this.dtd = new Dtd(declaration.standalone);
      this.i = declaration.end;
    }
    while (this.i < text.length) {
      if (this.stack.length > 1) this.content();
      else this.misc();
    }
    const open = this.innermost();
    if (open)
      throw new NotWellFormed(`<${open.name}> (opened at ${this.where(open.start)}) is never closed`, text.length);
    const root = this.root();
    if (!root) throw new NotWellFormed('the document has no root element', text.length);
    return root;
  }

  /** The innermost open element, if any. */
  private innermost(): OpenElement | undefined {
    return this.stack.length > 1 ? this.stack[this.stack.length - 1] : undefined;
  }

  /** The root element, once closed (misc() allows only one). */
  private root(): XmlElement | undefined {
    return this.outside.children[0];
  }

  /** Replacement text used as content: any error is the reference's. */
  parseEntityContent(): void {
    while (this.i < this.text.length) this.content();
    const open = this.innermost();
    if (open) throw new NotWellFormed(`<${open.name}> is not closed inside the entity`, this.text.length);
  }

  /** Outside the root element: whitespace, comments, processing instructions, one DOCTYPE before the root. */
  private misc(): void {
    const { text } = this;
    const at = this.i;
    const code = text.charCodeAt(at);
    if (isSpace(code)) {
      this.i = skipSpaces(text, at);
      return;
    }
    if (code !== 0x3c /* < */) {
      if (!isXmlChar(codePointAt(text, at)))
        throw new NotWellFormed(invalidCharMessage(codePointAt(text, at), 'outside the root element'), at);
      throw new NotWellFormed(this.root() ? 'text after the root element' : 'text before the root element', at);
    }
    const next = text.charCodeAt(at + 1);
    if (next === 0x3f /* ? */) this.i = skipProcessingInstruction(text, at);
    else if (text.startsWith('<!--', at)) this.i = skipComment(text, at);
    else if (text.startsWith('<!DOCTYPE', at)) {
      if (this.root() || this.sawDoctype)
        throw new NotWellFormed('a DOCTYPE is only allowed once, before the root element', at);
      this.sawDoctype = true;
      this.i = readDoctype(text, at, this.dtd);
    } else if (next === 0x21 /* ! */) {
      throw new NotWellFormed(
        text.startsWith('<![CDATA[', at)
          ? 'CDATA is only allowed inside an element'
          : "'<!' must start a comment or a DOCTYPE here",
        at,
      );
    } else if (next === 0x2f /* / */) {
      throw new NotWellFormed(
        `${text.slice(at, Math.min(at + 40, readEnd(text, at)))} closes an element that was never opened`,
        at,
      );
    } else {
      if (this.root()) throw new NotWellFormed('a second root element: a document has exactly one', at);
      this.startTag();
    }
  }

  /** Inside an element: text, checked character by character, up to the next markup. */
  private content(): void {
    const { text } = this;
    const length = text.length;
    let j = this.i;
    while (j < length) {
      const code = text.charCodeAt(j);
      if (code === 0x3c /* < */) break;
      if (code === 0x26 /* & */) {
        j = this.reference(j, false);
        continue;
      }
      if (code === 0x5d /* ] */ && text.charCodeAt(j + 1) === 0x5d && text.charCodeAt(j + 2) === 0x3e) {
        throw new NotWellFormed("']]>' may not appear in text", j);
      }
      if (code < 0x20 || code >= 0xd800) {
        const cp = codePointAt(text, j);
        if (!isXmlChar(cp)) throw new NotWellFormed(invalidCharMessage(cp, 'in text'), j);
        if (cp > 0xffff) j++;
      }
      j++;
    }
    this.i = j;
    if (j >= length) return;
    const next = text.charCodeAt(j + 1);
    if (next === 0x2f /* / */) this.endTag();
    else if (next === 0x3f /* ? */) this.i = skipProcessingInstruction(text, j);
    else if (next === 0x21 /* ! */) {
      if (text.startsWith('<!--', j)) this.i = skipComment(text, j);
      else if (text.startsWith('<![CDATA[', j)) this.cdata();
      else throw new NotWellFormed("'<!' must start a comment or CDATA here", j);
    } else this.startTag();
  }

  private startTag(): void {
    const { text } = this;
    const start = this.i;
    const nameEnd = readName(text, start + 1, "an element name after '<' (write < as &lt;)");
    const name = intern(text, start + 1, nameEnd);
    const attributes: XmlAttribute[] = [];
    let seen: Set<string> | undefined;
    let j = nameEnd;
    for (;;) {
      const spaceStart = j;
      j = skipSpaces(text, j);
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
      const attribute = this.attribute(j, name);
      if (attributes.length < ATTRIBUTES_BEFORE_SET) {
        for (let k = 0; k < attributes.length; k++)
          if (attributes[k]!.name === attribute.name)
            throw new NotWellFormed(`<${name}> has the attribute ${attribute.name} twice`, j);
        if (attributes.length === ATTRIBUTES_BEFORE_SET - 1) seen = new Set(attributes.map((a) => a.name));
      } else if (seen!.has(attribute.name)) {
        throw new NotWellFormed(`<${name}> has the attribute ${attribute.name} twice`, j);
      }
      seen?.add(attribute.name);
      attributes.push(attribute);
      j = attribute.valueEnd + 1;
    }
  }

  /** `name = "value"` from `at`; the value may not hold `<`, and its references must be well-formed. */
  private attribute(at: number, element: string): ParsedAttribute {
    const { text } = this;
    const nameEnd = readName(text, at, `an attribute name in <${element}>`);
    const name = intern(text, at, nameEnd);
    let j = skipSpaces(text, nameEnd);
    if (text[j] !== '=')
      throw new NotWellFormed(`the attribute ${name} of <${element}> has no value (expected '=')`, j);
    j = skipSpaces(text, j + 1);
    const quote = text.charCodeAt(j);
    // Single quotes first, as libvirt writes them: the second test, run only for double quotes, is then met
    // while V8 learns the parser (on libvirt's schema, all in double quotes), not later at the cost of its code.
    if (quote !== 0x27 && quote !== 0x22)
      throw new NotWellFormed(`the value of ${name} in <${element}> must be in quotes`, j);
    const valueStart = j + 1;
    let k = valueStart;
    let hasReference = false;
    for (;;) {
      const code = text.charCodeAt(k);
      if (code === quote) break;
      if (Number.isNaN(code))
        throw new NotWellFormed(
          `the value of ${name} in <${element}> is not closed with ${String.fromCharCode(quote)}`,
          j,
        );
      if (code === 0x3c /* < */) throw new NotWellFormed(`'<' is not allowed in the value of ${name}; write &lt;`, k);
      if (code === 0x26 /* & */) {
        hasReference = true;
        k = this.reference(k, true);
        continue;
      }
      if (code < 0x20 || code >= 0xd800) {
        const cp = codePointAt(text, k);
        if (!isXmlChar(cp)) throw new NotWellFormed(invalidCharMessage(cp, `in the value of ${name}`), k);
        if (cp > 0xffff) k++;
      }
      k++;
    }
    const raw = text.slice(valueStart, k);
    return new ParsedAttribute(name, hasReference ? decodeEntities(raw) : raw, at, valueStart, k);
  }

  private endTag(): void {
    const { text } = this;
    const start = this.i;
    const nameEnd = readName(text, start + 2, 'an element name after </');
    const j = skipSpaces(text, nameEnd);
    // The name is copied out of the text only for a message: a match needs no copy.
    if (text.charCodeAt(j) !== 0x3e /* > */)
      throw new NotWellFormed(`the end tag </${text.slice(start + 2, nameEnd)}> is not closed with '>'`, j);
    const open = this.stack.length > 1 ? this.stack.pop() : undefined;
    if (!open)
      throw new NotWellFormed(
        `</${text.slice(start + 2, nameEnd)}> closes an element that was never opened${this.mode === 'entity' ? ' in this entity' : ''}`,
        start,
      );
    if (open.name.length !== nameEnd - start - 2 || !text.startsWith(open.name, start + 2)) {
      throw new NotWellFormed(
        `expected </${open.name}> (opened at ${this.where(open.start)}), found </${text.slice(start + 2, nameEnd)}>`,
        start,
      );
    }
    this.i = j + 1;
    this.close(open, j + 1, start);
  }

  private cdata(): void {
    const start = this.i;
    const end = this.text.indexOf(']]>', start + 9);
    if (end === -1) throw new NotWellFormed('the CDATA section is not closed with ]]>', start);
    checkChars(this.text, start + 9, end, 'in CDATA');
    this.i = end + 3;
  }

  /** A reference at `amp` (`&#…;`, `&name;`), in text or an attribute value; returns the offset after its `;`. */
  private reference(amp: number, inAttribute: boolean): number {
    const { text } = this;
    if (text.charCodeAt(amp + 1) === 0x23 /* # */) return readCharReference(text, amp).end;
    if (!isNameStartChar(codePointAt(text, amp + 1)))
      throw new NotWellFormed("'&' must start a reference such as &amp; (write & as &amp;)", amp);
    const nameEnd = readName(text, amp + 1, 'an entity name');
    if (text.charCodeAt(nameEnd) !== 0x3b /* ; */) {
      throw new NotWellFormed(
        `the entity reference &${text.slice(amp + 1, nameEnd)} must end with ';' (write & as &amp;)`,
        amp,
      );
    }
    const name = text.slice(amp + 1, nameEnd);
    // As libxml2: the five predefined entities mean themselves, whatever a DOCTYPE declares.
    if (PREDEFINED_ENTITIES.has(name)) return nameEnd + 1;
    const entity = this.dtd.entities.get(name);
    if (!entity) {
      if (this.dtd.undeclaredIsFatal) throw new NotWellFormed(`the entity &${name}; is not defined`, amp);
      return nameEnd + 1;
    }
    if (entity.unparsed)
      throw new NotWellFormed(`the entity &${name}; is unparsed (NDATA) and cannot be referenced`, amp);
    if (entity.replacement === undefined) {
      if (inAttribute) throw new NotWellFormed(`the attribute value references the external entity &${name};`, amp);
      return nameEnd + 1;
    }
    const problem = inAttribute
      ? this.entityInAttribute(name, entity.replacement)
      : this.entityAsContent(name, entity.replacement);
    if (problem) throw new NotWellFormed(problem, amp);
    const nested = this.checks.nestedReferences.get(name) ?? 0;
    this.references += 1 + nested;
    if (this.mode === 'document' && nested * 3 >= NON_LINEAR * (amp + this.checks.replacementLength)) {
      throw new NotWellFormed(
        `the entity &${name}; expands to ${nested} more references: libxml2 refuses it as an entity reference loop`,
        amp,
      );
    }
    return nameEnd + 1;
  }

  /** Why an entity's text is not balanced content, or null. */
  private entityAsContent(name: string, replacement: string): string | null {
    return this.entityVerdict(this.checks.asContent, name, replacement, '', (inner) => inner.parseEntityContent());
  }

  /** Why an entity's text cannot stand in an attribute value (`<`, or a bad reference inside), or null. */
  private entityInAttribute(name: string, replacement: string): string | null {
    return this.entityVerdict(this.checks.inAttribute, name, replacement, ', used in an attribute value', (inner) => {
      for (let k = 0; k < replacement.length;) {
        const code = replacement.charCodeAt(k);
        if (code === 0x3c) throw new NotWellFormed(`'<' is not allowed in an attribute value`, k);
        k = code === 0x26 ? inner.reference(k, true) : k + 1;
      }
    });
  }

  /**
   * An entity's verdict in one use (`read` reads its replacement text with a parser of its own), computed once per
   * document and kept in `verdicts`: a reference met again costs a lookup, so no expansion bomb is ever expanded.
   */
  private entityVerdict(
    verdicts: Map<string, string | null>,
    name: string,
    replacement: string,
    use: string,
    read: (inner: Parser) => void,
  ): string | null {
    const known = verdicts.get(name);
    if (known !== undefined) return known;
    if (this.entityNesting >= MAX_ENTITY_NESTING) return `entities nest too deep at &${name};`;
    verdicts.set(name, `the entity &${name}; refers to itself`);
    let verdict: string | null = null;
    this.checks.replacementLength += replacement.length;
    try {
      const inner = new Parser(replacement, this.dtd, 'entity', this.entityNesting + 1, this.checks);
      read(inner);
      const counted = this.checks.nestedReferences.get(name) ?? 0;
      this.checks.nestedReferences.set(name, Math.max(inner.references, counted));
    } catch (error) {
      if (!(error instanceof NotWellFormed)) throw error;
      verdict = `in the entity &${name};${use}: ${error.message}`;
    }
    verdicts.set(name, verdict);
    return verdict;
  }

  private close(open: OpenElement, end: number, contentEnd: number): void {
    const leaf = open.children.length === 0;
    const element = new ParsedElement(
      open.name,
      open.start,
      open.startTagEnd,
      end,
      open.attributes,
      // slice(): an exact-size copy; a pushed-to array keeps spare capacity for the document's lifetime.
      leaf ? NO_CHILDREN : open.children.slice(),
      leaf && contentEnd >= open.startTagEnd ? leafText(this.text, open.startTagEnd, contentEnd) : undefined,
    );
    this.stack[this.stack.length - 1]!.children.push(element);
  }

  /** "line L, column C" of an offset, for messages that point back at an earlier place. */
  private where(offset: number): string {
    this.lines ??= new LineMap(this.text);
    const { line, character } = this.lines.positionAt(offset);
    return `line ${line + 1}, column ${character + 1}`;
  }
}

/** Where a stray end tag ends, for its message: its `>` if near, else a little of it. */
function readEnd(text: string, at: number): number {
  const gt = text.indexOf('>', at);
  return gt === -1 || gt - at > 40 ? at + 40 : gt + 1;
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
  const cdata = raw.charCodeAt(0) === 0x3c /* < */ ? /^<!\[CDATA\[([\s\S]*)\]\]>$/.exec(raw) : null;
  return { value: cdata ? cdata[1]! : decodeEntities(raw), span: { start, end } };
}

/**
 * Element and attribute names repeat in every template: one copy of each is kept (a bounded table, open
 * addressing), and found from the text itself, so a name met before costs no new string.
 */
const NAME_SLOTS = 4096;
const MAX_NAMES = NAME_SLOTS / 2;
const names: (string | undefined)[] = new Array<string | undefined>(NAME_SLOTS).fill(undefined);
let nameCount = 0;

function intern(text: string, start: number, end: number): string {
  const length = end - start;
  let hash = length;
  for (let i = start; i < end; i++) hash = (Math.imul(hash, 31) + text.charCodeAt(i)) | 0;
  for (let slot = hash & (NAME_SLOTS - 1); ; slot = (slot + 1) & (NAME_SLOTS - 1)) {
    const known = names[slot];
    if (known === undefined) {
      const name = text.slice(start, end);
      if (nameCount < MAX_NAMES) {
        names[slot] = name;
        nameCount++;
      }
      return name;
    }
    if (known.length === length && text.startsWith(known, start)) return known;
  }
}
