import { decodeEntities } from './xmlTree.js';

/**
 * The character data of `text` between start and end as an XML processor reports it: comments and
 * processing instructions dropped, CDATA sections unwrapped, character and predefined references decoded.
 * line ends normalized to `\n` (XML 2.11). Undefined where it cannot be told from the text alone: a reference
 * to an entity a DOCTYPE declares. The text is well-formed: the parser accepted it.
 */
export function characterData(text: string, start: number, end: number): string | undefined {
  let out = '';
  let i = start;
  while (i < end) {
    const lt = text.indexOf('<', i);
    const stop = lt === -1 || lt > end ? end : lt;
    if (stop > i) {
      const piece = normalizeLineEnds(text.slice(i, stop));
      if (piece.includes('&')) {
        const decoded = decodeEntities(piece);
        if (/&[A-Za-z_:]/.test(piece.replace(/&(lt|gt|amp|quot|apos);/g, ''))) return undefined;
        out += decoded;
      } else out += piece;
    }
    if (stop === end) break;
    if (text.startsWith('<![CDATA[', stop)) {
      const close = text.indexOf(']]>', stop + 9);
      out += normalizeLineEnds(text.slice(stop + 9, close));
      i = close + 3;
    } else if (text.startsWith('<!--', stop)) {
      i = text.indexOf('-->', stop + 4) + 3;
    } else if (text.startsWith('<?', stop)) {
      i = text.indexOf('?>', stop + 2) + 2;
    } else {
      return undefined; // an element: not character data
    }
  }
  return out;
}

/**
 * Where an element's content ends: the `<` of its end tag, or its start tag's end when it is empty (`<x/>`).
 * Given the element's end and its start tag's end (the parser makes spans on demand: callers read them once).
 */
export function contentEnd(text: string, elementEnd: number, startTagEnd: number): number {
  return elementEnd === startTagEnd ? startTagEnd : text.lastIndexOf('</', elementEnd - 1);
}

const normalizeLineEnds = (raw: string): string => (raw.includes('\r') ? raw.replace(/\r\n?/g, '\n') : raw);
