import { plural } from '../../text/plural.js';
import { duplicateProblems } from '../duplicates.js';
import { workspaceRule } from '../rule.js';

export const sharedDiskImage = workspaceRule({
  id: 'shared-disk-image',
  severity: 'error',
  description:
    'Two templates write the same disk image (no <readonly/> or <shareable/>): it would be corrupted. Give each VM its own copy-on-write image.',
  check: (facts) =>
    duplicateProblems(
      facts,
      'disk',
      (raw, n) =>
        `the writable disk ${raw} is also used by ${plural(n, 'other disk')}: both VMs would write one file and corrupt it; create a copy-on-write image per VM`,
    ),
});
