import { byCloseness } from '../../text/closest.js';
import type { Problem, TemplateRule } from '../rule.js';

export const unknownBridge: TemplateRule = {
  id: 'unknown-bridge',
  scope: 'template',
  severity: 'error',
  description: 'The <source bridge> is not one of the bridges that exist on the LCs (setting snooze.bridges).',
  check({ template, document, settings }) {
    return template.interfaces.flatMap((nic): Problem[] => {
      const bridge = nic.sourceBridge;
      if (nic.type?.value !== 'bridge' || !bridge || bridge.value === '' || settings.bridges.includes(bridge.value)) return [];
      const suggestions = byCloseness(bridge.value, settings.bridges);
      const hint = suggestions.length > 0 ? `; did you mean "${suggestions[0]}"?` : '; no bridge is configured in snooze.bridges';
      return [{
        message: `the bridge "${bridge.value}" is not on the LCs (known: ${settings.bridges.join(', ') || 'none'})${hint}`,
        range: document.lines.rangeOf(bridge.span),
        suggestions,
      }];
    });
  },
};
