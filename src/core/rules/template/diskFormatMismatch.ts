import { isIsoDisk } from '../../domain/domainTemplate.js';
import { replaceSpan } from '../../fixes/templateEdits.js';
import { lookedFor } from '../lookedFor.js';
import { templateRule, type Problem } from '../rule.js';

export const diskFormatMismatch = templateRule({
  id: 'disk-format-mismatch',
  severity: 'error',
  description: '<driver type> says qcow2 but the image is raw, or says raw but the image is qcow2.',
  check(facts) {
    const { document } = facts;
    return facts.template.disks.flatMap((disk): Problem[] => {
      const declared = disk.driverType;
      if (
        !declared ||
        !disk.sourceIsFile ||
        !disk.source ||
        isIsoDisk(disk) ||
        !facts.locate(disk.source.value).checkable
      )
        return [];
      const found = facts.probeLcPath(disk.source.value);
      const actual =
        found.kind === 'qcow2' ? 'qcow2' : found.kind === 'raw' || found.kind === 'iso' ? 'raw' : undefined;
      if (!actual || (declared.value !== 'qcow2' && declared.value !== 'raw') || declared.value === actual) return [];
      return [
        {
          message: `the driver says ${declared.value} but ${lookedFor(disk.source.value, found)} is ${actual}: the guest would see ${actual === 'qcow2' ? 'qcow2 metadata instead of its disk' : 'garbage'}`,
          range: document.lines.rangeOf(declared.span),
          fixes: () => [
            {
              title: `Set the driver type to ${actual}`,
              edits: [replaceSpan(document, declared.span, actual)],
              preferred: true,
            },
          ],
        },
      ];
    });
  },
});
