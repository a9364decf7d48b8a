// MAC addresses for new VMs: locally administered unicast (52:54:...), and under the Snooze convention the last four
// octets are the VM's IPv4 address, so a free MAC is also a free address.
import { randomBytes } from 'node:crypto';
import { normalizeMac } from '../domain/identifiers.js';
import { broadcastOf, formatIPv4, isContiguousNetmask, networkOf, parseIPv4 } from '../net/ipv4.js';

const SNOOZE_MAC_PREFIX = '52:54';

export interface MacNetwork {
  readonly network: string;
  readonly netmask: string;
  /** Skipped as well, since the gateway's address is not free for a VM. */
  readonly gateway?: string;
}

function macFromOctets(octets: readonly number[]): string {
  return `${SNOOZE_MAC_PREFIX}:${octets.map((o) => o.toString(16).padStart(2, '0')).join(':')}`;
}

function ipOfMac(normalized: string): number {
  return normalized
    .split(':')
    .slice(2)
    .reduce((value, octet) => value * 256 + parseInt(octet, 16), 0);
}

/**
 * A MAC not in `takenMacs` (compared normalised: lowercase, two-digit octets). With a network, the lowest free host
 * address in it (not the network, broadcast or gateway address, and not the address any taken MAC already
 * carries, whatever that MAC's prefix); without one, random last four octets.
 */
export function allocateMac(takenMacs: Iterable<string>, network?: MacNetwork): string {
  const taken = new Set<string>();
  const takenIps = new Set<number>();
  for (const mac of takenMacs) {
    const normalized = normalizeMac(mac);
    if (normalized === undefined) continue;
    taken.add(normalized);
    takenIps.add(ipOfMac(normalized));
  }

  if (!network) {
    for (let attempt = 0; attempt < 1000; attempt++) {
      const candidate = macFromOctets([...randomBytes(4)]);
      if (!taken.has(candidate)) return candidate;
    }
    throw new Error('Could not find a free MAC address after 1000 random tries.');
  }

  const base = parseIPv4(network.network);
  const mask = parseIPv4(network.netmask);
  if (base === undefined || mask === undefined || !isContiguousNetmask(mask)) {
    throw new RangeError(`${network.network}/${network.netmask} is not a valid network and contiguous netmask.`);
  }
  const first = networkOf(base, mask);
  const last = broadcastOf(base, mask);
  const gateway = network.gateway === undefined ? undefined : parseIPv4(network.gateway);
  for (let ip = first + 1; ip < last; ip++) {
    if (ip === gateway || takenIps.has(ip)) continue;
    const candidate = macFromOctets([24, 16, 8, 0].map((shift) => Math.floor(ip / 2 ** shift) % 256));
    if (!taken.has(candidate)) return candidate;
  }
  throw new Error(`No free address left in ${formatIPv4(first)}/${network.netmask}.`);
}
