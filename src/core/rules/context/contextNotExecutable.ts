import { distributionScripts } from '../../context/distributionScripts.js';
import { FILE_START } from '../../text/lineMap.js';
import { contextRule } from '../rule.js';

export const contextNotExecutable = contextRule({
  id: 'context-not-executable',
  severity: 'warning',
  description:
    'A script under distributions/*/ has no exec bit: run-parts skips it (genisoimage -R keeps modes in the ISO).',
  check(folder) {
    return distributionScripts(folder.entries)
      .filter((e) => (e.mode & 0o111) === 0)
      .map((e) => ({
        file: e.path,
        message: `${e.relative} is not executable, so run-parts will skip it on the VM (chmod +x it)`,
        range: FILE_START,
      }));
  },
});
