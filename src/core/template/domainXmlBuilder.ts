import { XMLBuilder } from 'fast-xml-parser';

// fast-xml-parser's builder, a small one (xmlbuilder2 and its dependencies were 300 KB of the bundle): escapes
// text and attributes, writes empty elements as <readonly/>. Element order is the objects' key order.
// Attributes are keys prefixed '@_', as fast-xml-parser's parser reads them.
const builder = new XMLBuilder({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  format: true,
  indentBy: '  ',
  suppressEmptyNode: true,
});

/** The text of a `<domain>` element from its object form, indented by two spaces. */
export function buildDomainXml(domain: unknown): string {
  return builder.build({ domain }) as string;
}
