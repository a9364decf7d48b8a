import path from 'node:path';
import { FILE_START } from '../../text/lineMap.js';
import { filesNewerThanIso } from '../../context/contextFolder.js';
import { contextRule } from '../rule.js';

export const isoStale = contextRule({
  id: 'iso-stale',
  severity: 'warning',
  description: 'X.iso beside context folder X/ is older than a file in X/: rebuild the ISO.',
  check(folder) {
    return (filesNewerThanIso(folder) ?? []).map((e) => ({
      file: e.path,
      message: `${e.relative} changed after ${path.basename(folder.isoPath)} was built: rebuild the ISO or the VM gets the old version`,
      range: FILE_START,
    }));
  },
});
