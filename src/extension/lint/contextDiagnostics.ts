import fs from 'node:fs';
import path from 'node:path';
import * as vscode from 'vscode';
import type { Finding } from '../../core/findings.js';
import { enclosingContextFolder, findContextFolders, isContextFolder } from '../../core/context/contextFolder.js';
import { toDiagnostic } from './toDiagnostic.js';
import type { Snooze } from '../snooze.js';
import { isAtOrUnder } from '../workspace/workspaceFiles.js';
import { Debouncer } from '../workspace/debouncer.js';

const DEBOUNCE_MS = 200;
const EXCLUDE = '{**/node_modules/**,**/.git/**,**/.vscode-host*/**}';

/**
 * Diagnostics for context folders (a folder holding post-install or common/network), shown on the folder's own
 * files. Rules read modes and times from disk, so a folder is re-linted when anything in it (or its ISO) changes.
 */
export class ContextDiagnostics implements vscode.Disposable {
  private readonly known = new Map<string, Finding[]>();
  /**
   * One watcher of our own per known context folder, besides VS Code's: its workspace watcher misses every change
   * in folders made together with their parent (`mkdir -p`, as New Context Folder does in a new folder), so an
   * edit of post-install there never made iso-stale appear (seen in the in-host tests, one run in three).
   */
  private readonly watchers = new Map<string, fs.FSWatcher>();
  private readonly debouncer: Debouncer;
  private readonly collection = vscode.languages.createDiagnosticCollection('snooze-context');
  private readonly changed = new vscode.EventEmitter<void>();
  private readonly disposables: vscode.Disposable[] = [this.collection, this.changed];
  readonly onDidChange = this.changed.event;

  constructor(private readonly snooze: Snooze) {
    this.debouncer = new Debouncer(snooze.activity);
    this.disposables.push(this.debouncer);
  }

  /** Context folders by path, with their current findings. */
  get folders(): ReadonlyMap<string, readonly Finding[]> {
    return this.known;
  }

  start(): void {
    const files = this.snooze.files;
    const onPath = (uri: vscode.Uri): void => this.onPathChanged(uri.fsPath);
    this.disposables.push(
      files.onDidCreate(onPath),
      files.onDidChange(onPath),
      files.onDidDelete((uri) => {
        onPath(uri);
        for (const dir of this.known.keys()) if (isAtOrUnder(dir, uri.fsPath)) this.schedule(dir);
      }),
      files.onDidCreateFolder((uri) => {
        for (const dir of findContextFolders(uri.fsPath)) this.schedule(dir);
        onPath(uri);
      }),
      vscode.workspace.onDidSaveTextDocument((doc) => onPath(doc.uri)),
      this.snooze.settings.onDidChange(() => {
        for (const dir of this.known.keys()) this.lint(dir);
        this.changed.fire();
      }),
    );
    void this.snooze.activity.track(async () => {
      const markers = await vscode.workspace.findFiles('**/{post-install,common/network}', EXCLUDE);
      const dirs = new Set(
        markers.map((uri) =>
          path.basename(uri.fsPath) === 'network' ? path.dirname(path.dirname(uri.fsPath)) : path.dirname(uri.fsPath),
        ),
      );
      for (const dir of dirs) if (isContextFolder(dir)) this.lint(dir);
      this.changed.fire();
      this.snooze.log.info(`found ${this.known.size} context folder${this.known.size === 1 ? '' : 's'}`);
    });
  }

  /** The findings shown on one file of a context folder (with their fixes). */
  findingsOfFile(file: string): readonly Finding[] {
    for (const findings of this.known.values()) {
      const own = findings.filter((f) => f.file === file);
      if (own.length > 0) return own;
    }
    return [];
  }

  /** Lints one folder now (after a build, say) and returns its findings. */
  relint(dir: string): readonly Finding[] {
    this.lint(dir);
    this.changed.fire();
    return this.known.get(dir) ?? [];
  }

  private onPathChanged(file: string): void {
    if (file.split(path.sep).some((part) => part === 'node_modules' || part === '.git')) return;
    // An ISO beside its folder (X.iso next to X/) changes that folder's staleness.
    const dir = file.toLowerCase().endsWith('.iso')
      ? file.slice(0, -4)
      : (enclosingContextFolder(file) ?? this.knownFolderHolding(file));
    if (dir) this.schedule(dir);
  }

  private knownFolderHolding(file: string): string | undefined {
    for (const dir of this.known.keys()) if (isAtOrUnder(file, dir)) return dir;
    return undefined;
  }

  private schedule(dir: string): void {
    this.debouncer.schedule(dir, DEBOUNCE_MS, () => {
      this.lint(dir);
      this.changed.fire();
    });
  }

  private lint(dir: string): void {
    const previous = this.known.get(dir) ?? [];
    const findings = isContextFolder(dir) ? this.snooze.linter.lintContextFolder(dir) : undefined;
    const byFile = new Map<string, Finding[]>();
    for (const f of findings ?? []) byFile.set(f.file, [...(byFile.get(f.file) ?? []), f]);
    for (const f of previous) if (!byFile.has(f.file)) this.collection.delete(vscode.Uri.file(f.file));
    for (const [file, list] of byFile)
      this.collection.set(
        vscode.Uri.file(file),
        list.map((f) => toDiagnostic(f, this.snooze.ruleDocs)),
      );
    if (findings) this.known.set(dir, findings);
    else this.known.delete(dir);
    this.watch(dir, findings !== undefined);
    // The templates built from this folder: their links, iso-stale and mac-ip-mismatch follow its content.
    if (findings) this.snooze.linter.contextFolders.add(dir);
    else this.snooze.linter.contextFolders.delete(dir);
    this.snooze.templates.relintLinkedTo(dir);
  }

  private watch(dir: string, wanted: boolean): void {
    const watcher = this.watchers.get(dir);
    if (!wanted) {
      watcher?.close();
      this.watchers.delete(dir);
      return;
    }
    if (watcher) return;
    try {
      const own = fs.watch(dir, { recursive: true }, (_event, name) =>
        this.onPathChanged(name ? path.join(dir, name.toString()) : dir),
      );
      // The folder went away (its deletion is VS Code's event to report) or cannot be watched: nothing to do.
      own.on('error', () => this.watch(dir, false));
      this.watchers.set(dir, own);
    } catch {
      // Out of inotify watches, say: VS Code's watcher is all there is.
    }
  }

  dispose(): void {
    for (const watcher of this.watchers.values()) watcher.close();
    this.watchers.clear();
    vscode.Disposable.from(...this.disposables).dispose();
  }
}
