import type { Grammar } from '../schema/grammarTable.js';
import { completionContextAt, type CompletionContext } from './completionContext.js';

export interface SchemaCompletionItem {
  readonly label: string;
  readonly kind: 'element' | 'attribute' | 'value';
  readonly detail: string;
}

export interface SchemaCompletions {
  readonly context: CompletionContext;
  /** Offset where the replaced (partly typed) word starts; it ends at the cursor. */
  readonly start: number;
  readonly items: readonly SchemaCompletionItem[];
}

/**
 * What libvirt's schema allows at a cursor: child element names after `<`, the element's attributes in a start
 * tag (not those already written), an attribute's enumerated values inside its quotes. From the grammar table
 * compiled from domain.rng (src/core/schema), in the context of the parent element; only inside a <domain>.
 */
export function schemaCompletionsAt(grammar: Grammar, text: string, offset: number): SchemaCompletions | undefined {
  const context = completionContextAt(text, offset);
  if (!context) return undefined;
  const { parents } = context;
  if (context.kind === 'element') {
    // Outside every element only <domain> itself; inside, only within a domain.
    if (parents.length === 0)
      return { context, start: context.start, items: [{ label: 'domain', kind: 'element', detail: 'libvirt domain' }] };
    if (parents[0] !== 'domain') return undefined;
    const parent = parents[parents.length - 1]!;
    const names = grammar.childrenOf(parents[parents.length - 2], parent);
    return {
      context,
      start: context.start,
      items: names.map((label) => ({ label, kind: 'element', detail: `element of <${parent}>` })),
    };
  }
  if (parents.length > 0 ? parents[0] !== 'domain' : context.element !== 'domain') return undefined;
  const element = grammar.element(parents[parents.length - 1], context.element);
  if (!element) return undefined;
  if (context.kind === 'attribute') {
    const names = Object.keys(element.attributes).filter((a) => !context.present.includes(a));
    return {
      context,
      start: context.start,
      items: names.map((label) => ({ label, kind: 'attribute', detail: `attribute of <${context.element}>` })),
    };
  }
  const values = element.attributes[context.attribute] ?? [];
  return {
    context,
    start: context.start,
    items: values.map((label) => ({ label, kind: 'value', detail: `${context.attribute} of <${context.element}>` })),
  };
}
