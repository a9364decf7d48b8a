import { normalizeMac } from '../domain/identifiers.js';
import { formatIPv4, ipFromMac, networkOf, parseIPv4 } from '../net/ipv4.js';
import { allocateMac } from '../template/allocateMac.js';

const CLASS_C = 0xffffff00;

/**
 * A MAC free in the workspace whose IP (Snooze: the last four octets) stays in the /24 of the one it replaces,
 * so the VM stays on its network; random when the old MAC says nothing usable or that network is full.
 */
export function freshMac(old: string, taken: Iterable<string>): string {
  const takenList = [...taken];
  const oldIp = parseIPv4(ipFromMac(normalizeMac(old) ?? '') ?? '');
  if (oldIp !== undefined) {
    const network = networkOf(oldIp, CLASS_C);
    try {
      return allocateMac(takenList, {
        network: formatIPv4(network),
        netmask: '255.255.255.0',
        gateway: formatIPv4(network + 1),
      });
    } catch {
      // that /24 is full: fall through to a random one
    }
  }
  return allocateMac(takenList);
}
