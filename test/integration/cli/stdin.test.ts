import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { domainXml, nic } from '../../helpers/templates.js';
import { tempDir } from '../../helpers/realImages.js';
import { bundledCli, cli, scratch, type JsonOutput } from './cliRun.js';

// `-` reads a template from standard input, as editors and pre-commit hooks pass the unsaved text.
describe('snooze-lint - (standard input)', () => {
  let dir: string;
  let write: (name: string, text: string) => string;
  beforeEach(() => {
    dir = tempDir('cli-stdin');
    write = scratch(dir);
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("lints the text under --stdin-filename, relative to the current folder, with that file's settings", () => {
    write('ws/.vscode/settings.json', '{ "snooze.bridges": ["br-lab"] }');
    const text = domainXml({ clock: `<clock sync='utc'/>`, devices: nic('52:54:00:00:00:01', 'br-lab') });
    const run = cli(['--stdin-filename', 'ws/vm.xml', '-'], { cwd: dir, stdin: text });
    assert.equal(run.code, 0, run.err);
    assert.match(run.out, /^ws\/vm\.xml:6:10: warning: .*\[legacy-clock-sync\]$/m);
    assert.doesNotMatch(run.out, /unknown-bridge/, 'br-lab comes from ws/.vscode/settings.json');
  });

  it('the text replaces the file of that name on disk, and joins the other templates of the run', () => {
    write('ws/vm.xml', domainXml({ name: 'old', devices: nic('52:54:00:00:00:01') }));
    write('ws/other.xml', domainXml({ name: 'other', devices: nic('52:54:00:00:00:09') }));
    const edited = domainXml({ name: 'vm', devices: nic('52:54:00:00:00:09') });
    const json = JSON.parse(
      cli(['--format', 'json', '--stdin-filename', path.join(dir, 'ws/vm.xml'), '-', path.join(dir, 'ws')], {
        stdin: edited,
      }).out,
    ) as JsonOutput;
    assert.equal(json.files, 2);
    assert.deepEqual(
      json.findings.map((f) => [path.basename(f.file), f.rule]),
      [
        ['other.xml', 'duplicate-mac'],
        ['vm.xml', 'duplicate-mac'],
      ],
    );
  });

  it('without --stdin-filename the file is <stdin>; broken text is an xml-syntax finding', () => {
    const run = cli(['-'], { cwd: dir, stdin: '<domain><name>x</name>' });
    assert.equal(run.code, 1);
    assert.match(run.out, /^<stdin>:1:\d+: error: not well-formed XML.*\[xml-syntax\]$/m);
  });

  it("through the bundled executable's real standard input", () => {
    const run = bundledCli(['--format', 'json', '--stdin-filename', 'vm.xml', '-'], {
      cwd: dir,
      stdin: domainXml({ devices: nic('01:00:5e:00:00:01') }),
    });
    assert.equal(run.code, 1, run.err);
    // libvirt's schema refuses a multicast MAC too (the bundled CLI loads it; the in-process runs above do not),
    // and leaves it to invalid-mac, which says it better.
    assert.deepEqual((JSON.parse(run.out) as JsonOutput).findings.map((f) => [f.file, f.rule]).sort(), [
      ['vm.xml', 'invalid-mac'],
    ]);
  });
});
