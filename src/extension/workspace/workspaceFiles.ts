import fs from 'node:fs';
import * as vscode from 'vscode';

/**
 * The one file watcher of the extension. It also reports the files inside a folder that appears (a checkout,
 * `cp -r`, an unzip): the underlying watcher reports the new folder but misses files written into it before
 * the folder itself was being watched, so without this those templates would never be linted.
 */
export class WorkspaceFiles implements vscode.Disposable {
  private readonly watcher = vscode.workspace.createFileSystemWatcher('**/*');
  private readonly created = new vscode.EventEmitter<vscode.Uri>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  private readonly deleted = new vscode.EventEmitter<vscode.Uri>();
  private readonly folderCreated = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidCreate = this.created.event;
  readonly onDidChange = this.changed.event;
  /** A deleted path: a file, or a folder whose contents are then gone too (no event comes for them). */
  readonly onDidDelete = this.deleted.event;
  /** A folder that appeared: consumers search it for what they care about. */
  readonly onDidCreateFolder = this.folderCreated.event;
  private readonly disposables: vscode.Disposable[];

  constructor() {
    this.disposables = [
      this.watcher,
      this.created,
      this.changed,
      this.deleted,
      this.folderCreated,
      this.watcher.onDidCreate((uri) => (isFolder(uri.fsPath) ? this.folderCreated : this.created).fire(uri)),
      this.watcher.onDidChange((uri) => {
        if (!isFolder(uri.fsPath)) this.changed.fire(uri);
      }),
      this.watcher.onDidDelete((uri) => this.deleted.fire(uri)),
    ];
  }

  dispose(): void {
    vscode.Disposable.from(...this.disposables).dispose();
  }
}

function isFolder(file: string): boolean {
  try {
    return fs.statSync(file).isDirectory();
  } catch {
    return false;
  }
}

/** Whether `file` is `dir` or lies below it. */
export function isAtOrUnder(file: string, dir: string): boolean {
  return file === dir || file.startsWith(dir.endsWith('/') ? dir : `${dir}/`);
}
