import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Finding, Severity } from '../../core/findings.js';
import type { Range } from '../../core/text/lineMap.js';
import { RULES } from '../../core/rules/registry.js';

export const RULE_DOCS = 'https://github.com/snooze-templates/snooze-templates#rules';

const LEVEL: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'note' };

/** SARIF 2.1.0, as code-scanning uploads expect it: relative URIs against the current folder, 1-based regions. */
export function formatSarif(findings: readonly Finding[], version: string, cwd = process.cwd()): string {
  const uri = (file: string): string => {
    const relative = path.relative(cwd, path.resolve(cwd, file));
    return relative.startsWith('..') || path.isAbsolute(relative) ? pathToFileURL(path.resolve(cwd, file)).href : relative.split(path.sep).join('/');
  };
  const region = (range: Range) => ({
    startLine: range.start.line + 1,
    startColumn: range.start.character + 1,
    endLine: range.end.line + 1,
    endColumn: range.end.character + 1,
  });
  const ruleIndex = new Map(RULES.map((r, i) => [r.id, i]));
  return JSON.stringify({
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{
      tool: {
        driver: {
          name: 'snooze-lint',
          version,
          informationUri: RULE_DOCS,
          rules: RULES.map((r) => ({
            id: r.id,
            shortDescription: { text: r.description },
            helpUri: `${RULE_DOCS}`,
            defaultConfiguration: { level: LEVEL[r.severity] },
          })),
        },
      },
      originalUriBaseIds: { '%SRCROOT%': { uri: pathToFileURL(cwd + path.sep).href } },
      results: findings.map((f) => ({
        ruleId: f.rule,
        ruleIndex: ruleIndex.get(f.rule),
        level: LEVEL[f.severity],
        message: { text: f.message },
        locations: [{ physicalLocation: { artifactLocation: { uri: uri(f.file), uriBaseId: '%SRCROOT%' }, region: region(f.range) } }],
        ...(f.related && f.related.length > 0
          ? {
              relatedLocations: f.related.map((r, id) => ({
                id,
                message: { text: r.message },
                physicalLocation: { artifactLocation: { uri: uri(r.file), uriBaseId: '%SRCROOT%' }, region: region(r.range) },
              })),
            }
          : {}),
      })),
    }],
  }, null, 2);
}
