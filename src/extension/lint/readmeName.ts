// Which file the extension's README is shipped as. vsce stores README.md as `readme.md` inside a .vsix, so a
// link to `README.md` opens nothing in an installed extension on a case-sensitive file system. No 'vscode'
// import: the packaging test checks this against a real .vsix.
import fs from 'node:fs';

const CANDIDATES = ['README.md', 'readme.md', 'Readme.md'];

/** The README's file name as it exists in `extensionDir` (README.md when there is none, so links stay stable). */
export function shippedReadmeName(extensionDir: string): string {
  let names: string[];
  try {
    names = fs.readdirSync(extensionDir);
  } catch {
    return CANDIDATES[0]!;
  }
  return (
    CANDIDATES.find((name) => names.includes(name)) ??
    names.find((name) => name.toLowerCase() === 'readme.md') ??
    CANDIDATES[0]!
  );
}

/** `#rule-<id>`: each rule's anchor in the README's rule table. */
export function ruleAnchor(rule: string): string {
  return `rule-${rule}`;
}
