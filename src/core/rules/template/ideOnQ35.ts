import type { DiskDefinition } from '../../domain/domainTemplate.js';
import { moveDiskToBus } from '../../fixes/moveDiskToBus.js';
import { removeElement } from '../../fixes/templateEdits.js';
import { child } from '../../xml/xmlTree.js';
import { templateRule, type Problem } from '../rule.js';

const UNSUPPORTED = '"IDE controllers are unsupported for this QEMU binary or machine type"';

/** q35 and its versioned names (pc-q35-8.2): the chipset has AHCI (SATA) built in and no IDE at all. */
function isQ35(machine: string): boolean {
  return /^(pc-)?q35(-|$)/.test(machine);
}

/** A disk on IDE: `bus='ide'`, or no bus and a target named hdX, from which libvirt infers IDE. */
function onIde(disk: DiskDefinition): boolean {
  return disk.targetBus ? disk.targetBus.value === 'ide' : /^hd[a-z]+$/.test(disk.target?.value ?? '');
}

export const ideOnQ35 = templateRule({
  id: 'ide-on-q35',
  severity: 'error',
  description: `An IDE disk or controller on a q35 machine, which has no IDE: libvirt refuses the domain with ${UNSUPPORTED}. Use bus sata.`,
  check({ template, document }) {
    const machine = child(template.root, 'os') && child(child(template.root, 'os')!, 'type')?.attributes.get('machine');
    if (!machine || !isQ35(machine.value)) return [];
    const disks = template.disks.flatMap((disk): Problem[] => {
      if (!onIde(disk)) return [];
      const span = disk.targetBus?.span ?? disk.target!.span;
      const inferred = disk.targetBus ? '' : ` (inferred from target "${disk.target!.value}")`;
      return [
        {
          message: `a disk on bus ide${inferred} on machine "${machine.value}", which has no IDE: libvirt refuses it with ${UNSUPPORTED}`,
          range: document.lines.rangeOf(span),
          fixes: () => {
            const move = moveDiskToBus(document, template.disks, disk, 'sata');
            if (!move) return [];
            // An IDE drive address (bus 1 for hdc) does not fit the SATA controller: libvirt assigns a new one.
            const address = child(disk.element, 'address');
            const dropAddress =
              address?.attributes.get('type')?.value === 'drive' ? [removeElement(document, address)] : [];
            return [
              {
                title: `Move the disk to bus sata (/dev/${move.dev})`,
                edits: [...move.edits, ...dropAddress],
                preferred: true,
              },
            ];
          },
        },
      ];
    });
    const controllers = template.devices.flatMap((device): Problem[] => {
      const type = device.attributes.get('type');
      if (device.name !== 'controller' || type?.value !== 'ide') return [];
      return [
        {
          message: `an IDE controller on machine "${machine.value}", which has no IDE: libvirt refuses it with ${UNSUPPORTED}`,
          range: document.lines.rangeOf(type.valueSpan),
          fixes: () => [
            {
              title: 'Remove the IDE controller (q35 has a SATA controller built in)',
              edits: [removeElement(document, device)],
            },
          ],
        },
      ];
    });
    return [...disks, ...controllers];
  },
});
