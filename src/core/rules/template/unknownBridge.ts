import { replaceSpan } from '../../fixes/templateEdits.js';
import { byCloseness } from '../../text/closest.js';
import { templateRule, type Problem } from '../rule.js';
import { checkedOnLcs } from '../checkedOnLcs.js';

export const unknownBridge = templateRule({
  id: 'unknown-bridge',
  severity: 'error',
  description: 'The <source bridge> is not one of the bridges that exist on the LCs (setting snooze.bridges).',
  check(facts) {
    const { template, document, settings } = facts;
    if (checkedOnLcs(facts)) return []; // lc-missing-bridge knows the LCs' real bridges: snooze.bridges is the offline fallback
    return template.interfaces.flatMap((nic): Problem[] => {
      const bridge = nic.sourceBridge;
      if (nic.type?.value !== 'bridge' || !bridge || bridge.value === '' || settings.bridges.includes(bridge.value))
        return [];
      const closest = byCloseness(bridge.value, settings.bridges);
      const hint =
        closest.length > 0 ? `; did you mean "${closest[0]}"?` : '; no bridge is configured in snooze.bridges';
      return [
        {
          message: `the bridge "${bridge.value}" is not on the LCs (known: ${settings.bridges.join(', ') || 'none'})${hint}`,
          range: document.lines.rangeOf(bridge.span),
          fixes: () =>
            closest.map((name, i) => ({
              title: `Use bridge "${name}"`,
              edits: [replaceSpan(document, bridge.span, name)],
              preferred: i === 0,
            })),
        },
      ];
    });
  },
});
