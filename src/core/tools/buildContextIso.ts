// Builds the context CD (`genisoimage -R -J -o context.iso context`) without ever leaving a half-written ISO.
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { isoBuildArgs } from './args.js';
import { findIsoTool } from './discovery.js';
import type { IsoTool } from './discovery.js';
import { ToolFailedError, ToolInputError } from './errors.js';
import { checkOutputTarget, commitOutput, removeQuietly, temporaryPathBeside } from './outputFile.js';
import { runTool } from './runTool.js';
import { parseIsoToolStderr, parseProgressLine } from './stderr.js';

export const DEFAULT_VOLUME_ID = 'CONTEXT';

/** Joliet keeps 64 UTF-16 units of a name; longer names are cut (Rock Ridge, which Linux reads, keeps them whole). */
const JOLIET_NAME_LIMIT = 64;

export interface BuildContextIsoOptions {
  /** Replace an existing ISO; without it an existing file raises OutputExistsError. */
  readonly overwrite?: boolean;
  readonly signal?: AbortSignal;
  /** The builder to use; found with findIsoTool() when absent. */
  readonly tool?: IsoTool;
  readonly volumeId?: string;
  /** Percent done (0–100), from the builder's own progress lines; large trees only. */
  readonly onProgress?: (percent: number) => void;
}

export interface BuildContextIsoResult {
  readonly outputPath: string;
  readonly sizeBytes: number;
  /** Regular files put on the CD. */
  readonly fileCount: number;
  readonly tool: IsoTool;
  readonly durationMs: number;
  readonly warnings: readonly string[];
  /** The builder's raw stderr, for a log channel. */
  readonly stderr: string;
}

interface TreeSummary {
  fileCount: number;
  warnings: string[];
}

async function summarizeTree(root: string): Promise<TreeSummary> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  const warnings: string[] = [];
  let fileCount = 0;
  for (const entry of entries) {
    if (entry.isFile()) fileCount++;
    if (entry.name.length > JOLIET_NAME_LIMIT) {
      const relative = path.relative(root, path.join(entry.parentPath, entry.name));
      warnings.push(
        `"${relative}" is longer than ${JOLIET_NAME_LIMIT} characters: Joliet (Windows) shows it cut; Linux guests read the full Rock Ridge name.`,
      );
    }
  }
  return { fileCount, warnings };
}

export async function buildContextIso(
  contextDir: string,
  outputIso: string,
  options: BuildContextIsoOptions = {},
): Promise<BuildContextIsoResult> {
  const source = path.resolve(contextDir);
  const output = path.resolve(outputIso);
  const overwrite = options.overwrite === true;

  const sourceStat = await stat(source).catch(() => undefined);
  if (!sourceStat?.isDirectory())
    throw new ToolInputError(`The context folder "${source}" does not exist or is not a folder.`);
  const fromSource = path.relative(source, output);
  if (fromSource !== '..' && !fromSource.startsWith('../')) {
    throw new ToolInputError(
      `The ISO "${output}" would be inside the context folder it is built from; write it elsewhere.`,
    );
  }
  await checkOutputTarget(output, overwrite);

  const tree = await summarizeTree(source);
  const tool = options.tool ?? (await findIsoTool());
  const temporary = temporaryPathBeside(output);
  const args = isoBuildArgs(tool, source, temporary, options.volumeId ?? DEFAULT_VOLUME_ID);
  const toolName = tool.kind;

  try {
    const run = await runTool(toolName, tool.path, args, {
      signal: options.signal,
      onStderrLine: (line) => {
        const percent = parseProgressLine(line);
        if (percent !== undefined) options.onProgress?.(percent);
      },
    });
    const parsed = parseIsoToolStderr(run.stderr, run.exitCode, new Map([[temporary, output]]));
    if (run.exitCode !== 0) throw new ToolFailedError(toolName, run.exitCode, parsed.errors, run.stderr, args);
    await commitOutput(temporary, output, overwrite);
    const sizeBytes = (await stat(output)).size;
    return {
      outputPath: output,
      sizeBytes,
      fileCount: tree.fileCount,
      tool,
      durationMs: run.durationMs,
      warnings: [...tree.warnings, ...parsed.warnings],
      stderr: run.stderr,
    };
  } finally {
    await removeQuietly(temporary);
  }
}
