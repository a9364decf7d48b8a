import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { threadsFor } from '../../../src/cli/lintWorkers.js';
import { domainXml, nic } from '../../helpers/templates.js';
import { tempDir } from '../../helpers/realImages.js';
import { bundledCli, cli, scratch, type CliResult } from './cliRun.js';

// Large runs lint the templates' own rules on worker threads (--concurrency). The answer must be the same,
// byte for byte, as one thread's: duplicates found across batches linted by different threads, suppression
// comments honoured by the shared rules on the main thread, settings problems told once, malformed files and
// context folders reported, the same exit status.
describe('snooze-lint --concurrency', function () {
  this.timeout(120_000);
  let dir: string;
  before(() => {
    dir = tempDir('cli-threads');
    const write = scratch(dir);
    write('.vscode/settings.json', '{ "snooze.bridges": ["br0"], "snooze.rules": { "no-such-rule": "off" } }');
    for (let i = 0; i < 240; i++) {
      const mac = `52:54:00:00:${(i >> 8).toString(16).padStart(2, '0')}:${(i & 255).toString(16).padStart(2, '0')}`;
      // vm007, vm120 and vm230 share a name and a MAC (far apart: different batches, different threads);
      // vm120 switches duplicate-mac off.
      const twin = i === 120 || i === 230;
      const devices = nic(twin ? '52:54:00:00:00:07' : mac, i % 50 === 3 ? 'no-such-bridge' : 'br0');
      const text = domainXml({ name: twin ? 'vm7' : `vm${i}`, devices });
      write(
        `t/vm${String(i).padStart(3, '0')}.xml`,
        i === 120 ? text.replace('<domain', '<!-- snooze-disable duplicate-mac -->\n<domain') : text,
      );
    }
    write('t/broken.xml', '<domain type="kvm"><name>x</name>');
    write('ctx/guest/post-install', '#!/bin/sh\n');
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  const lint = (concurrency: string, format: string): CliResult =>
    cli(['--concurrency', concurrency, '--format', format, '.'], { cwd: dir });

  it('gives the same output, messages and exit status on 3 threads as on one', () => {
    for (const format of ['json', 'text']) {
      const one = lint('off', format);
      const three = lint('3', format);
      assert.equal(three.out, one.out, format);
      assert.equal(three.err, one.err, format);
      assert.equal(three.code, one.code);
    }
    const json = JSON.parse(lint('3', 'json').out) as { files: number; findings: { file: string; rule: string }[] };
    const rulesOf = (file: string): string[] =>
      json.findings.filter((f) => path.basename(f.file) === file).map((f) => f.rule);
    assert.ok(rulesOf('vm230.xml').includes('duplicate-name'), 'a duplicate across threads is found');
    assert.ok(rulesOf('vm230.xml').includes('duplicate-mac'));
    assert.ok(!rulesOf('vm120.xml').includes('duplicate-mac'), "a worker's suppression comment is honoured");
    assert.ok(rulesOf('vm120.xml').includes('duplicate-name'));
    assert.deepEqual(rulesOf('broken.xml'), ['xml-syntax']);
    assert.equal(json.files, 242, '241 templates and one context folder');
    assert.equal(lint('3', 'json').err.match(/no-such-rule/g)?.length, 1, 'a settings problem is told once');
  });

  it('the bundled CLI finds its worker (dist/lintWorker.js) and agrees with one thread', () => {
    const one = bundledCli(['--concurrency', 'off', '--format', 'json', '.'], { cwd: dir });
    const two = bundledCli(['--concurrency', '2', '--format', 'json', '.'], { cwd: dir });
    assert.equal(two.err, one.err);
    assert.equal(two.out, one.out);
    assert.equal(two.code, 1);
  });

  it('auto uses threads only for large runs; a bad value is a usage error', () => {
    assert.equal(threadsFor('auto', 200), 1);
    assert.equal(threadsFor('auto', 10_000), Math.max(1, Math.floor(os.availableParallelism() / 2)), 'half the CPUs');
    assert.equal(threadsFor('off', 100_000), 1);
    assert.equal(threadsFor('4', 120), 3, 'never more threads than batches of 50');
    assert.equal(threadsFor('4', 10_000), 4);
    const bad = cli(['--concurrency', 'many', '.'], { cwd: dir });
    assert.equal(bad.code, 2);
    assert.match(bad.err, /--concurrency takes a number, auto or off, got "many"/);
  });
});
