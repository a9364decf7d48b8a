import { ipFromMac } from '../../net/ipv4.js';
import { duplicateProblems, plural } from '../duplicates.js';
import type { WorkspaceRule } from '../rule.js';

export const duplicateMac: WorkspaceRule = {
  id: 'duplicate-mac',
  scope: 'workspace',
  severity: 'error',
  description: 'Another NIC has the same MAC; in Snooze the MAC also fixes the VM\'s IP address, so both VMs would get one IP.',
  check: (facts) =>
    duplicateProblems(facts, 'mac', (raw, n) => {
      const ip = ipFromMac(raw);
      return `the MAC ${raw} is also used by ${plural(n, 'other NIC')}${ip ? ` (both VMs would take IP ${ip})` : ''}`;
    }),
};
