import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { domainXml, nic } from '../../helpers/templates.js';
import { tempDir } from '../../helpers/realImages.js';
import { bundledCli, cli, scratch } from './cliRun.js';

// Microsoft's SARIF multitool (npm @microsoft/sarif-multitool): the validator code-scanning users meet.
// Its npm package ships a self-contained .NET build per platform; we run that binary directly with an
// argument array (the package's own bin.js goes through a shell).
const MULTITOOL: string = createRequire(import.meta.url)('@microsoft/sarif-multitool');

interface Validation {
  readonly errors: string[];
  readonly warnings: string[];
  readonly notes: number;
}

/** `sarif-multitool validate`, reading its own SARIF log of what it found. */
function validate(sarifFile: string): Validation {
  const log = `${sarifFile}.validation.sarif`;
  const run = spawnSync(
    MULTITOOL,
    ['validate', sarifFile, '--output', log, '--level', 'Error;Warning;Note', '--log', 'ForceOverwrite'],
    {
      encoding: 'utf8',
      // .NET without ICU: the validator needs no culture data, and the machine need not have libicu.
      env: { ...process.env, DOTNET_SYSTEM_GLOBALIZATION_INVARIANT: '1' },
    },
  );
  assert.equal(run.status, 0, `sarif-multitool did not run: ${run.error?.message ?? ''}\n${run.stdout}\n${run.stderr}`);
  const results =
    (
      JSON.parse(fs.readFileSync(log, 'utf8')) as {
        runs: {
          results?: { level?: string; ruleId: string; message: { text?: string; id?: string; arguments?: string[] } }[];
        }[];
      }
    ).runs[0]!.results ?? [];
  const describe = (r: (typeof results)[number]): string =>
    `${r.ruleId} ${r.message.text ?? `${r.message.id} ${JSON.stringify(r.message.arguments)}`}`;
  return {
    errors: results.filter((r) => (r.level ?? 'warning') === 'error').map(describe),
    warnings: results.filter((r) => (r.level ?? 'warning') === 'warning').map(describe),
    notes: results.filter((r) => r.level === 'note').length,
  };
}

describe('snooze-lint --format sarif', () => {
  let dir: string;
  let write: (name: string, text: string) => string;
  beforeEach(() => {
    dir = tempDir('sarif');
    write = scratch(dir);
    // Two templates sharing a MAC: results with related locations in both files.
    write(
      'work/templates/a vm.xml',
      domainXml({ name: 'a', clock: `<clock sync='utc'/>`, devices: nic('52:54:00:00:00:01') }),
    );
    write('elsewhere/b.xml', domainXml({ name: 'b', devices: nic('52:54:00:00:00:01') }));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  const sarifOf = (args: string[], cwd: string, run = cli(['--format', 'sarif', ...args], { cwd })) => {
    assert.ok(run.code === 0 || run.code === 1, run.err);
    const file = path.join(dir, 'out.sarif');
    fs.writeFileSync(file, run.out);
    return { file, sarif: JSON.parse(run.out) };
  };
  type Location = { physicalLocation: { artifactLocation: { uri: string; uriBaseId?: string } } };
  const artifacts = (sarif: { runs: { results: { locations: Location[]; relatedLocations?: Location[] }[] }[] }) =>
    sarif.runs[0]!.results.flatMap((r) => [...r.locations, ...(r.relatedLocations ?? [])]).map(
      (l) => l.physicalLocation.artifactLocation,
    );

  it('files under the current folder are relative to %SRCROOT%, files elsewhere absolute file: URIs without a base; the multitool finds no error', () => {
    const cwd = path.join(dir, 'work');
    // The bundled executable, so the tool's version is the release's (the test build says "dev").
    const args = ['--format', 'sarif', 'templates', path.join(dir, 'elsewhere')];
    const { file, sarif } = sarifOf(args, cwd, bundledCli(args, { cwd }));
    const uris = artifacts(sarif);
    assert.ok(
      uris.some((a) => a.uri === 'templates/a%20vm.xml' && a.uriBaseId === '%SRCROOT%'),
      JSON.stringify(uris),
    );
    assert.ok(
      uris.some((a) => a.uri === `file://${path.join(dir, 'elsewhere/b.xml')}` && a.uriBaseId === undefined),
      JSON.stringify(uris),
    );
    for (const a of uris) assert.equal(a.uri.startsWith('file:'), a.uriBaseId === undefined, `${a.uri} ${a.uriBaseId}`);
    assert.deepEqual(sarif.runs[0].originalUriBaseIds, { '%SRCROOT%': { uri: `file://${cwd}/` } });
    const verdict = validate(file);
    assert.deepEqual(verdict.errors, []);
    // The one warning left asks for the tool's web page: the project publishes none, and invents none.
    assert.deepEqual(
      verdict.warnings.map((w) => w.split(' ').slice(0, 2).join(' ')),
      ['SARIF2005 Warning_ProvideToolnformationUri'],
    );
    console.log(`      (sarif-multitool: 0 errors, ${verdict.warnings.length} warning, ${verdict.notes} notes)`);
  });

  it('absolute PATHs inside the current folder validate too', () => {
    const { file, sarif } = sarifOf([path.join(dir, 'work'), path.join(dir, 'elsewhere')], path.join(dir, 'work'));
    assert.ok(artifacts(sarif).some((a) => a.uri === 'templates/a%20vm.xml'));
    assert.deepEqual(validate(file).errors, []);
  });

  it('every rule carries its help as text and no invented web address', () => {
    const { sarif } = sarifOf([dir], dir);
    const driver = sarif.runs[0].tool.driver;
    assert.equal(driver.informationUri, undefined);
    for (const rule of driver.rules) {
      assert.equal(rule.helpUri, undefined, rule.id);
      assert.ok(rule.help.text.startsWith(rule.fullDescription.text), rule.id);
      assert.match(rule.name, /^[A-Z][A-Za-z0-9]+$/);
    }
    assert.doesNotMatch(JSON.stringify(sarif), /https?:\/\/(?!json\.schemastore\.org)/);
  });

  it('keeps rules, levels and 1-based regions', () => {
    const { sarif } = sarifOf(['templates'], path.join(dir, 'work'));
    const result = sarif.runs[0].results.find((r: { ruleId: string }) => r.ruleId === 'legacy-clock-sync');
    assert.equal(result.level, 'warning');
    assert.deepEqual(result.locations[0].physicalLocation.region, {
      startLine: 6,
      startColumn: 10,
      endLine: 6,
      endColumn: 20,
    });
    assert.equal(sarif.runs[0].tool.driver.rules[result.ruleIndex].id, 'legacy-clock-sync');
  });
});
