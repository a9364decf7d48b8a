import { templateRule } from '../rule.js';
import { checkedOnLcs } from '../checkedOnLcs.js';

export const missingEmulator = templateRule({
  id: 'missing-emulator',
  severity: 'warning',
  description: 'The <emulator> path is not present on this machine (check that it exists on the LCs).',
  check(facts) {
    const { template, document, existsHere } = facts;
    if (checkedOnLcs(facts)) return []; // lc-missing-emulator answers for the LCs themselves
    const emulator = template.emulator;
    if (!emulator || emulator.value === '' || existsHere(emulator.value)) return [];
    return [
      {
        message: `the emulator ${emulator.value} is not on this machine; make sure the LCs have it`,
        range: document.lines.rangeOf(emulator.span),
      },
    ];
  },
});
