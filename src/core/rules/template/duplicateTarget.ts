import { templateRule, type Problem } from '../rule.js';

export const duplicateTarget = templateRule({
  id: 'duplicate-target',
  severity: 'error',
  description: 'Two disks of one domain have the same <target dev>: libvirt refuses to define it.',
  check({ template, document }) {
    const targets = template.disks.flatMap((d) => (d.target ? [d.target] : []));
    return targets.flatMap((target): Problem[] => {
      const others = targets.filter((t) => t !== target && t.value === target.value);
      if (others.length === 0) return [];
      return [
        {
          message: `the target "${target.value}" is used by ${others.length + 1} disks of this domain`,
          range: document.lines.rangeOf(target.span),
          related: others.map((o) => ({
            file: document.file,
            range: document.lines.rangeOf(o.span),
            message: `also "${o.value}" here`,
          })),
        },
      ];
    });
  },
});
