import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** Real images for tests, made by the real tools (CI installs qemu-utils and genisoimage). */
export function qemuImg(...args: string[]): void {
  execFileSync('qemu-img', args, { stdio: 'pipe' });
}

export function makeRaw(file: string, size = '1M'): string {
  qemuImg('create', '-q', '-f', 'raw', file, size);
  return file;
}

export function makeQcow2(file: string, backing?: { path: string; format: string }): string {
  const backingArgs = backing ? ['-b', backing.path, '-F', backing.format] : [];
  qemuImg('create', '-q', '-f', 'qcow2', ...backingArgs, file, ...(backing ? [] : ['1M']));
  return file;
}

export function makeIso(contextDir: string, output: string): string {
  execFileSync('genisoimage', ['-quiet', '-R', '-J', '-o', output, contextDir], { stdio: 'pipe' });
  return output;
}

export function tempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `snooze-${prefix}-`));
}
