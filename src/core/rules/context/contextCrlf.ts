import { LineMap } from '../../text/lineMap.js';
import { contextRule, type Problem } from '../rule.js';

export const contextCrlf = contextRule({
  id: 'context-crlf',
  severity: 'error',
  description: "A context file has CRLF line endings: bash on the VM fails (cd: $'/mnt\\r').",
  check(folder) {
    return folder.entries.flatMap((entry): Problem[] => {
      if (entry.isDirectory) return [];
      const text = folder.readText(entry.relative);
      const at = text?.indexOf('\r\n') ?? -1;
      if (at === -1) return [];
      const { line, character } = new LineMap(text!).positionAt(at);
      const count = text!.split('\r\n').length - 1;
      return [
        {
          file: entry.path,
          message: `${entry.relative} has Windows (CRLF) line endings on ${count} line${count === 1 ? '' : 's'}: the VM's shell reads the \\r as part of each command`,
          range: { start: { line, character }, end: { line, character: character + 1 } },
          fixes: () => [
            { title: 'Convert line endings to LF', action: { kind: 'convertToLf', file: entry.path }, preferred: true },
          ],
        },
      ];
    });
  },
});
