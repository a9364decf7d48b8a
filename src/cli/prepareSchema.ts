import path from 'node:path';
import { parseCliArgs } from './args.js';
import { nearestSettingsLookup } from '../core/settings/nearestSettings.js';
import { readSettingsFile } from '../core/settings/readSettingsFile.js';
import { chooseSchemaDirectory } from '../core/schema/schemaDirectory.js';
import { compileDerivatives } from '../core/schema/derivatives.js';
import { loadSchema } from '../core/schema/loadSchema.js';
import type { SchemaValidator } from '../core/schema/schemaValidator.js';
import { libxml2OnThread } from './libxml2Thread.js';

/** libvirt's schema, compiled before the (synchronous) lint starts; or why it could not be. */
export interface PreparedSchema {
  readonly validator?: SchemaValidator;
  readonly error?: string;
  /** --schema-dir named a folder that cannot be used: a usage error (exit 2), not a silent fallback. */
  readonly fatal?: boolean;
}

/**
 * Compiles the schema the command line asks for, unless the schema rule is switched off by --disable or the
 * arguments are wrong (runCli then reports them). Awaited by bin.ts before runCli. The derivatives that prove
 * most templates valid are compiled here; libxml2, for the others, on a thread of its own started when a
 * template first needs it (libxml2Thread.ts), unless `libxml2Here` (a lint worker: it is a thread already) or the derivatives cannot be
 * compiled (then libxml2 is compiled first, and says what is wrong with the folder).
 */
export async function prepareSchema(
  argv: readonly string[],
  cwd = process.cwd(),
  libxml2Here = false,
): Promise<PreparedSchema> {
  let options;
  try {
    options = parseCliArgs(argv);
  } catch {
    return {};
  }
  if (options.help || options.version || options.disable.includes('schema')) return {};
  const choice = chooseSchemaDirectory(options['schema-dir'] ?? configuredSchemaDirectory(options.config, cwd));
  // libxml2OnThread starts nothing yet: asked first, so that without its worker file the derivatives are
  // compiled once, by loadSchema, not here as well.
  const validate = libxml2Here ? undefined : libxml2OnThread(choice.directory);
  const provesValid = validate && compileDerivatives(choice.directory);
  if (validate && provesValid) return { validator: { directory: choice.directory, provesValid, validate } };
  try {
    return { validator: await loadSchema(choice.directory) };
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error), fatal: choice.origin === 'configured' };
  }
}

/**
 * snooze.schemaDirectory as the editor would read it for this folder: from --config, else from the nearest
 * .vscode/settings.json of the current folder (one schema per run, as one per window in the editor).
 */
function configuredSchemaDirectory(config: string | undefined, cwd: string): string | undefined {
  return config !== undefined
    ? readSettingsFile(path.resolve(cwd, config)).schemaDirectory
    : nearestSettingsLookup()(cwd).schemaDirectory;
}
