import { sizeInKiB } from '../../domain/memorySize.js';
import type { TextEdit } from '../../fixes/fix.js';
import { insertAt, replaceSpan } from '../../fixes/templateEdits.js';
import { child } from '../../xml/xmlTree.js';
import { templateRule } from '../rule.js';

export const currentMemoryAboveMemory = templateRule({
  id: 'current-memory-above-memory',
  // A warning, not an error: libvirt (virDomainDefPostParseMemory) accepts the domain and lowers the value.
  severity: 'warning',
  description:
    '<currentMemory> is above <memory> (units honoured: KiB by default, k/KiB, M/MiB, G/GiB, KB/MB/GB, bytes…): libvirt lowers it to <memory> without a word, so the VM does not get the memory written.',
  check({ template, document }) {
    const memory = child(template.root, 'memory');
    const current = child(template.root, 'currentMemory');
    if (!memory?.text || !current?.text) return [];
    const memoryUnit = memory.attributes.get('unit');
    const currentUnit = current.attributes.get('unit');
    const total = sizeInKiB(memory.text.value, memoryUnit?.value);
    const balloon = sizeInKiB(current.text.value, currentUnit?.value);
    if (total === undefined || balloon === undefined || balloon <= total) return [];
    const written = (value: string, unit: string | undefined): string => `${value} ${unit ?? 'KiB'}`;
    return [
      {
        message: `currentMemory ${written(current.text.value, currentUnit?.value)} (${balloon} KiB) is above memory ${written(memory.text.value, memoryUnit?.value)} (${total} KiB): libvirt lowers it to ${total} KiB without a word`,
        range: document.lines.rangeOf(current.text.span),
        related: [
          { file: document.file, range: document.lines.rangeOf(memory.text.span), message: 'the memory of the VM' },
        ],
        fixes: () => {
          const edits: TextEdit[] = [replaceSpan(document, current.text!.span, memory.text!.value)];
          const unit = memoryUnit?.value ?? 'KiB';
          if (currentUnit) edits.push(replaceSpan(document, currentUnit.valueSpan, unit));
          else if (memoryUnit)
            edits.push(insertAt(document, current.startTag.start + '<currentMemory'.length, ` unit='${unit}'`));
          return [
            {
              title: `Set currentMemory to memory (${written(memory.text!.value, memoryUnit?.value)})`,
              edits,
              preferred: true,
            },
          ];
        },
      },
    ];
  },
});
