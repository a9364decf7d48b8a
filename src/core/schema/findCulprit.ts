import type { Span } from '../text/lineMap.js';
import type { XmlAttribute, XmlElement } from '../xml/xmlTree.js';
import type { Grammar } from './grammarTable.js';
import type { SchemaIssue, SchemaValidator } from './schemaValidator.js';

/** What the schema does not allow, located as precisely as re-validation can tell. */
export type Culprit =
  /** An element not allowed where it stands (unknown name, or a known one in the wrong place). */
  | {
      readonly kind: 'element';
      readonly element: XmlElement;
      readonly parent: XmlElement | undefined;
      readonly allowed: readonly string[];
    }
  /** An attribute the element does not take. */
  | {
      readonly kind: 'attribute';
      readonly element: XmlElement;
      readonly parent: XmlElement | undefined;
      readonly attribute: XmlAttribute;
      readonly allowed: readonly string[];
    }
  /** An attribute the element takes, with a value it does not. */
  | {
      readonly kind: 'value';
      readonly element: XmlElement;
      readonly attribute: XmlAttribute;
      readonly allowed: readonly string[];
    }
  /** An element that is allowed but whose content is not (a missing child, a wrong text), or the root when nothing narrower was found. */
  | { readonly kind: 'content'; readonly element: XmlElement; readonly parent: XmlElement | undefined };

/** Re-validations one search may spend: about 0.3 ms each, so a few tens of milliseconds at worst. */
const CULPRIT_BUDGET = 120;

/**
 * libxml2's RelaxNG messages are coarse (`Extra element devices in interleave`, on the <devices> line, for a
 * wrong attribute deep inside a disk). The culprit is found as Jing would name it by removing one thing at a
 * time and validating again: at each level, the attribute or the child whose removal makes the document valid
 * is (or holds) the culprit; the search descends into that child, and stops at the element when nothing
 * inside it is to blame. Removal blanks the text with spaces and keeps line breaks, so libxml2's line numbers
 * stay those of the original.
 */
export function findCulprit(
  text: string,
  root: XmlElement,
  validator: SchemaValidator,
  grammar?: Grammar,
  budget = CULPRIT_BUDGET,
): Culprit {
  let spent = 0;
  const validWithout = (span: Span): boolean => {
    spent++;
    return validator.validate(blank(text, span)).length === 0;
  };
  let element = root;
  let parent: XmlElement | undefined;
  let grandparent: XmlElement | undefined;
  for (;;) {
    let descended = false;
    for (const attribute of element.attributes) {
      if (spent >= budget) break;
      if (validWithout(attributeSpan(text, attribute))) return attributeCulprit(element, parent, attribute, grammar);
    }
    for (const childElement of element.children) {
      if (spent >= budget) break;
      if (validWithout(childElement.span)) {
        grandparent = parent;
        parent = element;
        element = childElement;
        descended = true;
        break;
      }
    }
    if (!descended) break;
  }
  const located = element === root ? undefined : elementCulprit(element, parent, grandparent, grammar);
  if (located && located.kind !== 'content') return located;
  // Nothing narrower could be removed (a required attribute or child is at fault, or there are several
  // faults): the grammar names what it does not know in the subtree, and a value outside an enumeration is
  // confirmed by validating again with an allowed value in its place.
  return (
    (grammar && narrowWithGrammar(text, element, parent, grandparent, grammar, validator, budget - spent)) ?? {
      kind: 'content',
      element,
      parent,
    }
  );
}

function narrowWithGrammar(
  text: string,
  top: XmlElement,
  topParent: XmlElement | undefined,
  topGrandparent: XmlElement | undefined,
  grammar: Grammar,
  validator: SchemaValidator,
  budget: number,
): Culprit | undefined {
  let spent = 0;
  const visit = (
    element: XmlElement,
    parent: XmlElement | undefined,
    grandparent: XmlElement | undefined,
  ): Culprit | undefined => {
    if (parent) {
      const allowedHere = grammar.childrenOf(grandparent?.name, parent.name);
      if (allowedHere.length > 0 && !allowedHere.includes(element.name))
        return { kind: 'element', element, parent, allowed: allowedHere };
    }
    const own = grammar.element(parent?.name, element.name);
    if (own) {
      for (const attribute of element.attributes) {
        if (attribute.name.includes(':')) continue; // xmlns and foreign namespaces
        const values = own.attributes[attribute.name];
        if (!values) return { kind: 'attribute', element, parent, attribute, allowed: Object.keys(own.attributes) };
        if (values.length > 0 && !values.includes(attribute.value) && spent < budget) {
          spent++;
          const replaced = text.slice(0, attribute.valueSpan.start) + values[0] + text.slice(attribute.valueSpan.end);
          if (validator.validate(replaced).length === 0) return { kind: 'value', element, attribute, allowed: values };
        }
      }
    }
    for (const c of element.children) {
      const found = visit(c, element, parent);
      if (found) return found;
    }
    return undefined;
  };
  return visit(top, topParent, topGrandparent);
}

function attributeCulprit(
  element: XmlElement,
  parent: XmlElement | undefined,
  attribute: XmlAttribute,
  grammar: Grammar | undefined,
): Culprit {
  const allowed = grammar?.element(parent?.name, element.name);
  if (allowed && attribute.name in allowed.attributes) {
    return { kind: 'value', element, attribute, allowed: allowed.attributes[attribute.name] ?? [] };
  }
  return { kind: 'attribute', element, parent, attribute, allowed: allowed ? Object.keys(allowed.attributes) : [] };
}

function elementCulprit(
  element: XmlElement,
  parent: XmlElement | undefined,
  grandparent: XmlElement | undefined,
  grammar: Grammar | undefined,
): Culprit {
  if (!grammar || !parent) return { kind: 'content', element, parent };
  const allowedHere = grammar.childrenOf(grandparent?.name, parent.name);
  if (!allowedHere.includes(element.name)) return { kind: 'element', element, parent, allowed: allowedHere };
  // Allowed here: an attribute with a value outside its enumeration is the likeliest reason (a required one
  // could not be removed to tell).
  const own = grammar.element(parent.name, element.name);
  for (const attribute of element.attributes) {
    const values = own?.attributes[attribute.name];
    if (values && values.length > 0 && !values.includes(attribute.value))
      return { kind: 'value', element, attribute, allowed: values };
  }
  return { kind: 'content', element, parent };
}

/** The attribute as written, from its name to its closing quote. */
export function attributeSpan(text: string, attribute: XmlAttribute): Span {
  const quote = text[attribute.valueSpan.end] === '"' || text[attribute.valueSpan.end] === "'" ? 1 : 0;
  return { start: attribute.nameSpan.start, end: attribute.valueSpan.end + quote };
}

/** The text with a span blanked (spaces; line breaks kept), so every offset and line number stays where it was. */
export function blank(text: string, span: Span): string {
  return text.slice(0, span.start) + text.slice(span.start, span.end).replace(/[^\n]/g, ' ') + text.slice(span.end);
}

/** libxml2's own words for the issue, when the search found nothing narrower than the document. */
export function firstIssue(issues: readonly SchemaIssue[]): SchemaIssue | undefined {
  return issues.find((i) => i.line > 0) ?? issues[0];
}
