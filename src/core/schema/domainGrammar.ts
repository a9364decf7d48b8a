import fs from 'node:fs';
import { Grammar, type GrammarTable } from './grammarTable.js';
import { packageFile } from './schemaDirectory.js';

let grammar: Grammar | null | undefined;

/**
 * The table compiled from the bundled domain.rng (schemas/grammar/domain.json, 67 KB), read on first use and
 * kept: completion, hover and the schema rule's "expected …". Undefined if the file is missing (a broken
 * install): callers then offer nothing rather than fail.
 */
export function domainGrammar(): Grammar | undefined {
  if (grammar === undefined) {
    try {
      grammar = new Grammar(
        JSON.parse(fs.readFileSync(packageFile('schemas', 'grammar', 'domain.json'), 'utf8')) as GrammarTable,
      );
    } catch {
      grammar = null;
    }
  }
  return grammar ?? undefined;
}
