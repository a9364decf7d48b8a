// Argument lists for the tools. Every path is absolute (so it can never read as an option) and `--` ends the
// options wherever the tool's parser understands it.
import path from 'node:path';
import type { IsoTool } from './discovery.js';
import { ToolInputError } from './errors.js';

function requireAbsolute(what: string, value: string): string {
  if (!path.isAbsolute(value)) throw new ToolInputError(`${what} must be an absolute path, got "${value}".`);
  return value;
}

/** ISO 9660 allows 32 characters; a leading `-` would look like an option to xorriso. */
export function checkVolumeId(volumeId: string): string | undefined {
  if (volumeId.length === 0 || volumeId.length > 32) return 'The volume id must have 1 to 32 characters.';
  if (!/^[A-Za-z0-9_][A-Za-z0-9_ .-]*$/.test(volumeId))
    return 'The volume id may use letters, digits, "_", "-", "." and spaces, and must not start with "-".';
  return undefined;
}

/** `-R` keeps owners and exec bits (Rock Ridge), `-J` adds Joliet names for other systems: like `genisoimage -RJ`. */
export function isoBuildArgs(tool: IsoTool, contextDir: string, outputIso: string, volumeId: string): string[] {
  const problem = checkVolumeId(volumeId);
  if (problem) throw new ToolInputError(problem);
  return [
    ...tool.prefixArgs,
    '-input-charset',
    'utf-8',
    '-R',
    '-J',
    '-V',
    volumeId,
    '-o',
    requireAbsolute('The output ISO', outputIso),
    ...(tool.acceptsDoubleDash ? ['--'] : []),
    requireAbsolute('The context folder', contextDir),
  ];
}

/** `--force-share` because info only reads, and a running VM holding its disk must not make us fail. */
export function qemuImgInfoArgs(image: string, backingChain: boolean): string[] {
  return [
    'info',
    '--output=json',
    '--force-share',
    ...(backingChain ? ['--backing-chain'] : []),
    '--',
    requireAbsolute('The image', image),
  ];
}

function checkImageFormat(format: string): string | undefined {
  return /^[a-z0-9][a-z0-9_-]*$/.test(format) ? undefined : `"${format}" is not an image format name.`;
}

/**
 * The backing path is stored in the new image as written here: absolute, or relative to the new image's folder
 * (that is how QEMU resolves it). A relative one always starts with `./` or `../` so a name such as `a:b.raw` is
 * not read as a protocol prefix. `-F` is mandatory since QEMU 7.2 refuses `-b` without it.
 */
export function qemuImgCreateArgs(backingPath: string, backingFormat: string, outputImage: string): string[] {
  const problem = checkImageFormat(backingFormat);
  if (problem) throw new ToolInputError(problem);
  if (!path.isAbsolute(backingPath) && !backingPath.startsWith('./') && !backingPath.startsWith('../')) {
    throw new ToolInputError(`A relative backing path must start with "./" or "../", got "${backingPath}".`);
  }
  return [
    'create',
    '-f',
    'qcow2',
    '-b',
    backingPath,
    '-F',
    backingFormat,
    '--',
    requireAbsolute('The new image', outputImage),
  ];
}

/** The path to store for `base` in an image written at `output`: relative to the image's folder, `./`-prefixed. */
export function relativeBackingPath(base: string, output: string): string {
  const relative = path.relative(path.dirname(output), base);
  return relative.startsWith('../') || relative === '..' ? relative : `./${relative}`;
}
