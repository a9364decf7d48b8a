import { NotWellFormed } from './notWellFormed.js';
import { checkChars, readName, readQuoted, skipSpaces } from './scanning.js';
import { isPubidChar, isSpace, isXmlChar } from './xmlChars.js';

/** An entity the DOCTYPE declares: internal (its replacement text) or external (not read, as xmllint does not). */
export interface EntityDeclaration {
  readonly name: string;
  /** The replacement text, character references already replaced; undefined for an external entity. */
  readonly replacement?: string;
  /** NDATA: an unparsed entity, which a document may not reference. */
  readonly unparsed: boolean;
}

/** What a DOCTYPE tells the rest of the parse: its entities, and whether an undeclared one is an error. */
export class Dtd {
  readonly entities = new Map<string, EntityDeclaration>();
  readonly parameterEntities = new Map<string, EntityDeclaration>();
  hasExternalSubset = false;
  hasParameterReferences = false;
  /** Characters of parameter-entity text read so far: bounded, so that nested references cannot blow up. */
  parameterTextRead = 0;

  constructor(readonly standalone: boolean) {}

  /**
   * libxml2 (the WFC "Entity Declared"): an undeclared entity is fatal when the document is standalone, or
   * when all its declarations are in sight: no external subset and no parameter-entity reference.
   */
  get undeclaredIsFatal(): boolean {
    return this.standalone || (!this.hasExternalSubset && !this.hasParameterReferences);
  }
}

/** Parameter entities may expand into more declarations: bounded, as libxml2 bounds entity nesting. */
const MAX_NESTING = 40;
/** What parameter entities may expand to in all: far beyond a real DTD, far below an expansion bomb. */
const MAX_PARAMETER_TEXT = 1_000_000;

/**
 * Reads `<!DOCTYPE name ExternalID? [internal subset]? >` from `at` with libxml2's verdicts, declaring the
 * internal subset's entities in `dtd`. Returns the offset after the closing `>`.
 * Element, attribute-list and notation declarations are read only as far as their extent.
 */
export function readDoctype(text: string, at: number, dtd: Dtd): number {
  let j = skipSpaces(text, at + 9);
  j = readName(text, j, 'the root element name after <!DOCTYPE');
  j = skipSpaces(text, j);
  if (text.startsWith('SYSTEM', j) || text.startsWith('PUBLIC', j)) {
    j = readExternalId(text, j, true);
    dtd.hasExternalSubset = true;
    j = skipSpaces(text, j);
  }
  if (text[j] === '[') {
    j = readSubset(text, j + 1, dtd, 0, false);
    if (text[j] !== ']') throw new NotWellFormed("the DOCTYPE's internal subset is not closed with ]", j);
    j = skipSpaces(text, j + 1);
  }
  if (text[j] !== '>') throw new NotWellFormed('the DOCTYPE is not closed with >', j);
  return j + 1;
}

/** `SYSTEM "uri"` or `PUBLIC "id" "uri"` (the uri optional in a NOTATION). */
function readExternalId(text: string, at: number, systemRequired: boolean): number {
  const isPublic = text.startsWith('PUBLIC', at);
  let j = at + 6;
  if (!isSpace(text.charCodeAt(j)))
    throw new NotWellFormed(`expected a space after ${isPublic ? 'PUBLIC' : 'SYSTEM'}`, j);
  j = skipSpaces(text, j);
  if (isPublic) {
    const id = readQuoted(text, j, 'the public identifier');
    for (let k = id.start; k < id.end; k++) {
      if (!isPubidChar(text.charCodeAt(k)))
        throw new NotWellFormed('a character not allowed in a public identifier', k);
    }
    j = id.next;
    if (!systemRequired && !isSpace(text.charCodeAt(j))) return j;
    const afterSpace = skipSpaces(text, j);
    if (!systemRequired && text[afterSpace] !== '"' && text[afterSpace] !== "'") return j;
    if (afterSpace === j) throw new NotWellFormed('expected a space after the public identifier', j);
    j = afterSpace;
  }
  const uri = readQuoted(text, j, 'the system identifier');
  checkChars(text, uri.start, uri.end, 'in a system identifier');
  return uri.next;
}

/** Reads markup declarations until `]` (or the end of a parameter entity's text); returns where it stopped. */
function readSubset(text: string, at: number, dtd: Dtd, nesting: number, inParameterEntity: boolean): number {
  let j = at;
  for (;;) {
    j = skipSpaces(text, j);
    if (j >= text.length) {
      if (inParameterEntity) return j;
      throw new NotWellFormed("the DOCTYPE's internal subset is not closed with ]", j);
    }
    const c = text[j];
    if (c === ']' && !inParameterEntity) return j;
    if (c === '%') j = parameterReference(text, j, dtd, nesting);
    else if (text.startsWith('<!ENTITY', j)) j = entityDeclaration(text, j, dtd);
    else if (text.startsWith('<!--', j)) j = skipComment(text, j);
    else if (text.startsWith('<?', j)) j = skipProcessingInstruction(text, j);
    else if (text.startsWith('<!ELEMENT', j) || text.startsWith('<!ATTLIST', j) || text.startsWith('<!NOTATION', j))
      j = skipDeclaration(text, j);
    else
      throw new NotWellFormed(
        'expected a markup declaration (<!ENTITY, <!ELEMENT, <!ATTLIST, <!NOTATION, a comment) in the DOCTYPE',
        j,
      );
  }
}

function parameterReference(text: string, at: number, dtd: Dtd, nesting: number): number {
  const nameEnd = readName(text, at + 1, 'a parameter entity name after %');
  if (text[nameEnd] !== ';') throw new NotWellFormed('a parameter entity reference must end with ;', nameEnd);
  const name = text.slice(at + 1, nameEnd);
  const entity = dtd.parameterEntities.get(name);
  if (!entity && dtd.undeclaredIsFatal) throw new NotWellFormed(`the parameter entity %${name}; is not declared`, at);
  dtd.hasParameterReferences = true;
  if (entity?.replacement !== undefined) {
    if (nesting >= MAX_NESTING) throw new NotWellFormed(`parameter entities nest too deep at %${name}; (a loop?)`, at);
    dtd.parameterTextRead += entity.replacement.length + 1;
    if (dtd.parameterTextRead > MAX_PARAMETER_TEXT)
      throw new NotWellFormed(
        `parameter entities expand to more than ${MAX_PARAMETER_TEXT} characters at %${name};`,
        at,
      );
    try {
      readSubset(entity.replacement, 0, dtd, nesting + 1, true);
    } catch (error) {
      if (error instanceof NotWellFormed)
        throw new NotWellFormed(`in the parameter entity %${name};: ${error.message}`, at);
      throw error;
    }
  }
  return nameEnd + 1;
}

/** `<!ENTITY [%] name ("value" | ExternalID [NDATA n]) >`: the first declaration of a name wins. */
function entityDeclaration(text: string, at: number, dtd: Dtd): number {
  let j = at + 8;
  if (!isSpace(text.charCodeAt(j))) throw new NotWellFormed('expected a space after <!ENTITY', j);
  j = skipSpaces(text, j);
  let parameter = false;
  if (text[j] === '%') {
    parameter = true;
    if (!isSpace(text.charCodeAt(j + 1))) throw new NotWellFormed('expected a space after %', j + 1);
    j = skipSpaces(text, j + 1);
  }
  const nameStart = j;
  j = readName(text, j, 'an entity name');
  const name = text.slice(nameStart, j);
  if (!isSpace(text.charCodeAt(j))) throw new NotWellFormed(`expected a space after the entity name ${name}`, j);
  j = skipSpaces(text, j);
  let declaration: EntityDeclaration;
  if (text[j] === '"' || text[j] === "'") {
    const literal = readQuoted(text, j, `the value of the entity ${name}`);
    declaration = { name, replacement: entityValue(text, literal.start, literal.end), unparsed: false };
    j = literal.next;
  } else if (text.startsWith('SYSTEM', j) || text.startsWith('PUBLIC', j)) {
    j = readExternalId(text, j, true);
    let unparsed = false;
    const afterSpace = skipSpaces(text, j);
    if (text.startsWith('NDATA', afterSpace)) {
      if (parameter) throw new NotWellFormed('a parameter entity cannot be unparsed (NDATA)', afterSpace);
      if (afterSpace === j) throw new NotWellFormed('expected a space before NDATA', j);
      if (!isSpace(text.charCodeAt(afterSpace + 5)))
        throw new NotWellFormed('expected a space after NDATA', afterSpace + 5);
      j = readName(text, skipSpaces(text, afterSpace + 5), 'a notation name after NDATA');
      unparsed = true;
    }
    declaration = { name, unparsed };
  } else {
    throw new NotWellFormed(`expected the value of the entity ${name}, in quotes, or SYSTEM or PUBLIC`, j);
  }
  j = skipSpaces(text, j);
  if (text[j] !== '>') throw new NotWellFormed(`the declaration of the entity ${name} is not closed with >`, j);
  const table = parameter ? dtd.parameterEntities : dtd.entities;
  if (!table.has(name)) table.set(name, declaration);
  return j + 1;
}

/**
 * An EntityValue's replacement text: character references replaced now, entity references kept for when it is
 * used. In the internal subset `%` may not appear, and every `&` must start a well-formed reference.
 */
function entityValue(text: string, start: number, end: number): string {
  let out = '';
  let from = start;
  for (let j = start; j < end; j++) {
    const code = text.charCodeAt(j);
    if (code === 0x25 /* % */)
      throw new NotWellFormed(
        'a parameter entity reference (%) is not allowed in an entity value in the internal subset',
        j,
      );
    if (code !== 0x26 /* & */) continue;
    if (text.charCodeAt(j + 1) === 0x23 /* # */) {
      const ref = readCharReference(text, j);
      out += text.slice(from, j) + String.fromCodePoint(ref.codePoint);
      from = ref.end;
      j = ref.end - 1;
    } else {
      const nameEnd = readName(text, j + 1, "an entity name after '&' (write & as &#38;)");
      if (text[nameEnd] !== ';')
        throw new NotWellFormed(`the entity reference &${text.slice(j + 1, nameEnd)} must end with ;`, nameEnd);
      j = nameEnd;
    }
  }
  checkChars(text, start, end, 'in an entity value');
  return out + text.slice(from, end);
}

/** `&#N;` or `&#xH;` at `at`: its code point, which must be an XML character (never &#0;, a surrogate, beyond U+10FFFF). */
export function readCharReference(text: string, at: number): { codePoint: number; end: number } {
  let j = at + 2;
  const hex = text.charCodeAt(j) === 0x78; /* x */
  if (hex) j++;
  const digitsStart = j;
  let value = 0;
  for (; ; j++) {
    const code = text.charCodeAt(j);
    const digit =
      code >= 0x30 && code <= 0x39
        ? code - 0x30
        : hex && code >= 0x61 && code <= 0x66
          ? code - 0x57
          : hex && code >= 0x41 && code <= 0x46
            ? code - 0x37
            : -1;
    if (digit === -1) break;
    // Saturates like libxml2: any value past U+10FFFF is simply out of range, however many digits it has.
    value = Math.min(value * (hex ? 16 : 10) + digit, 0x110000);
  }
  if (j === digitsStart || text[j] !== ';') {
    throw new NotWellFormed(
      `a character reference must be &#digits; or &#xhex; (found ${JSON.stringify(text.slice(at, Math.min(j + 1, at + 12)))})`,
      at,
    );
  }
  if (!isXmlChar(value)) {
    const shown = value >= 0x110000 ? 'beyond U+10FFFF' : `U+${value.toString(16).toUpperCase().padStart(4, '0')}`;
    throw new NotWellFormed(`the character reference ${text.slice(at, j + 1)} is not an XML character (${shown})`, at);
  }
  return { codePoint: value, end: j + 1 };
}

/** A comment from `<!--` at `at`, checked as libxml2 checks it; returns the offset after its `-->`. */
export function skipComment(text: string, at: number): number {
  const end = text.indexOf('-->', at + 4);
  if (end === -1) throw new NotWellFormed('the comment is not closed with -->', at);
  checkComment(text, at, end);
  return end + 3;
}

/** A comment's content (between `<!--` at `start` and `-->` at `end`) may not hold `--`, nor end with `-`. */
function checkComment(text: string, start: number, end: number): void {
  const dashes = text.indexOf('--', start + 4);
  if (dashes < end) throw new NotWellFormed("'--' is not allowed inside a comment", dashes);
  if (end > start + 4 && text.charCodeAt(end - 1) === 0x2d)
    throw new NotWellFormed("a comment may not end with '--->'", end - 1);
  checkChars(text, start + 4, end, 'in a comment');
}

/** A processing instruction from `<?` at `at`, checked as libxml2 checks it; returns the offset after its `?>`. */
export function skipProcessingInstruction(text: string, at: number): number {
  const end = text.indexOf('?>', at + 2);
  if (end === -1) throw new NotWellFormed('the processing instruction is not closed with ?>', at);
  checkProcessingInstruction(text, at, end);
  return end + 2;
}

/** `<?target content?>` between `start` and `?>` at `end`: a target name that is not `xml` in any case, then a space. */
function checkProcessingInstruction(text: string, start: number, end: number): void {
  const targetEnd = readName(text, start + 2, 'a processing instruction target name');
  if (targetEnd > end) throw new NotWellFormed('a processing instruction target name', start + 2);
  if (targetEnd - start - 2 === 3 && text.slice(start + 2, targetEnd).toLowerCase() === 'xml') {
    throw new NotWellFormed('the XML declaration is only allowed at the very start of the document', start);
  }
  if (targetEnd < end && !isSpace(text.charCodeAt(targetEnd)))
    throw new NotWellFormed('expected a space after the processing instruction target', targetEnd);
  checkChars(text, targetEnd, end, 'in a processing instruction');
}

/** `<!ELEMENT …>`, `<!ATTLIST …>`, `<!NOTATION …>`: to the `>` outside quoted literals. */
function skipDeclaration(text: string, at: number): number {
  for (let j = at + 2; j < text.length; j++) {
    const c = text[j];
    if (c === '"' || c === "'") {
      const close = text.indexOf(c, j + 1);
      if (close === -1) break;
      j = close;
    } else if (c === '>') {
      checkChars(text, at, j, 'in a declaration');
      return j + 1;
    }
  }
  throw new NotWellFormed('the declaration is not closed with >', at);
}
