import type { Fix } from '../../fixes/fix.js';
import type { Span } from '../../text/lineMap.js';
import { templateRule } from '../rule.js';
import { checkedOnLcs } from '../checkedOnLcs.js';

export const unmappedLcFolder = templateRule({
  id: 'unmapped-lc-folder',
  severity: 'info',
  description:
    'An LC folder the template names (its disks, its ISO) is not on this machine and no snooze.pathMappings entry maps it: its files are not checked here. Map it to a local folder, or check on the LCs.',
  check(facts) {
    if (checkedOnLcs(facts)) return []; // the files were checked, on the LCs themselves
    // One finding per template, whatever the number of paths: the missing-* rules stay silent on these paths.
    const folders = new Map<string, Span>();
    for (const disk of facts.template.disks) {
      if (!disk.sourceIsFile || !disk.source) continue;
      const where = facts.locate(disk.source.value);
      if (!where.checkable && !folders.has(where.lcFolder)) folders.set(where.lcFolder, disk.source.span);
    }
    if (folders.size === 0) return [];
    const names = [...folders.keys()];
    const list = names.length === 1 ? names[0]! : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
    const file = facts.document.file;
    return [
      {
        message: `${list} ${names.length === 1 ? 'is' : 'are'} not on this machine, so the files of this template there are not checked: map ${names.length === 1 ? 'it' : 'each'} to a local folder (snooze.pathMappings) or check on the LCs`,
        range: facts.document.lines.rangeOf(folders.values().next().value!),
        fixes: (): Fix[] => [
          ...names.map((lcFolder, i) => ({
            title: `Map ${lcFolder} to a folder…`,
            action: { kind: 'mapLcFolder' as const, lcFolder, file },
            preferred: i === 0,
          })),
          { title: 'Check on the local controllers…', action: { kind: 'checkOnLcs' as const, file } },
        ],
      },
    ];
  },
});
