import { deviceOf } from '../../domain/domainTemplate.js';
import type { Problem, TemplateRule } from '../rule.js';

export const cdromOnVirtio: TemplateRule = {
  id: 'cdrom-on-virtio',
  scope: 'template',
  severity: 'error',
  description: 'A cdrom on bus virtio: libvirt refuses it ("does not support ejectable media"). Use sata or ide, or a read-only virtio disk.',
  check({ template, document }) {
    return template.disks.flatMap((disk): Problem[] => {
      if (deviceOf(disk) !== 'cdrom') return [];
      // Without a bus attribute libvirt infers it from the target name: vdX means virtio.
      const explicit = disk.targetBus?.value === 'virtio';
      const inferred = !disk.targetBus && /^vd[a-z]+$/.test(disk.target?.value ?? '');
      if (!explicit && !inferred) return [];
      const span = explicit ? disk.targetBus!.span : disk.target!.span;
      return [{
        message: `a cdrom cannot sit on bus virtio${inferred ? ` (inferred from target "${disk.target!.value}")` : ''}: libvirt refuses it with "disk type of '${disk.target?.value ?? 'vdX'}' does not support ejectable media"`,
        range: document.lines.rangeOf(span),
      }];
    });
  },
};
