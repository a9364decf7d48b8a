import type { Range } from '../text/lineMap.js';

/** One KEY=VALUE line of `common/network`, with the range of its value for diagnostics. */
export interface NetworkSetting {
  readonly key: string;
  readonly value: string;
  readonly range: Range;
}

/** Reads KEY=VALUE lines (shell syntax: `#` comments, optional quotes around the value): the one parser of common/network. */
export function parseNetworkFile(text: string): NetworkSetting[] {
  const settings: NetworkSetting[] = [];
  text.split('\n').forEach((rawLine, line) => {
    const match = /^(\s*)([A-Za-z_][A-Za-z0-9_]*)=(.*?)\s*$/.exec(rawLine.replace(/\r$/, ''));
    if (!match || rawLine.trimStart().startsWith('#')) return;
    const [, indent, key, rawValue] = match as unknown as [string, string, string, string];
    const quoted = /^(["'])(.*)\1$/.exec(rawValue);
    const value = quoted ? quoted[2]! : rawValue;
    const character = indent.length + key.length + 1 + (quoted ? 1 : 0);
    settings.push({
      key,
      value,
      range: { start: { line, character }, end: { line, character: character + value.length } },
    });
  });
  return settings;
}
