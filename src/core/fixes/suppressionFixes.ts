// The two ways to silence one finding of a template without touching settings, as ESLint users do in code:
// a comment for the next line, or one for the whole file (src/core/lint/suppressions.ts reads them).
import { fileDirective, nextLineDirective } from '../lint/suppressions.js';
import type { Fix } from './fix.js';

export function suppressionFixes(text: string, rule: string, line: number): Fix[] {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const lines = text.split(/\r?\n/);
  const indent = /^[ \t]*/.exec(lines[line] ?? '')![0];
  // A comment may not come before the XML declaration: the whole-file one goes on the line after it.
  const declaration = /^\uFEFF?\s*<\?xml[^>]*\?>[^\n]*\n?/.exec(text);
  const fileLine = declaration ? declaration[0].split('\n').length - 1 : 0;
  const at = (l: number) => ({ start: { line: l, character: 0 }, end: { line: l, character: 0 } });
  return [
    {
      title: `Suppress ${rule} on this line (comment)`,
      edits: [{ range: at(line), newText: nextLineDirective(rule, indent, eol) }],
    },
    {
      title: `Suppress ${rule} in this file (comment)`,
      edits: [{ range: at(fileLine), newText: fileDirective(rule, eol) }],
    },
  ];
}
