import path from 'node:path';
import { FILE_START } from '../../text/lineMap.js';
import { contextRule } from '../rule.js';

export const contextMissingPostInstall = contextRule({
  id: 'context-missing-post-install',
  severity: 'warning',
  description: 'A context folder has no post-install script: the VM falls back to DHCP.',
  check(folder) {
    if (folder.entries.some((e) => e.relative === 'post-install' && !e.isDirectory)) return [];
    const anchor =
      folder.entries.find((e) => e.relative === 'common/network') ?? folder.entries.find((e) => !e.isDirectory);
    return [
      {
        file: anchor?.path ?? path.join(folder.dir, 'post-install'),
        message: `the context folder ${path.basename(folder.dir)} has no post-install: the VM will ignore this context and fall back to DHCP`,
        range: FILE_START,
      },
    ];
  },
});
