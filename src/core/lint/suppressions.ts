// Comments that switch rules off in one template, the way ESLint users do in code:
//   <!-- snooze-disable-next-line legacy-clock-sync -->   the next line only
//   <!-- snooze-disable missing-emulator unknown-bridge -->  the whole file
// Without rule ids, every rule. Found with one scan of the text's comments (linear; no parse needed).

/** Plain data (Sets and a Map), so a CLI worker thread can hand it back with the findings. `*`: every rule. */
export interface Suppressions {
  readonly wholeFile: ReadonlySet<string>;
  /** 0-based line → the rules switched off on it. */
  readonly onLine: ReadonlyMap<number, ReadonlySet<string>>;
}

export function suppressedInFile(suppressions: Suppressions, rule: string): boolean {
  return suppressions.wholeFile.has(rule) || suppressions.wholeFile.has('*');
}

export function suppressedOnLine(suppressions: Suppressions, rule: string, line: number): boolean {
  const rules = suppressions.onLine.get(line);
  return !!rules && (rules.has(rule) || rules.has('*'));
}

const DIRECTIVE = /<!--\s*snooze-disable(-next-line)?((?:\s+[a-z0-9-]+)*)\s*-->/g;
const NONE: Suppressions = { wholeFile: new Set(), onLine: new Map() };

export function suppressionsOf(text: string): Suppressions {
  if (!text.includes('snooze-disable')) return NONE;
  const file = new Set<string>();
  const lines = new Map<number, Set<string>>();
  let counted = 0;
  let line = 0;
  for (const match of text.matchAll(DIRECTIVE)) {
    const rules = match[2]!.trim().split(/\s+/).filter(Boolean);
    const ids = rules.length > 0 ? rules : ['*'];
    if (match[1]) {
      // The line after the one the comment ends on (newlines counted once, from the previous directive on).
      const end = match.index! + match[0].length;
      line += countNewlines(text, counted, end);
      counted = end;
      const next = line + 1;
      const set = lines.get(next) ?? new Set<string>();
      for (const id of ids) set.add(id);
      lines.set(next, set);
    } else for (const id of ids) file.add(id);
  }
  return { wholeFile: file, onLine: lines };
}

/** The comment lines a fix inserts: `indent` is the indentation of the line the finding is on. */
export function nextLineDirective(rule: string, indent: string, eol: string): string {
  return `${indent}<!-- snooze-disable-next-line ${rule} -->${eol}`;
}

export function fileDirective(rule: string, eol: string): string {
  return `<!-- snooze-disable ${rule} -->${eol}`;
}

function countNewlines(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = text.indexOf('\n', from); i !== -1 && i < to; i = text.indexOf('\n', i + 1)) n++;
  return n;
}
