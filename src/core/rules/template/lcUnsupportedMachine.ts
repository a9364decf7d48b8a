import { child } from '../../xml/xmlTree.js';
import { reachable } from '../../lc/lcFacts.js';
import { templateRule, type Problem } from '../rule.js';

const SHOWN = 6; // machine types named in a message; an LC lists dozens

export const lcUnsupportedMachine = templateRule({
  id: 'lc-unsupported-machine',
  severity: 'error',
  description:
    "The <os><type arch machine> or the domain type (kvm) is not among what a checked local controller's libvirt reports (virsh capabilities): the VM cannot start there.",
  check({ lcs, template, document }) {
    const type = child(child(template.root, 'os') ?? template.root, 'type');
    const arch = type?.attributes.get('arch');
    const machine = type?.attributes.get('machine');
    const domainType = template.root.attributes.get('type');
    if (!arch || arch.value === '') return []; // libvirt picks the host's architecture: nothing to compare
    const problems: Problem[] = [];
    for (const lc of reachable(lcs)) {
      const caps = lc.capabilities;
      if (!caps) continue; // virsh did not answer there: nothing is known
      const machines = caps.machines[arch.value];
      if (!machines) {
        problems.push({
          message: `${lc.host} runs no ${arch.value} guests (its libvirt offers: ${Object.keys(caps.machines).join(', ') || 'none'})`,
          range: document.lines.rangeOf(arch.valueSpan),
        });
        continue;
      }
      if (machine && machine.value !== '' && !machines.includes(machine.value)) {
        const offered = machines.slice(0, SHOWN).join(', ') + (machines.length > SHOWN ? ', …' : '');
        problems.push({
          message: `machine type ${machine.value} is not supported on ${lc.host} (it has ${offered})`,
          range: document.lines.rangeOf(machine.valueSpan),
        });
      }
      const types = caps.domainTypes[arch.value] ?? [];
      if (domainType && domainType.value !== '' && types.length > 0 && !types.includes(domainType.value)) {
        problems.push({
          message: `domain type ${domainType.value} is not available on ${lc.host} (it offers ${types.join(', ')})${domainType.value === 'kvm' ? ': no KVM there' : ''}`,
          range: document.lines.rangeOf(domainType.valueSpan),
        });
      }
    }
    return problems;
  },
});
