import { reachable } from '../lc/lcFacts.js';
import type { TemplateFacts } from './rule.js';

/**
 * Whether a local controller answered for this template: then the rules that guess from this machine (local
 * files, snooze.bridges, the emulator here) yield to the lc-* rules, which know.
 */
export function checkedOnLcs(facts: Pick<TemplateFacts, 'lcs'>): boolean {
  return reachable(facts.lcs).length > 0;
}
