import { isIsoDisk } from '../../domain/domainTemplate.js';
import { lookedFor } from '../lookedFor.js';
import { templateRule, type Problem } from '../rule.js';
import { checkedOnLcs } from '../checkedOnLcs.js';

export const missingDiskImage = templateRule({
  id: 'missing-disk-image',
  severity: 'error',
  description: 'The image file of a file-backed disk is not found.',
  check(facts) {
    if (checkedOnLcs(facts)) return []; // lc-missing-file answers for the LCs themselves
    return facts.template.disks.flatMap((disk): Problem[] => {
      if (!disk.sourceIsFile || !disk.source || isIsoDisk(disk)) return [];
      const where = facts.locate(disk.source.value);
      if (!where.checkable) return []; // unmapped-lc-folder says so, once
      const found = facts.probeLcPath(disk.source.value);
      if (found.kind !== 'missing' && found.kind !== 'unreadable' && found.kind !== 'directory') return [];
      const why =
        found.kind === 'missing'
          ? 'was not found'
          : found.kind === 'directory'
            ? 'is a folder'
            : `is not readable (${found.error})`;
      return [
        {
          message: `the disk image ${lookedFor(disk.source.value, found)} ${why}`,
          range: facts.document.lines.rangeOf(disk.source.span),
          ...(found.kind === 'missing'
            ? {
                fixes: () => [
                  {
                    title: 'Create a copy-on-write disk here…',
                    action: { kind: 'createDisk' as const, output: where.local },
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
