import { normalizeUuid } from '../../domain/identifiers.js';
import { replaceSpan } from '../../fixes/templateEdits.js';
import { newUuid } from '../../template/uuid.js';
import { templateRule } from '../rule.js';
import { NEW_UUID_TITLE } from './duplicateUuid.js';

export const invalidUuid = templateRule({
  id: 'invalid-uuid',
  severity: 'error',
  description: 'The <uuid> is not 32 hex digits (dashes and spaces between digits are allowed).',
  check({ template, document }) {
    const uuid = template.uuid;
    if (!uuid || normalizeUuid(uuid.value)) return [];
    return [
      {
        message: `"${uuid.value}" is not a UUID: expected 32 hex digits such as 0f476e56-67ea-11e1-858e-00216a972a36`,
        range: document.lines.rangeOf(uuid.span),
        fixes: () => [{ title: NEW_UUID_TITLE, edits: [replaceSpan(document, uuid.span, newUuid())], preferred: true }],
      },
    ];
  },
});
