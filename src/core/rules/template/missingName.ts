import { templateRule } from '../rule.js';

export const missingName = templateRule({
  id: 'missing-name',
  severity: 'error',
  description: 'The domain has no <name>: libvirt refuses to define it.',
  check({ template, document }) {
    if (template.name && template.name.value !== '') return [];
    const span = template.nameElement?.span ?? {
      start: template.root.startTag.start + 1,
      end: template.root.startTag.start + 7,
    };
    return [
      {
        message: template.nameElement ? 'the <name> is empty' : 'the domain has no <name>',
        range: document.lines.rangeOf(span),
      },
    ];
  },
});
