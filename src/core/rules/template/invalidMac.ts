import { isMulticastMac, normalizeMac } from '../../domain/identifiers.js';
import type { Problem, TemplateRule } from '../rule.js';

export const invalidMac: TemplateRule = {
  id: 'invalid-mac',
  scope: 'template',
  severity: 'error',
  description: 'A MAC address is not six 1–2 digit hex octets, or is multicast (odd first octet).',
  check({ template, document }) {
    return template.interfaces.flatMap((nic): Problem[] => {
      if (!nic.mac) return [];
      const normalized = normalizeMac(nic.mac.value);
      const range = document.lines.rangeOf(nic.mac.span);
      if (!normalized) return [{ message: `"${nic.mac.value}" is not a MAC address: expected six hex octets such as 52:54:c0:a8:7a:05`, range }];
      if (isMulticastMac(normalized)) {
        return [{ message: `${nic.mac.value} is a multicast address (odd first octet): libvirt refuses it for a NIC`, range }];
      }
      return [];
    });
  },
};
