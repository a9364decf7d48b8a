import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { tempDir } from '../../helpers/realImages.js';
import { bundledCli, cli, scratch, type CliResult } from './cliRun.js';

// Whatever is on disk, snooze-lint answers with findings or one-line messages and exits 0, 1 or 2: never a
// stack trace, never a hang. Tests run as root, so chmod 000 blocks nothing: a FIFO (opening it for reading
// would wait for a writer forever) and dangling symbolic links stand in for files that cannot be read.
describe('snooze-lint on hostile files', () => {
  let dir: string;
  let write: (name: string, text: string | Buffer) => string;
  before(() => {
    dir = tempDir('cli-hostile');
    write = scratch(dir);
    write('binary.xml', Buffer.from([0x3c, 0x64, 0x00, 0xff, 0xfe, 0x00, 0x1b, 0x5b]));
    write(
      'utf16.xml',
      Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from("<domain type='kvm'><name>x</name></domain>", 'utf16le')]),
    );
    write(
      'huge-line.xml',
      `<domain type='kvm'><name>${'x'.repeat(4 * 1024 * 1024)}</name><description>${'<'.repeat(1000)}</description></domain>`,
    );
    write('deep.xml', `<domain type='kvm'>${'<a>'.repeat(100_000)}${'</a>'.repeat(100_000)}</domain>`);
    write(
      'entities.xml',
      `<!DOCTYPE domain [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><domain type='kvm'><name>&b;</name></domain>`,
    );
    write('ctx/common/network', Buffer.from([0x00, 0xff, 0x0d, 0x0a, 0x3d, 0x3d]));
    write('ctx/distributions/debian/%%%\n.sh', '#!/bin/sh\r\n');
    write('.vscode/settings.json', '{ "snooze.bridges": [1, 2], "snooze.rules": { "nope": "on" }, oops');
    fs.symlinkSync(path.join(dir, 'gone.xml'), path.join(dir, 'dangling.xml'));
    fs.symlinkSync(path.join(dir, 'loop-b.xml'), path.join(dir, 'loop-a.xml'));
    fs.symlinkSync(path.join(dir, 'loop-a.xml'), path.join(dir, 'loop-b.xml'));
    fs.symlinkSync(dir, path.join(dir, 'self-link'));
    const fifo = spawnSync('mkfifo', [path.join(dir, 'fifo.xml')]);
    assert.equal(fifo.status, 0, `mkfifo: ${fifo.stderr}`);
    fs.mkdirSync(path.join(dir, 'folder.xml'));
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  const sane = (run: CliResult, label: string): void => {
    assert.ok([0, 1, 2].includes(run.code), `${label}: exit ${run.code}\n${run.err}`);
    assert.doesNotMatch(run.err, /^\s+at .+:\d+:\d+\)?$/m, `${label}: a stack trace\n${run.err}`);
    assert.doesNotMatch(run.err, /internal error/, `${label}\n${run.err}`);
  };

  it('the folder as a whole: findings for the bad templates, and still an answer', () => {
    for (const format of ['text', 'json', 'sarif']) {
      const run = bundledCli(['--format', format, dir]);
      sane(run, format);
      assert.equal(run.code, 1, 'huge-line.xml is an xml-syntax error (binary.xml, no domain, is skipped in a folder)');
      if (format !== 'text') JSON.parse(run.out);
    }
    const text = bundledCli([dir]);
    assert.match(text.out, /huge-line\.xml:\d+:\d+: error: not well-formed XML.*\[xml-syntax\]/);
    assert.match(text.out, /deep\.xml:1:2: error: .*\[missing-name\]/, '100,000 nested elements parse');
    assert.match(text.err, /settings\.json/, 'the broken settings file is named');
  });

  it('each hostile file named on its own', () => {
    const expected: Record<string, RegExp> = {
      'fifo.xml': /fifo\.xml: not a regular file or folder/,
      'dangling.xml': /dangling\.xml: cannot read: a symbolic link to a file that does not exist/,
      'loop-a.xml': /loop-a\.xml: cannot read: ELOOP/,
      'gone.xml': /no such file or folder: .*gone\.xml/,
    };
    for (const name of fs.readdirSync(dir).concat('gone.xml')) {
      // In process, but the FIFO in a process of its own: before the fix, opening it hung for ever.
      const run = name === 'fifo.xml' ? bundledCli([path.join(dir, name)]) : cli([path.join(dir, name)]);
      sane(run, name);
      if (expected[name]) {
        assert.equal(run.code, 2, name);
        assert.match(run.err, expected[name]!, name);
      }
    }
  });

  it('a FIFO given as --stdin-filename or as standard input itself', () => {
    sane(bundledCli(['--stdin-filename', path.join(dir, 'fifo.xml'), '-'], { stdin: '<domain/>' }), 'stdin-filename');
    sane(bundledCli(['-'], { stdin: '\u0000\uffff' }), 'binary stdin');
  });
});
