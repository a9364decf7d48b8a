import { duplicateProblems, plural } from '../duplicates.js';
import type { WorkspaceRule } from '../rule.js';

export const duplicateName: WorkspaceRule = {
  id: 'duplicate-name',
  scope: 'workspace',
  severity: 'error',
  description: 'Another template has the same <name> (case-sensitive): the second VM cannot be defined.',
  check: (facts) =>
    duplicateProblems(facts, 'name', (raw, n) => `the name "${raw}" is also used by ${plural(n, 'other template')}`),
};
