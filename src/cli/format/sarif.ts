import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Finding, Severity } from '../../core/findings.js';
import type { Range } from '../../core/text/lineMap.js';
import { RULES } from '../../core/rules/registry.js';

const LEVEL: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'note' };
const SRCROOT = '%SRCROOT%';

/**
 * SARIF 2.1.0, as code-scanning uploads expect it: files under the current folder are relative to
 * %SRCROOT% (the current folder), files elsewhere are absolute `file:` URIs with no base (SARIF1004: a
 * uriBaseId only goes with a relative reference). Regions are 1-based. Rules carry their help as text: the
 * project publishes no web page per rule, so there is no helpUri rather than a made-up one.
 */
export function formatSarif(findings: readonly Finding[], version: string, cwd: string): string {
  const root = path.resolve(cwd);
  const artifact = (file: string): { uri: string; uriBaseId?: string } => {
    const absolute = path.resolve(root, file);
    const relative = path.relative(root, absolute);
    if (relative === '' || relative.startsWith('..') || path.isAbsolute(relative))
      return { uri: pathToFileURL(absolute).href };
    return { uri: relative.split(path.sep).map(encodeURIComponent).join('/'), uriBaseId: SRCROOT };
  };
  const region = (range: Range) => ({
    startLine: range.start.line + 1,
    startColumn: range.start.character + 1,
    endLine: range.end.line + 1,
    endColumn: range.end.character + 1,
  });
  const rootUri = pathToFileURL(root).href;
  const ruleIndex = new Map(RULES.map((r, i) => [r.id, i]));
  return JSON.stringify(
    {
      $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
      version: '2.1.0',
      runs: [
        {
          tool: {
            driver: {
              name: 'snooze-lint',
              version,
              rules: RULES.map((r) => ({
                id: r.id,
                name: friendlyName(r.id),
                shortDescription: { text: r.description },
                fullDescription: { text: r.description },
                help: {
                  text: `${r.description} Switch it off with "snooze.rules": {"${r.id}": "off"} in .vscode/settings.json, or --disable ${r.id}.`,
                },
                defaultConfiguration: { level: LEVEL[r.severity] },
              })),
            },
          },
          // A base URI must be absolute and end with a slash (SARIF 3.14.14).
          originalUriBaseIds: { [SRCROOT]: { uri: rootUri.endsWith('/') ? rootUri : `${rootUri}/` } },
          results: findings.map((f) => ({
            ruleId: f.rule,
            ruleIndex: ruleIndex.get(f.rule),
            level: LEVEL[f.severity],
            message: { text: f.message },
            locations: [{ physicalLocation: { artifactLocation: artifact(f.file), region: region(f.range) } }],
            ...(f.related && f.related.length > 0
              ? {
                  relatedLocations: f.related.map((r, id) => ({
                    id,
                    message: { text: r.message },
                    physicalLocation: { artifactLocation: artifact(r.file), region: region(r.range) },
                  })),
                }
              : {}),
          })),
        },
      ],
    },
    null,
    2,
  );
}

/**
 * `missing-iso` → `MissingIso`: the Pascal-case "friendly name" SARIF viewers show beside the id. A one-word id
 * (`schema`) gets `Rule` after it: SARIF1001 wants the name to differ from the id, case aside.
 */
function friendlyName(id: string): string {
  const name = id
    .split('-')
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join('');
  return name.toLowerCase() === id.toLowerCase() ? `${name}Rule` : name;
}
