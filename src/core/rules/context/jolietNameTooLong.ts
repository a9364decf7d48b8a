import path from 'node:path';
import { FILE_START } from '../../text/lineMap.js';
import { contextRule } from '../rule.js';

/** Joliet stores at most 64 UCS-2 characters per name; genisoimage cuts longer ones (losing the extension). */
const JOLIET_MAX = 64;

export const jolietNameTooLong = contextRule({
  id: 'joliet-name-too-long',
  severity: 'warning',
  description: 'A name in a context folder is longer than 64 characters: Joliet truncates it.',
  check(folder) {
    return folder.entries
      .filter((e) => path.basename(e.path).length > JOLIET_MAX)
      .map((e) => ({
        file: e.path,
        message: `the name "${path.basename(e.path)}" has ${path.basename(e.path).length} characters: Joliet cuts names at ${JOLIET_MAX}, and two names that collide after the cut fail the build`,
        range: FILE_START,
      }));
  },
});
