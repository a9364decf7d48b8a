import { entryRange } from '../../index/workspaceIndex.js';
import { freshMac } from '../../fixes/freshMac.js';
import { ipFromMac } from '../../net/ipv4.js';
import { plural } from '../../text/plural.js';
import { duplicateProblems } from '../duplicates.js';
import { workspaceRule } from '../rule.js';

export const duplicateMac = workspaceRule({
  id: 'duplicate-mac',
  severity: 'error',
  description:
    "Another NIC has the same MAC; in Snooze the MAC also fixes the VM's IP address, so both VMs would get one IP.",
  check: (facts) =>
    duplicateProblems(
      facts,
      'mac',
      (raw, n) => {
        const ip = ipFromMac(raw);
        return `the MAC ${raw} is also used by ${plural(n, 'other NIC')}${ip ? ` (both VMs would take IP ${ip})` : ''}`;
      },
      (entry) => {
        const fresh = freshMac(entry.raw, facts.index.keys('mac'));
        return [{ title: newMacTitle(fresh), edits: [{ range: entryRange(entry), newText: fresh }], preferred: true }];
      },
    ),
});

export function newMacTitle(mac: string): string {
  const ip = ipFromMac(mac);
  return `Use a new unique MAC ${mac}${ip ? ` (IP ${ip})` : ''}`;
}
