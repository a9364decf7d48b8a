import { isMulticastMac, normalizeMac } from '../../domain/identifiers.js';
import type { Located } from '../../domain/domainTemplate.js';
import { freshMac } from '../../fixes/freshMac.js';
import { replaceSpan } from '../../fixes/templateEdits.js';
import { templateRule, type Problem, type TemplateFacts } from '../rule.js';
import { newMacTitle } from './duplicateMac.js';

export const invalidMac = templateRule({
  id: 'invalid-mac',
  severity: 'error',
  description: 'A MAC address is not six 1–2 digit hex octets, or is multicast (odd first octet).',
  check(facts) {
    const { template, document } = facts;
    return template.interfaces.flatMap((nic): Problem[] => {
      if (!nic.mac) return [];
      const mac = nic.mac;
      const normalized = normalizeMac(mac.value);
      const range = document.lines.rangeOf(mac.span);
      const fixes = () => newMacFix(facts, mac);
      if (!normalized)
        return [
          {
            message: `"${mac.value}" is not a MAC address: expected six hex octets such as 52:54:c0:a8:7a:05`,
            range,
            fixes,
          },
        ];
      if (isMulticastMac(normalized)) {
        return [
          {
            message: `${mac.value} is a multicast address (odd first octet): libvirt refuses it for a NIC`,
            range,
            fixes,
          },
        ];
      }
      return [];
    });
  },
});

function newMacFix(facts: TemplateFacts, mac: Located) {
  const fresh = freshMac(mac.value, facts.index.keys('mac'));
  return [{ title: newMacTitle(fresh), edits: [replaceSpan(facts.document, mac.span, fresh)], preferred: true }];
}
