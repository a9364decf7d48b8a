import { parseArgs } from 'node:util';

/**
 * One option of `snooze-lint`. `value` names the argument of an option that takes one (shown in --help);
 * without it the option is a switch. `check` returns why a value is wrong, so every usage error reads the same.
 */
interface OptionSpec {
  readonly short?: string;
  readonly value?: string;
  readonly multiple?: boolean;
  /** The value when the option is not given. */
  readonly default?: string;
  readonly help: string;
  readonly check?: (value: string) => string | undefined;
}

export type OutputFormat = 'text' | 'json' | 'sarif';
const FORMATS: readonly string[] = ['text', 'json', 'sarif'] satisfies OutputFormat[];

/**
 * Every option, in the order of --help. Adding a flag is one entry here: parsing, the usage errors and the
 * help text all come from this table, and the parsed value appears under the same name in `CliOptions`.
 */
export const OPTIONS = {
  format: {
    value: 'FORMAT',
    default: 'text',
    help: 'text (default: file:line:column: severity: message [rule]), json or sarif',
    check: (v) => (FORMATS.includes(v) ? undefined : `unknown format "${v}" (text, json or sarif)`),
  },
  bridge: {
    value: 'NAME',
    multiple: true,
    help: 'a bridge that exists on the LCs (repeatable; replaces snooze.bridges)',
  },
  'path-map': {
    value: 'FROM=TO',
    multiple: true,
    help: 'where the LC path prefix FROM lives here (repeatable)',
    check: (v) => (parsePathMap(v) ? undefined : `--path-map takes FROM=TO with an absolute LC path, got "${v}"`),
  },
  disable: { value: 'RULE', multiple: true, help: 'switch a rule off (repeatable)' },
  config: { value: 'FILE', help: 'the settings of every file, instead of the nearest .vscode/settings.json' },
  quiet: { help: 'report and count errors only' },
  'max-warnings': {
    value: 'N',
    help: 'exit 1 when there are more than N warnings',
    check: (v) => (/^\d+$/.test(v) ? undefined : `--max-warnings takes a whole number, got "${v}"`),
  },
  'stdin-filename': { value: 'PATH', help: 'the name of the template read from "-" (for output and settings)' },
  'no-error-on-unmatched-pattern': { help: 'a PATH that is missing or holds nothing to lint is a note, not exit 2' },
  lc: {
    value: 'HOST',
    multiple: true,
    help: "check the templates' files, bridges, emulator and machine type on this local controller over ssh (repeatable; one round trip per LC; BatchMode: never prompts)",
  },
  'ssh-config': { value: 'FILE', help: 'the ssh configuration to use (ssh -F FILE) instead of ~/.ssh/config' },
  'schema-dir': {
    value: 'DIR',
    help: "libvirt's schemas (domain.rng) to validate with; default snooze.schemaDirectory, else /usr/share/libvirt/schemas, else the copy of libvirt 9.0.0's bundled with snooze-lint",
  },
  concurrency: {
    value: 'N',
    default: 'auto',
    help: 'threads that lint templates: a number, auto (half the CPUs for large runs) or off',
    check: (v) =>
      /^(auto|off|[1-9]\d{0,2})$/.test(v) ? undefined : `--concurrency takes a number, auto or off, got "${v}"`,
  },
  help: { short: 'h', help: 'this help' },
  version: { short: 'v', help: 'the version' },
} as const satisfies Record<string, OptionSpec>;

type Options = typeof OPTIONS;
type ValueOf<O> = O extends { multiple: true }
  ? readonly string[]
  : O extends { default: string }
    ? string
    : O extends { value: string }
      ? string | undefined
      : boolean;

/** The parsed command line: each option under its own name, and the PATHs (`-` is standard input). */
export type CliOptions = { readonly [K in keyof Options]: ValueOf<Options[K]> } & { readonly paths: readonly string[] };

export class UsageError extends Error {}

const SEE_HELP = '(see snooze-lint --help)';

export function parseCliArgs(argv: readonly string[]): CliOptions {
  const specs: Record<string, OptionSpec> = OPTIONS;
  // Not strict: Node's own messages ("Unknown option '--foo'. To specify a positional argument...") would
  // leak; we read the tokens and say it our way instead.
  const { tokens } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    strict: false,
    tokens: true,
    options: Object.fromEntries(
      Object.entries(specs).map(([name, spec]) => [
        name,
        { type: spec.value ? 'string' : 'boolean', ...(spec.short ? { short: spec.short } : {}) },
      ]),
    ),
  });
  const values: Record<string, string | string[] | boolean | undefined> = {};
  const paths: string[] = [];
  for (const token of tokens) {
    if (token.kind === 'positional') {
      paths.push(token.value);
      continue;
    }
    if (token.kind !== 'option') continue;
    const spec = specs[token.name];
    if (!spec) throw new UsageError(`unknown option ${token.rawName} ${SEE_HELP}`);
    if (!spec.value) {
      if (token.value !== undefined) throw new UsageError(`option ${token.rawName} takes no value ${SEE_HELP}`);
      values[token.name] = true;
      continue;
    }
    // `--format --quiet` is a forgotten value, not the format "--quiet" (Node's strict mode calls it ambiguous).
    const forgotten = token.value === undefined || (!token.inlineValue && token.value.startsWith('--'));
    if (forgotten)
      throw new UsageError(`option ${token.rawName} needs a value: ${token.rawName} ${spec.value} ${SEE_HELP}`);
    const problem = spec.check?.(token.value);
    if (problem) throw new UsageError(`${problem} ${SEE_HELP}`);
    if (spec.multiple) values[token.name] = [...((values[token.name] as string[] | undefined) ?? []), token.value];
    else values[token.name] = token.value;
  }
  for (const [name, spec] of Object.entries(specs)) {
    if (values[name] === undefined) values[name] = spec.multiple ? [] : spec.value ? spec.default : false;
  }
  if (paths.length === 0 && !values['help'] && !values['version']) throw new UsageError(`no PATH given ${SEE_HELP}`);
  if (paths.filter((p) => p === '-').length > 1)
    throw new UsageError(`"-" (standard input) can be given once ${SEE_HELP}`);
  if (values['stdin-filename'] !== undefined && !paths.includes('-'))
    throw new UsageError(`--stdin-filename names the template read from "-", but no "-" was given ${SEE_HELP}`);
  return { ...values, paths } as unknown as CliOptions;
}

/** `FROM=TO` with an absolute LC path FROM and a non-empty TO; undefined when malformed. */
export function parsePathMap(spec: string): { from: string; to: string } | undefined {
  const at = spec.indexOf('=');
  if (at <= 0 || at === spec.length - 1 || !spec.startsWith('/')) return undefined;
  return { from: spec.slice(0, at), to: spec.slice(at + 1) };
}

/** The --help text, written from the option table. */
export function usage(): string {
  const specs: Record<string, OptionSpec> = OPTIONS;
  const rows = Object.entries(specs).map(([name, spec]) => {
    const flag = `${spec.short ? `-${spec.short}, ` : ''}--${name}${spec.value ? ` ${spec.value}` : ''}`;
    // Long flags get their own line, so the help column stays narrow enough for a terminal.
    return flag.length > 22 ? `  ${flag}\n  ${''.padEnd(22)} ${spec.help}` : `  ${flag.padEnd(22)} ${spec.help}`;
  });
  return `usage: snooze-lint [OPTION]... PATH...
       snooze-lint [OPTION]... --stdin-filename PATH -

Lints libvirt domain XML templates and Snooze context folders. PATHs are files or folders (searched for .xml
templates and context folders); "-" reads one template from standard input. Each file's settings
(snooze.bridges, snooze.pathMappings, snooze.rules) come from the nearest .vscode/settings.json in its folder
or a folder above it, or from --config; flags win over them.

${rows.join('\n')}

Exit status: 0 no error finding (and no more warnings than --max-warnings), 1 error findings or too many
warnings, 2 a PATH that does not exist or holds nothing to lint, a usage error, or an I/O failure.`;
}
