import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { runCli } from '../../../src/cli/main.js';

export const BUNDLED_CLI = path.resolve('dist/cli.js');
export const REPO_ROOT = path.resolve('.');

export interface CliResult {
  readonly code: number;
  readonly out: string;
  readonly err: string;
}

export interface JsonOutput {
  files: number;
  findings: {
    file: string;
    line: number;
    column: number;
    endLine: number;
    endColumn: number;
    severity: string;
    rule: string;
    message: string;
    related: { file: string; line: number; column: number; message: string }[];
  }[];
}

/** snooze-lint in this process: fast, and what most tests need. */
export function cli(args: string[], options: { cwd?: string; stdin?: string } = {}): CliResult {
  let out = '';
  let err = '';
  const code = runCli(args, {
    cwd: options.cwd ?? process.cwd(),
    out: (t) => {
      out += t;
    },
    err: (t) => {
      err += t;
    },
    readStdin: () => {
      if (options.stdin === undefined) throw new Error('this test gives no standard input');
      return options.stdin;
    },
  });
  return { code, out, err };
}

/** The bundled executable as users run it: a separate process, real standard input and exit status. */
export function bundledCli(args: string[], options: { cwd?: string; stdin?: string } = {}): CliResult {
  if (!fs.existsSync(BUNDLED_CLI))
    throw new Error(`${BUNDLED_CLI} is missing: run npm run build first (npm test does)`);
  const run = spawnSync(BUNDLED_CLI, args, {
    cwd: options.cwd,
    encoding: 'utf8',
    input: options.stdin ?? '',
    timeout: 60_000,
  });
  if (run.error) throw run.error;
  return { code: run.status ?? -1, out: run.stdout, err: run.stderr };
}

/** A scratch folder for one test, with a writer of files in it. */
export function scratch(dir: string): (name: string, text: string | Buffer) => string {
  return (name, text) => {
    const file = path.join(dir, name);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
    return file;
  };
}
