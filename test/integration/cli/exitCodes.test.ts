import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { domainXml, nic } from '../../helpers/templates.js';
import { tempDir } from '../../helpers/realImages.js';
import { OPTIONS } from '../../../src/cli/args.js';
import { bundledCli, cli, scratch } from './cliRun.js';

// ESLint's contract: 0 clean, 1 findings that fail the run, 2 the run itself went wrong.
describe('snooze-lint exit codes and messages', () => {
  let dir: string;
  let write: (name: string, text: string) => string;
  beforeEach(() => {
    dir = tempDir('cli-exit');
    write = scratch(dir);
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  const warningOnly = (): string =>
    write('warn.xml', domainXml({ name: 'warn', clock: `<clock sync='utc'/>`, devices: nic('52:54:00:00:00:02') }));
  const withError = (): string => write('bad.xml', domainXml({ name: 'bad', devices: nic('01:00:5e:00:00:01') }));

  it('0 when clean, 1 with an error finding', () => {
    warningOnly();
    assert.equal(cli([dir]).code, 0);
    withError();
    assert.equal(cli([dir]).code, 1);
  });

  it('2 for a PATH that does not exist, with our message and no "0 files linted" after it', () => {
    const missing = path.join(dir, 'templatse');
    const run = cli([missing]);
    assert.equal(run.code, 2);
    assert.equal(run.err, `snooze-lint: no such file or folder: ${missing}\n`);
    assert.equal(run.out, '');
  });

  it('2 for a missing PATH even when another PATH lints clean; relative PATHs are named as given', () => {
    warningOnly();
    const run = cli(['.', 'nope/'], { cwd: dir });
    assert.equal(run.code, 2);
    assert.match(run.err, /^snooze-lint: no such file or folder: nope\n/m);
    assert.match(run.out, /^warn\.xml:6:10: warning/m, 'the path that exists is still linted and shown as given');
    assert.match(run.err, /1 file linted/);
  });

  it('2 when a folder holds nothing to lint, or nothing at all was linted', () => {
    fs.mkdirSync(path.join(dir, 'empty'));
    write('other/pom.xml', '<project/>');
    const empty = cli([path.join(dir, 'empty')]);
    assert.equal(empty.code, 2);
    assert.match(empty.err, /no templates or context folders in .*empty/);
    assert.doesNotMatch(empty.err, /0 files linted/);
    const notTemplate = cli([path.join(dir, 'other/pom.xml')]);
    assert.equal(notTemplate.code, 2);
    assert.match(notTemplate.err, /nothing was linted/);
  });

  it('--no-error-on-unmatched-pattern turns missing and empty PATHs into a note and exit 0', () => {
    fs.mkdirSync(path.join(dir, 'empty'));
    const run = cli(['--no-error-on-unmatched-pattern', path.join(dir, 'empty'), path.join(dir, 'nope')]);
    assert.equal(run.code, 0, run.err);
    assert.match(run.err, /note: no such file or folder: .*nope \(ignored: --no-error-on-unmatched-pattern\)/);
    assert.match(run.err, /note: no templates or context folders in .*empty/);
    withError();
    assert.equal(cli(['--no-error-on-unmatched-pattern', dir, path.join(dir, 'nope')]).code, 1, 'findings still count');
  });

  it('our own messages for bad arguments, pointing at --help', () => {
    warningOnly();
    const cases: [string[], string][] = [
      [['--foo', dir], 'snooze-lint: unknown option --foo (see snooze-lint --help)\n'],
      [['-f', 'json', dir], 'snooze-lint: unknown option -f (see snooze-lint --help)\n'],
      [['--format', 'xml', dir], 'snooze-lint: unknown format "xml" (text, json or sarif) (see snooze-lint --help)\n'],
      [[dir, '--format'], 'snooze-lint: option --format needs a value: --format FORMAT (see snooze-lint --help)\n'],
      [
        ['--format', '--quiet', dir],
        'snooze-lint: option --format needs a value: --format FORMAT (see snooze-lint --help)\n',
      ],
      [['--quiet=yes', dir], 'snooze-lint: option --quiet takes no value (see snooze-lint --help)\n'],
      [
        ['--max-warnings', 'many', dir],
        'snooze-lint: --max-warnings takes a whole number, got "many" (see snooze-lint --help)\n',
      ],
      [
        ['--path-map', 'opt=./x', dir],
        'snooze-lint: --path-map takes FROM=TO with an absolute LC path, got "opt=./x" (see snooze-lint --help)\n',
      ],
      [[], 'snooze-lint: no PATH given (see snooze-lint --help)\n'],
      [
        ['--stdin-filename', 'a.xml', dir],
        'snooze-lint: --stdin-filename names the template read from "-", but no "-" was given (see snooze-lint --help)\n',
      ],
      [['--disable', 'no-such-rule', dir], "snooze-lint: unknown rule no-such-rule (see the README's rule table)\n"],
      [
        ['--config', path.join(dir, 'none.json'), dir],
        `snooze-lint: cannot read settings ${path.join(dir, 'none.json')}: no such file\n`,
      ],
    ];
    for (const [args, message] of cases) {
      const run = cli(args);
      assert.deepEqual([run.code, run.err, run.out], [2, message, ''], args.join(' '));
    }
  });

  it('--help lists every option, and -f is not one of them', () => {
    const help = cli(['--help']);
    assert.equal(help.code, 0);
    for (const flag of [
      '--format FORMAT',
      '--quiet',
      '--max-warnings N',
      '--stdin-filename PATH',
      '--no-error-on-unmatched-pattern',
      '--config FILE',
    ]) {
      assert.ok(help.out.includes(flag), flag);
    }
    assert.doesNotMatch(help.out, /-f,/);
    const readme = fs.readFileSync('README.md', 'utf8');
    for (const name of Object.keys(OPTIONS))
      assert.ok(help.out.includes(`--${name}`) && readme.includes(`\`--${name}`), `--${name} in --help and the README`);
  });

  it('--quiet reports and counts errors only', () => {
    warningOnly();
    withError();
    const run = cli(['--quiet', dir]);
    assert.equal(run.code, 1);
    assert.doesNotMatch(run.out, /warning/);
    assert.match(run.out, /error: .*\[invalid-mac\]/);
    assert.match(run.err, /2 files linted: 1 error, 0 warnings\n/);
    const json = JSON.parse(cli(['--quiet', '--format', 'json', dir]).out) as { findings: { severity: string }[] };
    assert.deepEqual([...new Set(json.findings.map((f) => f.severity))], ['error']);
  });

  it('--max-warnings N: exit 1 when warnings exceed N, with a line saying so', () => {
    warningOnly();
    const atLimit = cli(['--max-warnings', '1', dir]);
    assert.equal(atLimit.code, 0);
    assert.doesNotMatch(atLimit.err, /too many warnings/);
    const over = cli(['--max-warnings', '0', dir]);
    assert.equal(over.code, 1);
    assert.match(over.err, /^snooze-lint: too many warnings: 1, at most 0 allowed \(--max-warnings\)$/m);
    assert.equal(
      cli(['--max-warnings', '0', '--quiet', dir]).code,
      0,
      '--quiet drops the warnings before they are counted',
    );
  });

  describe('the bundled dist/cli.js', () => {
    it('runs as an executable with the documented exit codes and messages', () => {
      withError();
      const run = bundledCli([dir]);
      assert.equal(run.code, 1, run.err);
      assert.match(run.out, /invalid-mac/);
      assert.deepEqual(bundledCli(['--nope']), {
        code: 2,
        out: '',
        err: 'snooze-lint: unknown option --nope (see snooze-lint --help)\n',
      });
      const missing = bundledCli([path.join(dir, 'nope')]);
      assert.deepEqual(
        [missing.code, missing.err],
        [2, `snooze-lint: no such file or folder: ${path.join(dir, 'nope')}\n`],
      );
      assert.match(bundledCli(['--version']).out, /^snooze-lint \d+\.\d+\.\d+/);
    });
  });
});
