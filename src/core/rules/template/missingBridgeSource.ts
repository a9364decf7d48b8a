import { templateRule, type Problem } from '../rule.js';

export const missingBridgeSource = templateRule({
  id: 'missing-bridge-source',
  severity: 'error',
  description: 'A bridge interface has no <source bridge=…>: libvirt does not know which bridge to plug it into.',
  check({ template, document }) {
    return template.interfaces.flatMap((nic): Problem[] => {
      if (nic.type?.value !== 'bridge' || (nic.sourceBridge && nic.sourceBridge.value !== '')) return [];
      const span = nic.sourceBridge?.span ?? nic.source?.startTag ?? nic.element.startTag;
      return [{ message: 'this bridge interface has no <source bridge="…"/>', range: document.lines.rangeOf(span) }];
    });
  },
});
