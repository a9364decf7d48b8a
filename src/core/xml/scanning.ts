import { codePointAt, isNameChar, isNameStartChar, isSpace, isXmlChar } from './xmlChars.js';
import { NotWellFormed } from './notWellFormed.js';

// Small readers shared by the parts of the parser (declaration, DOCTYPE, content). Each reads forward from an
// offset and returns where it stopped: every scan is local, so the whole parse stays linear in the text.

export function skipSpaces(text: string, at: number): number {
  // Bounded: a read past the end gives NaN, but costs V8 its optimised code for every caller that inlined this.
  while (at < text.length && isSpace(text.charCodeAt(at))) at++;
  return at;
}

/** For each ASCII code: NAME_START (a NameStartChar), NAME (a NameChar only) or 0. Names are ASCII in templates. */
const ASCII_NAME = new Uint8Array(0x80);
const NAME_START = 2;
const NAME = 1;
for (let code = 0; code < 0x80; code++)
  ASCII_NAME[code] = isNameStartChar(code) ? NAME_START : isNameChar(code) ? NAME : 0;

/** Reads an XML Name from `at`; returns its end. */
export function readName(text: string, at: number, what: string): number {
  const first = text.charCodeAt(at);
  let j: number;
  if (first < 0x80 && ASCII_NAME[first] === NAME_START) j = at + 1;
  else {
    const cp = codePointAt(text, at);
    if (!isNameStartChar(cp)) throw new NotWellFormed(`expected ${what}`, at);
    j = at + (cp > 0xffff ? 2 : 1);
  }
  while (j < text.length) {
    const code = text.charCodeAt(j);
    if (code < 0x80) {
      if (ASCII_NAME[code] === 0) return j;
      j++;
      continue;
    }
    const cp = codePointAt(text, j);
    if (!isNameChar(cp)) return j;
    j += cp > 0xffff ? 2 : 1;
  }
  return j;
}

/** Checks that text[start, end) holds only XML characters (no control characters, lone surrogates, U+FFFE/U+FFFF). */
export function checkChars(text: string, start: number, end: number, where: string): void {
  for (let j = start; j < end; j++) {
    const code = text.charCodeAt(j);
    if (code >= 0x20 && code < 0xd800) continue;
    const cp = codePointAt(text, j);
    if (!isXmlChar(cp)) throw new NotWellFormed(invalidCharMessage(cp, where), j);
    if (cp > 0xffff) j++;
  }
}

export function invalidCharMessage(cp: number, where: string): string {
  const hex = cp.toString(16).toUpperCase().padStart(4, '0');
  return `the character U+${hex} is not allowed in XML (${where})`;
}

/** Reads a quoted literal at `at`; returns the offsets of its content and the end after the closing quote. */
export function readQuoted(text: string, at: number, what: string): { start: number; end: number; next: number } {
  const quote = text[at];
  if (quote !== '"' && quote !== "'") throw new NotWellFormed(`expected ${what} in quotes`, at);
  const close = text.indexOf(quote, at + 1);
  if (close === -1) throw new NotWellFormed(`${what} is not closed with ${quote}`, at);
  return { start: at + 1, end: close, next: close + 1 };
}
