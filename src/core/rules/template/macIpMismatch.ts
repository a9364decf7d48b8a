import path from 'node:path';
import { parseNetworkFile } from '../../context/networkFile.js';
import type { Located } from '../../domain/domainTemplate.js';
import { normalizeMac } from '../../domain/identifiers.js';
import { replaceSpan } from '../../fixes/templateEdits.js';
import {
  formatIPv4,
  inNetwork,
  ipFromMac,
  isContiguousNetmask,
  macForIp,
  parseIPv4,
  prefixLength,
} from '../../net/ipv4.js';
import { allocateMac } from '../../template/allocateMac.js';
import { templateRule, type TemplateFacts } from '../rule.js';
import { newMacTitle } from './duplicateMac.js';

/** Keys with which a context's common/network may pin the VM's address (the MAC must then give that address). */
const PINNED_KEYS = ['IP_ADDRESS', 'IPADDR', 'ADDRESS', 'IP'];

export const macIpMismatch = templateRule({
  id: 'mac-ip-mismatch',
  severity: 'error',
  description:
    "No NIC's MAC gives an IP inside the network of the template's context folder (Snooze: the last four octets), or none gives the address the context pins: the guest would configure an address its network cannot reach.",
  check(facts) {
    const context = facts.context();
    const text = context?.readText('common/network');
    if (!context || text === undefined) return [];
    const macs = facts.template.interfaces.flatMap((nic) =>
      nic.mac && normalizeMac(nic.mac.value) && ipFromMac(nic.mac.value) ? [nic.mac] : [],
    );
    if (macs.length === 0) return [];
    const values = new Map(parseNetworkFile(text).map((s) => [s.key, s.value]));
    const name = path.basename(context.dir);
    const ipOf = (mac: Located): number => parseIPv4(ipFromMac(mac.value)!)!;
    const first = macs[0]!;
    const range = facts.document.lines.rangeOf(first.span);

    const pinnedKey = PINNED_KEYS.find((k) => parseIPv4(values.get(k) ?? '') !== undefined);
    if (pinnedKey) {
      const pinned = parseIPv4(values.get(pinnedKey)!)!;
      if (macs.some((mac) => ipOf(mac) === pinned)) return [];
      const wanted = macForIp(pinned);
      return [
        {
          message: `the MAC ${first.value} gives IP ${ipFromMac(first.value)}, but the context folder ${name} pins ${pinnedKey}=${formatIPv4(pinned)}: the guest would not take the address its context expects`,
          range,
          fixes: () => [
            {
              title: `${newMacTitle(wanted)}, as ${name} pins`,
              edits: [replaceSpan(facts.document, first.span, wanted)],
              preferred: true,
            },
          ],
        },
      ];
    }

    const network = parseIPv4(values.get('NETWORK') ?? '');
    const mask = parseIPv4(values.get('NETMASK') ?? '');
    if (network === undefined || mask === undefined || !isContiguousNetmask(mask)) return [];
    if (macs.some((mac) => inNetwork(ipOf(mac), network, mask))) return [];
    const cidr = `${formatIPv4(network)}/${prefixLength(mask)}`;
    return [
      {
        message: `the MAC ${first.value} gives IP ${ipFromMac(first.value)}, outside ${cidr}, the network of the context folder ${name}: the guest could not reach its gateway`,
        range,
        fixes: () => freshMacIn(facts, first, network, mask, values.get('GATEWAY')),
      },
    ];
  },
});

function freshMacIn(facts: TemplateFacts, mac: Located, network: number, mask: number, gateway: string | undefined) {
  try {
    const fresh = allocateMac(facts.index.keys('mac'), {
      network: formatIPv4(network),
      netmask: formatIPv4(mask),
      ...(gateway ? { gateway } : {}),
    });
    return [
      {
        title: `${newMacTitle(fresh)}, inside the context's network`,
        edits: [replaceSpan(facts.document, mac.span, fresh)],
        preferred: true,
      },
    ];
  } catch {
    return []; // the network is full
  }
}
