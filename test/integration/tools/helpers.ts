// Shared by the tool integration tests: temp folders, hashes, and a loud failure when a tool is missing.
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { findOnPath } from '../../../src/core/tools/discovery.js';

/** A fresh folder under os.tmpdir(); remove it with removeTemp. */
export async function makeTemp(prefix: string): Promise<string> {
  return mkdtemp(path.join(os.tmpdir(), `snooze-${prefix}-`));
}

export async function removeTemp(dir: string | undefined): Promise<void> {
  if (dir) await rm(dir, { recursive: true, force: true });
}

export async function sha256(file: string): Promise<string> {
  return createHash('sha256')
    .update(await readFile(file))
    .digest('hex');
}

/** These tests run the real tools; CI installs them, so a missing one is a failure, never a skip. */
export async function requireTools(...names: string[]): Promise<void> {
  const missing: string[] = [];
  for (const name of names) if (!(await findOnPath(name, process.env['PATH'] ?? ''))) missing.push(name);
  if (missing.length > 0) {
    throw new Error(
      `Missing tools for integration tests: ${missing.join(', ')} (Debian: apt install genisoimage xorriso qemu-utils libvirt-clients).`,
    );
  }
}

/** A name that breaks naive shells and option parsers: leading "-", spaces, quotes, non-ASCII. */
export const HOSTILE_NAME = `-rf ctx é'"`;
