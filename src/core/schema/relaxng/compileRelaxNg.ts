import path from 'node:path';
import { characterData, contentEnd } from '../../xml/characterData.js';
import { parseXml } from '../../xml/parseXml.js';
import type { XmlElement } from '../../xml/xmlTree.js';
import { dataCheck, valueCheck, XSD_DATATYPES, type Param } from './datatypes.js';
import { Patterns, type NameClass, type Pattern, type ValueCheck } from './patterns.js';

/** A RELAX NG construct this compiler does not handle (libvirt's domain.rng uses none): libxml2 alone judges. */
export class UnsupportedSchema extends Error {}

/** What a pattern inherits from the RELAX NG elements around it. */
interface Context {
  readonly ns: string;
  readonly datatypeLibrary: string;
  /** The schema file's text, for exact `<value>` and `<param>` contents. */
  readonly source: string;
}

interface Component {
  readonly node: XmlElement;
  readonly context: Context;
}

interface Grammar {
  starts: Component[];
  defines: Map<string, Component[]>;
}

export interface CompiledRelaxNg {
  readonly patterns: Patterns;
  readonly start: Pattern;
}

/**
 * Compiles a RELAX NG grammar in XML syntax (libvirt's domain.rng and the files it includes; `readFile` reads
 * one by the path an href gives, relative to the file that includes it) into patterns to validate by
 * derivatives. Element contents are compiled when a document first reaches them.
 */
export function compileRelaxNg(readFile: (file: string) => string, startFile: string): CompiledRelaxNg {
  const patterns = new Patterns();
  const included = new Set<string>();

  const load = (file: string): Grammar => {
    const source = readFile(file);
    const parsed = parseXml(source);
    if (!parsed.ok) throw new Error(`${file}: ${parsed.error.message} (line ${parsed.error.line})`);
    if (parsed.root.name !== 'grammar') throw new UnsupportedSchema(`${file}: the root is not <grammar>`);
    const grammar: Grammar = { starts: [], defines: new Map() };
    collect(parsed.root, inherit({ ns: '', datatypeLibrary: '', source }, parsed.root), file, grammar);
    return grammar;
  };

  const collect = (node: XmlElement, context: Context, file: string, into: Grammar): void => {
    for (const c of node.children) {
      const inner = inherit(context, c);
      if (c.name === 'start') into.starts.push({ node: c, context: inner });
      else if (c.name === 'define') {
        const name = attribute(c, 'name');
        into.defines.set(name, [...(into.defines.get(name) ?? []), { node: c, context: inner }]);
      } else if (c.name === 'div') collect(c, inner, file, into);
      else if (c.name === 'include') {
        const href = path.posix.join(path.posix.dirname(file), attribute(c, 'href'));
        // libvirt's files include one another more than once (basictypes.rng); the first inclusion counts.
        if (included.has(href)) continue;
        included.add(href);
        const grammar = load(href);
        const overrides: Grammar = { starts: [], defines: new Map() };
        collect(c, inner, file, overrides);
        if (overrides.starts.length > 0) grammar.starts = [];
        for (const name of overrides.defines.keys()) grammar.defines.delete(name);
        into.starts.push(...grammar.starts, ...overrides.starts);
        for (const [name, list] of [...grammar.defines, ...overrides.defines])
          into.defines.set(name, [...(into.defines.get(name) ?? []), ...list]);
      }
    }
  };

  included.add(startFile);
  const grammar = load(startFile);

  const compiledDefines = new Map<string, Pattern | 'compiling'>();
  const define = (name: string): Pattern => {
    const known = compiledDefines.get(name);
    if (known === 'compiling') throw new UnsupportedSchema(`define ${name} refers to itself outside an element`);
    if (known) return known;
    const list = grammar.defines.get(name);
    if (!list) throw new UnsupportedSchema(`no define named ${name}`);
    compiledDefines.set(name, 'compiling');
    const pattern = combine(list, `define ${name}`);
    compiledDefines.set(name, pattern);
    return pattern;
  };

  const combine = (list: readonly Component[], what: string): Pattern => {
    const methods = new Set(list.map((c) => c.node.attributes.get('combine')?.value).filter(Boolean));
    if (methods.size > 1) throw new UnsupportedSchema(`${what} is combined in two ways`);
    const bodies = list.map((c) => group(c.node.children, c.context));
    return methods.has('interleave') ? patterns.interleave(bodies) : bodies.reduce((a, b) => patterns.choice(a, b));
  };

  const group = (nodes: readonly XmlElement[], context: Context): Pattern => {
    if (nodes.length === 0) return patterns.empty;
    return nodes.map((n) => pattern(n, context)).reduce((a, b) => patterns.group(a, b));
  };

  const pattern = (node: XmlElement, outer: Context): Pattern => {
    const context = inherit(outer, node);
    const { children } = node;
    switch (node.name) {
      case 'element': {
        const [nameClass, content] = namedContent(node, context, context.ns);
        return patterns.element(nameClass, () => group(content, context));
      }
      case 'attribute': {
        const [nameClass, content] = namedContent(node, context, node.attributes.get('ns')?.value ?? '');
        return patterns.attribute(nameClass, content.length === 0 ? patterns.text : group(content, context));
      }
      case 'group':
        return group(children, context);
      case 'interleave':
        return patterns.interleave(children.map((c) => pattern(c, context)));
      case 'choice':
        return children.map((c) => pattern(c, context)).reduce((a, b) => patterns.choice(a, b));
      case 'optional':
        return patterns.choice(group(children, context), patterns.empty);
      case 'zeroOrMore':
        return patterns.choice(patterns.oneOrMore(group(children, context)), patterns.empty);
      case 'oneOrMore':
        return patterns.oneOrMore(group(children, context));
      case 'mixed':
        return patterns.interleave([group(children, context), patterns.text]);
      case 'ref':
        return define(attribute(node, 'name'));
      case 'empty':
        return patterns.empty;
      case 'notAllowed':
        return patterns.notAllowed;
      case 'text':
        return patterns.text;
      case 'value': {
        const type = node.attributes.get('type')?.value;
        const expected = textOf(context.source, node);
        if (expected === undefined) throw new UnsupportedSchema('a <value> whose text cannot be read exactly');
        // A <value> without a type is a token of the built-in library (RELAX NG 4.4).
        return patterns.data(
          type === undefined ? valueCheck('', 'token', expected) : valueCheck(context.datatypeLibrary, type, expected),
        );
      }
      case 'data':
        return patterns.data(dataPattern(node, context));
      default:
        throw new UnsupportedSchema(`<${node.name}> is not supported`);
    }
  };

  const dataPattern = (node: XmlElement, context: Context): ValueCheck => {
    const params: Param[] = [];
    const excepted: ValueCheck[] = [];
    for (const c of node.children) {
      if (c.name === 'param') {
        const value = textOf(context.source, c);
        if (value === undefined) throw new UnsupportedSchema('a <param> whose text cannot be read exactly');
        params.push({ name: attribute(c, 'name'), value });
      } else if (c.name === 'except') {
        // Only lists of values: a check that wrongly said "no match" here would let a wrong value through.
        for (const v of valuesOf(c)) {
          const library = inherit(inherit(context, c), v).datatypeLibrary;
          if (v.attributes.has('type') && library !== '' && library !== XSD_DATATYPES)
            throw new UnsupportedSchema(`a <value> of the datatype library ${library} inside <except>`);
          const p = pattern(v, inherit(context, c));
          excepted.push((value) => patterns.textDeriv(p, value).nullable);
        }
      } else throw new UnsupportedSchema(`<${c.name}> inside <data>`);
    }
    const base = dataCheck(context.datatypeLibrary, attribute(node, 'type'), params);
    return excepted.length === 0 ? base : (value) => base(value) && !excepted.some((check) => check(value));
  };

  const namedContent = (node: XmlElement, context: Context, ns: string): [NameClass, readonly XmlElement[]] => {
    const name = node.attributes.get('name')?.value;
    if (name !== undefined) return [qualified(name.trim(), ns), node.children];
    const [first, ...rest] = node.children;
    if (!first) throw new UnsupportedSchema(`<${node.name}> without a name`);
    return [nameClass(first, context), rest];
  };

  const nameClass = (node: XmlElement, outer: Context): NameClass => {
    const context = inherit(outer, node);
    const except = (): NameClass | undefined => {
      const e = node.children.find((c) => c.name === 'except');
      return e ? e.children.map((c) => nameClass(c, context)).reduce((a, b) => ({ kind: 'choice', a, b })) : undefined;
    };
    switch (node.name) {
      case 'name': {
        const text = textOf(context.source, node);
        if (text === undefined) throw new UnsupportedSchema('a <name> whose text cannot be read exactly');
        return qualified(text.trim(), context.ns);
      }
      case 'anyName': {
        const e = except();
        return e ? { kind: 'anyName', except: e } : { kind: 'anyName' };
      }
      case 'nsName': {
        const e = except();
        return e ? { kind: 'nsName', ns: context.ns, except: e } : { kind: 'nsName', ns: context.ns };
      }
      case 'choice':
        return node.children.map((c) => nameClass(c, context)).reduce((a, b) => ({ kind: 'choice', a, b }));
      default:
        throw new UnsupportedSchema(`<${node.name}> as a name class`);
    }
  };

  if (grammar.starts.length === 0) throw new UnsupportedSchema(`${startFile} has no <start>`);
  return { patterns, start: combine(grammar.starts, 'start') };
}

/** The whole text of a schema element (a `<value>`, a `<param>`, a `<name>`), or undefined where unsure. */
function textOf(source: string, node: XmlElement): string | undefined {
  const startTagEnd = node.startTag.end;
  return characterData(source, startTagEnd, contentEnd(source, node.span.end, startTagEnd));
}

function inherit(context: Context, node: XmlElement): Context {
  const ns = node.attributes.get('ns')?.value;
  const datatypeLibrary = node.attributes.get('datatypeLibrary')?.value;
  if (ns === undefined && datatypeLibrary === undefined) return context;
  return { ...context, ns: ns ?? context.ns, datatypeLibrary: datatypeLibrary ?? context.datatypeLibrary };
}

function attribute(node: XmlElement, name: string): string {
  const value = node.attributes.get(name)?.value;
  if (value === undefined) throw new UnsupportedSchema(`<${node.name}> without ${name}=`);
  return value.trim();
}

/** A name in a namespace; a prefixed name gets a namespace of its own that no unprefixed name matches. */
function qualified(name: string, ns: string): NameClass {
  const colon = name.indexOf(':');
  return colon === -1
    ? { kind: 'name', ns, local: name }
    : { kind: 'name', ns: `prefix:${name.slice(0, colon)}`, local: name.slice(colon + 1) };
}

/** The `<value>` elements (tokens or strings) of an `<except>`, directly or in choices; nothing else is supported there. */
function valuesOf(node: XmlElement): XmlElement[] {
  return node.children.flatMap((c) => {
    const type = c.attributes.get('type')?.value;
    if (c.name === 'value' && (type === undefined || type === 'token' || type === 'string')) return [c];
    if (c.name === 'choice') return valuesOf(c);
    throw new UnsupportedSchema(`<${c.name}> inside <except>`);
  });
}
