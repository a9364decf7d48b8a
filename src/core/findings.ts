import type { Range } from './text/lineMap.js';
import type { Fix } from './fixes/fix.js';
import type { RuleId } from './rules/registry.js';

export type Severity = 'error' | 'warning' | 'info';

/** Another place that explains a finding: the other file holding a duplicate, say. */
export interface RelatedLocation {
  readonly file: string;
  readonly range: Range;
  readonly message: string;
}

/** One problem, found by one rule, at one range of one file. The same shape feeds the CLI and the editor. */
export interface Finding {
  readonly rule: RuleId;
  readonly severity: Severity;
  readonly message: string;
  readonly file: string;
  readonly range: Range;
  readonly related?: readonly RelatedLocation[];
  /** The rule's fixes, when the linter was asked for them (the editor): see Problem.fixes. */
  readonly fixes?: () => readonly Fix[];
}
