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

/** A malformed file is still treated as a template when a `<domain` start tag appears near its top. */
const DOMAIN_TAG = /<domain[\s>/]/;

export function parseTemplateDocument(file: string, text: string): TemplateDocument {
  const lines = new LineMap(text);
  // A NUL cannot occur in XML: say "binary" rather than show the parser's confusion.
  if (text.includes('\u0000')) {
    const error = { message: 'the file is binary (it holds NUL bytes), not XML', line: 1, column: 1 };
    return { kind: 'malformed', file, text, lines, error, looksLikeDomain: false };
  }
  const result = parseXml(text);
  if (!result.ok) {
    return { kind: 'malformed', file, text, lines, error: result.error, looksLikeDomain: DOMAIN_TAG.test(text.slice(0, 4096)) };
  }
  if (result.root.name !== 'domain') return { kind: 'other', file, text, lines, rootName: result.root.name };
  return { kind: 'template', file, text, lines, template: readDomain(result.root) };
}
