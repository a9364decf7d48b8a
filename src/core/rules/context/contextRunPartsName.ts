import path from 'node:path';
import { distributionScripts, RUN_PARTS_NAME } from '../../context/distributionScripts.js';
import { FILE_START } from '../../text/lineMap.js';
import { contextRule } from '../rule.js';

export const contextRunPartsName = contextRule({
  id: 'context-run-parts-name',
  severity: 'warning',
  description:
    'A script under distributions/*/ has a name run-parts skips (anything but letters, digits, _ and -, e.g. 10_routes.sh).',
  check(folder) {
    return distributionScripts(folder.entries)
      .filter((e) => !RUN_PARTS_NAME.test(path.basename(e.path)))
      .map((e) => {
        const suggestion = path
          .basename(e.path)
          .replace(/\.[^.]*$/, '')
          .replace(/[^A-Za-z0-9_-]/g, '-');
        const to = path.join(path.dirname(e.path), suggestion);
        return {
          file: e.path,
          message: `run-parts skips ${e.relative}: its name may only hold letters, digits, _ and - (rename it to "${suggestion}")`,
          range: FILE_START,
          fixes: () => [
            { title: `Rename it to ${suggestion}`, action: { kind: 'renameFile', from: e.path, to }, preferred: true },
          ],
        };
      });
  },
});
