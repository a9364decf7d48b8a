import path from 'node:path';
import { isIsoDisk } from '../../domain/domainTemplate.js';
import { hostList, reachable, type LcPathState } from '../../lc/lcFacts.js';
import { templateRule, type Problem } from '../rule.js';

const WHY: Record<Exclude<LcPathState, 'file'>, string> = {
  missing: 'is missing',
  unreadable: 'is not readable',
  folder: 'is a folder',
};

export const lcMissingFile = templateRule({
  id: 'lc-missing-file',
  severity: 'error',
  description:
    'A disk image, backing file or ISO the template names is missing (or unreadable) on a local controller that was checked: the VM cannot start there.',
  check({ lcs, template, document }) {
    const checked = reachable(lcs);
    if (checked.length === 0) return [];
    return template.disks.flatMap((disk): Problem[] => {
      if (!disk.sourceIsFile || !disk.source || !path.posix.isAbsolute(disk.source.value)) return [];
      const file = disk.source.value;
      const range = document.lines.rangeOf(disk.source.span);
      const what = isIsoDisk(disk) ? 'the ISO' : 'the disk image';
      const problems: Problem[] = [];
      // One finding per way of lacking it, naming every LC concerned ("missing on lc2 and lc3").
      for (const state of ['missing', 'unreadable', 'folder'] as const) {
        const lacking = checked.filter((lc) => lc.paths[file] === state).map((lc) => lc.host);
        if (lacking.length === 0) continue;
        const having = checked.filter((lc) => lc.paths[file] === 'file').map((lc) => lc.host);
        problems.push({
          message: `${what} ${file} ${WHY[state]} on ${hostList(lacking)}${having.length > 0 ? ` (it is on ${hostList(having)})` : ''}`,
          range,
        });
      }
      // Down the backing chain: the first link an LC cannot follow.
      for (const lc of checked) {
        const broken = (lc.backing[file] ?? []).find((link) => link.state !== 'file');
        if (!broken) continue;
        problems.push({
          message: `the backing file "${broken.name}" of ${broken.image} ${WHY[broken.state as Exclude<LcPathState, 'file'>]} on ${lc.host} (looked for at ${broken.resolved}): qemu cannot open this disk there`,
          range,
        });
      }
      return problems;
    });
  },
});
