import { contentEnd } from '../../src/core/xml/characterData.js';
import { parseXml } from '../../src/core/xml/parseXml.js';
import type { XmlAttribute, XmlElement } from '../../src/core/xml/xmlTree.js';
import { mulberry32 } from './seeded.js';

/** Values that sit at the edges of libvirt's datatypes: signs, ranges, spaces, case, hex, empties. */
const EDGE_VALUES = [
  '',
  ' ',
  'x',
  '0',
  '-0',
  '-1',
  '+1',
  '007',
  '1.5',
  '1e3',
  '0x10',
  '65535',
  '65536',
  '2147483648',
  '4294967295',
  '4294967296',
  '18446744073709551615',
  '18446744073709551616',
  '123456789012345678901234',
  'yes',
  'on',
  'true',
  'default',
  'NaN',
  '/',
  'a b',
  '\u00e9',
];

interface Mutable {
  readonly elements: XmlElement[];
  readonly attributes: { element: XmlElement; attribute: XmlAttribute }[];
}

function collect(root: XmlElement): Mutable {
  const elements: XmlElement[] = [];
  const attributes: Mutable['attributes'] = [];
  const walk = (e: XmlElement): void => {
    elements.push(e);
    for (const attribute of e.attributes) attributes.push({ element: e, attribute });
    e.children.forEach(walk);
  };
  walk(root);
  return { elements, attributes };
}

const splice = (text: string, start: number, end: number, insert: string): string =>
  text.slice(0, start) + insert + text.slice(end);

/** Where an element's content ends: the `<` of its end tag (undefined for `<x/>`). */
function endTagStart(text: string, e: XmlElement): number | undefined {
  return e.span.end === e.startTag.end ? undefined : contentEnd(text, e.span.end, e.startTag.end);
}

/**
 * Mutants of well-formed libvirt templates that stay well-formed but may break the schema: attribute values at
 * the edges of their datatypes or taken from elsewhere, attributes removed or added, elements renamed, removed,
 * duplicated, moved or swapped, leaf texts changed (also as CDATA, references, comments inside), stray text,
 * namespaces, line ends. Every document and pool value comes from `sources`.
 */
export function schemaMutants(sources: readonly string[], count: number, seed = 20261205): string[] {
  const random = mulberry32(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const parsed = sources.flatMap((text) => {
    const result = parseXml(text);
    return result.ok ? [{ text, ...collect(result.root) }] : [];
  });
  const attributeNames = [...new Set(parsed.flatMap((d) => d.attributes.map((a) => a.attribute.name)))];
  const elementNames = [...new Set(parsed.flatMap((d) => d.elements.map((e) => e.name)))];
  const valuesByName = new Map<string, string[]>();
  for (const d of parsed)
    for (const { attribute } of d.attributes) {
      const list = valuesByName.get(attribute.name) ?? [];
      if (!list.includes(attribute.value)) list.push(attribute.value);
      valuesByName.set(attribute.name, list);
    }
  const texts = [...new Set(parsed.flatMap((d) => d.elements.flatMap((e) => (e.text ? [e.text.value] : []))))];

  const mutations: ((d: (typeof parsed)[number]) => string | undefined)[] = [
    // an attribute's value: an edge value, a value this attribute has elsewhere, or a variation of its own
    ({ text, attributes }) => {
      if (attributes.length === 0) return undefined;
      const { attribute } = pick(attributes);
      const v = attribute.value;
      const choices = [
        pick(EDGE_VALUES),
        pick(valuesByName.get(attribute.name) ?? [v]),
        ` ${v}`,
        `${v} `,
        v.toUpperCase(),
        `${v}x`,
        v.slice(0, -1),
        `${v}${v}`,
      ];
      return splice(text, attribute.valueSpan.start, attribute.valueSpan.end, escapeAttribute(pick(choices)));
    },
    // an attribute removed
    ({ text, attributes }) => {
      if (attributes.length === 0) return undefined;
      const { attribute } = pick(attributes);
      return splice(text, attribute.nameSpan.start - 1, attribute.valueSpan.end + 1, '');
    },
    // an attribute added: a name used elsewhere, with one of its values or an edge value
    ({ text, elements }) => {
      const e = pick(elements);
      const name = pick(attributeNames);
      if (e.attributes.has(name)) return undefined;
      const value = random() < 0.7 ? pick(valuesByName.get(name) ?? ['x']) : pick(EDGE_VALUES);
      const at = e.startTag.start + 1 + e.name.length;
      return splice(text, at, at, ` ${name}='${escapeAttribute(value)}'`);
    },
    // an element renamed: a typo, or another element's name
    ({ text, elements }) => {
      const e = pick(elements);
      const name = random() < 0.5 ? `${e.name}${pick(['x', 's', ''])}${random() < 0.5 ? '' : 'e'}` : pick(elementNames);
      if (name === e.name) return undefined;
      const close = endTagStart(text, e);
      let out = text;
      if (close !== undefined) out = splice(out, close + 2, close + 2 + e.name.length, name);
      return splice(out, e.startTag.start + 1, e.startTag.start + 1 + e.name.length, name);
    },
    // an element removed
    ({ text, elements }) => {
      const e = pick(elements.slice(1));
      return e ? splice(text, e.span.start, e.span.end, '') : undefined;
    },
    // an element written twice
    ({ text, elements }) => {
      const e = pick(elements.slice(1));
      return e ? splice(text, e.span.end, e.span.end, text.slice(e.span.start, e.span.end)) : undefined;
    },
    // an element moved into another element
    ({ text, elements }) => {
      const e = pick(elements.slice(1));
      const into = pick(elements);
      if (!e || into === e) return undefined;
      const close = endTagStart(text, into);
      if (close === undefined || (close >= e.span.start && close <= e.span.end)) return undefined;
      if (into.span.start >= e.span.start && into.span.end <= e.span.end) return undefined;
      const moved = text.slice(e.span.start, e.span.end);
      return close < e.span.start
        ? splice(splice(text, e.span.start, e.span.end, ''), close, close, moved)
        : splice(splice(text, close, close, moved), e.span.start, e.span.end, '');
    },
    // two neighbours swapped
    ({ text, elements }) => {
      const parent = pick(elements.filter((e) => e.children.length >= 2));
      if (!parent) return undefined;
      const i = Math.floor(random() * (parent.children.length - 1));
      const [a, b] = [parent.children[i]!, parent.children[i + 1]!];
      const first = text.slice(a.span.start, a.span.end);
      const second = text.slice(b.span.start, b.span.end);
      return splice(text, a.span.start, b.span.end, second + text.slice(a.span.end, b.span.start) + first);
    },
    // a leaf's text changed, also written as CDATA, as references, or around a comment
    ({ text, elements }) => {
      const e = pick(elements.filter((x) => x.children.length === 0 && endTagStart(text, x) !== undefined));
      if (!e) return undefined;
      const v = e.text?.value ?? '';
      const replacement = pick([
        pick(EDGE_VALUES),
        pick(texts),
        ` ${v} `,
        `${v}\n`,
        `<![CDATA[${v}]]>`,
        `${v.slice(0, 1)}<!-- c -->${v.slice(1)}`,
        [...v].map((c) => `&#${c.codePointAt(0)};`).join(''),
        `${v}x`,
        v.toUpperCase(),
      ]);
      return splice(text, e.startTag.end, endTagStart(text, e)!, replacement.replace(/&(?!#)/g, '&amp;'));
    },
    // text where elements are expected
    ({ text, elements }) => {
      const e = pick(elements.filter((x) => x.children.length > 0));
      return e
        ? splice(text, e.startTag.end, e.startTag.end, pick(['x', ' 1 ', '<!-- c -->', '<![CDATA[ ]]>']))
        : undefined;
    },
    // namespaces: libvirt's own (qemu:commandline), a foreign element, a default namespace
    ({ text, elements }) => {
      const root = elements[0]!;
      const at = root.startTag.start + 1 + root.name.length;
      const close = endTagStart(text, root);
      if (close === undefined) return undefined;
      switch (Math.floor(random() * 4)) {
        case 0:
          return splice(
            splice(text, close, close, `<qemu:commandline><qemu:arg value='-s'/></qemu:commandline>`),
            at,
            at,
            ` xmlns:qemu='http://libvirt.org/schemas/domain/qemu/1.0'`,
          );
        case 1:
          return splice(
            splice(
              text,
              close,
              close,
              `<q:commandline xmlns:q='http://libvirt.org/schemas/domain/qemu/1.0'><q:env name='A' value='b'/></q:commandline>`,
            ),
            at,
            at,
            '',
          );
        case 2:
          return splice(text, close, close, `<x:extra xmlns:x='urn:example'/>`);
        default:
          return splice(text, at, at, ` xmlns='urn:example'`);
      }
    },
    // CRLF line ends, and a line end inside an attribute value
    ({ text, attributes }) => {
      const crlf = text.replace(/\r?\n/g, '\r\n');
      if (attributes.length === 0 || random() < 0.5) return crlf;
      const { attribute } = pick(attributes);
      return splice(text, attribute.valueSpan.start, attribute.valueSpan.start, '\n');
    },
  ];

  const mutants: string[] = [];
  for (let tries = 0; mutants.length < count && tries < count * 20; tries++) {
    const d = pick(parsed);
    const mutant = pick(mutations)(d);
    if (mutant !== undefined && mutant !== d.text && parseXml(mutant).ok) mutants.push(mutant);
  }
  return mutants;
}

function escapeAttribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/'/g, '&apos;').replace(/"/g, '&quot;');
}
