import type { Span } from '../../text/lineMap.js';
import type { Fix } from '../../fixes/fix.js';
import { replaceSpan } from '../../fixes/templateEdits.js';
import type { XmlElement } from '../../xml/xmlTree.js';
import { closestNames } from '../../schema/closestNames.js';
import { domainGrammar } from '../../schema/domainGrammar.js';
import { attributeSpan, blank, findCulprit, firstIssue, type Culprit } from '../../schema/findCulprit.js';
import { templateRule, type Problem, type TemplateFacts } from '../rule.js';
import type { SchemaValidator } from '../../schema/schemaValidator.js';

/**
 * libvirt's RelaxNG schema (domain.rng) through libxml2, in process. It runs on well-formed templates only
 * (xml-syntax reports the others), and reports nothing until the schema is compiled: the CLI compiles it
 * before linting, the editor on its first template and then lints again (src/core/schema/loadSchema.ts).
 */
export const schema = templateRule({
  id: 'schema',
  severity: 'error',
  description:
    "The template does not follow libvirt's domain XML schema (domain.rng): an unknown or misplaced element or attribute, or a value libvirt does not accept (virsh define --validate refuses it; without --validate libvirt drops what it does not know).",
  runsAfterOthers: true,
  check({ document, template, schema: validator, reportedByOthers = [] }) {
    if (!validator) return [];
    if (validator.provesValid?.(document.text, template.root)) return [];
    const explained = leavesHolding(
      template.root,
      reportedByOthers.map((range) => document.lines.offsetAt(range.start)),
    );
    // The editor lints a template again whenever a file it shares values with changes: the verdict on the same
    // parse (same text) is kept, so the culprit search (up to 120 validations) runs once per text.
    const key = explained.map((e) => e.span.start).join(',');
    const cached = verdicts.get(document);
    if (cached?.validator === validator && cached.key === key) return cached.problems;
    const problems = schemaProblems(document, validator, explained);
    verdicts.set(document, { validator, key, problems });
    return problems;
  },
});

const verdicts = new WeakMap<object, { validator: SchemaValidator; key: string; problems: Problem[] }>();

/**
 * What the schema says that the other rules do not. A fault in an element (with no child elements) that
 * another rule already reported, as invalid-mac reports `<mac address='52:54:zz:…'>`, is theirs to tell: they
 * say it better and fix it. With several faults libxml2's verdict cannot be narrowed by removing one thing, so
 * the elements already explained are set aside (blanked) and the search is made again on what is left.
 */
function schemaProblems(document: Template, validator: SchemaValidator, explained: readonly XmlElement[]): Problem[] {
  const root = document.template.root;
  const issues = validator.validate(document.text);
  if (issues.length === 0) return [];
  let culprit = findCulprit(document.text, root, validator, domainGrammar());
  if (explained.some((element) => blames(culprit, element))) return [];
  if (culprit.kind === 'content' && culprit.element === root && explained.length > 0) {
    const rest = explained.reduce((text, element) => blank(text, element.span), document.text);
    if (validator.validate(rest).length === 0) return []; // every fault is in what the other rules reported
    const narrower = findCulprit(rest, root, validator, domainGrammar());
    if (!explained.some((element) => blames(narrower, element) || holds(narrower, element))) culprit = narrower;
  }
  const { message, span, names } = describe(culprit, document.text, issues);
  return [{ message, range: document.lines.rangeOf(span), fixes: () => renames(document, culprit, names) }];
}

/** The innermost elements without child elements that hold these offsets (the root never: it holds everything). */
function leavesHolding(root: XmlElement, offsets: readonly number[]): XmlElement[] {
  const found = new Set<XmlElement>();
  for (const offset of offsets) {
    let element = root;
    for (;;) {
      const inner = element.children.find((c) => c.span.start <= offset && offset < c.span.end);
      if (!inner) break;
      element = inner;
    }
    if (element !== root && element.children.length === 0) found.add(element);
  }
  return [...found].sort((a, b) => a.span.start - b.span.start);
}

/** The culprit is this element, or an attribute or value of it. */
const blames = (culprit: Culprit, element: XmlElement): boolean => culprit.element === element;

/** The culprit is the element holding this one (setting it aside may have left its parent incomplete). */
const holds = (culprit: Culprit, element: XmlElement): boolean =>
  culprit.kind === 'content' && culprit.element.children.includes(element);

type Template = TemplateFacts['document'];

const list = (names: readonly string[], max = 12): string =>
  names.length <= max ? names.join(', ') : `${names.slice(0, max).join(', ')}, … (${names.length - max} more)`;

const nameSpan = (element: XmlElement): Span => ({
  start: element.startTag.start + 1,
  end: element.startTag.start + 1 + element.name.length,
});

/** The message, where it points, and the closest allowed names (for the quick fixes). */
function describe(
  culprit: Culprit,
  text: string,
  issues: Parameters<typeof firstIssue>[0],
): { message: string; span: Span; names: string[] } {
  switch (culprit.kind) {
    case 'element': {
      const names = closestNames(culprit.element.name, culprit.allowed);
      const hint = names.length > 0 ? ` (did you mean <${names[0]}>?)` : '';
      const where = culprit.parent ? `in <${culprit.parent.name}>` : 'here';
      return {
        message: `<${culprit.element.name}> is not allowed ${where}${hint}; expected: ${list(culprit.allowed)}`,
        span: nameSpan(culprit.element),
        names,
      };
    }
    case 'attribute': {
      const names = closestNames(culprit.attribute.name, culprit.allowed);
      const hint = names.length > 0 ? ` (did you mean ${names[0]}?)` : '';
      const takes = culprit.allowed.length > 0 ? `; it takes: ${list(culprit.allowed)}` : '; it takes no attribute';
      return {
        message: `attribute ${culprit.attribute.name} is not allowed on <${culprit.element.name}>${hint}${takes}`,
        span: attributeSpan(text, culprit.attribute),
        names,
      };
    }
    case 'value': {
      const { attribute, element, allowed } = culprit;
      const names = closestNames(attribute.value, allowed);
      const expected = allowed.length > 0 ? `; expected one of: ${list(allowed)}` : '';
      return {
        message: `${attribute.name}='${attribute.value}' is not a value libvirt accepts on <${element.name}>${expected}`,
        span: attribute.valueSpan,
        names,
      };
    }
    case 'content': {
      const { element } = culprit;
      // libxml2's generic closing words say nothing the message does not
      const telling = issues.filter((i) => !/failed to validate content|in interleave$/.test(i.message));
      const issue = telling.find((i) => i.xpath?.endsWith(`/${element.name}`)) ?? firstIssue(telling);
      const said = issue ? ` (libxml2: ${issue.message})` : '';
      if (element.children.length === 0 && element.text) {
        return {
          message: `the text '${element.text.value}' of <${element.name}> is not a value libvirt accepts`,
          span: element.text.span,
          names: [],
        };
      }
      if (element.children.length === 0 && element.attributes.size > 0 && culprit.parent) {
        const values = [...element.attributes].map((a) => `${a.name}='${a.value}'`).join(' ');
        return {
          message: `<${element.name} ${values}>: a value libvirt does not accept, or a required attribute missing${said}`,
          span: nameSpan(element),
          names: [],
        };
      }
      const what = culprit.parent
        ? `the content of <${element.name}> does not follow libvirt's schema`
        : "the domain does not follow libvirt's schema";
      return { message: `${what}${said}`, span: nameSpan(element), names: [] };
    }
  }
}

/** One fix per close name: rename the element (both tags), the attribute, or change the value. */
function renames(document: Template, culprit: Culprit, names: readonly string[]): Fix[] {
  return names.map((name, i): Fix => {
    if (culprit.kind === 'element') {
      const { element } = culprit;
      const edits = [replaceSpan(document, nameSpan(element), name)];
      const close = document.text.lastIndexOf(`</${element.name}`, element.span.end);
      if (close > element.startTag.start)
        edits.push(replaceSpan(document, { start: close + 2, end: close + 2 + element.name.length }, name));
      return { title: `Rename <${element.name}> to <${name}>`, edits, preferred: i === 0 };
    }
    if (culprit.kind === 'attribute') {
      return {
        title: `Rename ${culprit.attribute.name} to ${name}`,
        edits: [replaceSpan(document, culprit.attribute.nameSpan, name)],
        preferred: i === 0,
      };
    }
    const attribute = culprit.kind === 'value' ? culprit.attribute : undefined;
    return {
      title: `Change ${attribute?.name}='${attribute?.value}' to '${name}'`,
      edits: attribute ? [replaceSpan(document, attribute.valueSpan, name)] : [],
      preferred: i === 0,
    };
  });
}
