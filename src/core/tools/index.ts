// The tool runners' public surface, for the editor and the CLI.
export { buildContextIso, DEFAULT_VOLUME_ID } from './buildContextIso.js';
export type { BuildContextIsoOptions, BuildContextIsoResult } from './buildContextIso.js';
export { createCowDisk } from './createCowDisk.js';
export type { CreateCowDiskOptions, CreateCowDiskResult } from './createCowDisk.js';
export { qemuImgInfo } from './qemuImgInfo.js';
export type { ImageInfo, ImageInfoResult, QemuImgInfoOptions } from './qemuImgInfo.js';
export { findIsoTool, findQemuImg, findOnPath } from './discovery.js';
export type { IsoTool, QemuImgTool, DiscoveryOptions } from './discovery.js';
export { abortSignalFrom } from './cancellation.js';
export type { CancellationLike } from './cancellation.js';
export type { ParsedStderr } from './stderr.js';
export { CancelledError, OutputExistsError, ToolFailedError, ToolMissingError, ToolPathError } from './errors.js';
export type { PackageHint, ToolName } from './errors.js';
