// snooze.buildIso: pack a context folder into its ISO (genisoimage -RJ), with progress and cancel. The ISO goes
// where the templates built from the folder look for it (their CD's LC path, mapped to this machine: the VM
// model), else X.iso beside folder X/.
//
// Arguments (all optional; whatever is missing is asked for):
//   executeCommand('snooze.buildIso', target?, options?)
//     target:  vscode.Uri of the context folder (explorer menu) | explorer tree node | path string
//              (absolute or workspace-relative) | { contextFolder: string, output?: string, overwrite?: boolean,
//              buildAnyway?: boolean }
//       output       where to write (default: as above; when the templates look in several places, asked)
//     options: { overwrite?: boolean, buildAnyway?: boolean }
//       overwrite    true: replace an existing ISO; false: refuse (no dialog); absent: ask (modal)
//       buildAnyway  true: build despite context-folder findings; false: refuse; absent: ask (modal)
//   Without a target: the active editor's context folder, else a quick pick.
//   Returns the BuildContextIsoResult ({ outputPath, sizeBytes, fileCount, tool, durationMs, warnings, stderr }),
//   or undefined when refused, cancelled or failed (the user is told which).
import path from 'node:path';
import * as vscode from 'vscode';
import type { Finding } from '../../core/findings.js';
import { isContextFolder } from '../../core/context/contextFolder.js';
import type { BuildContextIsoResult } from '../../core/tools/index.js';
import type { Snooze } from '../snooze.js';
import { decideOverwrite } from '../prompts/confirm.js';
import {
  argsObject,
  displayPath,
  pathFromArgument,
  resolveInWorkspace,
  workspaceFolderOf,
} from '../workspace/paths.js';
import { activeContextFolder, pickContextFolder } from '../prompts/pickers.js';
import { defaultIsoPath, runBuildIso } from '../toolRuns/buildIsoRun.js';
import { formatBytes } from '../../core/text/formatBytes.js';
import { plural } from '../../core/text/plural.js';
import { showToolError } from '../toolRuns/showToolError.js';
import { withToolProgress } from '../toolRuns/withToolProgress.js';
import { refuseUntrusted } from '../workspace/trust.js';

export interface BuildIsoArgs {
  readonly contextFolder: string;
  readonly output: string;
  readonly overwrite: boolean;
  readonly buildAnyway: boolean;
}

/** Findings that make the ISO wrong on the guest (CRLF scripts, cut names, scripts that will not run). Staleness is why we build. */
function blockingFindings(findings: readonly Finding[]): Finding[] {
  return findings.filter((f) => f.rule !== 'iso-stale' && f.severity !== 'info');
}

async function confirmDespiteFindings(
  decided: boolean | undefined,
  dir: string,
  findings: readonly Finding[],
): Promise<boolean> {
  if (findings.length === 0) return true;
  if (decided !== undefined) return decided;
  const lines = findings.slice(0, 8).map((f) => `• ${path.relative(dir, f.file) || '.'}: ${f.message} (${f.rule})`);
  if (findings.length > 8) lines.push(`… and ${findings.length - 8} more in the Problems panel`);
  const choice = await vscode.window.showWarningMessage(
    `${path.basename(dir)} has ${findings.length} problem${findings.length === 1 ? '' : 's'} that would end up on the ISO.`,
    { modal: true, detail: lines.join('\n') },
    'Build Anyway',
  );
  return choice === 'Build Anyway';
}

/** Where the templates using the folder look for its ISO; asked when they disagree; X.iso beside X/ when none looks. */
async function chooseOutput(snooze: Snooze, dir: string): Promise<string | undefined> {
  const targets = snooze.templates.isoTargetsOf(dir);
  if (targets.length === 0) return defaultIsoPath(dir);
  if (targets.length === 1) return targets[0];
  const picked = await vscode.window.showQuickPick(
    targets.map((t) => ({ label: displayPath(t), target: t })),
    {
      title: `The templates using ${path.basename(dir)} look for its ISO in ${targets.length} places: build which?`,
    },
  );
  return picked?.target;
}

export async function buildIso(
  snooze: Snooze,
  target?: unknown,
  options?: unknown,
): Promise<BuildContextIsoResult | undefined> {
  const args = {
    ...argsObject<BuildIsoArgs>(target),
    ...(Array.isArray(options) ? {} : argsObject<BuildIsoArgs>(options)),
  };
  if (refuseUntrusted(snooze, 'Building a context ISO')) return undefined;

  const dir =
    pathFromArgument(target, 'contextFolder') ??
    activeContextFolder() ??
    (await pickContextFolder(snooze, 'Build Context ISO')) ??
    undefined;
  if (!dir) return undefined;
  if (!isContextFolder(dir)) {
    void vscode.window.showErrorMessage(
      `${displayPath(dir)} is not a context folder (it has neither post-install nor common/network).`,
    );
    return undefined;
  }
  const output = args.output
    ? resolveInWorkspace(args.output, workspaceFolderOf(dir))
    : await chooseOutput(snooze, dir);
  if (!output) return undefined;

  // Lint now rather than read the last published findings: the folder may have changed a moment ago.
  if (!(await confirmDespiteFindings(args.buildAnyway, dir, blockingFindings(snooze.linter.lintContextFolder(dir)))))
    return undefined;

  const overwrite = await decideOverwrite(
    snooze,
    output,
    args.overwrite,
    `It is rebuilt from ${displayPath(dir)}; VMs already running keep the copy they booted with.`,
  );
  if (overwrite === undefined) return undefined;
  try {
    // The core refuses again (OutputExistsError) if the file appeared since the check: it is then shown as an error.
    const result = await withToolProgress(`Building ${path.basename(output)}`, (progress) =>
      runBuildIso(snooze, dir, output, { overwrite, signal: progress.signal, onProgress: (p) => progress.report(p) }),
    );
    snooze.contexts.relint(dir);
    const warnings = result.warnings.length > 0 ? ` ${plural(result.warnings.length, 'warning')} in the log.` : '';
    void vscode.window
      .showInformationMessage(
        `Built ${displayPath(result.outputPath)}: ${formatBytes(result.sizeBytes)}, ${plural(result.fileCount, 'file')} (${result.tool.kind}, ${result.durationMs} ms).${warnings}`,
        ...(result.warnings.length > 0 ? ['Show Log'] : []),
      )
      .then((choice) => {
        if (choice) snooze.log.show(true);
      });
    return result;
  } catch (error) {
    showToolError(snooze, `Building ${path.basename(output)}`, error);
    return undefined;
  }
}
