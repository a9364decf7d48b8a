import assert from 'node:assert/strict';
import {
  checkVolumeId,
  isoBuildArgs,
  qemuImgCreateArgs,
  qemuImgInfoArgs,
  relativeBackingPath,
} from '../../../src/core/tools/args.js';
import type { IsoTool } from '../../../src/core/tools/discovery.js';
import { ToolInputError } from '../../../src/core/tools/errors.js';

const genisoimage: IsoTool = {
  kind: 'genisoimage',
  path: '/usr/bin/genisoimage',
  prefixArgs: [],
  acceptsDoubleDash: true,
};
const xorriso: IsoTool = {
  kind: 'xorriso',
  path: '/usr/bin/xorriso',
  prefixArgs: ['-as', 'mkisofs'],
  acceptsDoubleDash: false,
};

describe('tool arguments', () => {
  it('genisoimage: -R -J, volume id, absolute output, then -- before the folder', () => {
    assert.deepEqual(isoBuildArgs(genisoimage, '/tmp/-rf ctx', '/tmp/out.iso', 'CONTEXT'), [
      '-input-charset',
      'utf-8',
      '-R',
      '-J',
      '-V',
      'CONTEXT',
      '-o',
      '/tmp/out.iso',
      '--',
      '/tmp/-rf ctx',
    ]);
  });

  it('xorriso: -as mkisofs first and no -- (xorriso would read it as the end of mkisofs emulation)', () => {
    const args = isoBuildArgs(xorriso, '/tmp/ctx', '/tmp/out.iso', 'CONTEXT');
    assert.deepEqual(args.slice(0, 2), ['-as', 'mkisofs']);
    assert.ok(!args.includes('--'));
    assert.equal(args.at(-1), '/tmp/ctx');
  });

  it('refuses relative paths, which could start with "-"', () => {
    assert.throws(() => isoBuildArgs(genisoimage, '-rf', '/tmp/o.iso', 'CONTEXT'), ToolInputError);
    assert.throws(() => isoBuildArgs(genisoimage, '/tmp/ctx', 'o.iso', 'CONTEXT'), ToolInputError);
    assert.throws(() => qemuImgInfoArgs('-base.raw', false), ToolInputError);
    assert.throws(() => qemuImgCreateArgs('/b.raw', 'raw', 'vm.qcow2'), ToolInputError);
  });

  it('checks the volume id: 1–32 characters, no leading "-"', () => {
    assert.equal(checkVolumeId('CONTEXT'), undefined);
    assert.equal(checkVolumeId('my ctx_1.0'), undefined);
    assert.match(checkVolumeId('')!, /1 to 32/);
    assert.match(checkVolumeId('x'.repeat(33))!, /1 to 32/);
    assert.match(checkVolumeId('-V')!, /must not start/);
    assert.throws(() => isoBuildArgs(genisoimage, '/c', '/o.iso', '-o'), ToolInputError);
  });

  it('qemu-img info: JSON, shared lock, optional chain, -- before the image', () => {
    assert.deepEqual(qemuImgInfoArgs('/i/a.qcow2', false), [
      'info',
      '--output=json',
      '--force-share',
      '--',
      '/i/a.qcow2',
    ]);
    assert.deepEqual(qemuImgInfoArgs('/i/a.qcow2', true), [
      'info',
      '--output=json',
      '--force-share',
      '--backing-chain',
      '--',
      '/i/a.qcow2',
    ]);
  });

  it('qemu-img create always passes -F (QEMU 7.2 refuses -b without it)', () => {
    assert.deepEqual(qemuImgCreateArgs('../base/b.raw', 'raw', '/vms/vm.qcow2'), [
      'create',
      '-f',
      'qcow2',
      '-b',
      '../base/b.raw',
      '-F',
      'raw',
      '--',
      '/vms/vm.qcow2',
    ]);
    assert.throws(() => qemuImgCreateArgs('/b', '-F', '/vm.qcow2'), ToolInputError);
    assert.throws(() => qemuImgCreateArgs('b.raw', 'raw', '/vm.qcow2'), /must start with "\.\/" or "\.\.\/"/);
  });

  it('relative backing paths are relative to the new image folder and always start with ./ or ../', () => {
    assert.equal(relativeBackingPath('/images/base.raw', '/images/vm.qcow2'), './base.raw');
    assert.equal(relativeBackingPath('/images/base/b.qcow2', '/images/vm.qcow2'), './base/b.qcow2');
    assert.equal(relativeBackingPath('/images/base.raw', '/images/vms/a/vm.qcow2'), '../../base.raw');
    assert.equal(relativeBackingPath('/images/a:b.raw', '/images/vm.qcow2'), './a:b.raw');
  });
});
