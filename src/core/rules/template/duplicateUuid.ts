import { entryRange } from '../../index/workspaceIndex.js';
import { newUuid } from '../../template/uuid.js';
import { plural } from '../../text/plural.js';
import { duplicateProblems } from '../duplicates.js';
import { workspaceRule } from '../rule.js';

export const duplicateUuid = workspaceRule({
  id: 'duplicate-uuid',
  severity: 'error',
  description: 'Another template has the same UUID (compared without case or dashes).',
  check: (facts) =>
    duplicateProblems(
      facts,
      'uuid',
      (raw, n) => `the UUID ${raw} is also used by ${plural(n, 'other template')}`,
      (entry) => [
        { title: NEW_UUID_TITLE, edits: [{ range: entryRange(entry), newText: newUuid() }], preferred: true },
      ],
    ),
});

export const NEW_UUID_TITLE = 'Replace with a new random UUID';
