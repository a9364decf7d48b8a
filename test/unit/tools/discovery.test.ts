import assert from 'node:assert/strict';
import { chmod, mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describeIsoTool, findIsoTool, findOnPath, findQemuImg } from '../../../src/core/tools/discovery.js';
import { ToolMissingError, ToolPathError } from '../../../src/core/tools/errors.js';

// Stand-in executables: discovery only looks at names and permissions, it never runs them.
async function fakeExecutable(dir: string, name: string, mode = 0o755): Promise<string> {
  await mkdir(dir, { recursive: true });
  const file = path.join(dir, name);
  await writeFile(file, '#!/bin/sh\nexit 0\n');
  await chmod(file, mode);
  return file;
}

describe('tool discovery', () => {
  let tmp: string;
  beforeEach(async () => {
    tmp = await mkdtemp(path.join(os.tmpdir(), 'snooze-discovery-'));
  });
  afterEach(async () => {
    await rm(tmp, { recursive: true, force: true });
  });

  it('prefers genisoimage, then xorriso (as mkisofs), then mkisofs, across PATH entries', async () => {
    const a = path.join(tmp, 'a');
    const b = path.join(tmp, 'b');
    await fakeExecutable(a, 'mkisofs');
    await fakeExecutable(b, 'xorriso');
    const withXorriso = await findIsoTool(undefined, { searchPath: `${a}:${b}` });
    assert.equal(withXorriso.kind, 'xorriso');
    assert.deepEqual(withXorriso.prefixArgs, ['-as', 'mkisofs']);
    assert.equal(withXorriso.acceptsDoubleDash, false);
    await fakeExecutable(b, 'genisoimage');
    const withGenisoimage = await findIsoTool(undefined, { searchPath: `${a}:${b}` });
    assert.equal(withGenisoimage.kind, 'genisoimage');
    assert.equal(withGenisoimage.path, path.join(b, 'genisoimage'));
    assert.equal(withGenisoimage.acceptsDoubleDash, true);
    const onlyMkisofs = await findIsoTool(undefined, { searchPath: a });
    assert.equal(onlyMkisofs.kind, 'mkisofs');
  });

  it('skips non-executable files, folders, and empty or relative PATH entries', async () => {
    await fakeExecutable(path.join(tmp, 'a'), 'qemu-img', 0o644);
    await mkdir(path.join(tmp, 'b', 'qemu-img'), { recursive: true });
    assert.equal(
      await findOnPath('qemu-img', `${path.join(tmp, 'a')}:${path.join(tmp, 'b')}::relative/bin`),
      undefined,
    );
    const good = await fakeExecutable(path.join(tmp, 'c'), 'qemu-img');
    assert.equal(await findOnPath('qemu-img', `${path.join(tmp, 'a')}:${path.join(tmp, 'c')}`), good);
  });

  it('an empty PATH: ToolMissingError naming the packages for Debian/Ubuntu and Fedora', async () => {
    await assert.rejects(findIsoTool(undefined, { searchPath: '' }), (error: unknown) => {
      assert.ok(error instanceof ToolMissingError);
      assert.equal(error.tool, 'genisoimage');
      assert.deepEqual(error.searched, ['genisoimage', 'xorriso', 'mkisofs']);
      assert.match(error.message, /Debian\/Ubuntu: apt install genisoimage \(or xorriso\)/);
      return true;
    });
    await assert.rejects(findQemuImg(undefined, { searchPath: '' }), (error: unknown) => {
      assert.ok(error instanceof ToolMissingError);
      assert.equal(error.packages.debian, 'qemu-utils');
      assert.equal(error.packages.fedora, 'qemu-img');
      return true;
    });
  });

  it('a configured path must exist, be a file and be executable', async () => {
    const reasons: string[] = [];
    const notExecutable = await fakeExecutable(tmp, 'genisoimage', 0o644);
    for (const configured of [path.join(tmp, 'missing'), tmp, notExecutable]) {
      await findIsoTool(configured).then(
        () => assert.fail(`${configured} was accepted`),
        (error: unknown) => {
          assert.ok(error instanceof ToolPathError);
          assert.match(error.message, /Fix the setting/);
          reasons.push(error.reason);
        },
      );
    }
    assert.deepEqual(reasons, ['missing', 'not-a-file', 'not-executable']);
    await assert.rejects(findQemuImg('no-such-qemu-img', { searchPath: tmp }), ToolPathError);
  });

  it('a configured path is used as given; a bare name is looked up on PATH', async () => {
    const tool = await fakeExecutable(path.join(tmp, 'opt'), 'qemu-img');
    assert.equal((await findQemuImg(tool, { searchPath: '' })).path, tool);
    assert.equal((await findQemuImg('qemu-img', { searchPath: path.join(tmp, 'opt') })).path, tool);
  });

  it('recognises xorriso behind a symlink, and xorrisofs as already in mkisofs mode', async () => {
    const real = await fakeExecutable(path.join(tmp, 'bin'), 'xorriso');
    const link = path.join(tmp, 'bin', 'my-iso-tool');
    await symlink(real, link);
    assert.deepEqual((await describeIsoTool(link)).prefixArgs, ['-as', 'mkisofs']);
    const xorrisofs = path.join(tmp, 'bin', 'xorrisofs');
    await symlink(real, xorrisofs);
    const described = await describeIsoTool(xorrisofs);
    assert.equal(described.kind, 'xorriso');
    assert.deepEqual(described.prefixArgs, []);
  });
});
