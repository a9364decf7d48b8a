import { fromAttribute, type Located } from '../../domain/domainTemplate.js';
import { replaceSpan } from '../../fixes/templateEdits.js';
import { templateRule, type Problem } from '../rule.js';

export const duplicateControllerIndex = templateRule({
  id: 'duplicate-controller-index',
  severity: 'error',
  description:
    "Two controllers of one type have the same index: libvirt refuses the domain with \"Multiple 'X' controllers with index 'Y'\" (USB controllers excepted: companions share one).",
  check({ template, document }) {
    const controllers = template.devices
      .filter((device) => device.name === 'controller')
      .flatMap((element) => {
        const type = element.attributes.get('type')?.value;
        const index = fromAttribute(element.attributes.get('index'));
        // An absent index is given the lowest free one by libvirt; USB2 companion controllers share an index on purpose.
        if (type === undefined || type === 'usb' || !index || !/^\d+$/.test(index.value.trim())) return [];
        return [{ type, index, number: Number(index.value.trim()) }];
      });
    const problems: Problem[] = [];
    controllers.forEach((controller, at) => {
      const earlier = controllers
        .slice(0, at)
        .find((c) => c.type === controller.type && c.number === controller.number);
      if (!earlier) return;
      const used = new Set(controllers.filter((c) => c.type === controller.type).map((c) => c.number));
      let free = 0;
      while (used.has(free)) free++;
      problems.push({
        message: `a second '${controller.type}' controller with index ${controller.number}: libvirt refuses it with "Multiple '${controller.type}' controllers with index '${controller.number}'"`,
        range: document.lines.rangeOf(controller.index.span),
        related: [
          {
            file: document.file,
            range: document.lines.rangeOf(earlier.index.span),
            message: `the first '${controller.type}' controller with index ${controller.number}`,
          },
        ],
        fixes: () => [
          {
            title: `Use index ${free} (the lowest free for '${controller.type}')`,
            edits: [replaceSpan(document, (controller.index as Located).span, String(free))],
            preferred: true,
          },
        ],
      });
    });
    return problems;
  },
});
