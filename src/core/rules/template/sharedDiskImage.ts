import { duplicateProblems, plural } from '../duplicates.js';
import type { WorkspaceRule } from '../rule.js';

export const sharedDiskImage: WorkspaceRule = {
  id: 'shared-disk-image',
  scope: 'workspace',
  severity: 'error',
  description: 'Two templates write the same disk image (no <readonly/> or <shareable/>): it would be corrupted. Give each VM its own copy-on-write image.',
  check: (facts) =>
    duplicateProblems(facts, 'disk', (raw, n) =>
      `the writable disk ${raw} is also used by ${plural(n, 'other disk')}: both VMs would write one file and corrupt it; create a copy-on-write image per VM`),
};
