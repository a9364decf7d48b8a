import { fromAttribute, type Located } from '../../domain/domainTemplate.js';
import { removeElement } from '../../fixes/templateEdits.js';
import { child, childrenNamed, type XmlElement } from '../../xml/xmlTree.js';
import { templateRule, type Problem } from '../rule.js';

interface DeviceBoot {
  readonly device: XmlElement;
  readonly boot: XmlElement;
  readonly order: Located;
  readonly number: number;
}

export const bootOrderConflict = templateRule({
  id: 'boot-order-conflict',
  severity: 'error',
  description:
    'A device\'s <boot order> beside <os><boot dev>, or one boot order on two devices: libvirt refuses the domain with "per-device boot elements cannot be used together with os/boot elements" or "boot order \'N\' used for more than one device".',
  check({ template, document }) {
    const os = child(template.root, 'os');
    // libvirt checks boot order for full virtual machines only (os type hvm), where it is the rule.
    const osType = os && child(os, 'type')?.text?.value;
    if (osType !== undefined && osType !== 'hvm') return [];
    const deviceBoots = template.devices.flatMap((device): DeviceBoot[] => {
      const boot = child(device, 'boot');
      const order = fromAttribute(boot?.attributes.get('order'));
      return boot && order && /^\d+$/.test(order.value.trim())
        ? [{ device, boot, order, number: Number(order.value.trim()) }]
        : [];
    });
    if (deviceBoots.length === 0) return [];
    const problems: Problem[] = [];
    const osBoots = os ? childrenNamed(os, 'boot') : [];
    if (osBoots.length > 0) {
      const [firstDevice] = deviceBoots;
      problems.push({
        message: `a per-device <boot order> and <os><boot dev> together: libvirt refuses it with "per-device boot elements cannot be used together with os/boot elements"`,
        range: document.lines.rangeOf(firstDevice!.boot.startTag),
        related: osBoots.map((boot) => ({
          file: document.file,
          range: document.lines.rangeOf(boot.startTag),
          message: 'the <os> boot device',
        })),
        fixes: () => [
          {
            title: `Remove <boot dev> from <os> (the devices' boot order decides)`,
            edits: osBoots.map((boot) => removeElement(document, boot)),
            preferred: true,
          },
        ],
      });
    }
    deviceBoots.forEach((entry, at) => {
      const earlier = deviceBoots.slice(0, at).find((e) => e.number === entry.number);
      if (!earlier) return;
      problems.push({
        message: `boot order ${entry.number} is also given to the <${earlier.device.name}> on line ${document.lines.positionAt(earlier.boot.span.start).line + 1}: libvirt refuses it with "boot order '${entry.number}' used for more than one device"`,
        range: document.lines.rangeOf(entry.order.span),
        related: [
          {
            file: document.file,
            range: document.lines.rangeOf(earlier.order.span),
            message: `boot order ${entry.number} first given here`,
          },
        ],
      });
    });
    return problems;
  },
});
