import type { TemplateRule } from '../rule.js';

export const legacyClockSync: TemplateRule = {
  id: 'legacy-clock-sync',
  scope: 'template',
  severity: 'warning',
  description: '<clock sync=…> is dropped silently by libvirt (the VM gets UTC) and rejected by its schema: use offset.',
  check({ template, document }) {
    const sync = template.clock?.attributes.get('sync');
    if (!sync) return [];
    return [{
      message: `<clock sync="${sync.value}"> is ignored by libvirt (the VM gets UTC) and fails its schema: write offset="${sync.value}"`,
      range: document.lines.rangeOf({ start: sync.nameSpan.start, end: sync.valueSpan.end + 1 }),
    }];
  },
};
