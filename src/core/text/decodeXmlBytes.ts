// A template file's bytes as text, decoded as libxml2 (and so libvirt) decodes them: a byte-order mark or the
// XML declaration's encoding says which encoding; without either the file is UTF-8, and a byte sequence that is
// not UTF-8 makes the document malformed (libxml2: "Input is not proper UTF-8, indicate encoding !"). Reading
// such a file as UTF-8 with replacement characters would lint a document libvirt refuses as if it were fine.
import { isUtf8 } from 'node:buffer';
import { TextDecoder } from 'node:util';
import type { XmlSyntaxError } from '../xml/parseXml.js';

export interface DecodedXml {
  /** The text, without a byte-order mark; undecodable bytes as U+FFFD. */
  readonly text: string;
  /** Why libxml2 refuses the bytes, where it does: the document is then malformed at that place. */
  readonly error?: XmlSyntaxError;
}

/** The encoding named by `<?xml … encoding="…"?>` at the very start, read as ASCII. */
function declaredEncoding(bytes: Uint8Array): string | undefined {
  if (bytes[0] !== 0x3c || bytes[1] !== 0x3f) return undefined; // no '<?': no declaration
  const head = Buffer.from(bytes.subarray(0, 256)).toString('latin1');
  if (!head.startsWith('<?xml')) return undefined;
  const declaration = head.slice(0, head.indexOf('?>') + 1 || head.length);
  return /\bencoding\s*=\s*["']([A-Za-z][A-Za-z0-9._-]*)["']/.exec(declaration)?.[1];
}

export function decodeXmlBytes(bytes: Uint8Array): DecodedXml {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return utf8(bytes.subarray(3));
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return decodeAs('utf-16le', bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return decodeAs('utf-16be', bytes.subarray(2));
  const declared = declaredEncoding(bytes);
  if (declared === undefined || /^utf-?8$/i.test(declared)) return utf8(bytes);
  // ISO-8859-1 as libxml2 reads it: each byte is its code point (the WHATWG label would mean windows-1252).
  if (/^(iso[-_]?8859[-_]1|latin-?1|l1)$/i.test(declared)) return { text: Buffer.from(bytes).toString('latin1') };
  return decodeAs(declared, bytes);
}

function decodeAs(encoding: string, bytes: Uint8Array): DecodedXml {
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(encoding, { fatal: true });
  } catch {
    const text = new TextDecoder('utf-8').decode(bytes);
    return { text, error: { message: `unsupported encoding ${encoding}`, line: 1, column: 1 } };
  }
  try {
    return { text: decoder.decode(bytes) };
  } catch {
    const text = new TextDecoder(encoding).decode(bytes);
    return { text, error: { message: `the bytes are not ${encoding}, as the document declares`, line: 1, column: 1 } };
  }
}

function utf8(bytes: Uint8Array): DecodedXml {
  // The common case, checked at memory speed: well-formed UTF-8 decodes without a decoder of its own.
  if (isUtf8(bytes)) return { text: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8') };
  const text = new TextDecoder('utf-8').decode(bytes);
  // U+FFFD stands where bytes were not UTF-8, or where the file holds that character itself: tell them apart.
  if (!text.includes('\uFFFD')) return { text };
  const at = firstInvalidUtf8(bytes);
  if (at === undefined) return { text };
  const before = new TextDecoder('utf-8').decode(bytes.subarray(0, at));
  const line = before.split('\n').length;
  const column = before.length - before.lastIndexOf('\n');
  const shown = [...bytes.subarray(at, at + 4)].map((b) => `0x${b.toString(16).toUpperCase().padStart(2, '0')}`);
  return {
    text,
    error: {
      message: `the bytes ${shown.join(' ')} are not UTF-8 (libxml2: Input is not proper UTF-8, indicate encoding !): save the file as UTF-8, or declare its encoding, as <?xml version="1.0" encoding="ISO-8859-1"?>`,
      line,
      column,
    },
  };
}

/** The offset of the first byte that does not begin or continue a well-formed UTF-8 sequence, if any. */
function firstInvalidUtf8(bytes: Uint8Array): number | undefined {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    const length =
      b < 0x80 ? 1 : b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    if (length === 0 || i + length > bytes.length) return i;
    for (let k = 1; k < length; k++) if ((bytes[i + k]! & 0xc0) !== 0x80) return i;
    // Overlong forms, surrogates and code points above U+10FFFF.
    const second = bytes[i + 1]!;
    if ((b === 0xe0 && second < 0xa0) || (b === 0xed && second > 0x9f)) return i;
    if ((b === 0xf0 && second < 0x90) || (b === 0xf4 && second > 0x8f)) return i;
    i += length;
  }
  return undefined;
}
