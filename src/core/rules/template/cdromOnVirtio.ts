import { deviceOf, type DiskDefinition } from '../../domain/domainTemplate.js';
import type { TemplateDocument } from '../../domain/templateDocument.js';
import type { Fix } from '../../fixes/fix.js';
import { moveDiskToBus } from '../../fixes/moveDiskToBus.js';
import { insertChild, replaceSpan } from '../../fixes/templateEdits.js';
import { templateRule, type Problem } from '../rule.js';

export const cdromOnVirtio = templateRule({
  id: 'cdrom-on-virtio',
  severity: 'error',
  description:
    'A cdrom on bus virtio: libvirt refuses it ("does not support ejectable media"). Use sata or ide, or a read-only virtio disk.',
  check({ template, document }) {
    return template.disks.flatMap((disk): Problem[] => {
      if (deviceOf(disk) !== 'cdrom') return [];
      // Without a bus attribute libvirt infers it from the target name: vdX means virtio.
      const explicit = disk.targetBus?.value === 'virtio';
      const inferred = !disk.targetBus && /^vd[a-z]+$/.test(disk.target?.value ?? '');
      if (!explicit && !inferred) return [];
      const span = explicit ? disk.targetBus!.span : disk.target!.span;
      return [
        {
          message: `a cdrom cannot sit on bus virtio${inferred ? ` (inferred from target "${disk.target!.value}")` : ''}: libvirt refuses it with "disk type of '${disk.target?.value ?? 'vdX'}' does not support ejectable media"`,
          range: document.lines.rangeOf(span),
          fixes: () => cdromFixes(document, template.disks, disk),
        },
      ];
    });
  },
});

type Template = Extract<TemplateDocument, { kind: 'template' }>;

/** Two ways out of libvirt's "does not support ejectable media": a read-only virtio disk, or a CD on a bus that has media. */
function cdromFixes(document: Template, disks: readonly DiskDefinition[], disk: DiskDefinition): Fix[] {
  const fixes: Fix[] = [];
  const target = disk.target;
  if (disk.device) {
    fixes.push({
      title: `Make it a read-only virtio disk (stays /dev/${target?.value ?? 'vdX'})`,
      edits: [
        replaceSpan(document, disk.device.span, 'disk'),
        ...(disk.readonly ? [] : [insertChild(document, disk.element, '<readonly/>')]),
      ],
      preferred: true,
    });
  }
  for (const bus of ['sata', 'ide'] as const) {
    const move = moveDiskToBus(document, disks, disk, bus);
    if (move) fixes.push({ title: `Move the CD to bus ${bus} (/dev/${move.dev})`, edits: move.edits });
  }
  return fixes;
}
