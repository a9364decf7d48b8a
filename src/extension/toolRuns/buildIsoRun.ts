// One ISO build as both the command and the task run it: the configured builder, the log line
// (command line as an args array, duration, result), and nothing about how the result is shown.
import fs from 'node:fs';
import path from 'node:path';
import { isoBuildArgs } from '../../core/tools/args.js';
import { buildContextIso, DEFAULT_VOLUME_ID, findIsoTool, type BuildContextIsoResult } from '../../core/tools/index.js';
import type { Snooze } from '../snooze.js';
import { logToolFailure } from './toolLog.js';

export interface IsoRunOptions {
  readonly overwrite: boolean;
  readonly signal?: AbortSignal;
  readonly onProgress?: (percent: number) => void;
}

/** `X.iso` beside folder `X`: the name the iso-stale rule and the tree look for. */
export { isoPathOf as defaultIsoPath } from '../../core/context/contextFolder.js';

export async function runBuildIso(
  snooze: Snooze,
  contextDir: string,
  outputIso: string,
  options: IsoRunOptions,
): Promise<BuildContextIsoResult> {
  const started = Date.now();
  // Where the templates look may be a mapped LC folder that has no file yet.
  fs.mkdirSync(path.dirname(outputIso), { recursive: true });
  let commandLine: string[] = ['(iso builder)', contextDir];
  try {
    const tool = await findIsoTool(snooze.settings.forFile(contextDir).genisoimagePath);
    // The builder really writes a temporary file beside the target; the log shows the target people know.
    commandLine = [
      tool.path,
      ...isoBuildArgs(tool, path.resolve(contextDir), path.resolve(outputIso), DEFAULT_VOLUME_ID),
    ];
    const result = await snooze.activity.track(() => buildContextIso(contextDir, outputIso, { ...options, tool }));
    snooze.log.info(
      `ran ${JSON.stringify(commandLine)} in ${result.durationMs} ms: ok, ${result.sizeBytes} bytes, ${result.fileCount} files`,
    );
    for (const warning of result.warnings) snooze.log.warn(`${path.basename(outputIso)}: ${warning}`);
    return result;
  } catch (error) {
    logToolFailure(snooze, commandLine, Date.now() - started, error);
    throw error;
  }
}
