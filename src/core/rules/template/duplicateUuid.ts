import { duplicateProblems, plural } from '../duplicates.js';
import type { TemplateRule } from '../rule.js';

export const duplicateUuid: TemplateRule = {
  id: 'duplicate-uuid',
  scope: 'template',
  severity: 'error',
  description: 'Another template has the same UUID (compared without case or dashes).',
  check: (facts) =>
    duplicateProblems(facts, 'uuid', (raw, n) => `the UUID ${raw} is also used by ${plural(n, 'other template')}`),
};
