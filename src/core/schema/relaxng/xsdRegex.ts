/**
 * An XML Schema regular expression (a `<param name="pattern">` of libvirt's schemas) as a JavaScript RegExp
 * that matches the same strings, or undefined when it uses what is not translated here (character class
 * subtraction, \i \c \w, Unicode blocks): a value checked against such a pattern is then left to libxml2.
 * XSD patterns match the whole value, `.` excludes only line ends, `^` and `$` are ordinary characters.
 */
export function xsdRegex(pattern: string): RegExp | undefined {
  let out = '';
  let i = 0;
  const cp = (at: number): number => pattern.codePointAt(at)!;
  const literal = (code: number): string => `\\u{${code.toString(16)}}`;
  const width = (code: number): number => (code > 0xffff ? 2 : 1);

  /** A single-character escape's character, or a class body (without brackets) for \s and \d; undefined when not supported. */
  const escape = (at: number): { chars?: number; set?: string; negated?: boolean } | undefined => {
    const c = pattern[at];
    if (c === undefined) return undefined;
    if (c === 'n') return { chars: 0x0a };
    if (c === 'r') return { chars: 0x0d };
    if (c === 't') return { chars: 0x09 };
    if ('\\|.-^?*+{}()[]'.includes(c)) return { chars: c.charCodeAt(0) };
    if (c === 's' || c === 'S') return { set: ' \\t\\n\\r', negated: c === 'S' };
    if (c === 'd' || c === 'D') return { set: '\\p{Nd}', negated: c === 'D' };
    return undefined;
  };

  /** A character class from `[`; returns the JS class and where the XSD one ended, or undefined. */
  const characterClass = (at: number): { js: string; end: number } | undefined => {
    let j = at + 1;
    let negated = false;
    if (pattern[j] === '^') {
      negated = true;
      j++;
    }
    let body = '';
    let first = true;
    for (;;) {
      if (j >= pattern.length) return undefined;
      const c = pattern[j]!;
      if (c === ']' && !first) return { js: `[${negated ? '^' : ''}${body}]`, end: j + 1 };
      if (c === '[') return undefined; // nested class or subtraction
      if (c === '-' && pattern[j + 1] === '[') return undefined; // subtraction
      let from: number;
      if (c === '\\') {
        const e = escape(j + 1);
        if (!e) return undefined;
        j += 2;
        if (e.set !== undefined) {
          if (e.negated) return undefined;
          body += e.set;
          first = false;
          continue;
        }
        from = e.chars!;
      } else {
        from = cp(j);
        j += width(from);
      }
      first = false;
      // A range, unless the '-' ends the class.
      if (pattern[j] === '-' && pattern[j + 1] !== ']' && pattern[j + 1] !== undefined) {
        j++;
        let to: number;
        if (pattern[j] === '\\') {
          const e = escape(j + 1);
          if (!e || e.chars === undefined) return undefined;
          to = e.chars;
          j += 2;
        } else if (pattern[j] === '[') {
          return undefined;
        } else {
          to = cp(j);
          j += width(to);
        }
        if (to < from) return undefined;
        body += `${literal(from)}-${literal(to)}`;
      } else {
        body += literal(from);
      }
    }
  };

  while (i < pattern.length) {
    const c = pattern[i]!;
    if (c === '\\') {
      const e = escape(i + 1);
      if (!e) return undefined;
      out += e.set !== undefined ? `[${e.negated ? '^' : ''}${e.set}]` : literal(e.chars!);
      i += 2;
    } else if (c === '[') {
      const cls = characterClass(i);
      if (!cls) return undefined;
      out += cls.js;
      i = cls.end;
    } else if (c === '.') {
      out += '[^\\n\\r]';
      i++;
    } else if (c === '(' && pattern[i + 1] === '?') {
      return undefined; // not XSD; in JavaScript a group of another kind
    } else if ('|()*+?'.includes(c)) {
      out += c;
      i++;
    } else if (c === '{') {
      const quantifier = /^\{\d+(,\d*)?\}/.exec(pattern.slice(i));
      if (!quantifier) return undefined;
      out += quantifier[0];
      i += quantifier[0].length;
    } else if (c === ']' || c === '}') {
      return undefined;
    } else {
      const code = cp(i);
      out += literal(code);
      i += width(code);
    }
  }
  try {
    return new RegExp(`^(?:${out})$`, 'u');
  } catch {
    return undefined;
  }
}
