// XML 1.0 (fifth edition) character classes, on UTF-16 code units and code points: the ones libxml2 applies
// to documents without XML_PARSE_OLD10, which is how libvirt and xmllint parse.

/** S: space, tab, line feed, carriage return. */
export function isSpace(code: number): boolean {
  return code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0d;
}

/** Char, for a code point: tab, newlines, and everything from space up but surrogates, U+FFFE and U+FFFF. */
export function isXmlChar(cp: number): boolean {
  return cp >= 0x20
    ? cp <= 0xd7ff || (cp >= 0xe000 && cp <= 0xfffd) || (cp >= 0x10000 && cp <= 0x10ffff)
    : cp === 0x09 || cp === 0x0a || cp === 0x0d;
}

/** NameStartChar, for a code point. */
export function isNameStartChar(cp: number): boolean {
  if (cp < 0x80) return (cp >= 0x61 && cp <= 0x7a) || (cp >= 0x41 && cp <= 0x5a) || cp === 0x5f || cp === 0x3a;
  return (
    (cp >= 0xc0 && cp <= 0xd6) ||
    (cp >= 0xd8 && cp <= 0xf6) ||
    (cp >= 0xf8 && cp <= 0x2ff) ||
    (cp >= 0x370 && cp <= 0x37d) ||
    (cp >= 0x37f && cp <= 0x1fff) ||
    cp === 0x200c ||
    cp === 0x200d ||
    (cp >= 0x2070 && cp <= 0x218f) ||
    (cp >= 0x2c00 && cp <= 0x2fef) ||
    (cp >= 0x3001 && cp <= 0xd7ff) ||
    (cp >= 0xf900 && cp <= 0xfdcf) ||
    (cp >= 0xfdf0 && cp <= 0xfffd) ||
    (cp >= 0x10000 && cp <= 0xeffff)
  );
}

/** NameChar, for a code point. */
export function isNameChar(cp: number): boolean {
  if (cp < 0x80) return isNameStartChar(cp) || (cp >= 0x30 && cp <= 0x39) || cp === 0x2d || cp === 0x2e;
  return isNameStartChar(cp) || cp === 0xb7 || (cp >= 0x300 && cp <= 0x36f) || cp === 0x203f || cp === 0x2040;
}

/** The code point at `at` (a surrogate pair read as one), or NaN past the end. */
export function codePointAt(text: string, at: number): number {
  const code = text.charCodeAt(at);
  if (code >= 0xd800 && code <= 0xdbff) {
    const low = text.charCodeAt(at + 1);
    if (low >= 0xdc00 && low <= 0xdfff) return (code - 0xd800) * 0x400 + (low - 0xdc00) + 0x10000;
  }
  return code;
}

/** PubidChar: what a DOCTYPE's public identifier may hold. */
export function isPubidChar(code: number): boolean {
  return (
    code === 0x20 ||
    code === 0x0d ||
    code === 0x0a ||
    (code >= 0x61 && code <= 0x7a) ||
    (code >= 0x41 && code <= 0x5a) ||
    (code >= 0x30 && code <= 0x39) ||
    "-'()+,./:=?;!*#@$_%".includes(String.fromCharCode(code))
  );
}
