import path from 'node:path';
import { readSettingsFile } from '../core/settings/readSettingsFile.js';
import { nearestSettingsLookup, type FoundSettings } from '../core/settings/nearestSettings.js';
import type { LintSettings } from '../core/settings/settings.js';
import { parsePathMap, type CliOptions } from './args.js';
import type { CliIo } from './main.js';

export type Resolver =
  | { readonly failure: string }
  | { readonly resolve: (file: string, folder?: boolean) => LintSettings; readonly failed: () => boolean };

/**
 * Each linted file's settings: from --config for every file, or else from the nearest .vscode/settings.json
 * above the file; then the flags on top. Problems in a settings file are told once; a settings file found
 * upward that cannot be read makes the run exit 2 (its files are linted with the defaults).
 */
export function settingsResolver(options: CliOptions, io: Pick<CliIo, 'cwd' | 'err'>): Resolver {
  let lookup: (file: string, folder?: boolean) => FoundSettings;
  if (options.config !== undefined) {
    const source = path.resolve(io.cwd, options.config);
    const read = readSettingsFile(source);
    if (read.unreadable) return { failure: read.unreadable };
    lookup = () => ({ ...read, source });
  } else lookup = nearestSettingsLookup();

  const flagMappings = options['path-map'].map((spec) => {
    const { from, to } = parsePathMap(spec)!;
    return { from, to: path.resolve(io.cwd, to) };
  });
  const flagRules = Object.fromEntries(options.disable.map((id) => [id, 'off' as const]));
  const withFlags = (base: LintSettings): LintSettings => ({
    bridges: options.bridge.length > 0 ? options.bridge : base.bridges,
    pathMappings: [...flagMappings, ...base.pathMappings],
    rules: { ...base.rules, ...flagRules },
  });

  let failed = false;
  const bySource = new Map<string | undefined, LintSettings>();
  return {
    failed: () => failed,
    resolve: (file, folder) => {
      const found = lookup(file, folder);
      let settings = bySource.get(found.source);
      if (!settings) {
        // First time this settings file serves: say what is wrong with it, once.
        for (const problem of found.problems) io.err(`snooze-lint: ${problem}\n`);
        if (found.unreadable) {
          io.err(`snooze-lint: ${found.unreadable}\n`);
          failed = true;
        }
        bySource.set(found.source, (settings = withFlags(found.settings)));
      }
      return settings;
    },
  };
}
