import { child, type XmlElement } from '../xml/xmlTree.js';

/** A device's guest PCI address (`<address type='pci' …/>`), each part as libvirt reads it. */
export interface PciAddress {
  readonly element: XmlElement;
  readonly domain: number;
  readonly bus: number;
  readonly slot: number;
  readonly function: number;
}

/**
 * libvirt reads these attributes as C's strtoul with base 0 does: `0x1f` hexadecimal, `010` octal, else
 * decimal. An absent attribute is 0.
 */
function addressPart(element: XmlElement, name: string): number | undefined {
  const raw = element.attributes.get(name)?.value.trim();
  if (raw === undefined) return 0;
  if (/^0x[0-9a-f]+$/i.test(raw)) return parseInt(raw.slice(2), 16);
  if (/^0[0-7]+$/.test(raw)) return parseInt(raw, 8);
  if (/^\d+$/.test(raw)) return parseInt(raw, 10);
  return undefined;
}

/**
 * The PCI address a device asks for, when it names one: only the device's own `<address>` child, never a
 * host address inside `<source>` (a passed-through host device's).
 */
export function pciAddressOf(device: XmlElement): PciAddress | undefined {
  const element = child(device, 'address');
  if (!element || element.attributes.get('type')?.value !== 'pci') return undefined;
  const [domain, bus, slot, fn] = ['domain', 'bus', 'slot', 'function'].map((name) => addressPart(element, name));
  if (domain === undefined || bus === undefined || slot === undefined || fn === undefined) return undefined;
  return { element, domain, bus, slot, function: fn };
}

/** libvirt's spelling of an address in its messages: `0000:00:03.0`. */
export function formatPciAddress(address: PciAddress): string {
  const hex = (n: number, width: number): string => n.toString(16).padStart(width, '0');
  return `${hex(address.domain, 4)}:${hex(address.bus, 2)}:${hex(address.slot, 2)}.${address.function}`;
}
