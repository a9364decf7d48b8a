import { hostList, reachable } from '../../lc/lcFacts.js';
import { templateRule } from '../rule.js';

export const lcMissingEmulator = templateRule({
  id: 'lc-missing-emulator',
  severity: 'error',
  description:
    'The <emulator> binary is not an executable file on a local controller that was checked: libvirt refuses to start the VM there. Replaces missing-emulator when LCs were checked.',
  check({ lcs, template, document }) {
    const emulator = template.emulator;
    if (!emulator || emulator.value === '') return [];
    const lacking = reachable(lcs)
      .filter((lc) => lc.emulators[emulator.value] === false)
      .map((lc) => lc.host);
    if (lacking.length === 0) return [];
    return [
      {
        message: `the emulator ${emulator.value} is not on ${hostList(lacking)} (or is not executable there)`,
        range: document.lines.rangeOf(emulator.span),
      },
    ];
  },
});
