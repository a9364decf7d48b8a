import { replaceSpan } from '../../fixes/templateEdits.js';
import { hostList, reachable } from '../../lc/lcFacts.js';
import { byCloseness } from '../../text/closest.js';
import { templateRule, type Problem } from '../rule.js';

export const lcMissingBridge = templateRule({
  id: 'lc-missing-bridge',
  severity: 'error',
  description:
    'The <source bridge> does not exist on a local controller that was checked (its /sys/class/net): libvirt cannot plug the VM in there. Replaces unknown-bridge when LCs were checked.',
  check({ lcs, template, document }) {
    const checked = reachable(lcs);
    if (checked.length === 0) return [];
    // The bridges every checked LC has: the names a fix may offer.
    const everywhere = checked[0]!.bridges.filter((b) => checked.every((lc) => lc.bridges.includes(b)));
    return template.interfaces.flatMap((nic): Problem[] => {
      const bridge = nic.sourceBridge;
      if (nic.type?.value !== 'bridge' || !bridge || bridge.value === '') return [];
      const lacking = checked.filter((lc) => !lc.bridges.includes(bridge.value)).map((lc) => lc.host);
      if (lacking.length === 0) return [];
      const having = checked.filter((lc) => lc.bridges.includes(bridge.value)).map((lc) => lc.host);
      const closest = byCloseness(bridge.value, everywhere);
      return [
        {
          message:
            having.length > 0
              ? `bridge ${bridge.value} exists on ${hostList(having)}, not on ${hostList(lacking)}`
              : `bridge ${bridge.value} exists on no local controller checked (${checked.map((lc) => `${lc.host}: ${lc.bridges.join(', ') || 'no bridge'}`).join('; ')})`,
          range: document.lines.rangeOf(bridge.span),
          fixes: () =>
            closest.map((name, i) => ({
              title: `Use bridge "${name}" (on every LC checked)`,
              edits: [replaceSpan(document, bridge.span, name)],
              preferred: i === 0,
            })),
        },
      ];
    });
  },
});
