import type { Range } from '../text/lineMap.js';

/** A replacement of one range of the text a finding was made on: fixes touch only the text concerned. */
export interface TextEdit {
  readonly range: Range;
  readonly newText: string;
}

/**
 * Work a fix asks the editor to do where a text edit is not enough: the core names it, the extension maps
 * each kind to its command. (The core never imports the editor, so it cannot name a command id itself.)
 */
export type FixAction =
  /** Rewrite a file with LF line endings, keeping its content. */
  | { readonly kind: 'convertToLf'; readonly file: string }
  /** Rename a file (refused by the editor when the new name is taken). */
  | { readonly kind: 'renameFile'; readonly from: string; readonly to: string }
  /** Build a context folder's ISO where a template looks for it (Build Context ISO); `replace`: rebuild a stale one. */
  | { readonly kind: 'buildIso'; readonly contextFolder: string; readonly output: string; readonly replace?: boolean }
  /** Create a copy-on-write disk at `output` (Create Copy-on-Write Disk; the base is asked). */
  | { readonly kind: 'createDisk'; readonly output: string }
  /** Map an LC folder to a folder of this machine in snooze.pathMappings (the folder is asked). */
  | { readonly kind: 'mapLcFolder'; readonly lcFolder: string; readonly file: string }
  /** Check a template's paths and bridges on the local controllers themselves (snooze.localControllers). */
  | { readonly kind: 'checkOnLcs'; readonly file: string };

/** One way out of a finding: edits to its own file, an action, or both. */
export interface Fix {
  readonly title: string;
  readonly edits?: readonly TextEdit[];
  readonly action?: FixAction;
  /** The fix a person most likely wants: offered first, and applied by "Auto Fix". */
  readonly preferred?: boolean;
}
