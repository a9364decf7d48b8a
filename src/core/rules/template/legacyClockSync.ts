import { removeAttribute, replaceSpan } from '../../fixes/templateEdits.js';
import { templateRule } from '../rule.js';

export const legacyClockSync = templateRule({
  id: 'legacy-clock-sync',
  severity: 'warning',
  description:
    '<clock sync=…> is dropped silently by libvirt (the VM gets UTC) and rejected by its schema: use offset.',
  check({ template, document }) {
    const clock = template.clock;
    const sync = clock?.attributes.get('sync');
    if (!clock || !sync) return [];
    return [
      {
        message: `<clock sync="${sync.value}"> is ignored by libvirt (the VM gets UTC) and fails its schema: write offset="${sync.value}"`,
        range: document.lines.rangeOf({ start: sync.nameSpan.start, end: sync.valueSpan.end + 1 }),
        // With an offset already there, sync is just dropped: two offsets would not parse.
        fixes: () =>
          clock.attributes.has('offset')
            ? [
                {
                  title: 'Remove sync= (offset is already set)',
                  edits: [removeAttribute(document, sync.nameSpan, sync.valueSpan)],
                  preferred: true,
                },
              ]
            : [
                {
                  title: `Change sync="${sync.value}" to offset="${sync.value}"`,
                  edits: [replaceSpan(document, sync.nameSpan, 'offset')],
                  preferred: true,
                },
              ],
      },
    ];
  },
});
