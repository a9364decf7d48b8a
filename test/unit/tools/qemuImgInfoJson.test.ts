import assert from 'node:assert/strict';
import { parseQemuImgInfoJson } from '../../../src/core/tools/qemuImgInfo.js';

// Output of `qemu-img info --output=json --backing-chain` (QEMU 7.2), trimmed.
const CHAIN = JSON.stringify([
  {
    'backing-filename-format': 'raw',
    'virtual-size': 10485760,
    filename: 'imgs/sub/new.qcow2',
    format: 'qcow2',
    'actual-size': 200704,
    'full-backing-filename': 'imgs/sub/../base.raw',
    'backing-filename': '../base.raw',
    'dirty-flag': false,
  },
  {
    'virtual-size': 10485760,
    filename: 'imgs/sub/../base.raw',
    format: 'raw',
    'actual-size': 4096,
    'dirty-flag': false,
  },
]);

describe('qemu-img info JSON', () => {
  it('reads a backing chain, image first', () => {
    const chain = parseQemuImgInfoJson(CHAIN);
    assert.equal(chain.length, 2);
    assert.deepEqual(chain[0], {
      filename: 'imgs/sub/new.qcow2',
      format: 'qcow2',
      virtualSizeBytes: 10485760,
      actualSizeBytes: 200704,
      backingFilename: '../base.raw',
      fullBackingFilename: 'imgs/sub/../base.raw',
      backingFormat: 'raw',
    });
    assert.deepEqual(chain[1], {
      filename: 'imgs/sub/../base.raw',
      format: 'raw',
      virtualSizeBytes: 10485760,
      actualSizeBytes: 4096,
    });
  });

  it('a single object (no --backing-chain) is a chain of one; missing fields are an error', () => {
    assert.equal(parseQemuImgInfoJson('{"filename":"a","format":"raw","virtual-size":512}').length, 1);
    assert.throws(() => parseQemuImgInfoJson('{"filename":"a"}'), /without filename, format or virtual-size/);
  });
});
