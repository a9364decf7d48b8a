import type { Finding } from '../../core/findings.js';

/** gcc style, `file:line:column: severity: message [rule]`, which editors and CI annotate without configuration. */
export function formatText(findings: readonly Finding[]): string {
  return findings
    .map((f) => {
      const head = `${f.file}:${f.range.start.line + 1}:${f.range.start.character + 1}: ${f.severity}: ${f.message} [${f.rule}]`;
      const related = (f.related ?? []).map(
        (r) => `${r.file}:${r.range.start.line + 1}:${r.range.start.character + 1}: note: ${r.message}`,
      );
      return [head, ...related].join('\n');
    })
    .join('\n');
}
