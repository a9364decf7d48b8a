import fs from 'node:fs';
import path from 'node:path';
import { lintPaths } from '../core/lint/lintPaths.js';
import { readSettingsFile } from '../core/settings/readSettingsFile.js';
import { DEFAULT_SETTINGS, type LintSettings } from '../core/settings/settings.js';
import { ruleById } from '../core/rules/registry.js';
import { parseCliArgs, UsageError, USAGE, type CliOptions } from './args.js';
import { formatText } from './format/text.js';
import { formatJson } from './format/json.js';
import { formatSarif } from './format/sarif.js';
import type { PreparedSchema } from './prepareSchema.js';

// Replaced by the bundler with package.json's version; the fallback serves the unbundled test build.
declare const SNOOZE_VERSION: string | undefined;
const VERSION = typeof SNOOZE_VERSION === 'string' ? SNOOZE_VERSION : 'dev';

export interface CliIo {
  readonly cwd: string;
  out(text: string): void;
  err(text: string): void;
}

/**
 * Runs the linter as the command line asks; returns the exit status (0 clean, 1 errors found, 2 usage or I/O).
 * `schema`: libvirt's schema compiled beforehand (prepareSchema); without it the schema rule reports nothing.
 */
export function runCli(argv: readonly string[], io: CliIo, schema: PreparedSchema = {}): number {
  let options: CliOptions;
  try {
    options = parseCliArgs(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.err(`snooze-lint: ${error.message}\n${USAGE}\n`);
    return 2;
  }
  if (options.help) {
    io.out(`${USAGE}\n`);
    return 0;
  }
  if (options.version) {
    io.out(`snooze-lint ${VERSION}\n`);
    return 0;
  }
  const unknownRules = options.disabled.filter((id) => !ruleById(id));
  if (unknownRules.length > 0) {
    io.err(`snooze-lint: unknown rule ${unknownRules.join(', ')} (see the README's rule table)\n`);
    return 2;
  }

  let settings: LintSettings = DEFAULT_SETTINGS;
  const configFile = options.config ?? path.join(io.cwd, '.vscode', 'settings.json');
  if (options.config !== undefined || fs.existsSync(configFile)) {
    try {
      const read = readSettingsFile(path.resolve(io.cwd, configFile));
      settings = read.settings;
      for (const problem of read.problems) io.err(`snooze-lint: ${problem}\n`);
    } catch (error) {
      io.err(`snooze-lint: cannot read settings ${configFile}: ${(error as Error).message}\n`);
      return 2;
    }
  }
  settings = {
    bridges: options.bridges.length > 0 ? options.bridges : settings.bridges,
    pathMappings: [...options.pathMaps.map((m) => ({ from: m.from, to: path.resolve(io.cwd, m.to) })), ...settings.pathMappings],
    rules: { ...settings.rules, ...Object.fromEntries(options.disabled.map((id) => [id, 'off' as const])) },
  };

  if (schema.error) {
    io.err(`snooze-lint: schema: ${schema.error}${schema.fatal ? '' : '; the schema rule is skipped'}\n`);
    if (schema.fatal) return 2;
  }
  if (schema.note && options.format === 'text') io.err(`snooze-lint: schema: ${schema.note}\n`);

  // Paths are reported as given (relative ones stay relative to the current folder).
  const run = lintPaths(options.paths, settings, { schema: () => schema.validator });
  for (const notice of run.notices) io.err(`snooze-lint: ${notice.file}: ${notice.message}\n`);
  const formatted =
    options.format === 'json' ? formatJson(run.files, run.findings)
    : options.format === 'sarif' ? formatSarif(run.findings, VERSION, io.cwd)
    : formatText(run.findings);
  if (formatted !== '') io.out(`${formatted}\n`);
  if (options.format === 'text') {
    const errors = run.findings.filter((f) => f.severity === 'error').length;
    io.err(`${run.files} file${run.files === 1 ? '' : 's'} linted: ${errors} error${errors === 1 ? '' : 's'}, ${run.findings.length - errors} other finding${run.findings.length - errors === 1 ? '' : 's'}\n`);
  }
  if (run.notices.some((n) => n.ioError)) return 2;
  return run.findings.some((f) => f.severity === 'error') ? 1 : 0;
}
