import path from 'node:path';
import type { Finding } from '../core/findings.js';
import { lintOwnFile, lintPaths, type LintInput, type LintRun } from '../core/lint/lintPaths.js';
import { ruleById } from '../core/rules/registry.js';
import { parseCliArgs, usage, UsageError, type CliOptions } from './args.js';
import { settingsResolver } from './settingsResolver.js';
import { lintOwnOnThreads, threadsFor } from './lintWorkers.js';
import { readAheadOnThread } from './readAhead.js';
import { formatText } from './format/text.js';
import { formatJson } from './format/json.js';
import { formatSarif } from './format/sarif.js';
import type { PreparedSchema } from './prepareSchema.js';
import { gatherLcFacts, oneUnreachableWarningPerLc } from './lcChecks.js';

// Replaced by the bundler with package.json's version; the fallback serves the unbundled test build.
declare const SNOOZE_VERSION: string | undefined;
const VERSION = typeof SNOOZE_VERSION === 'string' ? SNOOZE_VERSION : 'dev';

/** Exit statuses, as ESLint's: 0 clean, 1 findings that fail the run, 2 the run itself went wrong. */
const EXIT = { clean: 0, findings: 1, trouble: 2 } as const;

export interface CliIo {
  readonly cwd: string;
  out(text: string): void;
  err(text: string): void;
  /** The whole of standard input, for the PATH `-`. */
  readStdin(): string;
}

/**
 * Runs the linter as the command line asks; returns the exit status. Whatever happens, the answer is a
 * message and 0, 1 or 2: an exception that escapes the run is a bug, reported in one line without a stack.
 */
export function runCli(argv: readonly string[], io: CliIo, schema: PreparedSchema = {}): number {
  try {
    return run(argv, io, schema);
  } catch (error) {
    io.err(
      `snooze-lint: internal error: ${error instanceof Error ? error.message : String(error)} (please report it, with the command line)\n`,
    );
    return EXIT.trouble;
  }
}

/** `schema`: libvirt's schema compiled beforehand (prepareSchema); without it the schema rule reports nothing. */
function run(argv: readonly string[], io: CliIo, schema: PreparedSchema): number {
  let options: CliOptions;
  try {
    options = parseCliArgs(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.err(`snooze-lint: ${error.message}\n`);
    return EXIT.trouble;
  }
  if (options.help) {
    io.out(`${usage()}\n`);
    return EXIT.clean;
  }
  if (options.version) {
    io.out(`snooze-lint ${VERSION}\n`);
    return EXIT.clean;
  }
  const unknownRules = options.disable.filter((id) => !ruleById(id));
  if (unknownRules.length > 0) {
    io.err(`snooze-lint: unknown rule ${unknownRules.join(', ')} (see the README's rule table)\n`);
    return EXIT.trouble;
  }

  const settings = settingsResolver(options, io);
  if ('failure' in settings) {
    io.err(`snooze-lint: ${settings.failure}\n`);
    return EXIT.trouble;
  }
  if (schema.error) {
    io.err(`snooze-lint: schema: ${schema.error}${schema.fatal ? '' : '; the schema rule is skipped'}\n`);
    if (schema.fatal) return EXIT.trouble;
  }

  // Inputs are read relative to the current folder, and reported as given (see displayPaths).
  const inputs: LintInput[] = [];
  for (const given of options.paths) {
    if (given !== '-') {
      inputs.push(path.resolve(io.cwd, given));
      continue;
    }
    let text: string;
    try {
      text = io.readStdin();
    } catch (error) {
      io.err(`snooze-lint: cannot read standard input: ${(error as Error).message}\n`);
      return EXIT.trouble;
    }
    inputs.push({ file: path.resolve(io.cwd, options['stdin-filename'] ?? '<stdin>'), text });
  }
  // The LCs are asked before linting (one ssh round trip each), so their facts reach every template's rules;
  // an unreachable LC is said once per run, not once per template.
  const lcFacts = options.lc.length > 0 ? gatherLcFacts(options, inputs, io.cwd) : [];
  const lint = oneUnreachableWarningPerLc(
    lintPaths(inputs, settings.resolve, {
      lcFacts,
      schema: () => schema.validator,
      lintOwnOnThreads: (candidates, here) => {
        const threads = threadsFor(options.concurrency, candidates.length);
        if (threads < 2) {
          const read = readAheadOnThread(candidates.flatMap((c) => (c.text === undefined ? [c.file] : [])));
          return read && candidates.map((candidate) => lintOwnFile(here, candidate, read));
        }
        const contextFolders = [...here.contextFolders];
        const setup = { argv, cwd: io.cwd, lcFacts, contextFolders, schema: schema.validator !== undefined };
        return lintOwnOnThreads(candidates, here, threads, setup);
      },
    }),
  );
  const shown = displayPaths(
    lint,
    options.paths.map((p) => (p === '-' ? (options['stdin-filename'] ?? '<stdin>') : p)),
    io.cwd,
  );

  let trouble = settings.failed();
  const unmatched = (message: string): void => {
    if (options['no-error-on-unmatched-pattern'])
      io.err(`snooze-lint: note: ${message} (ignored: --no-error-on-unmatched-pattern)\n`);
    else {
      io.err(`snooze-lint: ${message}\n`);
      trouble = true;
    }
  };
  for (const file of shown.missing) unmatched(`no such file or folder: ${file}`);
  for (const dir of shown.unmatched) unmatched(`no templates or context folders in ${dir}`);
  for (const notice of shown.notices) {
    io.err(`snooze-lint: ${notice.file}: ${notice.message}\n`);
    if (notice.ioError) trouble = true;
  }
  // Said only when nothing above explains it already (a missing PATH, an unreadable file).
  if (lint.files === 0 && !trouble && shown.missing.length + shown.unmatched.length === 0)
    unmatched('nothing was linted: no template or context folder among the PATHs');

  const findings = options.quiet ? shown.findings.filter((f) => f.severity === 'error') : shown.findings;
  const formatted =
    options.format === 'json'
      ? formatJson(lint.files, findings)
      : options.format === 'sarif'
        ? formatSarif(findings, VERSION, io.cwd)
        : formatText(findings);
  if (formatted !== '') io.out(`${formatted}\n`);

  const errors = findings.filter((f) => f.severity === 'error').length;
  const warnings = findings.filter((f) => f.severity === 'warning').length;
  if (options.format === 'text' && lint.files > 0)
    io.err(`${summary(lint.files, errors, warnings, findings.length - errors - warnings)}\n`);
  const maxWarnings = options['max-warnings'] === undefined ? Infinity : Number(options['max-warnings']);
  const tooManyWarnings = warnings > maxWarnings;
  if (tooManyWarnings)
    io.err(`snooze-lint: too many warnings: ${warnings}, at most ${maxWarnings} allowed (--max-warnings)\n`);

  if (trouble) return EXIT.trouble;
  return errors > 0 || tooManyWarnings ? EXIT.findings : EXIT.clean;
}

function summary(files: number, errors: number, warnings: number, notes: number): string {
  const count = (n: number, what: string): string => `${n} ${what}${n === 1 ? '' : 's'}`;
  return `${count(files, 'file')} linted: ${count(errors, 'error')}, ${count(warnings, 'warning')}${notes > 0 ? `, ${count(notes, 'note')}` : ''}`;
}

/**
 * The run lints absolute paths; a file found through a PATH given relative is shown relative to the
 * current folder again, as the user wrote it, and everything else absolute.
 */
function displayPaths(
  run: LintRun,
  given: readonly string[],
  cwd: string,
): Pick<LintRun, 'findings' | 'notices' | 'missing' | 'unmatched'> {
  const relativeRoots = given.filter((p) => !path.isAbsolute(p)).map((p) => path.resolve(cwd, p));
  const show = (file: string): string => {
    const underRelative = relativeRoots.some(
      (root) => file === root || file.startsWith(root.endsWith(path.sep) ? root : root + path.sep),
    );
    return underRelative ? path.relative(cwd, file) || '.' : file;
  };
  const showFinding = (f: Finding): Finding => ({
    ...f,
    file: show(f.file),
    ...(f.related ? { related: f.related.map((r) => ({ ...r, file: show(r.file) })) } : {}),
  });
  return {
    findings: run.findings.map(showFinding),
    notices: run.notices.map((n) => ({ ...n, file: show(n.file) })),
    missing: run.missing.map(show),
    unmatched: run.unmatched.map(show),
  };
}
