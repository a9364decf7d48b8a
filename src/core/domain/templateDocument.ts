import { LineMap } from '../text/lineMap.js';
import { parseXml, type XmlSyntaxError } from '../xml/parseXml.js';
import { readDomain, type DomainTemplate } from './domainTemplate.js';

interface DocumentBase {
  readonly file: string;
  readonly text: string;
  readonly lines: LineMap;
}

/** One parsed file: a domain template, a malformed document, or well-formed XML that is not a template. */
export type TemplateDocument =
  | (DocumentBase & { readonly kind: 'template'; readonly template: DomainTemplate })
  | (DocumentBase & { readonly kind: 'malformed'; readonly error: XmlSyntaxError; readonly looksLikeDomain: boolean })
  | (DocumentBase & { readonly kind: 'other'; readonly rootName: string });

const DOMAIN_TAG = /<domain[\s>/]/;

/** Whether a text looks like a domain template: a `<domain` start tag near its top (cheap; nothing is parsed). */
export function looksLikeTemplate(text: string): boolean {
  return DOMAIN_TAG.test(text.slice(0, 4096));
}

/**
 * A file's text as editors show it: without the byte-order mark they hide, so that the positions of
 * findings on a file read from disk match the editor's.
 */
export function withoutBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** `undecodable`: why the file's bytes are refused before any parsing (src/core/text/decodeXmlBytes.ts). */
export function parseTemplateDocument(file: string, text: string, undecodable?: XmlSyntaxError): TemplateDocument {
  const lines = new LineMap(text);
  if (undecodable)
    return { kind: 'malformed', file, text, lines, error: undecodable, looksLikeDomain: looksLikeTemplate(text) };
  // A NUL cannot occur in XML: say "binary" rather than show the parser's confusion.
  if (text.includes('\u0000')) {
    const error = { message: 'the file is binary (it holds NUL bytes), not XML', line: 1, column: 1, offset: 0 };
    return { kind: 'malformed', file, text, lines, error, looksLikeDomain: false };
  }
  const result = parseXml(text);
  if (!result.ok) {
    return { kind: 'malformed', file, text, lines, error: result.error, looksLikeDomain: looksLikeTemplate(text) };
  }
  if (result.root.name !== 'domain') return { kind: 'other', file, text, lines, rootName: result.root.name };
  return { kind: 'template', file, text, lines, template: readDomain(result.root) };
}
