/**
 * Where the cursor stands in a template being typed, read from the text before it (the document is usually
 * not well-formed while typing, so no parse tree): the open elements around it, and whether it is after `<`,
 * among a start tag's attributes, or inside an attribute's quotes.
 */
export type CompletionContext =
  /** After `<` (and a partly typed name): a child element of `parents`' last. */
  | { readonly kind: 'element'; readonly parents: readonly string[]; readonly typed: string; readonly start: number }
  /** Inside a start tag, where an attribute name goes. `present`: the attributes already written. */
  | {
      readonly kind: 'attribute';
      readonly parents: readonly string[];
      readonly element: string;
      readonly typed: string;
      readonly start: number;
      readonly present: readonly string[];
    }
  /** Inside the quotes of an attribute value. */
  | {
      readonly kind: 'value';
      readonly parents: readonly string[];
      readonly element: string;
      readonly attribute: string;
      readonly typed: string;
      readonly start: number;
    };

const NAME = '[A-Za-z_][\\w.:-]*';
const TAG = new RegExp(`<(/?)(${NAME})((?:[^<>"']|"[^"]*"|'[^']*')*?)(/?)>`, 'g');
const IN_VALUE = new RegExp(`(${NAME})\\s*=\\s*(["'])([^"'<>]*)$`);
const ATTRIBUTE_NAMES = new RegExp(`\\s(${NAME})\\s*=\\s*(?:"[^"]*"|'[^']*')`, 'g');

export function completionContextAt(text: string, offset: number): CompletionContext | undefined {
  const before = text.slice(0, offset);
  const lt = before.lastIndexOf('<');
  if (lt === -1) return undefined;
  const tail = before.slice(lt);
  // A '>' after the last '<' outside quotes: the cursor is in text content.
  if (/^<(?:[^<>"']|"[^"]*"|'[^']*')*>/.test(tail)) return undefined;
  if (tail.startsWith('<!') || tail.startsWith('<?') || tail.startsWith('</')) return undefined;
  const parents = openElements(before.slice(0, lt));
  const nameOnly = new RegExp(`^<(${NAME})?$`).exec(tail);
  if (nameOnly) return { kind: 'element', parents, typed: nameOnly[1] ?? '', start: lt + 1 };
  const tag = new RegExp(`^<(${NAME})(\\s[\\s\\S]*)$`).exec(tail);
  if (!tag) return undefined;
  const element = tag[1]!;
  const inside = tag[2]!;
  const value = IN_VALUE.exec(inside);
  if (value && closedQuotes(inside.slice(0, inside.length - value[3]!.length - 1))) {
    return {
      kind: 'value',
      parents,
      element,
      attribute: value[1]!,
      typed: value[3]!,
      start: offset - value[3]!.length,
    };
  }
  if (!closedQuotes(inside)) return undefined;
  const partial = new RegExp(`\\s(${NAME})?$`).exec(inside);
  if (!partial) return undefined;
  const typed = partial[1] ?? '';
  const present = [...inside.matchAll(ATTRIBUTE_NAMES)].map((m) => m[1]!);
  return { kind: 'attribute', parents, element, typed, start: offset - typed.length, present };
}

/** Whether every quote opened in a start tag's text is closed (so the cursor is not inside a value). */
function closedQuotes(s: string): boolean {
  let quote: string | undefined;
  for (const ch of s) {
    if (quote) {
      if (ch === quote) quote = undefined;
    } else if (ch === '"' || ch === "'") quote = ch;
  }
  return quote === undefined;
}

/** The elements open at the end of `text`, outermost first (comments and CDATA skipped, mismatches tolerated). */
function openElements(text: string): string[] {
  const cleaned = text.replace(/<!--[\s\S]*?(?:-->|$)|<!\[CDATA\[[\s\S]*?(?:\]\]>|$)|<\?[\s\S]*?(?:\?>|$)/g, (m) =>
    ' '.repeat(m.length),
  );
  const stack: string[] = [];
  for (const m of cleaned.matchAll(TAG)) {
    const [, close, name, , selfClosing] = m;
    if (selfClosing) continue;
    if (!close) stack.push(name!);
    else {
      const at = stack.lastIndexOf(name!);
      if (at !== -1) stack.length = at;
    }
  }
  return stack;
}
