import { entryRange } from '../../index/workspaceIndex.js';
import { uniqueName } from '../../template/uniqueName.js';
import { plural } from '../../text/plural.js';
import { duplicateProblems } from '../duplicates.js';
import { workspaceRule } from '../rule.js';

export const duplicateName = workspaceRule({
  id: 'duplicate-name',
  severity: 'error',
  description: 'Another template has the same <name> (case-sensitive): the second VM cannot be defined.',
  check: (facts) =>
    duplicateProblems(
      facts,
      'name',
      (raw, n) => `the name "${raw}" is also used by ${plural(n, 'other template')}`,
      (entry) => {
        const fresh = uniqueName(entry.raw, facts.index.keys('name'));
        return [
          { title: `Rename to "${fresh}"`, edits: [{ range: entryRange(entry), newText: fresh }], preferred: true },
        ];
      },
    ),
});
