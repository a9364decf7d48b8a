import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { OutputExistsError, ToolInputError } from '../../../src/core/tools/errors.js';
import { checkOutputTarget, commitOutput, temporaryPathBeside } from '../../../src/core/tools/outputFile.js';

describe('safe output files', () => {
  let tmp: string;
  beforeEach(async () => {
    tmp = await mkdtemp(path.join(os.tmpdir(), 'snooze-output-'));
  });
  afterEach(async () => {
    await rm(tmp, { recursive: true, force: true });
  });

  it('the temporary file is hidden, unique and in the same folder as the target', () => {
    const a = temporaryPathBeside('/srv/iso/context.iso');
    assert.equal(path.dirname(a), '/srv/iso');
    assert.match(path.basename(a), /^\.context\.iso\.[0-9a-f]{12}\.partial$/);
    assert.notEqual(a, temporaryPathBeside('/srv/iso/context.iso'));
  });

  it('checkOutputTarget: free, existing (refused unless overwrite), folder (always refused), under a file (free)', async () => {
    await checkOutputTarget(path.join(tmp, 'new.iso'), false);
    await writeFile(path.join(tmp, 'old.iso'), 'x');
    await assert.rejects(checkOutputTarget(path.join(tmp, 'old.iso'), false), OutputExistsError);
    await checkOutputTarget(path.join(tmp, 'old.iso'), true);
    await mkdir(path.join(tmp, 'dir.iso'));
    await assert.rejects(checkOutputTarget(path.join(tmp, 'dir.iso'), true), ToolInputError);
    await checkOutputTarget(path.join(tmp, 'old.iso', 'below'), false);
  });

  it('commitOutput without overwrite never replaces a file that appeared meanwhile', async () => {
    const target = path.join(tmp, 'out.iso');
    const temporary = temporaryPathBeside(target);
    await writeFile(temporary, 'new');
    await writeFile(target, 'appeared meanwhile');
    await assert.rejects(commitOutput(temporary, target, false), OutputExistsError);
    assert.equal(await readFile(target, 'utf8'), 'appeared meanwhile');
    assert.deepEqual(await readdir(tmp), ['out.iso']);
  });

  it('commitOutput moves the temporary file into place, replacing only with overwrite', async () => {
    const target = path.join(tmp, 'out.iso');
    const first = temporaryPathBeside(target);
    await writeFile(first, 'one');
    await commitOutput(first, target, false);
    const second = temporaryPathBeside(target);
    await writeFile(second, 'two');
    await commitOutput(second, target, true);
    assert.equal(await readFile(target, 'utf8'), 'two');
    assert.deepEqual(await readdir(tmp), ['out.iso']);
  });
});
