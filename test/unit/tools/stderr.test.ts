import assert from 'node:assert/strict';
import { parseIsoToolStderr, parseProgressLine, parseQemuImgStderr } from '../../../src/core/tools/stderr.js';

// Captured from genisoimage 1.1.11, xorriso 1.5.4 and qemu-img 7.2 (see test/integration/tools for live runs).
const GENISO_MISSING_FOLDER = `I: -input-charset not specified, using utf-8 (detected in locale settings)
genisoimage: No such file or directory. Invalid node - 'nope'.
`;
const GENISO_PERMISSION = `genisoimage: Permission denied. Unable to open disc image file '/srv/iso/.context.iso.0a1b2c3d4e5f.partial'.
`;
const GENISO_JOLIET = `genisoimage: Error: ctx/${'a'.repeat(70)}.sh and ctx/${'a'.repeat(70)}.txt have the same Joliet name
Joliet tree sort failed. The -joliet-long switch may help you.
`;
const GENISO_OK = ` 46.00% done, estimate finish Sun Nov 22 03:11:37 2026
genisoimage: Warning: creating filesystem that does not conform to ISO-9660.
Total translation table size: 0
Total rockridge attributes bytes: 242
Total directory bytes: 0
Path table size(bytes): 10
Max brk space used 0
182 extents written (0 MB)
`;
const XORRISO_MISSING_OUT_DIR = `xorriso 1.5.4 : RockRidge filesystem manipulator, libburnia project.

libburn : SORRY : Neither stdio-path nor its directory exist
xorriso : FAILURE : Cannot acquire drive 'stdio:/nodir/o.iso'
xorriso : aborting : -abort_on 'FAILURE' encountered 'FAILURE'
`;
const XORRISO_MISSING_SOURCE = `xorriso : FAILURE : Cannot determine attributes of source file '/tmp/gx/nope' : No such file or directory
xorriso : aborting : -abort_on 'FAILURE' encountered 'FAILURE'
`;

describe('stderr parsing', () => {
  it('genisoimage: a missing input folder (exit 2)', () => {
    assert.deepEqual(parseIsoToolStderr(GENISO_MISSING_FOLDER, 2).errors, [
      'Cannot read "nope": no such file or directory.',
    ]);
  });

  it('genisoimage: permission denied (exit 13), naming the target instead of our temporary file', () => {
    const parsed = parseIsoToolStderr(
      GENISO_PERMISSION,
      13,
      new Map([['/srv/iso/.context.iso.0a1b2c3d4e5f.partial', '/srv/iso/context.iso']]),
    );
    assert.deepEqual(parsed.errors, [
      'Cannot write the ISO "/srv/iso/context.iso": permission denied. Check that its folder exists and is writable.',
    ]);
  });

  it('genisoimage: Joliet collision after the 64-character cut gives one clear message', () => {
    const { errors } = parseIsoToolStderr(GENISO_JOLIET, 1);
    assert.equal(errors.length, 1);
    assert.match(errors[0]!, /have the same Joliet name: Joliet keeps only the first 64 characters/);
  });

  it('success: statistics and progress are noise, warnings are kept', () => {
    const parsed = parseIsoToolStderr(GENISO_OK, 0);
    assert.deepEqual(parsed.errors, []);
    assert.deepEqual(parsed.warnings, ['creating filesystem that does not conform to ISO-9660.']);
  });

  it('xorriso: missing output folder and missing source', () => {
    assert.deepEqual(parseIsoToolStderr(XORRISO_MISSING_OUT_DIR, 5).errors, [
      'Cannot write the ISO: its folder does not exist.',
    ]);
    assert.deepEqual(parseIsoToolStderr(XORRISO_MISSING_SOURCE, 5).errors, [
      'Cannot read "/tmp/gx/nope": no such file or directory.',
    ]);
  });

  it('a failure without any message still says something', () => {
    assert.deepEqual(parseIsoToolStderr('', 3).errors, ['The ISO builder exited with code 3 without a message.']);
    assert.deepEqual(parseQemuImgStderr('', 1).errors, ['qemu-img exited with code 1 without a message.']);
  });

  it('progress lines of genisoimage and xorriso', () => {
    assert.equal(parseProgressLine('  5.12% done, estimate finish Sun Nov 22 03:11:37 2026'), 5.12);
    assert.equal(parseProgressLine('xorriso : UPDATE :  11.02% done'), 11.02);
    assert.equal(parseProgressLine('Total translation table size: 0'), undefined);
    assert.equal(parseProgressLine('250.00% done'), undefined);
  });

  it('qemu-img: backing file without format, missing files, wrong format, locks', () => {
    assert.match(
      parseQemuImgStderr(
        'qemu-img: vm.qcow2: Backing file specified without backing format\nDetected format of raw.',
        1,
      ).errors[0]!,
      /needs the base image format \(-F\)/,
    );
    assert.deepEqual(
      parseQemuImgStderr(
        `qemu-img: Could not open '/nonexist': Could not open '/nonexist': No such file or directory\n`,
        1,
      ).errors,
      ['Cannot open "/nonexist": no such file or directory.'],
    );
    assert.deepEqual(
      parseQemuImgStderr(
        `qemu-img: /v/.vm.qcow2.ab.partial: Could not open '/b.raw': No such file or directory\nCould not open backing image.\n`,
        1,
        new Map([['/v/.vm.qcow2.ab.partial', '/v/vm.qcow2']]),
      ).errors,
      ['Cannot open the base image "/b.raw": no such file or directory.'],
    );
    assert.deepEqual(
      parseQemuImgStderr('qemu-img: /tmp/q.qcow2: Image is not in qcow2 format\nCould not open backing image.\n', 1)
        .errors,
      ['The base image is not in qcow2 format.'],
    );
    assert.deepEqual(
      parseQemuImgStderr(`qemu-img: /tmp/x/q.qcow2: Could not create '/tmp/x/q.qcow2': Not a directory\n`, 1).errors,
      ['Cannot create "/tmp/x/q.qcow2": not a directory.'],
    );
    assert.match(
      parseQemuImgStderr(
        'qemu-img: Could not open \'/vm.qcow2\': Failed to get "write" lock\nIs another process using the image [/vm.qcow2]?\n',
        1,
      ).errors.join(' '),
      /in use by a running VM/,
    );
  });
});
