// Text edits on a parsed template, built from the spans our parser keeps: each touches only the text concerned
// and keeps the file's own indentation and line endings.
import type { Span } from '../text/lineMap.js';
import type { TemplateDocument } from '../domain/templateDocument.js';
import type { XmlElement } from '../xml/xmlTree.js';
import type { TextEdit } from './fix.js';

type Template = Extract<TemplateDocument, { kind: 'template' }>;

export function replaceSpan(document: Template, span: Span, newText: string): TextEdit {
  return { range: document.lines.rangeOf(span), newText };
}

export function insertAt(document: Template, offset: number, newText: string): TextEdit {
  return replaceSpan(document, { start: offset, end: offset }, newText);
}

/** Removes an attribute (`name="value"`) with the blanks before it. */
export function removeAttribute(document: Template, nameSpan: Span, valueSpan: Span): TextEdit {
  let start = nameSpan.start;
  while (start > 0 && /[ \t]/.test(document.text[start - 1]!)) start--;
  return replaceSpan(document, { start, end: valueSpan.end + 1 }, '');
}

/**
 * Inserts a child element just before `</element>`, on its own line with its siblings' indentation when the
 * element spans lines. An empty element written `<element/>` is opened: `<element>child</element>`.
 */
export function insertChild(document: Template, element: XmlElement, child: string): TextEdit {
  const { text } = document;
  const { span, startTag } = element;
  if (span.end === startTag.end) {
    // No end tag to insert before (searching back for one would find an earlier element's).
    const slash = text.lastIndexOf('/', span.end - 1);
    return replaceSpan(document, { start: slash, end: span.end }, `>${child}</${element.name}>`);
  }
  const closeStart = text.lastIndexOf('</', span.end - 1);
  const lineStart = text.lastIndexOf('\n', closeStart - 1) + 1;
  const closeIndent = text.slice(lineStart, closeStart);
  if (!/^[ \t]*$/.test(closeIndent) || lineStart <= span.start) return insertAt(document, closeStart, child);
  const sibling = element.children[element.children.length - 1];
  const siblingLineStart = sibling ? text.lastIndexOf('\n', sibling.span.start - 1) + 1 : lineStart;
  const siblingIndent = sibling ? text.slice(siblingLineStart, sibling.span.start) : `${closeIndent}  `;
  const indent = /^[ \t]*$/.test(siblingIndent) ? siblingIndent : `${closeIndent}  `;
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  return insertAt(document, lineStart, `${indent}${child}${eol}`);
}

/** Removes an element; with its whole line when it stands alone on it, so no blank line is left behind. */
export function removeElement(document: Template, element: XmlElement): TextEdit {
  const { text } = document;
  const lineStart = text.lastIndexOf('\n', element.span.start - 1) + 1;
  const newline = text.indexOf('\n', element.span.end);
  const lineEnd = newline === -1 ? text.length : newline;
  const alone =
    /^[ \t]*$/.test(text.slice(lineStart, element.span.start)) &&
    /^[ \t\r]*$/.test(text.slice(element.span.end, lineEnd));
  if (!alone) return replaceSpan(document, element.span, '');
  return replaceSpan(document, { start: lineStart, end: newline === -1 ? text.length : newline + 1 }, '');
}
