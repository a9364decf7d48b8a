import { isIsoDisk } from '../../domain/domainTemplate.js';
import { lookedFor } from '../lookedFor.js';
import { templateRule, type Problem } from '../rule.js';

export const missingIso = templateRule({
  id: 'missing-iso',
  severity: 'error',
  description: 'The ISO of a CD (a cdrom, or a read-only disk whose file ends in .iso) is not found or not readable.',
  check(facts) {
    return facts.template.disks.filter(isIsoDisk).flatMap((disk): Problem[] => {
      const source = disk.source!;
      const found = facts.probeLcPath(source.value);
      if (found.kind !== 'missing' && found.kind !== 'unreadable' && found.kind !== 'directory') return [];
      const why = found.kind === 'missing' ? 'was not found' : found.kind === 'directory' ? 'is a folder, not a file' : `is not readable (${found.error})`;
      return [{ message: `the ISO ${lookedFor(source.value, found)} ${why}: the VM will not start`, range: facts.document.lines.rangeOf(source.span) }];
    });
  },
});
