// Normalisation as libvirt parses these values, so that two spellings of one identifier compare equal.

const CANONICAL_UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** libvirt skips `-` and spaces between hex digits; anything else, or a count other than 32, is invalid. */
export function normalizeUuid(text: string): string | undefined {
  // Most UUIDs are written as libvirt writes them (lowercase, 8-4-4-4-12): only the dashes to drop.
  if (CANONICAL_UUID.test(text)) return text.replaceAll('-', '');
  const digits = text.trim().replace(/[-\s]/g, '');
  return /^[0-9a-fA-F]{32}$/.test(digits) ? digits.toLowerCase() : undefined;
}

const CANONICAL_MAC = /^[0-9a-f]{2}(?::[0-9a-f]{2}){5}$/;

/** Six 1–2 digit hex octets separated by `:` (libvirt accepts `54:56:c0:a8:7a:5`); returns lowercase, two digits each. */
export function normalizeMac(text: string): string | undefined {
  // Most MACs are written as libvirt writes them: nothing to do. (Asked several times per template.)
  if (CANONICAL_MAC.test(text)) return text;
  const octets = text.trim().split(':');
  if (octets.length !== 6 || !octets.every((o) => /^[0-9a-fA-F]{1,2}$/.test(o))) return undefined;
  return octets.map((o) => o.toLowerCase().padStart(2, '0')).join(':');
}

/** The group bit (least significant bit of the first octet): libvirt refuses such an address for a NIC. */
export function isMulticastMac(normalized: string): boolean {
  return (parseInt(normalized.slice(0, 2), 16) & 1) === 1;
}

/** UUIDs are written 8-4-4-4-12 by convention; used when a fix inserts a fresh one. */
export function formatUuid(normalized: string): string {
  const h = normalized;
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
