import { formatPciAddress, pciAddressOf, type PciAddress } from '../../domain/pciAddress.js';
import { removeElement } from '../../fixes/templateEdits.js';
import { templateRule, type Problem } from '../rule.js';

export const pciAddressConflict = templateRule({
  id: 'pci-address-conflict',
  severity: 'error',
  description:
    'Two devices ask for one guest PCI address (domain, bus, slot and function): libvirt refuses the domain with "Attempted double use of PCI Address".',
  check({ template, document }) {
    // One function of one slot holds one device; devices on other functions of a slot share it (multifunction).
    const first = new Map<string, { device: string; address: PciAddress }>();
    const problems: Problem[] = [];
    for (const device of template.devices) {
      const address = pciAddressOf(device);
      if (!address) continue;
      const key = formatPciAddress(address);
      const taken = first.get(key);
      if (!taken) {
        first.set(key, { device: device.name, address });
        continue;
      }
      const line = document.lines.positionAt(taken.address.element.span.start).line + 1;
      problems.push({
        message: `<${device.name}> asks for PCI address ${key}, already used by the <${taken.device}> on line ${line}: libvirt refuses it with "Attempted double use of PCI Address ${key}"`,
        range: document.lines.rangeOf(address.element.startTag),
        related: [
          {
            file: document.file,
            range: document.lines.rangeOf(taken.address.element.startTag),
            message: `${key} is first used by this <${taken.device}>`,
          },
        ],
        // Without an <address> libvirt gives the device a free slot itself, knowing the slots it reserves.
        fixes: () => [
          {
            title: `Remove this <${device.name}>'s address (libvirt picks a free slot)`,
            edits: [removeElement(document, address.element)],
            preferred: true,
          },
        ],
      });
    }
    return problems;
  },
});
