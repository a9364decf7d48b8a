// IPv4 addresses as unsigned 32-bit numbers: validation, netmasks and the Snooze MAC ⇄ IP convention.

/** Parses dotted-quad IPv4 (`192.168.122.1`); rejects leading zeros, which tools read as octal. */
export function parseIPv4(text: string): number | undefined {
  const parts = text.trim().split('.');
  if (parts.length !== 4) return undefined;
  let value = 0;
  for (const part of parts) {
    if (!/^(0|[1-9]\d{0,2})$/.test(part)) return undefined;
    const octet = Number(part);
    if (octet > 255) return undefined;
    value = value * 256 + octet;
  }
  return value;
}

export function formatIPv4(value: number): string {
  return [24, 16, 8, 0].map((shift) => Math.floor(value / 2 ** shift) % 256).join('.');
}

/** A netmask is contiguous when its ones all come before its zeros (255.255.255.0, not 255.0.255.0). */
export function isContiguousNetmask(mask: number): boolean {
  const inverted = 0xffffffff - mask;
  return (inverted & (inverted + 1)) === 0;
}

export function prefixLength(mask: number): number {
  let bits = 0;
  for (let m = mask; m > 0; m = (m * 2) % 2 ** 32) bits++;
  return bits;
}

export function networkOf(address: number, mask: number): number {
  return (address & mask) >>> 0;
}

export function broadcastOf(address: number, mask: number): number {
  return (networkOf(address, mask) | (0xffffffff - mask)) >>> 0;
}

export function inNetwork(address: number, network: number, mask: number): boolean {
  return networkOf(address, mask) === networkOf(network, mask);
}

/**
 * Snooze's convention: a VM's IPv4 address is the last four octets of its MAC (52:54:c0:a8:7a:05 →
 * 192.168.122.5). Undefined when the MAC does not follow it: when those octets are no usable host address
 * (0.x.x.x, loopback, multicast or reserved), as with QEMU's usual 52:54:00:… MACs.
 */
export function ipFromMac(mac: string): string | undefined {
  const octets = mac.split(':');
  if (octets.length !== 6) return undefined;
  const last = octets.slice(2).map((o) => parseInt(o, 16));
  if (!last.every((n) => Number.isInteger(n) && n >= 0 && n <= 255)) return undefined;
  const first = last[0]!;
  return first === 0 || first === 127 || first >= 224 ? undefined : last.join('.');
}

/** The MAC that carries `ip` under the Snooze convention, behind a locally administered unicast prefix (52:54). */
export function macForIp(ip: number, prefix = '52:54'): string {
  const octets = [24, 16, 8, 0].map((shift) => (Math.floor(ip / 2 ** shift) % 256).toString(16).padStart(2, '0'));
  return `${prefix}:${octets.join(':')}`;
}
