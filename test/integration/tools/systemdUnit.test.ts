import assert from 'node:assert/strict';
import { chmod, mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { execa } from 'execa';
import { baseImageFiles } from '../../../src/core/baseImage/prepareBaseImage.js';
import { makeTemp, removeTemp, requireTools } from './helpers.js';

// systemd only warns about a key it does not know ("Unknown key ..., ignoring") and boots on without it, so the
// unit is checked by systemd itself: `systemd-analyze verify` on an image root holding the unit and the script
// installed as the base image's README says.
describe('base image: the systemd unit passes systemd-analyze verify', function () {
  this.timeout(60_000);
  let root: string;
  before(async () => {
    await requireTools('systemd-analyze');
    root = await makeTemp('unit');
  });
  after(async () => removeTemp(root));

  it('has no unknown key, and its command is found', async () => {
    for (const file of baseImageFiles()) {
      const target =
        file.relativePath === 'snooze-context'
          ? 'usr/local/sbin/snooze-context'
          : file.relativePath === 'snooze-context.service'
            ? 'etc/systemd/system/snooze-context.service'
            : undefined;
      if (!target) continue;
      await mkdir(path.dirname(path.join(root, target)), { recursive: true });
      await writeFile(path.join(root, target), file.content);
      await chmod(path.join(root, target), file.mode);
    }
    const run = await execa('systemd-analyze', ['verify', `--root=${root}`, 'snooze-context.service'], {
      shell: false,
      reject: false,
    });
    assert.equal(run.exitCode, 0, run.stderr);
    // verify exits 0 on unknown keys: any message at all is a defect of the unit.
    assert.equal(run.stderr.trim(), '', run.stderr);
  });
});
