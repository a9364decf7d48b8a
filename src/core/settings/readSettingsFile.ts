import fs from 'node:fs';
import path from 'node:path';
import { parse, printParseErrorCode, type ParseError } from 'jsonc-parser';
import { DEFAULT_SETTINGS, settingsFromObject, type LintSettings } from './settings.js';

export interface SettingsFileRead {
  readonly settings: LintSettings;
  /** Values that were wrong and replaced by defaults, and JSON syntax errors: worth telling, not fatal. */
  readonly problems: string[];
  /** Set when the file could not be read at all; the settings are then the defaults. */
  readonly unreadable?: string;
  /** snooze.schemaDirectory, resolved against the workspace folder. */
  readonly schemaDirectory?: string;
}

/**
 * Reads the snooze.* settings from a VS Code settings file (JSON with comments and trailing commas).
 * Relative path mappings resolve against the workspace folder: the parent of `.vscode/`. Never throws.
 */
export function readSettingsFile(file: string): SettingsFileRead {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a folder' : (error as Error).message;
    return { settings: DEFAULT_SETTINGS, problems: [], unreadable: `cannot read settings ${file}: ${reason}` };
  }
  const errors: ParseError[] = [];
  const raw: unknown = parse(text, errors, { allowTrailingComma: true });
  const parent = path.dirname(path.resolve(file));
  const baseDir = path.basename(parent) === '.vscode' ? path.dirname(parent) : parent;
  const result = settingsFromObject(raw, baseDir);
  const syntax = errors.map((e) => `${file}: ${printParseErrorCode(e.error)} at offset ${e.offset}`);
  return {
    settings: result.settings,
    problems: [...syntax, ...result.problems.map((p) => `${file}: ${p}`)],
    ...(result.schemaDirectory ? { schemaDirectory: result.schemaDirectory } : {}),
  };
}
