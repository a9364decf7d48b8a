import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { readAheadOnThread } from '../../../src/cli/readAhead.js';
import { readTemplateBytes, type TemplateBytes } from '../../../src/core/lint/templateBytes.js';
import { tempDir } from '../../helpers/realImages.js';

// snooze-lint reads templates ahead on a thread of its own while the main thread lints. What it hands over must
// be what reading the file here gives (bytes, or the same message), in order; it stays a bounded number of
// files and bytes ahead. Proof of reading ahead: files deleted after the reader had time are still read
// whole, up to its bound, and the ones past it are missing.
describe('templates read ahead on a thread (snooze-lint)', function () {
  this.timeout(60_000);
  let dir: string;
  beforeEach(() => (dir = tempDir('read-ahead')));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  const write = (count: number, text: (i: number) => string | Buffer): string[] =>
    Array.from({ length: count }, (_, i) => {
      const file = path.join(dir, `vm${String(i).padStart(4, '0')}.xml`);
      fs.writeFileSync(file, text(i));
      return file;
    });
  const shown = (read: TemplateBytes): string =>
    'bytes' in read ? Buffer.from(read.bytes).toString('latin1') : `${read.ioError ? 'io' : 'skip'}: ${read.message}`;
  /** Gives the reader time to fill its window (it runs beside this thread, which only sleeps). */
  const sleep = (ms: number): void => void Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

  it('hands over what reading here gives, file after file, odd files included (a FIFO, a huge file)', () => {
    const files = write(300, (i) => `<domain type='kvm'><name>vm${i}</name></domain>\n`.repeat((i % 7) + 1));
    fs.writeFileSync(files[10]!, Buffer.from([0x3c, 0xff, 0xfe, 0x00, 0x3e])); // not UTF-8: bytes as they are
    fs.writeFileSync(files[11]!, '');
    fs.rmSync(files[12]!);
    fs.mkdirSync(files[12]!); // a folder where a file was listed
    fs.rmSync(files[13]!); // gone since it was listed
    fs.rmSync(files[14]!);
    const fifo = spawnSync('mkfifo', [files[14]!]); // reading would wait for a writer for ever
    assert.equal(fifo.status, 0, `mkfifo: ${fifo.stderr}`);
    fs.truncateSync(files[15]!, 21 * 1024 * 1024); // over the 20 MB a template may have (sparse: no disk used)
    const expected = files.map((file) => shown(readTemplateBytes(file)));
    const read = readAheadOnThread(files);
    assert.ok(read, 'the worker file is built beside the module (tsc output or dist/)');
    sleep(200);
    assert.deepEqual(
      files.map((file) => shown(read(file))),
      expected,
    );
    assert.match(expected[12]!, /^io: cannot read: (EISDIR|not a regular file)/);
    assert.match(expected[13]!, /^io: cannot read: ENOENT/);
    assert.match(expected[14]!, /^io: cannot read: not a regular file/);
    assert.match(expected[15]!, /^skip: skipped: 21\.0 MB is too large/);
  });

  it('reads ahead, at most 256 files', () => {
    const files = write(400, (i) => `<domain><name>vm${i}</name></domain>`);
    const read = readAheadOnThread(files)!;
    sleep(1000);
    for (const file of files) fs.rmSync(file);
    const got = files.map((file) => shown(read(file)));
    assert.deepEqual(
      got.slice(0, 256),
      files.slice(0, 256).map((_, i) => `<domain><name>vm${i}</name></domain>`),
      'read before they were deleted',
    );
    for (const [i, result] of got.slice(256).entries())
      assert.match(result, /^io: cannot read: ENOENT/, `file ${256 + i}`);
  });

  it('holds at most 32 MB read and not yet linted', () => {
    const megabyte = Buffer.alloc(1024 * 1024, 0x20);
    const files = write(240, (i) => (i < 40 ? megabyte : `<domain><name>vm${i}</name></domain>`));
    const read = readAheadOnThread(files)!;
    sleep(1000);
    for (const file of files) fs.rmSync(file);
    const kept = files.map((file) => read(file)).filter((r) => 'bytes' in r).length;
    assert.equal(kept, 32, 'the 32 first megabytes, then the reader waits');
  });

  it('is not started for a few files; a file asked out of order is read here', () => {
    assert.equal(readAheadOnThread(write(20, () => '<domain/>')), undefined, 'too few to pay for a thread');
    const files = write(250, (i) => `<domain><name>vm${i}</name></domain>`);
    const read = readAheadOnThread(files)!;
    assert.equal(shown(read(files[5]!)), '<domain><name>vm5</name></domain>');
    assert.equal(shown(read(files[0]!)), '<domain><name>vm0</name></domain>');
    assert.equal(shown(read(files[1]!)), '<domain><name>vm1</name></domain>');
  });
});
