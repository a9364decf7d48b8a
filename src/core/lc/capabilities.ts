// Reads what `virsh capabilities` says an LC can run: machine types and domain types per guest architecture.
import { parseXml } from '../xml/parseXml.js';
import { childrenNamed, type XmlElement } from '../xml/xmlTree.js';
import type { LcCapabilities } from './lcFacts.js';

/** Undefined when the text is not a `<capabilities>` document (virsh printed something else). */
export function parseCapabilities(xml: string): LcCapabilities | undefined {
  const parsed = parseXml(xml);
  if (!parsed.ok || parsed.root.name !== 'capabilities') return undefined;
  const machines: Record<string, string[]> = {};
  const domainTypes: Record<string, string[]> = {};
  for (const guest of childrenNamed(parsed.root, 'guest')) {
    for (const arch of childrenNamed(guest, 'arch')) {
      const name = arch.attributes.get('name')?.value;
      if (!name) continue;
      const archMachines = (machines[name] ??= []);
      const archTypes = (domainTypes[name] ??= []);
      // Machines are listed under <arch>, and (older libvirt, or per accelerator) under <arch><domain>.
      const addMachines = (element: XmlElement): void => {
        for (const machine of childrenNamed(element, 'machine')) {
          for (const value of [machine.text?.value, machine.attributes.get('canonical')?.value]) {
            if (value && !archMachines.includes(value)) archMachines.push(value);
          }
        }
      };
      addMachines(arch);
      for (const domain of childrenNamed(arch, 'domain')) {
        const type = domain.attributes.get('type')?.value;
        if (type && !archTypes.includes(type)) archTypes.push(type);
        addMachines(domain);
      }
    }
  }
  return { machines, domainTypes };
}
