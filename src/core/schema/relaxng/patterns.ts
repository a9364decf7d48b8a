// RELAX NG validation by derivatives (James Clark, "An algorithm for RELAX NG validation", 2002): a pattern is
// rewritten by each start tag, attribute, text and end tag; the document is valid when what is left accepts
// nothing more (is nullable). Patterns are interned and each derivative is kept, so the work done for one
// template is not done again for the next one that has the same structure: after the first few templates of a
// workspace, validating one is a chain of table lookups plus the checks of its own values.
//
// Where libxml2 departs from the RELAX NG specification, these derivatives follow libxml2, or give up (throw
// Unproven: the caller then asks libxml2): an interleave hands each child to the first of its branches that can
// hold an element of that name, as libxml2 partitions them; and no child of a later branch may lie among the
// children of a branch that holds an interleave of its own. (libxml2 links each branch's children into a chain of
// their own and validates the branches in schema order; a nested interleave, when done, links the siblings of its
// whole span back in document order, which breaks the chain of a later branch with children in that span:
// `<name/><vcpu/><uuid/><memory/>` is refused, though `<name/><memory/><uuid/>` is not.)

/** Which names an element or attribute pattern accepts. */
export type NameClass =
  | { readonly kind: 'name'; readonly ns: string; readonly local: string }
  | { readonly kind: 'anyName'; readonly except?: NameClass }
  | { readonly kind: 'nsName'; readonly ns: string; readonly except?: NameClass }
  | { readonly kind: 'choice'; readonly a: NameClass; readonly b: NameClass };

/** A name of the document: its namespace URI ('' for none) and local part. */
export interface QName {
  readonly ns: string;
  readonly local: string;
}

function containsName(nameClass: NameClass, name: QName): boolean {
  switch (nameClass.kind) {
    case 'name':
      return nameClass.ns === name.ns && nameClass.local === name.local;
    case 'anyName':
      return !nameClass.except || !containsName(nameClass.except, name);
    case 'nsName':
      return nameClass.ns === name.ns && (!nameClass.except || !containsName(nameClass.except, name));
    case 'choice':
      return containsName(nameClass.a, name) || containsName(nameClass.b, name);
  }
}

/** The key derivatives by a name are kept under. */
const keyOf = (name: QName): string => (name.ns === '' ? name.local : `{${name.ns}}${name.local}`);

/** True only when the value is certainly allowed as libxml2 would judge it; false sends the template to libxml2. */
export type ValueCheck = (value: string) => boolean;

type Kind =
  | 'empty'
  | 'notAllowed'
  | 'text'
  | 'choice'
  | 'interleave'
  | 'group'
  | 'oneOrMore'
  | 'after'
  | 'element'
  | 'attribute'
  | 'data';

/**
 * Derivatives by exact values (attributes', texts') are kept for short values (the enumerated ones: `qcow2`,
 * `virtio`), up to this many in all; a long value (a path, a MAC, a UUID) is mostly unique to its template and
 * goes to the derivative kept by answers (attDerivDecided) without being hashed and stored.
 */
const VALUE_MEMO_LIMIT = 100_000;
const EXACT_VALUE_LENGTH = 16;

export class Pattern {
  /** Derivatives already computed from this pattern. */
  opened?: Map<string, Pattern>;
  attributed?: Map<string, Pattern>;
  texted?: Map<string, Pattern>;
  attributeLeaves?: Map<string, readonly Pattern[]>;
  dataLeaves?: readonly Pattern[];
  closed?: Pattern;
  ended?: Pattern;
  /**
   * The last derivative asked of this pattern, checked before the tables: the templates of a workspace ask the
   * same pattern for the same name or value, one after the other, and comparing strings costs less than hashing.
   */
  lastOpened?: string;
  lastOpenedTo?: Pattern;
  lastAttributeName?: string;
  lastAttributeValue?: string;
  lastAttributedTo?: Pattern;
  lastText?: string;
  lastTextTo?: Pattern;

  /** An interleave's branches as they stand, and how its children are dealt to them. */
  branches?: readonly Pattern[];
  triage?: Triage;
  /** The branches holding an interleave that have children and may take more (see the header). */
  open: readonly number[] = NO_BRANCHES;

  constructor(
    readonly id: number,
    readonly kind: Kind,
    readonly nullable: boolean,
    readonly a?: Pattern,
    readonly b?: Pattern,
    readonly nameClass?: NameClass,
    readonly check?: ValueCheck,
    private readonly resolve?: () => Pattern,
  ) {}

  private resolved?: Pattern;

  /** An element's content, compiled on first use (libvirt's grammar is recursive through elements). */
  get content(): Pattern {
    return (this.resolved ??= this.resolve!());
  }
}

/** The document is beyond what these derivatives can decide as libxml2 does: libxml2 must judge it. */
class Unproven extends Error {}

/**
 * How an interleave of the schema deals children to its branches, as libxml2 does: an element goes to the first
 * branch (in schema order) that holds an element of its name outside nested elements; text to the first that
 * holds text. Made once per `<interleave>` of the schema, from its branches as written.
 */
class Triage {
  private readonly byName = new Map<string, number>();

  constructor(
    readonly id: number,
    private readonly names: readonly (readonly NameClass[])[],
    readonly textBranch: number,
    /** Per branch: whether it holds an interleave of its own (see the header). */
    readonly needsRun: readonly boolean[],
  ) {}

  branchFor(name: QName, key: string): number {
    let branch = this.byName.get(key);
    if (branch === undefined) {
      branch = this.names.findIndex((classes) => classes.some((c) => containsName(c, name)));
      this.byName.set(key, branch);
    }
    return branch;
  }
}

/** The interned patterns of one schema and the derivatives computed from them. */
export class Patterns {
  private readonly interned = new Map<string, Pattern>();

  /** How many derivative states are kept: they grow with the variety of documents seen (see treeValidator). */
  get states(): number {
    return this.interned.size;
  }

  private nextId = 0;
  private valueMemos = 0;
  private nextTriage = 0;
  readonly empty = this.make('empty', true);
  readonly notAllowed = this.make('notAllowed', false);
  readonly text = this.make('text', true);

  private make(
    kind: Kind,
    nullable: boolean,
    a?: Pattern,
    b?: Pattern,
    extra?: { nameClass?: NameClass; check?: ValueCheck; resolve?: () => Pattern },
  ): Pattern {
    return new Pattern(this.nextId++, kind, nullable, a, b, extra?.nameClass, extra?.check, extra?.resolve);
  }

  private intern(kind: Kind, a: Pattern, b: Pattern | undefined, nullable: boolean): Pattern {
    const key = b ? `${kind}${a.id},${b.id}` : `${kind}${a.id}`;
    let pattern = this.interned.get(key);
    if (!pattern) this.interned.set(key, (pattern = this.make(kind, nullable, a, b)));
    return pattern;
  }

  choice(a: Pattern, b: Pattern): Pattern {
    if (a === this.notAllowed || a === b) return b;
    if (b === this.notAllowed) return a;
    // Keep one form of a choice of choices: flattened, without repeats, ordered by id.
    if (a.kind === 'choice' || b.kind === 'choice') {
      const members = new Set<Pattern>();
      const add = (p: Pattern): void => {
        if (p.kind === 'choice') {
          add(p.a!);
          add(p.b!);
        } else members.add(p);
      };
      add(a);
      add(b);
      const sorted = [...members].sort((x, y) => x.id - y.id);
      let result = sorted[sorted.length - 1]!;
      for (let i = sorted.length - 2; i >= 0; i--) result = this.binaryChoice(sorted[i]!, result);
      return result;
    }
    return a.id < b.id ? this.binaryChoice(a, b) : this.binaryChoice(b, a);
  }

  private binaryChoice(a: Pattern, b: Pattern): Pattern {
    return this.intern('choice', a, b, a.nullable || b.nullable);
  }

  group(a: Pattern, b: Pattern): Pattern {
    if (a === this.notAllowed || b === this.notAllowed) return this.notAllowed;
    if (a === this.empty) return b;
    if (b === this.empty) return a;
    return this.intern('group', a, b, a.nullable && b.nullable);
  }

  /** An `<interleave>` of the schema, with its branches as written. */
  interleave(branches: readonly Pattern[]): Pattern {
    const live = branches.filter((b) => b !== this.empty);
    if (live.some((b) => b === this.notAllowed)) return this.notAllowed;
    if (live.length <= 1) return live[0] ?? this.empty;
    const triage = new Triage(
      this.nextTriage++,
      live.map((b) => topElements(b)),
      live.findIndex((b) => holdsText(b)),
      live.map((b) => holdsInterleave(b)),
    );
    return this.interleaveState(live, triage, NO_BRANCHES);
  }

  private interleaveState(branches: readonly Pattern[], triage: Triage, open: readonly number[]): Pattern {
    if (branches.some((b) => b === this.notAllowed)) return this.notAllowed;
    const key = `i${triage.id}:${open.join(',')}:${branches.map((b) => b.id).join(',')}`;
    let pattern = this.interned.get(key);
    if (!pattern) {
      pattern = this.make(
        'interleave',
        branches.every((b) => b.nullable),
      );
      pattern.branches = branches;
      pattern.triage = triage;
      pattern.open = open;
      this.interned.set(key, pattern);
    }
    return pattern;
  }

  /** The interleave after its branch `i` became `x` (by a child when `byChild`, else by an attribute). */
  private withBranch(p: Pattern, i: number, x: Pattern, byChild: boolean): Pattern {
    const branches = [...p.branches!];
    branches[i] = x;
    let open = p.open;
    if (byChild) {
      // A child of branch i closes the earlier branches holding interleaves: complete, they take nothing more.
      for (const earlier of open) {
        if (earlier >= i) continue;
        if (!branches[earlier]!.nullable) throw new Unproven('a later interleave branch inside an earlier one');
        branches[earlier] = this.empty;
      }
      open = open.filter((b) => b >= i);
      if (p.triage!.needsRun[i] && !open.includes(i)) open = [...open, i].sort((a, b) => a - b);
    }
    return this.interleaveState(branches, p.triage!, open);
  }

  /** The derivative of an interleave by a child (an element's start tag, or text): dealt to one branch. */
  private dealt(p: Pattern, branch: number, derive: (q: Pattern) => Pattern): Pattern {
    const derived = derive(p.branches![branch]!);
    // libxml2 gave the child to this branch and will not try another reading: neither can we.
    if (derived === this.notAllowed) throw new Unproven('an interleave branch refuses the child dealt to it');
    return derived;
  }

  after(a: Pattern, b: Pattern): Pattern {
    if (a === this.notAllowed || b === this.notAllowed) return this.notAllowed;
    return this.intern('after', a, b, false);
  }

  oneOrMore(p: Pattern): Pattern {
    if (p === this.notAllowed || p === this.empty) return p;
    return this.intern('oneOrMore', p, undefined, p.nullable);
  }

  /** Each element pattern of the schema is its own pattern; its content is compiled when first reached. */
  element(nameClass: NameClass, content: () => Pattern): Pattern {
    return this.make('element', false, undefined, undefined, { nameClass, resolve: content });
  }

  attribute(nameClass: NameClass, value: Pattern): Pattern {
    return this.make('attribute', false, value, undefined, { nameClass });
  }

  /** `<data>` or `<value>`: text the check accepts. */
  data(check: ValueCheck): Pattern {
    return this.make('data', false, undefined, undefined, { check });
  }

  // ── derivatives ─────────────────────────────────────────────────────────────────────────────────────────

  startTagOpenDeriv(p: Pattern, name: QName): Pattern {
    const key = keyOf(name);
    if (p.lastOpened === key) return p.lastOpenedTo!;
    let memo = p.opened;
    const known = memo?.get(key);
    if (known) {
      p.lastOpened = key;
      p.lastOpenedTo = known;
      return known;
    }
    let result: Pattern;
    switch (p.kind) {
      case 'choice':
        result = this.choice(this.startTagOpenDeriv(p.a!, name), this.startTagOpenDeriv(p.b!, name));
        break;
      case 'element':
        result = containsName(p.nameClass!, name) ? this.after(p.content, this.empty) : this.notAllowed;
        break;
      case 'interleave': {
        const branch = p.triage!.branchFor(name, key);
        result =
          branch === -1
            ? this.notAllowed
            : this.applyAfter(
                this.dealt(p, branch, (q) => this.startTagOpenDeriv(q, name)),
                (x) => this.withBranch(p, branch, x, true),
              );
        break;
      }
      case 'oneOrMore': {
        const rest = this.choice(p, this.empty);
        result = this.applyAfter(this.startTagOpenDeriv(p.a!, name), (x) => this.group(x, rest));
        break;
      }
      case 'group': {
        const { a, b } = p as { a: Pattern; b: Pattern };
        const first = this.applyAfter(this.startTagOpenDeriv(a, name), (x) => this.group(x, b));
        result = a.nullable ? this.choice(first, this.startTagOpenDeriv(b, name)) : first;
        break;
      }
      case 'after': {
        const b = p.b!;
        result = this.applyAfter(this.startTagOpenDeriv(p.a!, name), (x) => this.after(x, b));
        break;
      }
      default:
        result = this.notAllowed;
    }
    (memo ??= p.opened = new Map()).set(key, result);
    p.lastOpened = key;
    p.lastOpenedTo = result;
    return result;
  }

  private applyAfter(p: Pattern, f: (x: Pattern) => Pattern): Pattern {
    switch (p.kind) {
      case 'after':
        return this.after(p.a!, f(p.b!));
      case 'choice':
        return this.choice(this.applyAfter(p.a!, f), this.applyAfter(p.b!, f));
      default:
        return this.notAllowed;
    }
  }

  attDeriv(p: Pattern, name: QName, value: string): Pattern {
    const nameKey = keyOf(name);
    if (p.lastAttributeName === nameKey && p.lastAttributeValue === value) return p.lastAttributedTo!;
    const result = this.attDerivUncached(p, name, nameKey, value);
    p.lastAttributeName = nameKey;
    p.lastAttributeValue = value;
    p.lastAttributedTo = result;
    return result;
  }

  private attDerivUncached(p: Pattern, name: QName, nameKey: string, value: string): Pattern {
    const exact = value.length <= EXACT_VALUE_LENGTH;
    const exactKey = exact ? `${nameKey}\u0000${value}` : '';
    const known = exact ? p.attributed?.get(exactKey) : undefined;
    if (known) return known;
    const decide = decisions((leaf) => this.valueMatches(leaf.a!, value));
    const result = this.attDerivDecided(p, name, nameKey, decide);
    if (exact) this.remember(p, 'attributed', exactKey, result);
    return result;
  }

  /**
   * The derivative by an attribute depends on its value only through which of the attribute patterns with its
   * name accept the value: it is kept under the name and those answers, so that a value seen for the first time
   * (a MAC, a path) costs the checks of those few patterns, not a walk of the whole content model.
   */
  private attDerivDecided(p: Pattern, name: QName, nameKey: string, decide: (leaf: Pattern) => boolean): Pattern {
    const leaves = this.attributeLeaves(p, name, nameKey);
    if (leaves.length === 0) return this.notAllowed;
    const key = `${nameKey}\u0001${answers(leaves, decide)}`;
    const known = p.attributed?.get(key);
    if (known) return known;
    const d = (q: Pattern): Pattern => this.attDerivDecided(q, name, nameKey, decide);
    let result: Pattern;
    switch (p.kind) {
      case 'after':
        result = this.after(d(p.a!), p.b!);
        break;
      case 'choice':
        result = this.choice(d(p.a!), d(p.b!));
        break;
      case 'group':
        result = this.choice(this.group(d(p.a!), p.b!), this.group(p.a!, d(p.b!)));
        break;
      case 'interleave':
        // Attributes are not children: any branch may take one, and no run starts.
        result = p
          .branches!.map((b, i) => this.withBranch(p, i, d(b), false))
          .reduce((x, y) => this.choice(x, y), this.notAllowed);
        break;
      case 'oneOrMore':
        result = this.group(d(p.a!), this.choice(p, this.empty));
        break;
      case 'attribute':
        result = decide(p) ? this.empty : this.notAllowed;
        break;
      default:
        result = this.notAllowed;
    }
    (p.attributed ??= new Map()).set(key, result);
    return result;
  }

  /** The attribute patterns with this name that an attribute derivative of p reaches. */
  private attributeLeaves(p: Pattern, name: QName, nameKey: string): readonly Pattern[] {
    const known = p.attributeLeaves?.get(nameKey);
    if (known) return known;
    let leaves: readonly Pattern[];
    switch (p.kind) {
      case 'after':
      case 'oneOrMore':
        leaves = this.attributeLeaves(p.a!, name, nameKey);
        break;
      case 'choice':
      case 'group':
        leaves = union(this.attributeLeaves(p.a!, name, nameKey), this.attributeLeaves(p.b!, name, nameKey));
        break;
      case 'interleave':
        leaves = p.branches!.reduce<readonly Pattern[]>(
          (all, b) => union(all, this.attributeLeaves(b, name, nameKey)),
          NONE,
        );
        break;
      case 'attribute':
        leaves = containsName(p.nameClass!, name) ? [p] : NONE;
        break;
      default:
        leaves = NONE;
    }
    (p.attributeLeaves ??= new Map()).set(nameKey, leaves);
    return leaves;
  }

  private valueMatches(p: Pattern, value: string): boolean {
    // Most attribute contents are one datatype or value: its check is the answer (no derivative to keep).
    if (p.kind === 'data') return p.check!(value);
    return (p.nullable && isWhitespace(value)) || this.textDeriv(p, value).nullable;
  }

  startTagCloseDeriv(p: Pattern): Pattern {
    if (p.closed) return p.closed;
    let result: Pattern;
    switch (p.kind) {
      case 'after':
        result = this.after(this.startTagCloseDeriv(p.a!), p.b!);
        break;
      case 'choice':
        result = this.choice(this.startTagCloseDeriv(p.a!), this.startTagCloseDeriv(p.b!));
        break;
      case 'group':
        result = this.group(this.startTagCloseDeriv(p.a!), this.startTagCloseDeriv(p.b!));
        break;
      case 'interleave':
        result = this.interleaveState(
          p.branches!.map((b) => this.startTagCloseDeriv(b)),
          p.triage!,
          p.open,
        );
        break;
      case 'oneOrMore':
        result = this.oneOrMore(this.startTagCloseDeriv(p.a!));
        break;
      case 'attribute':
        result = this.notAllowed;
        break;
      default:
        result = p;
    }
    return (p.closed = result);
  }

  /** The derivative by a text node (an element's text, or an attribute's value). */
  textDeriv(p: Pattern, text: string): Pattern {
    if (p.lastText === text) return p.lastTextTo!;
    const result = this.textDerivUncached(p, text);
    p.lastText = text;
    p.lastTextTo = result;
    return result;
  }

  private textDerivUncached(p: Pattern, text: string): Pattern {
    const exact = text.length <= EXACT_VALUE_LENGTH;
    const known = exact ? p.texted?.get(text) : undefined;
    if (known) return known;
    const result = this.textDerivDecided(
      p,
      decisions((leaf) => leaf.check!(text)),
    );
    if (exact) this.remember(p, 'texted', text, result);
    return result;
  }

  /** As attDerivDecided: kept under the answers of the data patterns the text reaches. */
  private textDerivDecided(p: Pattern, decide: (leaf: Pattern) => boolean): Pattern {
    const key = `\u0001${answers(this.dataLeaves(p), decide)}`;
    const known = p.texted?.get(key);
    if (known) return known;
    const d = (q: Pattern): Pattern => this.textDerivDecided(q, decide);
    let result: Pattern;
    switch (p.kind) {
      case 'choice':
        result = this.choice(d(p.a!), d(p.b!));
        break;
      case 'interleave': {
        const branch = p.triage!.textBranch;
        result = branch === -1 ? this.notAllowed : this.withBranch(p, branch, this.dealt(p, branch, d), true);
        break;
      }
      case 'group': {
        const first = this.group(d(p.a!), p.b!);
        result = p.a!.nullable ? this.choice(first, d(p.b!)) : first;
        break;
      }
      case 'after':
        result = this.after(d(p.a!), p.b!);
        break;
      case 'oneOrMore':
        result = this.group(d(p.a!), this.choice(p, this.empty));
        break;
      case 'text':
        result = p;
        break;
      case 'data':
        result = decide(p) ? this.empty : this.notAllowed;
        break;
      default:
        result = this.notAllowed;
    }
    (p.texted ??= new Map()).set(key, result);
    return result;
  }

  /** The data and value patterns a text derivative of p reaches. */
  private dataLeaves(p: Pattern): readonly Pattern[] {
    if (p.dataLeaves) return p.dataLeaves;
    let leaves: readonly Pattern[];
    switch (p.kind) {
      case 'after':
      case 'oneOrMore':
        leaves = this.dataLeaves(p.a!);
        break;
      case 'choice':
        leaves = union(this.dataLeaves(p.a!), this.dataLeaves(p.b!));
        break;
      case 'interleave':
        leaves = p.triage!.textBranch === -1 ? NONE : this.dataLeaves(p.branches![p.triage!.textBranch]!);
        break;
      case 'group':
        leaves = p.a!.nullable ? union(this.dataLeaves(p.a!), this.dataLeaves(p.b!)) : this.dataLeaves(p.a!);
        break;
      case 'data':
        leaves = [p];
        break;
      default:
        leaves = NONE;
    }
    return (p.dataLeaves = leaves);
  }

  endTagDeriv(p: Pattern): Pattern {
    if (p.ended) return p.ended;
    let result: Pattern;
    switch (p.kind) {
      case 'choice':
        result = this.choice(this.endTagDeriv(p.a!), this.endTagDeriv(p.b!));
        break;
      case 'after':
        result = p.a!.nullable ? p.b! : this.notAllowed;
        break;
      default:
        result = this.notAllowed;
    }
    return (p.ended = result);
  }

  /** Keeps a value-dependent derivative while the tables are small: templates' values (MACs, UUIDs) are unique. */
  private remember(p: Pattern, table: 'attributed' | 'texted', key: string, result: Pattern): void {
    if (this.valueMemos >= VALUE_MEMO_LIMIT) return;
    this.valueMemos++;
    (p[table] ??= new Map()).set(key, result);
  }
}

export function isWhitespace(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c !== 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) return false;
  }
  return true;
}

const NONE: readonly Pattern[] = Object.freeze([]);
const NO_BRANCHES: readonly number[] = Object.freeze([]);

function union(a: readonly Pattern[], b: readonly Pattern[]): readonly Pattern[] {
  if (a.length === 0) return b;
  if (b.length === 0) return a;
  const all = [...new Set([...a, ...b])];
  return all.sort((x, y) => x.id - y.id);
}

/** One letter per leaf: whether it accepts the value. */
function answers(leaves: readonly Pattern[], decide: (leaf: Pattern) => boolean): string {
  let out = '';
  for (const leaf of leaves) out += decide(leaf) ? '1' : '0';
  return out;
}

/** A leaf's answer, asked once per value. */
function decisions(ask: (leaf: Pattern) => boolean): (leaf: Pattern) => boolean {
  // Most derivatives depend on one leaf: remembered without a map.
  let first: Pattern | undefined;
  let firstAnswer = false;
  let asked: Map<Pattern, boolean> | undefined;
  return (leaf) => {
    if (leaf === first) return firstAnswer;
    if (first === undefined) {
      first = leaf;
      return (firstAnswer = ask(leaf));
    }
    let answer = (asked ??= new Map()).get(leaf);
    if (answer === undefined) asked.set(leaf, (answer = ask(leaf)));
    return answer;
  };
}

/** The name classes of the elements a pattern holds outside nested elements (libxml2's partition of an interleave). */
function topElements(p: Pattern): NameClass[] {
  switch (p.kind) {
    case 'element':
      return [p.nameClass!];
    case 'choice':
    case 'group':
      return [...topElements(p.a!), ...topElements(p.b!)];
    case 'oneOrMore':
      return topElements(p.a!);
    case 'interleave':
      return p.branches!.flatMap(topElements);
    default:
      return [];
  }
}

/** Whether a pattern holds an interleave outside nested elements. */
function holdsInterleave(p: Pattern): boolean {
  switch (p.kind) {
    case 'interleave':
      return true;
    case 'choice':
    case 'group':
      return holdsInterleave(p.a!) || holdsInterleave(p.b!);
    case 'oneOrMore':
      return holdsInterleave(p.a!);
    default:
      return false;
  }
}

/** Whether a pattern takes text outside nested elements. */
function holdsText(p: Pattern): boolean {
  switch (p.kind) {
    case 'text':
    case 'data':
      return true;
    case 'choice':
    case 'group':
      return holdsText(p.a!) || holdsText(p.b!);
    case 'oneOrMore':
      return holdsText(p.a!);
    case 'interleave':
      return p.branches!.some(holdsText);
    default:
      return false;
  }
}
