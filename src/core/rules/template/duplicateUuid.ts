import { duplicateProblems, plural } from '../duplicates.js';
import type { WorkspaceRule } from '../rule.js';

export const duplicateUuid: WorkspaceRule = {
  id: 'duplicate-uuid',
  scope: 'workspace',
  severity: 'error',
  description: 'Another template has the same UUID (compared without case or dashes).',
  check: (facts) =>
    duplicateProblems(facts, 'uuid', (raw, n) => `the UUID ${raw} is also used by ${plural(n, 'other template')}`),
};
