import { NotWellFormed } from './notWellFormed.js';
import { readQuoted, skipSpaces } from './scanning.js';
import { isSpace } from './xmlChars.js';

/** Whether an XML declaration starts at `at`: `<?xml` and a space, as libxml2 recognises one. */
export function startsXmlDeclaration(text: string, at: number): boolean {
  return text.startsWith('<?xml', at) && isSpace(text.charCodeAt(at + 5));
}

/** Encodings a UTF-8 text cannot be in: libxml2 refuses a document declared so. */
const WIDE_ENCODING = /^(utf-?16|utf-?32|ucs-?2|ucs-?4)/i;
/** Encodings libxml2 reads without iconv, or that every iconv has: others are refused as unsupported. */
const KNOWN_ENCODING =
  /^(utf-?8|us-ascii|ascii|iso[-_]?8859[-_]?([1-9]|1[0-6])|iso[-_]?latin[-_]?[1-9]|latin-?[1-9]|l[1-9]|(windows|cp)-?125[0-8]|koi8-?[ru]|euc-?(jp|kr|cn)|shift[-_]?jis|sjis|iso-2022-jp|gb2312|gbk|gb18030|big5|html|ebcdic|ibm-?\d+|cp\d+|macintosh|tis-620)$/i;

/**
 * Reads the XML declaration at `at` (`<?xml version="1.x" encoding="…" standalone="yes|no"?>`, in that order)
 * with libxml2's verdicts: the version must be `1.` and digits, a space must follow it, an encoding must be one
 * libxml2 can read. Returns the offset after `?>` and whether the document says it is standalone.
 */
export function readXmlDeclaration(text: string, at: number): { end: number; standalone: boolean } {
  let j = skipSpaces(text, at + 5);
  if (!text.startsWith('version', j))
    throw new NotWellFormed('the XML declaration has no version (write version="1.0" first)', j);
  const version = pseudoAttribute(text, j + 7, 'the version');
  const value = text.slice(version.start, version.end);
  if (!/^[0-9]\.[0-9]*$/.test(value))
    throw new NotWellFormed(`the version '${value}' is not a version number such as 1.0`, version.start);
  if (value[0] !== '1') throw new NotWellFormed(`XML version ${value} is not supported (write 1.0)`, version.start);
  j = version.next;
  if (endsDeclaration(text, j)) return { end: j + 2, standalone: false };
  if (!isSpace(text.charCodeAt(j))) throw new NotWellFormed('expected a space or ?> after the version', j);
  j = skipSpaces(text, j);
  if (text.startsWith('encoding', j)) {
    const encoding = pseudoAttribute(text, j + 8, 'the encoding');
    const name = text.slice(encoding.start, encoding.end);
    if (!/^[A-Za-z][A-Za-z0-9._-]*$/.test(name))
      throw new NotWellFormed(`'${name}' is not an encoding name`, encoding.start);
    if (WIDE_ENCODING.test(name))
      throw new NotWellFormed(`the document says it is ${name} but its text is not`, encoding.start);
    if (!KNOWN_ENCODING.test(name)) throw new NotWellFormed(`the encoding ${name} is not supported`, encoding.start);
    // libxml2 reads the text in the declared encoding: in ASCII, any other character is an encoding error.
    const nonAscii = /^(us-)?ascii$/i.test(name) ? text.search(/[\u0080-\uffff]/) : -1;
    if (nonAscii !== -1)
      throw new NotWellFormed(`the document says it is ${name} but holds a character outside ASCII`, nonAscii);
    j = encoding.next;
    // libxml2 wants a space here only after an encoding it switches to: UTF-8 is already in use.
    if (!/^utf-?8$/i.test(name) && !isSpace(text.charCodeAt(j)) && !endsDeclaration(text, j)) {
      throw new NotWellFormed('expected a space or ?> after the encoding', j);
    }
    j = skipSpaces(text, j);
  }
  let standalone = false;
  if (text.startsWith('standalone', j)) {
    const sd = pseudoAttribute(text, j + 10, 'standalone');
    const value = text.slice(sd.start, sd.end);
    if (value !== 'yes' && value !== 'no')
      throw new NotWellFormed(`standalone must be 'yes' or 'no', not '${value}'`, sd.start);
    standalone = value === 'yes';
    j = skipSpaces(text, sd.next);
  }
  if (!endsDeclaration(text, j))
    throw new NotWellFormed(
      'the XML declaration is not closed with ?> (version, encoding, standalone, in that order)',
      j,
    );
  return { end: j + 2, standalone };
}

function endsDeclaration(text: string, at: number): boolean {
  return text.charCodeAt(at) === 0x3f && text.charCodeAt(at + 1) === 0x3e;
}

/** ` = "value"` after a pseudo-attribute's name; the value may not run past the declaration. */
function pseudoAttribute(text: string, at: number, what: string): { start: number; end: number; next: number } {
  let j = skipSpaces(text, at);
  if (text[j] !== '=') throw new NotWellFormed(`expected '=' after ${what}`, j);
  j = skipSpaces(text, j + 1);
  const quoted = readQuoted(text, j, what);
  const runaway = text.slice(quoted.start, quoted.end).search(/[<>?]/);
  if (runaway !== -1) throw new NotWellFormed(`${what} is not closed with ${text[j]}`, j);
  return quoted;
}
