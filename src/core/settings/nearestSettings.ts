import fs from 'node:fs';
import path from 'node:path';
import { readSettingsFile, type SettingsFileRead } from './readSettingsFile.js';
import { DEFAULT_SETTINGS } from './settings.js';

/** The settings that apply to a file, and the settings file they were read from (none: the defaults). */
export interface FoundSettings extends SettingsFileRead {
  readonly source?: string;
}

/**
 * Looks up each file's settings as VS Code gives them to the workspace folder holding it: the nearest
 * `.vscode/settings.json` in the file's folder or a folder above it, up to the filesystem root. Each folder
 * is looked at once and each settings file read once per run (`read` is told the first time it is).
 */
export function nearestSettingsLookup(
  read: (file: string) => SettingsFileRead = readSettingsFile,
): (file: string, folder?: boolean) => FoundSettings {
  const fileOfFolder = new Map<string, string | undefined>();
  const reads = new Map<string, SettingsFileRead>();
  const settingsFileFrom = (dir: string): string | undefined => {
    if (fileOfFolder.has(dir)) return fileOfFolder.get(dir);
    const candidate = path.join(dir, '.vscode', 'settings.json');
    const parent = path.dirname(dir);
    const found = isFile(candidate) ? candidate : parent === dir ? undefined : settingsFileFrom(parent);
    fileOfFolder.set(dir, found);
    return found;
  };
  const ofFolder = new Map<string, FoundSettings>();
  const settingsOf = (start: string): FoundSettings => {
    let found = ofFolder.get(start);
    if (found) return found;
    const source = settingsFileFrom(path.resolve(start));
    found = { settings: DEFAULT_SETTINGS, problems: [] };
    if (source !== undefined) {
      let result = reads.get(source);
      if (!result) reads.set(source, (result = read(source)));
      found = { ...result, source };
    }
    ofFolder.set(start, found);
    return found;
  };
  // The linter asks several times per file (its own rules, shared rules, its context link), and the files of a
  // folder share their answer: looked up once per folder, by the folder as given (no path resolved per file).
  // A context folder is linted as a folder: its own .vscode counts. A template starts from its folder.
  return (file, folder) => settingsOf((folder ?? isDirectory(file)) ? file : path.dirname(file));
}

function isFile(file: string): boolean {
  return statOf(file)?.isFile() ?? false;
}

function isDirectory(file: string): boolean {
  return statOf(file)?.isDirectory() ?? false;
}

function statOf(file: string): fs.Stats | undefined {
  try {
    return fs.statSync(file, { throwIfNoEntry: false });
  } catch {
    return undefined; // a loop of links, a folder we may not enter: no settings there
  }
}
