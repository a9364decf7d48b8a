import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { domainXml, nic } from '../../helpers/templates.js';
import { tempDir } from '../../helpers/realImages.js';
import { bundledCli, cli, REPO_ROOT, scratch, type JsonOutput } from './cliRun.js';

// Each linted file gets the snooze.* settings of its nearest .vscode/settings.json, as VS Code gives each
// workspace folder its own; --config replaces that lookup; flags win over both.
describe('snooze-lint settings lookup', () => {
  let dir: string;
  let write: (name: string, text: string) => string;
  beforeEach(() => {
    dir = tempDir('cli-config');
    write = scratch(dir);
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  const rulesOf = (run: { out: string }): [string, string][] =>
    (JSON.parse(run.out) as JsonOutput).findings.map((f) => [path.relative(dir, path.resolve(dir, f.file)), f.rule]);

  it('two folders with their own bridges, linted in one run from a folder above both', () => {
    write('lab/.vscode/settings.json', '{ // the lab LCs\n "snooze.bridges": ["br-lab"], }');
    write('lab/vm.xml', domainXml({ name: 'lab', devices: nic('52:54:00:00:00:01', 'br-lab') }));
    write('prod/.vscode/settings.json', '{ "snooze": { "bridges": ["br-prod"] } }');
    write('prod/deep/er/vm.xml', domainXml({ name: 'prod', devices: nic('52:54:00:00:00:02', 'br-lab') }));
    const run = cli(['--format', 'json', '.'], { cwd: dir });
    assert.deepEqual(rulesOf(run), [['prod/deep/er/vm.xml', 'unknown-bridge']]);
    assert.match((JSON.parse(run.out) as JsonOutput).findings[0]!.message, /known: br-prod/);
    assert.equal(run.code, 1);
  });

  it('path mappings are relative to the workspace folder of the settings file, not the current folder', () => {
    write('ws/.vscode/settings.json', '{ "snooze.pathMappings": { "/opt/cloud": "./images" } }');
    write('ws/images/vm.qcow2', 'QFI\xfb');
    write(
      'ws/templates/vm.xml',
      domainXml({
        devices:
          `<disk type='file' device='disk'><source file='/opt/cloud/vm.qcow2'/><target dev='vda' bus='virtio'/></disk>` +
          nic('52:54:00:00:00:01'),
      }),
    );
    write(
      'ws/templates/gone.xml',
      domainXml({
        name: 'gone',
        devices:
          `<disk type='file' device='disk'><source file='/opt/cloud/gone.qcow2'/><target dev='vda' bus='virtio'/></disk>` +
          nic('52:54:00:00:00:03'),
      }),
    );
    const run = cli(['--format', 'json', 'ws/templates'], { cwd: dir });
    const missing = (JSON.parse(run.out) as JsonOutput).findings.filter((f) => f.rule === 'missing-disk-image');
    assert.deepEqual(
      missing.map((f) => path.basename(f.file)),
      ['gone.xml'],
      run.out,
    );
    assert.ok(missing[0]!.message.includes(path.join(dir, 'ws/images/gone.qcow2')), missing[0]!.message);
  });

  it('from the repository root, examples/ is linted with examples/.vscode/settings.json', () => {
    const run = cli(['--format', 'json', 'examples/'], { cwd: REPO_ROOT });
    const findings = (JSON.parse(run.out) as JsonOutput).findings;
    assert.ok(findings.length > 0);
    // Its settings map /opt/cloud to examples/images: without them the LC folder would be "unmapped".
    assert.deepEqual(
      findings.filter((f) => f.rule === 'unmapped-lc-folder'),
      [],
    );
    const empty = write('empty.json', '{}');
    const unconfigured = (
      JSON.parse(cli(['--format', 'json', '--config', empty, 'examples/'], { cwd: REPO_ROOT }).out) as JsonOutput
    ).findings;
    assert.ok(
      unconfigured.some((f) => f.rule === 'unmapped-lc-folder'),
      'the contrast: --config {} leaves /opt/cloud unmapped',
    );
  });

  it('--config FILE applies to every file and replaces the lookup; flags win over it', () => {
    write('a/.vscode/settings.json', '{ "snooze.bridges": ["br-a"] }');
    write('a/vm.xml', domainXml({ devices: nic('52:54:00:00:00:01', 'br-a') }));
    const config = write('ci.json', '{ "snooze.bridges": ["br-ci"] }');
    assert.deepEqual(rulesOf(cli(['--format', 'json', '--config', config, dir])), [['a/vm.xml', 'unknown-bridge']]);
    assert.deepEqual(rulesOf(cli(['--format', 'json', dir])), []);
    assert.deepEqual(
      rulesOf(cli(['--format', 'json', '--bridge', 'virbr0', dir])),
      [['a/vm.xml', 'unknown-bridge']],
      '--bridge wins over the file',
    );
    assert.deepEqual(rulesOf(cli(['--format', 'json', '--bridge', 'virbr0', '--disable', 'unknown-bridge', dir])), []);
  });

  it('a context folder takes the settings above it (snooze.rules switches its rule off)', () => {
    write('ws/.vscode/settings.json', '{ "snooze.rules": { "context-missing-post-install": "off" } }');
    write(
      'ws/ctx/common/network',
      'IP_ADDRESS=192.168.122.5\nNETMASK=255.255.255.0\nNETWORK=192.168.122.0\nGATEWAY=192.168.122.1\n',
    );
    write(
      'other/ctx/common/network',
      'IP_ADDRESS=192.168.122.5\nNETMASK=255.255.255.0\nNETWORK=192.168.122.0\nGATEWAY=192.168.122.1\n',
    );
    assert.deepEqual(rulesOf(cli(['--format', 'json', dir])), [
      ['other/ctx/common/network', 'context-missing-post-install'],
    ]);
  });

  it('problems in a settings file are told once, with its name', () => {
    write('a/.vscode/settings.json', '{ "snooze.bridges": "br0" }');
    write('a/one.xml', domainXml({ name: 'one', devices: nic('52:54:00:00:00:01') }));
    write('a/two.xml', domainXml({ name: 'two', devices: nic('52:54:00:00:00:02') }));
    const run = cli([dir]);
    const told = run.err.split('\n').filter((l) => l.includes('snooze.bridges must be a list'));
    assert.deepEqual(told, [
      `snooze-lint: ${path.join(dir, 'a/.vscode/settings.json')}: snooze.bridges must be a list of bridge names; using ["virbr0"]`,
    ]);
    assert.equal(run.code, 0);
  });

  it("takes snooze.schemaDirectory from the current folder's settings, relative to its workspace folder", () => {
    const schemas = path.join(REPO_ROOT, 'schemas/libvirt');
    fs.cpSync(schemas, path.join(dir, 'libvirt-schemas'), { recursive: true });
    write('.vscode/settings.json', '{ "snooze.schemaDirectory": "./libvirt-schemas" }');
    write(
      'vm.xml',
      domainXml({ devices: nic('52:54:00:00:00:01') })
        .replace('<memory', '<memmory')
        .replace('</memory>', '</memmory>'),
    );
    const used = bundledCli(['--format', 'json', 'vm.xml'], { cwd: dir });
    assert.ok(
      (JSON.parse(used.out) as JsonOutput).findings.some((f) => f.rule === 'schema'),
      used.err,
    );

    // A folder without domain.rng is refused, as --schema-dir's is, rather than replaced by another libvirt's.
    write('.vscode/settings.json', '{ "snooze.schemaDirectory": "./no-schemas" }');
    const refused = bundledCli(['vm.xml'], { cwd: dir });
    assert.equal(refused.code, 2);
    assert.match(refused.err, /no-schemas/);
    // --schema-dir wins over the setting.
    assert.equal(bundledCli(['--schema-dir', path.join(dir, 'libvirt-schemas'), 'vm.xml'], { cwd: dir }).code, 1);
  });
});
