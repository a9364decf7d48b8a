import type { Finding } from '../../core/findings.js';

/** One JSON object: the count of templates and context folders linted, and every finding with 1-based positions. */
export function formatJson(files: number, findings: readonly Finding[]): string {
  return JSON.stringify(
    {
      files,
      findings: findings.map((f) => ({
        file: f.file,
        line: f.range.start.line + 1,
        column: f.range.start.character + 1,
        endLine: f.range.end.line + 1,
        endColumn: f.range.end.character + 1,
        severity: f.severity,
        rule: f.rule,
        message: f.message,
        related: (f.related ?? []).map((r) => ({
          file: r.file,
          line: r.range.start.line + 1,
          column: r.range.start.character + 1,
          message: r.message,
        })),
      })),
    },
    null,
    2,
  );
}
