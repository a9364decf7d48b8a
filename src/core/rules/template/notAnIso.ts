import { isIsoDisk } from '../../domain/domainTemplate.js';
import { lookedFor } from '../lookedFor.js';
import { templateRule, type Problem } from '../rule.js';

export const notAnIso = templateRule({
  id: 'not-an-iso',
  severity: 'error',
  description: 'The file of a CD exists but has no ISO9660 signature (CD001 at offset 32769).',
  check(facts) {
    return facts.template.disks.filter(isIsoDisk).flatMap((disk): Problem[] => {
      const source = disk.source!;
      if (!facts.locate(source.value).checkable) return [];
      const found = facts.probeLcPath(source.value);
      if (found.kind !== 'qcow2' && found.kind !== 'raw') return [];
      const what = found.kind === 'qcow2' ? 'a qcow2 image' : 'not an ISO9660 image (no CD001 signature)';
      return [
        {
          message: `${lookedFor(source.value, found)} is ${what}: the guest cannot mount it as a CD`,
          range: facts.document.lines.rangeOf(source.span),
        },
      ];
    });
  },
});
