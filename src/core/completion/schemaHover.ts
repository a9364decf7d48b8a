import type { Span } from '../text/lineMap.js';
import type { XmlElement } from '../xml/xmlTree.js';
import type { Grammar } from '../schema/grammarTable.js';
import { docsOf } from '../schema/domainDocs.js';

export interface SchemaHover {
  readonly span: Span;
  /** Markdown paragraphs. */
  readonly lines: readonly string[];
}

/**
 * On an element's name (start or end tag) or an attribute's name: what it is in libvirt's schema (where it is
 * allowed, its enumerated values) and the section of libvirt's domain XML documentation about it.
 */
export function schemaHoverAt(
  root: XmlElement,
  text: string,
  offset: number,
  grammar: Grammar | undefined,
): SchemaHover | undefined {
  const path: XmlElement[] = [];
  let element: XmlElement | undefined = root;
  while (element && element.span.start <= offset && offset < element.span.end) {
    path.push(element);
    element = element.children.find((c) => c.span.start <= offset && offset < c.span.end);
  }
  const target = path[path.length - 1];
  if (!target) return undefined;
  const names = path.map((e) => e.name);
  const parent = path[path.length - 2]?.name;
  const docs = docsOf(names);
  const link = `[libvirt: ${docs.title}](${docs.url})`;
  const startName = { start: target.startTag.start + 1, end: target.startTag.start + 1 + target.name.length };
  const close = text.lastIndexOf(`</${target.name}`, target.span.end);
  const endName =
    close > target.startTag.end - 1 ? { start: close + 2, end: close + 2 + target.name.length } : undefined;
  const within = (s: Span | undefined): s is Span => s !== undefined && s.start <= offset && offset <= s.end;
  const known = grammar?.element(parent, target.name);
  if (within(startName) || within(endName)) {
    const span = within(startName) ? startName : endName!;
    const where = parent ? ` in \`<${parent}>\`` : '';
    const lines = [`**\`<${target.name}>\`**${where}: libvirt domain XML element. ${link}`];
    if (grammar && !known) lines.push(`Not in libvirt's schema (domain.rng).`);
    return { span, lines };
  }
  for (const attribute of target.attributes) {
    if (!within(attribute.nameSpan)) continue;
    const values = known?.attributes[attribute.name];
    const lines = [`**\`${attribute.name}\`** of \`<${target.name}>\`: libvirt domain XML attribute. ${link}`];
    if (values && values.length > 0) lines.push(`One of: ${values.map((v) => `\`${v}\``).join(', ')}`);
    else if (known && !values) lines.push(`Not an attribute of \`<${target.name}>\` in libvirt's schema (domain.rng).`);
    return { span: attribute.nameSpan, lines };
  }
  return undefined;
}
