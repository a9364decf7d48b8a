// The terminal a snooze task runs in (CustomExecution): it calls the same core runs as the commands and prints
// what happened. Errors are printed as `<path>: error: <message>` lines, which the $snooze-tools problem
// matcher turns into Problems entries; the exit code is 0 on success, 1 on failure, 130 when cancelled.
// An output that exists is replaced only with consent: `"overwrite": true` in the task, or the answer to a
// modal question when the task does not say (`"overwrite": false` refuses without asking).
import fs from 'node:fs';
import path from 'node:path';
import * as vscode from 'vscode';
import { CancelledError, OutputExistsError, ToolFailedError } from '../../core/tools/index.js';
import type { Snooze } from '../snooze.js';
import { confirmReplace } from '../prompts/confirm.js';
import { displayPath, resolveInWorkspace } from '../workspace/paths.js';
import { defaultIsoPath, runBuildIso } from '../toolRuns/buildIsoRun.js';
import { formatBytes } from '../../core/text/formatBytes.js';
import { describeChain, runCreateDisk } from '../toolRuns/createDiskRun.js';
import { definitionProblem, type SnoozeTaskDefinition } from './taskDefinition.js';

export class ToolTerminal implements vscode.Pseudoterminal {
  private readonly writer = new vscode.EventEmitter<string>();
  private readonly closer = new vscode.EventEmitter<number>();
  readonly onDidWrite = this.writer.event;
  readonly onDidClose = this.closer.event;
  private readonly abort = new AbortController();

  constructor(
    private readonly snooze: Snooze,
    private readonly definition: SnoozeTaskDefinition,
    /** The task's workspace folder: relative paths in the definition resolve against it. */
    private readonly folder: vscode.WorkspaceFolder | undefined,
  ) {}

  open(): void {
    void this.run().then((code) => {
      this.closer.fire(code);
      this.writer.dispose();
      this.closer.dispose();
    });
  }

  /** The user killed the task: stop the tool (the core removes partial output). */
  close(): void {
    this.abort.abort();
  }

  private line(text = ''): void {
    // A terminal needs CRLF; tool messages may hold bare LFs.
    this.writer.fire(`${text.replace(/\r?\n/g, '\r\n')}\r\n`);
  }

  private error(file: string, message: string): void {
    this.line(`${file}: error: ${message.replace(/\s*\n\s*/g, ' ')}`);
  }

  private async run(): Promise<number> {
    const problem = definitionProblem(this.definition);
    const where = (this.folder ?? vscode.workspace.workspaceFolders?.[0])?.uri.fsPath ?? '.';
    if (problem) {
      this.error(path.join(where, '.vscode', 'tasks.json'), `invalid snooze task: ${problem}`);
      return 1;
    }
    if (!this.snooze.mayRunTools) {
      this.error(where, 'Snooze runs no external tool in Restricted Mode: trust this workspace to run this task.');
      return 1;
    }
    const d = this.definition;
    const resolve = (p: string): string => resolveInWorkspace(p, this.folder);
    const subject = resolve(d.action === 'buildIso' ? d.contextFolder : d.base);
    // A Build ISO task writes where the templates built from the folder look (the first, when they disagree).
    const output =
      d.action === 'buildIso'
        ? d.output
          ? resolve(d.output)
          : (this.snooze.templates.isoTargetsOf(subject)[0] ?? defaultIsoPath(subject))
        : resolve(d.output);
    try {
      const overwrite = await this.mayReplace(output, d.overwrite);
      if (overwrite === undefined) return 1;
      if (d.action === 'buildIso') await this.buildIso(subject, output, overwrite);
      else await this.createDisk(subject, output, d.backingPath ?? 'relative', overwrite);
      return 0;
    } catch (error) {
      if (error instanceof CancelledError) {
        this.line(`cancelled: ${error.message}`);
        return 130;
      }
      if (error instanceof OutputExistsError) {
        // It appeared after the question: never replaced without a second consent.
        for (const p of error.paths)
          this.error(p, 'appeared while the task ran and was left unchanged; run the task again');
      } else if (error instanceof ToolFailedError) {
        for (const message of error.messages) this.error(subject, `${error.tool}: ${message}`);
        if (error.stderr.trim()) this.line(`\r\n${error.tool} said:\r\n${error.stderr.trimEnd()}`);
      } else {
        this.error(subject, error instanceof Error ? error.message : String(error));
      }
      return 1;
    }
  }

  /** Whether the output may be replaced: true/false, or undefined when it exists and may not (already said). */
  private async mayReplace(output: string, decided: boolean | undefined): Promise<boolean | undefined> {
    if (decided === true || !fs.existsSync(output)) return decided === true;
    if (decided === false) {
      this.error(output, 'already exists, and this task says "overwrite": false; it was left unchanged');
      return undefined;
    }
    const what =
      this.definition.action === 'buildIso'
        ? 'It is rebuilt from its context folder; VMs already running keep the copy they booted with.'
        : "Its content (a VM's disk, perhaps) is lost.";
    const confirmed = await confirmReplace(
      undefined,
      `Replace ${path.basename(output)}?`,
      `${displayPath(output)} already exists. ${what}\n\nSet "overwrite" in the task to decide without this question.`,
    );
    this.snooze.log.info(
      `task ${this.definition.action}: asked before replacing ${output}: ${confirmed ? 'replace' : 'keep'}`,
    );
    if (confirmed) return true;
    this.error(
      output,
      'already exists and was left unchanged (not confirmed; set "overwrite": true in the task to replace it without asking)',
    );
    return undefined;
  }

  private async buildIso(dir: string, output: string, overwrite: boolean): Promise<void> {
    this.line(`Building ${output} from ${dir}`);
    const result = await runBuildIso(this.snooze, dir, output, { overwrite, signal: this.abort.signal });
    for (const warning of result.warnings) this.line(`${dir}: warning: ${warning}`);
    this.line(
      `Built ${result.outputPath}: ${formatBytes(result.sizeBytes)}, ${result.fileCount} files (${result.tool.kind}, ${result.durationMs} ms)`,
    );
    this.snooze.contexts.relint(dir);
  }

  private async createDisk(
    base: string,
    output: string,
    backingPath: 'absolute' | 'relative',
    overwrite: boolean,
  ): Promise<void> {
    this.line(`Creating ${output} over ${base} (${backingPath} backing path)`);
    const result = await runCreateDisk(this.snooze, base, output, {
      backingPath,
      overwrite,
      signal: this.abort.signal,
    });
    this.line(`Created ${result.outputPath} in ${result.durationMs} ms. Backing chain:`);
    this.line(describeChain(result.chain));
  }
}
