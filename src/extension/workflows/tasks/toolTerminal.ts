// The terminal a snooze task runs in (CustomExecution): it calls the same core runs as the commands and prints
// what happened. Errors are printed as `<path>: error: <message>` lines, which the $snooze-tools problem
// matcher turns into Problems entries; the exit code is 0 on success, 1 on failure, 130 when cancelled.
import path from 'node:path';
import * as vscode from 'vscode';
import { CancelledError, OutputExistsError, ToolFailedError } from '../../../core/tools/index.js';
import { resolveInWorkspace, type Workflows } from '../deps.js';
import { defaultIsoPath, runBuildIso } from '../runs/buildIsoRun.js';
import { describeChain, formatBytes, runCreateDisk } from '../runs/createDiskRun.js';
import { definitionProblem, type SnoozeTaskDefinition } from './taskDefinition.js';

export class ToolTerminal implements vscode.Pseudoterminal {
  private readonly writer = new vscode.EventEmitter<string>();
  private readonly closer = new vscode.EventEmitter<number>();
  readonly onDidWrite = this.writer.event;
  readonly onDidClose = this.closer.event;
  private readonly abort = new AbortController();

  constructor(
    private readonly deps: Workflows,
    private readonly definition: SnoozeTaskDefinition,
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
    const where = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? '.';
    if (problem) {
      this.error(path.join(where, '.vscode', 'tasks.json'), `invalid snooze task: ${problem}`);
      return 1;
    }
    if (!this.deps.snooze.mayRunTools) {
      this.error(where, 'Snooze runs no external tool in Restricted Mode: trust this workspace to run this task.');
      return 1;
    }
    const d = this.definition;
    const subject = resolveInWorkspace(d.action === 'buildIso' ? d.contextFolder : d.base);
    try {
      if (d.action === 'buildIso') await this.buildIso(subject, d.output ? resolveInWorkspace(d.output) : defaultIsoPath(subject), d.overwrite === true);
      else await this.createDisk(subject, resolveInWorkspace(d.output), d.backingPath ?? 'relative', d.overwrite === true);
      return 0;
    } catch (error) {
      if (error instanceof CancelledError) {
        this.line(`cancelled: ${error.message}`);
        return 130;
      }
      if (error instanceof OutputExistsError) {
        for (const p of error.paths) this.error(p, 'already exists; set "overwrite": true in the task to replace it');
      } else if (error instanceof ToolFailedError) {
        for (const message of error.messages) this.error(subject, `${error.tool}: ${message}`);
        if (error.stderr.trim()) this.line(`\r\n${error.tool} said:\r\n${error.stderr.trimEnd()}`);
      } else {
        this.error(subject, error instanceof Error ? error.message : String(error));
      }
      return 1;
    }
  }

  private async buildIso(dir: string, output: string, overwrite: boolean): Promise<void> {
    this.line(`Building ${output} from ${dir}`);
    const result = await runBuildIso(this.deps.snooze, dir, output, { overwrite, signal: this.abort.signal });
    for (const warning of result.warnings) this.line(`${dir}: warning: ${warning}`);
    this.line(`Built ${result.outputPath}: ${formatBytes(result.sizeBytes)}, ${result.fileCount} files (${result.tool.kind}, ${result.durationMs} ms)`);
    this.deps.contexts.relint(dir);
  }

  private async createDisk(base: string, output: string, backingPath: 'absolute' | 'relative', overwrite: boolean): Promise<void> {
    this.line(`Creating ${output} over ${base} (${backingPath} backing path)`);
    const result = await runCreateDisk(this.deps.snooze, base, output, { backingPath, overwrite, signal: this.abort.signal });
    this.line(`Created ${result.outputPath} in ${result.durationMs} ms. Backing chain:`);
    this.line(describeChain(result.chain));
  }
}
