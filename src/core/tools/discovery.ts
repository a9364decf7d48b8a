// Finding the programs we run: a configured path wins, else PATH is searched here (no `which`, no shell).
import { constants } from 'node:fs';
import { access, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { TOOL_PACKAGES, ToolMissingError, ToolPathError } from './errors.js';
import type { ToolName } from './errors.js';

/** An ISO builder and how to call it in mkisofs-compatible mode. */
export interface IsoTool {
  readonly kind: 'genisoimage' | 'xorriso' | 'mkisofs';
  readonly path: string;
  /** Arguments that come first: `-as mkisofs` for xorriso. */
  readonly prefixArgs: readonly string[];
  /** Whether `--` ends the options (genisoimage's parser accepts it; xorriso would read it as "end of -as mkisofs"). */
  readonly acceptsDoubleDash: boolean;
}

export interface QemuImgTool {
  readonly kind: 'qemu-img';
  readonly path: string;
}

export interface DiscoveryOptions {
  /** The PATH to search; defaults to process.env.PATH. Tests pass '' to simulate a bare system. */
  readonly searchPath?: string;
}

/** Whether `file` is a regular file we may execute. */
async function executableStatus(file: string): Promise<'ok' | 'missing' | 'not-a-file' | 'not-executable'> {
  try {
    if (!(await stat(file)).isFile()) return 'not-a-file';
  } catch {
    return 'missing';
  }
  try {
    await access(file, constants.X_OK);
    return 'ok';
  } catch {
    return 'not-executable';
  }
}

/**
 * The first executable `name` in `searchPath`. Empty PATH entries mean "current folder" to a shell; we skip them
 * so a workspace cannot plant a fake genisoimage.
 */
export async function findOnPath(name: string, searchPath: string): Promise<string | undefined> {
  for (const dir of searchPath.split(path.delimiter)) {
    if (!dir || !path.isAbsolute(dir)) continue;
    const candidate = path.join(dir, name);
    if ((await executableStatus(candidate)) === 'ok') return candidate;
  }
  return undefined;
}

/** Checks a configured path; a bare name ("xorriso") is looked up on PATH. */
async function resolveConfigured(tool: ToolName, configured: string, searchPath: string): Promise<string> {
  if (!configured.includes('/')) {
    const found = await findOnPath(configured, searchPath);
    if (!found) throw new ToolPathError(tool, configured, 'missing');
    return found;
  }
  const absolute = path.resolve(configured);
  const status = await executableStatus(absolute);
  if (status !== 'ok') throw new ToolPathError(tool, configured, status);
  return absolute;
}

/** Decides how to drive an ISO builder from its name (and, through symlinks, what it really is). */
export async function describeIsoTool(executable: string): Promise<IsoTool> {
  const given = path.basename(executable);
  let real = given;
  try {
    real = path.basename(await realpath(executable));
  } catch {
    // Keep the given name: describing must not fail where running would report the real problem.
  }
  // xorrisofs is xorriso started in mkisofs mode (it looks at argv[0]), so it takes mkisofs options directly.
  if (given.startsWith('xorrisofs'))
    return { kind: 'xorriso', path: executable, prefixArgs: [], acceptsDoubleDash: false };
  if (real.startsWith('xorriso'))
    return { kind: 'xorriso', path: executable, prefixArgs: ['-as', 'mkisofs'], acceptsDoubleDash: false };
  if (real.startsWith('genisoimage'))
    return { kind: 'genisoimage', path: executable, prefixArgs: [], acceptsDoubleDash: true };
  return { kind: 'mkisofs', path: executable, prefixArgs: [], acceptsDoubleDash: false };
}

/** genisoimage, else `xorriso -as mkisofs`, else mkisofs; a configured path is used as given (and must be runnable). */
export async function findIsoTool(configuredPath?: string, options: DiscoveryOptions = {}): Promise<IsoTool> {
  const searchPath = options.searchPath ?? process.env['PATH'] ?? '';
  if (configuredPath?.trim())
    return describeIsoTool(await resolveConfigured('genisoimage', configuredPath.trim(), searchPath));
  const names = ['genisoimage', 'xorriso', 'mkisofs'];
  for (const name of names) {
    const found = await findOnPath(name, searchPath);
    if (found) return describeIsoTool(found);
  }
  throw new ToolMissingError('genisoimage', TOOL_PACKAGES.iso, names);
}

export async function findQemuImg(configuredPath?: string, options: DiscoveryOptions = {}): Promise<QemuImgTool> {
  const searchPath = options.searchPath ?? process.env['PATH'] ?? '';
  if (configuredPath?.trim())
    return { kind: 'qemu-img', path: await resolveConfigured('qemu-img', configuredPath.trim(), searchPath) };
  const found = await findOnPath('qemu-img', searchPath);
  if (!found) throw new ToolMissingError('qemu-img', TOOL_PACKAGES['qemu-img'], ['qemu-img']);
  return { kind: 'qemu-img', path: found };
}
