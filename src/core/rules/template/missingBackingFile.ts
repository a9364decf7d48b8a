import path from 'node:path';
import { isIsoDisk } from '../../domain/domainTemplate.js';
import type { ImageFacts } from '../../images/imageProbe.js';
import { templateRule, type Problem, type TemplateFacts } from '../rule.js';
import { checkedOnLcs } from '../checkedOnLcs.js';

const MAX_CHAIN = 16; // deeper chains are a loop or a mistake; qemu itself gives up long before

export const missingBackingFile = templateRule({
  id: 'missing-backing-file',
  severity: 'error',
  description: 'A qcow2 image (or an image down its backing chain) names a backing file that is not found.',
  check(facts) {
    if (checkedOnLcs(facts)) return []; // lc-missing-file follows the chains on the LCs themselves
    return facts.template.disks.flatMap((disk): Problem[] => {
      if (!disk.sourceIsFile || !disk.source || isIsoDisk(disk) || !facts.locate(disk.source.value).checkable)
        return [];
      const broken = firstBrokenLink(facts, facts.probeLcPath(disk.source.value));
      if (!broken) return [];
      return [
        {
          message: `the backing file "${broken.image.backingFile}" of ${broken.image.path} was not found (looked for at ${broken.lookedAt}): qemu cannot open this disk`,
          range: facts.document.lines.rangeOf(disk.source.span),
        },
      ];
    });
  },
});

/** Walks the backing chain. Absolute backing names are LC paths (mapped); relative ones resolve against the image's folder, as qemu does. */
function firstBrokenLink(facts: TemplateFacts, start: ImageFacts): { image: ImageFacts; lookedAt: string } | undefined {
  let image = start;
  for (let depth = 0; depth < MAX_CHAIN && image.kind === 'qcow2' && image.backingFile; depth++) {
    const name = image.backingFile;
    // An absolute backing name is an LC path: one in a folder that is not here cannot be followed.
    if (path.isAbsolute(name) && !facts.locate(name).checkable) return undefined;
    const backing = path.isAbsolute(name)
      ? facts.probeLcPath(name)
      : facts.probeLcPath(path.resolve(path.dirname(image.path), name));
    if (backing.kind === 'missing' || backing.kind === 'unreadable' || backing.kind === 'directory')
      return { image, lookedAt: backing.path };
    image = backing;
  }
  return undefined;
}
