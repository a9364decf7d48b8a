import { normalizeUuid } from '../../domain/identifiers.js';
import type { TemplateRule } from '../rule.js';

export const invalidUuid: TemplateRule = {
  id: 'invalid-uuid',
  scope: 'template',
  severity: 'error',
  description: 'The <uuid> is not 32 hex digits (dashes and spaces between digits are allowed).',
  check({ template, document }) {
    const uuid = template.uuid;
    if (!uuid || normalizeUuid(uuid.value)) return [];
    return [{ message: `"${uuid.value}" is not a UUID: expected 32 hex digits such as 0f476e56-67ea-11e1-858e-00216a972a36`, range: document.lines.rangeOf(uuid.span) }];
  },
};
