import fs from 'node:fs';
import path from 'node:path';
import { parse, printParseErrorCode, type ParseError } from 'jsonc-parser';
import { settingsFromObject, type LintSettings } from './settings.js';

/**
 * Reads the snooze.* settings from a VS Code settings file (JSON with comments and trailing commas).
 * Relative path mappings resolve against the workspace folder: the parent of `.vscode/`.
 */
export function readSettingsFile(file: string): { settings: LintSettings; problems: string[] } {
  const text = fs.readFileSync(file, 'utf8');
  const errors: ParseError[] = [];
  const raw: unknown = parse(text, errors, { allowTrailingComma: true });
  const parent = path.dirname(path.resolve(file));
  const baseDir = path.basename(parent) === '.vscode' ? path.dirname(parent) : parent;
  const result = settingsFromObject(raw, baseDir);
  const syntax = errors.map((e) => `${file}: ${printParseErrorCode(e.error)} at offset ${e.offset}`);
  return { settings: result.settings, problems: [...syntax, ...result.problems] };
}
