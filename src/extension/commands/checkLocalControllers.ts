// snooze.checkLocalControllers: check the templates on the local controllers themselves, over ssh (one round
// trip per LC), with progress and cancel; the findings (lc-*) appear in the Problems panel, the VMs view shows
// each LC. When no LC is configured, asks for their names (offering the Host entries of the ssh config) and
// writes snooze.localControllers. Refused in Restricted Mode.
//
// Arguments (all optional):
//   executeCommand('snooze.checkLocalControllers', { file?: string, hosts?: string[] })
//     file   a template: the LCs of its workspace folder's settings are the ones written when asked
//     hosts  the LCs to write in snooze.localControllers when none is configured (instead of asking)
//   Returns the facts of every LC asked (LcFacts[]), or undefined when refused or cancelled.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as vscode from 'vscode';
import type { LcFacts } from '../../core/lc/lcFacts.js';
import { refusedHost } from '../../core/lc/sshCommand.js';
import { sshConfigHosts } from '../../core/lc/sshConfigHosts.js';
import { plural } from '../../core/text/plural.js';
import type { Snooze } from '../snooze.js';
import { argsObject, workspaceFolderOf } from '../workspace/paths.js';
import { refuseUntrusted } from '../workspace/trust.js';

interface CheckArgs {
  readonly file: string;
  readonly hosts: readonly string[];
}

export async function checkLocalControllers(snooze: Snooze, target: unknown): Promise<LcFacts[] | undefined> {
  // Runs ssh: never for a workspace that is not trusted (the manifest hides the command; this covers executeCommand).
  if (refuseUntrusted(snooze, 'Checking on the local controllers')) return undefined;
  const args = argsObject<CheckArgs>(target);
  if (!snooze.lcChecks.configured()) {
    const folder = args.file ? workspaceFolderOf(args.file) : vscode.workspace.workspaceFolders?.[0];
    const hosts = args.hosts ? [...args.hosts] : await askHosts(snooze, folder);
    if (!hosts || hosts.length === 0) return undefined;
    await writeHosts(folder, hosts);
    snooze.log.info(`snooze.localControllers: ${hosts.join(', ')}${folder ? ` (${folder.name})` : ''}`);
  }
  const facts = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: 'Checking on the local controllers', cancellable: true },
    async (progress, token) => {
      const abort = new AbortController();
      const listener = token.onCancellationRequested(() => abort.abort());
      try {
        progress.report({
          message: snooze.lcChecks
            .groups()
            .flatMap((g) => g.hosts)
            .join(', '),
        });
        const result = await snooze.lcChecks.refresh({ signal: abort.signal });
        return abort.signal.aborted ? undefined : result;
      } finally {
        listener.dispose();
      }
    },
  );
  if (!facts) return undefined;
  const unreachable = facts.filter((f) => !f.reachable);
  const summary = `Checked on ${plural(facts.length - unreachable.length, 'local controller')}${unreachable.length > 0 ? `; not reachable: ${unreachable.map((f) => f.host).join(', ')}` : ''}.`;
  // Not awaited: the command returns its facts at once; the buttons are next steps.
  void (
    unreachable.length > 0
      ? vscode.window.showWarningMessage(summary, 'Show Log')
      : vscode.window.showInformationMessage(summary, 'Show Problems')
  ).then((choice) => {
    if (choice === 'Show Log') snooze.log.show(true);
    else if (choice === 'Show Problems') void vscode.commands.executeCommand('workbench.actions.view.problems');
  });
  return facts;
}

/** Asks for the LC names: a pick among the Host entries of the ssh config, or typed, comma-separated. */
async function askHosts(snooze: Snooze, folder: vscode.WorkspaceFolder | undefined): Promise<string[] | undefined> {
  const configured = snooze.settings.forFolder(folder).sshConfig;
  const configFile = configured
    ? path.resolve(folder?.uri.fsPath ?? os.homedir(), configured.replace(/^~(?=\/)/, os.homedir()))
    : path.join(os.homedir(), '.ssh', 'config');
  let known: string[] = [];
  try {
    known = sshConfigHosts(fs.readFileSync(configFile, 'utf8'));
  } catch {
    // No ssh config: the names are typed.
  }
  let hosts: string[] | undefined;
  if (known.length > 0) {
    const typeOther = 'Type host names…';
    const picked = await vscode.window.showQuickPick([...known, typeOther], {
      canPickMany: true,
      title: `Which local controllers start these VMs? (Host entries of ${configFile})`,
    });
    if (!picked) return undefined;
    hosts = picked.filter((h) => h !== typeOther);
    if (!picked.includes(typeOther)) return hosts;
  }
  const typed = await vscode.window.showInputBox({
    title: 'Local controllers to check on (host names as in your ~/.ssh/config)',
    prompt:
      'Comma-separated, e.g. lc1, lc2. Each is reached with your ssh keys and agent, in BatchMode (never a password prompt).',
    placeHolder: 'lc1, lc2',
    validateInput: (value) => {
      const names = value
        .split(',')
        .map((h) => h.trim())
        .filter(Boolean);
      return names.map(refusedHost).find((why) => why !== undefined);
    },
  });
  if (typed === undefined) return undefined;
  return [
    ...new Set([
      ...(hosts ?? []),
      ...typed
        .split(',')
        .map((h) => h.trim())
        .filter(Boolean),
    ]),
  ];
}

/** In the workspace's settings (the folder's own in a multi-root workspace), as mapLcFolder writes mappings. */
async function writeHosts(folder: vscode.WorkspaceFolder | undefined, hosts: readonly string[]): Promise<void> {
  const multiRoot = (vscode.workspace.workspaceFolders?.length ?? 0) > 1;
  const scope =
    multiRoot && folder
      ? vscode.ConfigurationTarget.WorkspaceFolder
      : folder
        ? vscode.ConfigurationTarget.Workspace
        : vscode.ConfigurationTarget.Global;
  await vscode.workspace.getConfiguration('snooze', folder).update('localControllers', [...hosts], scope);
}
