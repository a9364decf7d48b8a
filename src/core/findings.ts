import type { Range } from './text/lineMap.js';

export type Severity = 'error' | 'warning' | 'info';

/** Another place that explains a finding: the other file holding a duplicate, say. */
export interface RelatedLocation {
  readonly file: string;
  readonly range: Range;
  readonly message: string;
}

/** One problem, found by one rule, at one range of one file. The same shape feeds the CLI and the editor. */
export interface Finding {
  readonly rule: string;
  readonly severity: Severity;
  readonly message: string;
  readonly file: string;
  readonly range: Range;
  readonly related?: readonly RelatedLocation[];
  /** Replacement candidates, best first (closest bridge names, say): quick fixes offer them. */
  readonly suggestions?: readonly string[];
}
