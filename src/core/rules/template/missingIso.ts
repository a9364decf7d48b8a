import path from 'node:path';
import { isIsoDisk } from '../../domain/domainTemplate.js';
import { contextCd } from '../../model/contextLink.js';
import { lookedFor } from '../lookedFor.js';
import { templateRule, type Problem } from '../rule.js';
import { checkedOnLcs } from '../checkedOnLcs.js';

export const missingIso = templateRule({
  id: 'missing-iso',
  severity: 'error',
  description: 'The ISO of a CD (a cdrom, or a read-only disk whose file ends in .iso) is not found or not readable.',
  check(facts) {
    if (checkedOnLcs(facts)) return []; // lc-missing-file answers for the LCs themselves
    const cd = contextCd(facts.template);
    return facts.template.disks.filter(isIsoDisk).flatMap((disk): Problem[] => {
      const source = disk.source!;
      const where = facts.locate(source.value);
      if (!where.checkable) return []; // unmapped-lc-folder says so, once
      const found = facts.probeLcPath(source.value);
      if (found.kind !== 'missing' && found.kind !== 'unreadable' && found.kind !== 'directory') return [];
      const why =
        found.kind === 'missing'
          ? 'was not found'
          : found.kind === 'directory'
            ? 'is a folder, not a file'
            : `is not readable (${found.error})`;
      const contextFolder = disk === cd ? facts.context()?.dir : undefined;
      return [
        {
          message: `the ISO ${lookedFor(source.value, found)} ${why}: the VM will not start`,
          range: facts.document.lines.rangeOf(source.span),
          ...(contextFolder && found.kind === 'missing'
            ? {
                fixes: () => [
                  {
                    title: `Build the context ISO of ${path.basename(contextFolder)} here`,
                    action: { kind: 'buildIso' as const, contextFolder, output: where.local },
                    preferred: true,
                  },
                ],
              }
            : {}),
        },
      ];
    });
  },
});
