import assert from 'node:assert/strict';
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { execa } from 'execa';
import { createCowDisk } from '../../../src/core/tools/createCowDisk.js';
import { findQemuImg } from '../../../src/core/tools/discovery.js';
import { OutputExistsError, ToolFailedError, ToolMissingError, ToolPathError } from '../../../src/core/tools/errors.js';
import { qemuImgInfo } from '../../../src/core/tools/qemuImgInfo.js';
import { HOSTILE_NAME, makeTemp, removeTemp, requireTools, sha256 } from './helpers.js';

interface RawInfo {
  filename: string;
  format: string;
  'backing-filename'?: string;
  'full-backing-filename'?: string;
  'backing-filename-format'?: string;
}

/** Read independently of the code under test. */
async function chainOf(image: string): Promise<RawInfo[]> {
  const { stdout } = await execa('qemu-img', ['info', '--backing-chain', '--output=json', '--', image], {
    shell: false,
  });
  return JSON.parse(stdout) as RawInfo[];
}

describe('createCowDisk and qemuImgInfo (real qemu-img)', function () {
  this.timeout(60_000);
  let tmp: string;
  let baseDir: string;
  let base: string;

  before(async () => {
    await requireTools('qemu-img');
  });
  beforeEach(async () => {
    tmp = await makeTemp('qcow');
    baseDir = path.join(tmp, `base ${HOSTILE_NAME}`);
    await mkdir(baseDir);
    base = path.join(baseDir, `-base: ünï "q".raw`);
    await execa('qemu-img', ['create', '-f', 'raw', '--', base, '16M'], { shell: false });
  });
  afterEach(async () => {
    await removeTemp(tmp);
  });

  it('stores a relative backing path (resolved from the new image folder) and passes the base format', async () => {
    const vmDir = path.join(tmp, 'vms', HOSTILE_NAME);
    await mkdir(vmDir, { recursive: true });
    const output = path.join(vmDir, '-vm 1.qcow2');

    const result = await createCowDisk(base, output, { backingPath: 'relative' });

    const expected = `../../base ${HOSTILE_NAME}/-base: ünï "q".raw`;
    assert.equal(result.storedBackingPath, expected);
    assert.equal(result.baseFormat, 'raw');
    const chain = await chainOf(output);
    assert.equal(chain.length, 2);
    assert.equal(chain[0]!.format, 'qcow2');
    assert.equal(chain[0]!['backing-filename'], expected);
    assert.equal(chain[0]!['backing-filename-format'], 'raw');
    assert.equal(path.resolve(chain[0]!['full-backing-filename']!), base);
    assert.equal(chain[1]!.format, 'raw');
    assert.equal(result.chain.length, 2);
    assert.equal(result.chain[0]!.backingFilename, expected);
    assert.equal(result.chain[1]!.format, 'raw');
    assert.deepEqual(
      (await readdir(vmDir)).filter((n) => n.endsWith('.partial')),
      [],
    );
  });

  it('a relative backing path in the same folder starts with ./ so a colon is not read as a protocol', async () => {
    const output = path.join(baseDir, 'vm.qcow2');
    const result = await createCowDisk(base, output, { backingPath: 'relative' });
    assert.equal(result.storedBackingPath, `./-base: ünï "q".raw`);
    const chain = await chainOf(output);
    assert.equal(chain.length, 2);
    assert.equal(path.resolve(chain[0]!['full-backing-filename']!), base);
  });

  it('stores an absolute backing path, and chains over a qcow2 base with -F qcow2', async () => {
    const middle = path.join(tmp, 'middle.qcow2');
    const first = await createCowDisk(base, middle, { backingPath: 'absolute' });
    assert.equal(first.storedBackingPath, base);
    const top = path.join(tmp, 'top.qcow2');
    const second = await createCowDisk(middle, top, { backingPath: 'absolute' });
    assert.equal(second.baseFormat, 'qcow2');
    const chain = await chainOf(top);
    assert.deepEqual(
      chain.map((c) => c.format),
      ['qcow2', 'qcow2', 'raw'],
    );
    assert.equal(chain[0]!['backing-filename'], middle);
    assert.equal(chain[0]!['backing-filename-format'], 'qcow2');
    const info = await qemuImgInfo(top, { backingChain: true });
    assert.equal(info.format, 'qcow2');
    assert.equal(info.virtualSizeBytes, 16 * 1024 * 1024);
    assert.equal(info.backingFormat, 'qcow2');
    assert.equal(info.chain.length, 3);
    const single = await qemuImgInfo(top);
    assert.equal(single.chain.length, 1);
  });

  it('refuses to overwrite an existing disk unless told to (qemu-img itself would overwrite silently)', async () => {
    const output = path.join(tmp, 'vm.qcow2');
    await writeFile(output, 'precious data');
    const before = await sha256(output);
    await assert.rejects(
      createCowDisk(base, output),
      (error: unknown) => error instanceof OutputExistsError && error.path === output,
    );
    assert.equal(await sha256(output), before);

    await createCowDisk(base, output, { overwrite: true });
    assert.equal((await chainOf(output))[0]!.format, 'qcow2');
  });

  it('a failed create leaves the existing disk intact, with a readable message', async () => {
    const output = path.join(tmp, 'vm.qcow2');
    await writeFile(output, 'precious data');
    const before = await sha256(output);
    await assert.rejects(
      createCowDisk(path.join(tmp, 'missing base.raw'), output, { overwrite: true }),
      (error: unknown) => {
        assert.ok(error instanceof ToolFailedError);
        assert.match(error.messages.join(' '), /Cannot open .*missing base\.raw.*no such file or directory/i);
        return true;
      },
    );
    // The base format is given, so qemu-img create itself runs and fails on the missing backing file.
    await assert.rejects(
      createCowDisk(path.join(tmp, 'missing base.raw'), output, { overwrite: true, baseFormat: 'raw' }),
      (error: unknown) => {
        assert.ok(error instanceof ToolFailedError);
        assert.match(error.messages.join(' '), /base image/i);
        assert.doesNotMatch(error.messages.join(' '), /\.partial/);
        return true;
      },
    );
    assert.equal(await sha256(output), before);
    assert.deepEqual(
      (await readdir(tmp)).filter((n) => n.endsWith('.partial')),
      [],
    );
  });

  it('reports a wrong base format given by the caller', async () => {
    await assert.rejects(createCowDisk(base, path.join(tmp, 'vm.qcow2'), { baseFormat: 'qcow2' }), (error: unknown) => {
      assert.ok(error instanceof ToolFailedError);
      assert.match(error.messages.join(' '), /The base image is not in qcow2 format/);
      return true;
    });
  });

  it('an output path under a regular file fails cleanly', async () => {
    const blocker = path.join(tmp, 'file');
    await writeFile(blocker, 'x');
    await assert.rejects(createCowDisk(base, path.join(blocker, 'vm.qcow2')), (error: unknown) => {
      assert.ok(error instanceof ToolFailedError);
      assert.match(error.messages.join(' '), /not a directory/i);
      return true;
    });
  });

  it('fails clearly when qemu-img is missing: configured path that does not exist, or an empty PATH', async () => {
    await assert.rejects(
      findQemuImg(path.join(tmp, 'nope', 'qemu-img')),
      (error: unknown) => error instanceof ToolPathError && error.reason === 'missing',
    );
    await assert.rejects(findQemuImg(undefined, { searchPath: '' }), (error: unknown) => {
      assert.ok(error instanceof ToolMissingError);
      assert.match(error.message, /qemu-utils/);
      assert.match(error.message, /dnf install qemu-img/);
      return true;
    });
  });
});
