// Helpers for tests running in the real extension host: wait on events and conditions, never sleep blindly.
import fs from 'node:fs';
import path from 'node:path';
import * as vscode from 'vscode';
import type { SnoozeApi } from '../../../src/extension/main.js';
import type { VmsSnapshot } from '../../../src/extension/explorer/vmsView.js';

export const EXTENSION_ID = 'snooze.snooze-templates';
export const untrusted = process.env.SNOOZE_TEST_MODE === 'untrusted';

/** The extension's API, activated. */
export async function activate(): Promise<SnoozeApi> {
  const ext = vscode.extensions.getExtension<SnoozeApi>(EXTENSION_ID);
  if (!ext) throw new Error(`${EXTENSION_ID} is not loaded`);
  return ext.activate();
}

export function workspacePath(...parts: string[]): string {
  return path.join(process.env.SNOOZE_TEST_WORKSPACE ?? vscode.workspace.workspaceFolders![0]!.uri.fsPath, ...parts);
}

/** Writes a file in the workspace (creating folders), as another program would: the watcher sees it. */
export function writeWorkspaceFile(relative: string, text: string | Buffer): vscode.Uri {
  const file = workspacePath(relative);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
  return vscode.Uri.file(file);
}

export const mode = process.env.SNOOZE_TEST_MODE ?? 'trusted';

/** A path in the (temp copy of the) fixture workspace. */
export const inWorkspace = (...parts: string[]): string => workspacePath(...parts);

/**
 * Resolves with `check`'s value once it is truthy. It is checked again whenever the extension is idle after
 * something it watches happened (diagnostics, a relint of templates or context folders, a file event), so a
 * test waits for a condition, never for a time; `timeoutMs` only bounds a test that would hang.
 */
export async function waitFor<T>(
  what: string,
  check: () => Promise<T | undefined | false> | T | undefined | false,
  timeoutMs = 15000,
): Promise<T> {
  const api = await activate();
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    await api.whenIdle();
    const value = await check();
    if (value !== undefined && value !== false) return value;
    const left = deadline - Date.now();
    if (left <= 0) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise<void>((resolve) => {
      const watcher = vscode.workspace.createFileSystemWatcher('**/*');
      const subs = vscode.Disposable.from(
        watcher,
        watcher.onDidChange(done),
        watcher.onDidCreate(done),
        watcher.onDidDelete(done),
        vscode.languages.onDidChangeDiagnostics(done),
        api.templates.onDidChange(done),
        api.contexts.onDidChange(done),
      );
      // A condition on something no event announces (a file's bytes) is still seen before the deadline.
      const timer = setTimeout(done, Math.min(left, 1000));
      function done(): void {
        clearTimeout(timer);
        subs.dispose();
        resolve();
      }
    });
  }
}

/** What the VMs view shows (snooze.refreshVms redraws it and returns its data). */
export async function snapshot(): Promise<VmsSnapshot> {
  return (await vscode.commands.executeCommand<VmsSnapshot>('snooze.refreshVms'))!;
}

export function snoozeDiagnostics(uri: vscode.Uri, rule?: string): vscode.Diagnostic[] {
  return vscode.languages
    .getDiagnostics(uri)
    .filter((d) => d.source === 'snooze' && (rule === undefined || codeOf(d) === rule));
}

export function codeOf(d: vscode.Diagnostic): string | undefined {
  return typeof d.code === 'object' ? String(d.code.value) : d.code === undefined ? undefined : String(d.code);
}

/** Waits until `uri` has a diagnostic of `rule` (or, with `present: false`, none). */
export function waitForRule(uri: vscode.Uri, rule: string, present = true): Promise<vscode.Diagnostic[]> {
  return waitFor(`${rule} ${present ? 'on' : 'gone from'} ${path.basename(uri.fsPath)}`, () => {
    const found = snoozeDiagnostics(uri, rule);
    return (present ? found.length > 0 : found.length === 0) ? found : undefined;
  });
}

export async function quickFixes(uri: vscode.Uri, diagnostic: vscode.Diagnostic): Promise<vscode.CodeAction[]> {
  await vscode.workspace.openTextDocument(uri); // the provider command needs the document loaded
  // The actions the command returns do not carry their diagnostics back: callers match them by title.
  return vscode.commands.executeCommand<vscode.CodeAction[]>(
    'vscode.executeCodeActionProvider',
    uri,
    diagnostic.range,
    vscode.CodeActionKind.QuickFix.value,
  );
}

/** Applies the quick fix whose title matches, and returns the document's new text. */
export async function applyFix(uri: vscode.Uri, rule: string, title: RegExp): Promise<string> {
  const [diagnostic] = await waitForRule(uri, rule);
  const actions = await quickFixes(uri, diagnostic!);
  const action = actions.find((a) => title.test(a.title));
  if (!action) {
    const all = vscode.languages
      .getDiagnostics(uri)
      .map(
        (d) =>
          `${codeOf(d)}@${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character}`,
      );
    throw new Error(
      `no quick fix ${title} for ${rule} at ${diagnostic!.range.start.line}:${diagnostic!.range.start.character}; offered: ${actions.map((a) => a.title).join(' | ')}; diagnostics: ${all.join(', ')}`,
    );
  }
  if (action.edit) {
    if (!(await vscode.workspace.applyEdit(action.edit))) throw new Error(`the edit of "${action.title}" was refused`);
  }
  if (action.command) await vscode.commands.executeCommand(action.command.command, ...(action.command.arguments ?? []));
  return (await vscode.workspace.openTextDocument(uri)).getText();
}

/** Sets a workspace setting for the duration of `body`, then restores the value the fixture had. */
export async function withSetting<T>(key: string, value: unknown, body: () => Promise<T>): Promise<T> {
  const config = () => vscode.workspace.getConfiguration('snooze');
  const previous = config().inspect(key)?.workspaceValue;
  await config().update(key, value, vscode.ConfigurationTarget.Workspace);
  try {
    return await body();
  } finally {
    await config().update(key, previous, vscode.ConfigurationTarget.Workspace);
  }
}

/** Restores a workspace setting a test changed through the product (a quick fix), to the fixture's value. */
export async function restoreSetting(key: string, previous: unknown): Promise<void> {
  await vscode.workspace.getConfiguration('snooze').update(key, previous, vscode.ConfigurationTarget.Workspace);
}

/** The text of the extension's log (Output → Snooze), as the extension host wrote it so far. */
export function readLog(): string {
  const dir = process.env.SNOOZE_TEST_LOGS_DIR;
  if (!dir) throw new Error('the harness passes SNOOZE_TEST_LOGS_DIR');
  const file = findFile(dir, (p) => p.endsWith(path.join(EXTENSION_ID, 'Snooze.log')));
  return file ? fs.readFileSync(file, 'utf8') : '';
}

export function findFile(dir: string, pred: (p: string) => boolean): string | undefined {
  if (!fs.existsSync(dir)) return undefined;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    const hit = e.isDirectory() ? findFile(p, pred) : pred(p) ? p : undefined;
    if (hit) return hit;
  }
  return undefined;
}
