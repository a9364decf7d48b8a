import type { XmlElement } from '../xml/xmlTree.js';

/** One complaint of libxml2's RelaxNG validator, as it words it (coarse: see findCulprit.ts). */
export interface SchemaIssue {
  readonly message: string;
  /** 1-based; 0 when libxml2 gives none (its interleave messages). */
  readonly line: number;
  /** The element libxml2 was checking, as `/domain/devices`, when it says. */
  readonly xpath?: string;
}

/** libvirt's domain.rng, compiled once; validating a template is then synchronous and takes well under a millisecond. */
export interface SchemaValidator {
  /** The folder domain.rng was read from. */
  readonly directory: string;
  /** Nothing when the text is valid. The text is well-formed (the rule runs only on parsed templates). */
  validate(text: string): SchemaIssue[];
  /**
   * True when the parsed template is certainly valid, proven without libxml2 by the same schema compiled for
   * validation by derivatives (relaxng/); false means "ask validate()". Absent when that compilation failed.
   */
  readonly provesValid?: (text: string, root: XmlElement) => boolean;
}
