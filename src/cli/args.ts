import { parseArgs } from 'node:util';

export type OutputFormat = 'text' | 'json' | 'sarif';

export interface CliOptions {
  readonly format: OutputFormat;
  readonly bridges: readonly string[];
  readonly pathMaps: readonly { from: string; to: string }[];
  readonly disabled: readonly string[];
  readonly config?: string;
  /** Where libvirt's domain.rng is read from (default: the installed libvirt's, else the bundled copy). */
  readonly schemaDir?: string;
  readonly paths: readonly string[];
  readonly help: boolean;
  readonly version: boolean;
}

export const USAGE = `usage: snooze-lint [--format text|json|sarif] [--bridge NAME]... [--path-map FROM=TO]...
                   [--disable RULE]... [--config FILE] [--schema-dir DIR] PATH...

Lints libvirt domain XML templates and Snooze context folders. PATHs are files or folders (searched for
.xml templates and context folders). Settings are read from .vscode/settings.json in the current folder
when present (snooze.bridges, snooze.pathMappings, snooze.rules); flags win over it.

  --format FORMAT      text (default, file:line:column: severity: message [rule]), json or sarif
  --bridge NAME        a bridge that exists on the LCs (repeatable; replaces snooze.bridges)
  --path-map FROM=TO   where the LC path prefix FROM lives here (repeatable)
  --disable RULE       switch a rule off (repeatable)
  --config FILE        a settings file to read instead of .vscode/settings.json
  --schema-dir DIR     libvirt's schemas (domain.rng) to validate with; default /usr/share/libvirt/schemas,
                       else the copy of libvirt 9.0.0's bundled with snooze-lint
  -h, --help           this help;  -v, --version  the version

Exit status: 0 no error-severity finding, 1 at least one, 2 usage or I/O failure.`;

export class UsageError extends Error {}

export function parseCliArgs(argv: readonly string[]): CliOptions {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        format: { type: 'string', short: 'f' },
        bridge: { type: 'string', multiple: true },
        'path-map': { type: 'string', multiple: true },
        disable: { type: 'string', multiple: true },
        config: { type: 'string' },
        'schema-dir': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' },
      },
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { values, positionals } = parsed;
  const format = values.format ?? 'text';
  if (format !== 'text' && format !== 'json' && format !== 'sarif') throw new UsageError(`unknown format "${format}" (text, json or sarif)`);
  const pathMaps = (values['path-map'] ?? []).map((spec) => {
    const at = spec.indexOf('=');
    if (at <= 0 || at === spec.length - 1 || !spec.startsWith('/')) throw new UsageError(`--path-map takes FROM=TO with an absolute LC path, got "${spec}"`);
    return { from: spec.slice(0, at), to: spec.slice(at + 1) };
  });
  const help = values.help ?? false;
  const version = values.version ?? false;
  if (positionals.length === 0 && !help && !version) throw new UsageError('no PATH given');
  return {
    format,
    bridges: values.bridge ?? [],
    pathMaps,
    disabled: values.disable ?? [],
    ...(values.config === undefined ? {} : { config: values.config }),
    ...(values['schema-dir'] === undefined ? {} : { schemaDir: values['schema-dir'] }),
    paths: positionals,
    help,
    version,
  };
}
