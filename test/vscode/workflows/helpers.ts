// Shared by the workflow suites: the activated API, workspace paths, and waiting on conditions (re-checked on
// the extension's own events, with a time limit) instead of sleeping.
import path from 'node:path';
import * as vscode from 'vscode';

export const mode = process.env.SNOOZE_TEST_MODE ?? 'trusted';
export const workspace = (): string => process.env.SNOOZE_TEST_WORKSPACE ?? vscode.workspace.workspaceFolders![0]!.uri.fsPath;
export const inWorkspace = (...parts: string[]): string => path.join(workspace(), ...parts);

export interface TestApi {
  readonly templates: { findingsOf(file: string): readonly { rule: string; severity: string }[]; onDidChange: vscode.Event<void> };
  readonly contexts: { onDidChange: vscode.Event<void> };
  whenIdle(): Promise<void>;
}

export interface Snapshot {
  templates: { path: string; name: string; mac?: string; ip?: string; status: string; problems: number }[];
  contexts: { path: string; isoPath: string; iso: string; newerFiles: string[] }[];
  images: Img[];
}
export interface Img { path: string; format: string; backingFile?: string; backingMissing: boolean; chain: Img[]; referencedBy: string[] }

export async function api(): Promise<TestApi> {
  const ext = vscode.extensions.getExtension<TestApi>('snooze.snooze-templates');
  if (!ext) throw new Error('extension not found');
  return ext.activate();
}

/** Resolves with check()'s value once it is truthy; re-checked whenever the extension reports a change. */
export async function waitFor<T>(what: string, check: () => Promise<T | undefined | false> | T | undefined | false, timeoutMs = 15000): Promise<T> {
  const a = await api();
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    await a.whenIdle();
    const value = await check();
    if (value) return value;
    const left = deadline - Date.now();
    if (left <= 0) throw new Error(`timed out waiting for ${what}`);
    // Whichever comes first: a relint, a file event (the explorer's own watcher), or the remaining time.
    await new Promise<void>((resolve) => {
      const subs: vscode.Disposable[] = [];
      const done = (): void => {
        clearTimeout(timer);
        for (const s of subs) s.dispose();
        resolve();
      };
      const timer = setTimeout(done, Math.min(left, 1000));
      subs.push(a.templates.onDidChange(done), a.contexts.onDidChange(done));
      const watcher = vscode.workspace.createFileSystemWatcher('**/*');
      subs.push(watcher, watcher.onDidChange(done), watcher.onDidCreate(done), watcher.onDidDelete(done));
    });
  }
}

export async function snapshot(): Promise<Snapshot> {
  return (await vscode.commands.executeCommand<Snapshot>('snooze.refreshTree'))!;
}
