import path from 'node:path';
import { filesNewerThan } from '../../context/contextFolder.js';
import { contextCd } from '../../model/contextLink.js';
import { templateRule } from '../rule.js';

export const isoStale = templateRule({
  id: 'iso-stale',
  severity: 'warning',
  description:
    "The ISO a template's CD names is older than a file of the context folder it is built from: the VM would boot with the old context. Rebuild it.",
  check(facts) {
    const source = contextCd(facts.template)?.source;
    const context = facts.context();
    if (!source || !context) return [];
    const contextFolder = context.dir;
    const where = facts.locate(source.value);
    const iso = facts.probeLcPath(source.value);
    if (!where.checkable || iso.kind !== 'iso' || iso.mtimeMs === undefined) return [];
    const newer = filesNewerThan(context, iso.mtimeMs);
    if (newer.length === 0) return [];
    const names =
      newer
        .slice(0, 3)
        .map((e) => e.relative)
        .join(', ') + (newer.length > 3 ? `, … (${newer.length} files)` : '');
    return [
      {
        message: `${path.basename(source.value)} is older than ${names} in its context folder ${path.basename(contextFolder)}: rebuild it, or the VM boots with the old context`,
        range: facts.document.lines.rangeOf(source.span),
        // Choosing "Rebuild" is the consent to replace the stale ISO.
        fixes: () => [
          {
            title: `Rebuild the context ISO of ${path.basename(contextFolder)}`,
            action: { kind: 'buildIso', contextFolder, output: where.local, replace: true },
            preferred: true,
          },
        ],
      },
    ];
  },
});
