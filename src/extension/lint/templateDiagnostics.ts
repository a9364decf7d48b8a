import fs from 'node:fs';
import path from 'node:path';
import * as vscode from 'vscode';
import type { Finding } from '../../core/findings.js';
import { looksLikeTemplate, parseTemplateDocument, type TemplateDocument } from '../../core/domain/templateDocument.js';
import { INDEX_KINDS } from '../../core/index/workspaceIndex.js';
import { decodeXmlBytes, type DecodedXml } from '../../core/text/decodeXmlBytes.js';
import type { XmlSyntaxError } from '../../core/xml/parseXml.js';
import { contextCd } from '../../core/model/contextLink.js';
import { locateLcPath } from '../../core/model/lcPaths.js';
import { xmlFilesUnder } from '../../core/lint/lintPaths.js';
import { MAX_TEMPLATE_BYTES } from '../../core/lint/templateBytes.js';
import { toDiagnostic } from './toDiagnostic.js';
import { HostPauses } from './hostPauses.js';
import type { Snooze } from '../snooze.js';
import { isAtOrUnder } from '../workspace/workspaceFiles.js';
import { Debouncer } from '../workspace/debouncer.js';

/** Over this size a document is linted when opened or saved, never while typing: typing must stay responsive. */
const LIVE_LINT_MAX_CHARS = 2 * 1024 * 1024;
const TYPING_DEBOUNCE_MS = 250;
const IMAGE_DEBOUNCE_MS = 400;
/** The debounce key of the image recheck: not a path, so it never meets a document's key. */
const IMAGES_KEY = '\u0000images';
const EXCLUDE = '{**/node_modules/**,**/.git/**,**/.vscode-host*/**}';
/**
 * Re-linting every template (the workspace scan, the schema loaded, settings changed) goes this long at most
 * before the extension host is let to answer other requests: in one go, 10,000 templates kept it busy a second.
 */
const SLICE_MS = 20;
/** Disk images and ISOs: when one changes, what the probes saw of it is stale. */
const IMAGE_FILE = /\.(iso|qcow2|img|raw)$/i;

function isTemplateCandidate(uri: vscode.Uri): boolean {
  return uri.scheme === 'file' && uri.fsPath.toLowerCase().endsWith('.xml');
}

/**
 * Live diagnostics for domain templates. Every template of the workspace is in the linter's index (open
 * documents from the editor, closed ones from disk, kept current by a file watcher), so a duplicate shows in
 * each file involved. A change re-lints the changed file and only the files that share one of its values.
 */
export class TemplateDiagnostics implements vscode.Disposable {
  private readonly parsed = new Map<string, TemplateDocument>();
  private readonly findings = new Map<string, Finding[]>();
  /** The re-lint of every template in progress (relintAll): a newer one supersedes it. */
  private relintJob: object | undefined;
  private readonly debouncer: Debouncer;
  private readonly collection = vscode.languages.createDiagnosticCollection('snooze');
  private readonly changed = new vscode.EventEmitter<void>();
  private readonly disposables: vscode.Disposable[] = [this.collection, this.changed];
  /** Fires after diagnostics were published (for the status item and the VMs view). */
  readonly onDidChange = this.changed.event;

  constructor(private readonly snooze: Snooze) {
    this.debouncer = new Debouncer(snooze.activity);
    this.disposables.push(this.debouncer);
  }

  /**
   * The findings of an open document as it is now, with their fixes: when the last lint saw another text (a
   * keystroke still in the debouncer), the document is linted at once, so every fix applies to this text.
   */
  currentFindings(document: vscode.TextDocument): readonly Finding[] {
    const file = document.uri.fsPath;
    const text = document.getText();
    if (this.parsed.get(file)?.text !== text && looksLikeTemplate(text)) {
      this.debouncer.cancel(file);
      this.update(file, text);
    }
    return this.parsed.get(file)?.text === text ? this.findingsOf(file) : [];
  }

  /** Parsed templates by file system path. */
  get documents(): ReadonlyMap<string, TemplateDocument> {
    return this.parsed;
  }

  /** A template's domain name, else its file name without .xml. */
  nameOf(file: string): string {
    const doc = this.parsed.get(file);
    return (
      (doc?.kind === 'template' ? doc.template.name?.value : undefined) || path.basename(file).replace(/\.xml$/i, '')
    );
  }

  /** Templates known, well-formed or not. */
  get templateCount(): number {
    return this.parsed.size;
  }

  findingsOf(file: string): readonly Finding[] {
    return this.findings.get(file) ?? [];
  }

  get allFindings(): IterableIterator<Finding[]> {
    return this.findings.values();
  }

  start(): void {
    const files = this.snooze.files;
    const onFile = (uri: vscode.Uri): void => {
      if (isTemplateCandidate(uri)) this.onDiskChange(uri);
      else if (IMAGE_FILE.test(uri.fsPath)) this.scheduleImageRecheck();
    };
    this.disposables.push(
      files.onDidCreate(onFile),
      files.onDidChange(onFile),
      files.onDidDelete((uri) => {
        if (IMAGE_FILE.test(uri.fsPath)) this.scheduleImageRecheck();
        for (const file of [...this.parsed.keys()]) if (isAtOrUnder(file, uri.fsPath)) this.forget(file);
      }),
      files.onDidCreateFolder((uri) => {
        for (const file of xmlFilesUnder(uri.fsPath)) this.onDiskChange(vscode.Uri.file(file));
      }),
      vscode.workspace.onDidOpenTextDocument((doc) => this.schedule(doc, 0, 'open')),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.contentChanges.length > 0 && this.snooze.settings.forFile(e.document.uri.fsPath).lintRun === 'onType')
          this.schedule(e.document, TYPING_DEBOUNCE_MS, 'type');
      }),
      vscode.workspace.onDidSaveTextDocument((doc) => this.schedule(doc, 0, 'save')),
      // A closed document may have been discarded unsaved: the file on disk is the truth again.
      vscode.workspace.onDidCloseTextDocument((doc) => {
        if (isTemplateCandidate(doc.uri)) this.onDiskChange(doc.uri);
      }),
      this.snooze.settings.onDidChange(() => this.relintAll()),
    );
    void this.snooze.activity.track(() => this.scanWorkspace());
  }

  /** Re-lints the templates whose context CD is named after `contextDir` (the VM model's link), after it changed. */
  relintLinkedTo(contextDir: string): void {
    const iso = `${path.basename(contextDir)}.iso`;
    let any = false;
    for (const [file, doc] of this.parsed) {
      if (doc.kind !== 'template' || path.posix.basename(contextCd(doc.template)?.source?.value ?? '') !== iso)
        continue;
      this.publish(file);
      any = true;
    }
    if (any) this.changed.fire();
  }

  /** The templates whose context CD is built from `contextDir`, as the linter links them. */
  templatesUsing(contextDir: string): string[] {
    return [...this.parsed.entries()]
      .filter(([, doc]) => this.snooze.linter.contextFolderOf(doc) === contextDir)
      .map(([file]) => file);
  }

  /**
   * Where the templates built from `contextDir` look for its ISO on this machine (their CD's LC path, mapped),
   * sorted; empty when none does or none of their paths can be checked here. Build Context ISO writes there.
   */
  isoTargetsOf(contextDir: string): string[] {
    const targets = new Set<string>();
    for (const file of this.templatesUsing(contextDir)) {
      const doc = this.parsed.get(file);
      const iso = doc?.kind === 'template' ? contextCd(doc.template)?.source?.value : undefined;
      if (!iso) continue;
      const where = locateLcPath(iso, this.snooze.settings.forFile(file).lint.pathMappings, (p) =>
        this.snooze.linter.images.exists(p),
      );
      if (where.checkable) targets.add(where.local);
    }
    return [...targets].sort();
  }

  /**
   * The disks templates look for and do not find here (their missing-disk-image fixes), sorted: Create
   * Copy-on-Write Disk offers them, as Build Context ISO offers where templates look for their ISO.
   */
  missingDisks(): string[] {
    const wanted = new Set<string>();
    for (const findings of this.findings.values()) {
      for (const finding of findings) {
        if (finding.rule !== 'missing-disk-image') continue;
        for (const fix of finding.fixes?.() ?? []) if (fix.action?.kind === 'createDisk') wanted.add(fix.action.output);
      }
    }
    return [...wanted].sort();
  }

  /**
   * A template this extension just wrote or is about to act on, linted now rather than when the file watcher
   * reports it: VS Code's watcher misses files in folders made together with their parent (`mkdir -p`).
   */
  adopt(file: string, text: string): void {
    this.update(file, text);
  }

  /** Re-lints every known template, e.g. after the settings changed. */
  relintAll(): void {
    const job = {};
    this.relintJob = job; // a newer re-lint of everything supersedes this one
    void this.snooze.activity.track(async () => {
      const started = performance.now();
      const pauses = new HostPauses();
      let done: boolean;
      try {
        done = await this.publishEach([...this.parsed.keys()], () => this.relintJob !== job);
      } finally {
        pauses.stop();
      }
      if (!done) return;
      this.changed.fire();
      const ms = performance.now() - started;
      this.snooze.log.info(`re-linted ${this.parsed.size} templates in ${ms.toFixed(0)} ms; ${paused(pauses.longest)}`);
    });
  }

  private async scanWorkspace(): Promise<void> {
    const started = performance.now();
    const pauses = new HostPauses();
    let uris: vscode.Uri[];
    try {
      uris = await vscode.workspace.findFiles('**/*.xml', EXCLUDE);
      const open = new Map(vscode.workspace.textDocuments.map((d) => [d.uri.fsPath, d]));
      for (const uri of uris) {
        const doc = open.get(uri.fsPath);
        const read = doc ? { text: doc.getText() } : await readIfTemplate(uri.fsPath);
        if (read) this.index(uri.fsPath, read.text, read.error);
      }
      await this.publishEach([...this.parsed.keys()], () => false);
    } finally {
      pauses.stop();
    }
    this.changed.fire();
    const ms = performance.now() - started;
    this.snooze.log.info(
      `indexed ${this.parsed.size} templates of ${uris.length} XML files in ${ms.toFixed(0)} ms; ${paused(pauses.longest)}`,
    );
  }

  /** Publishes each file still known, SLICE_MS at a time; false when `superseded` said to stop. */
  private async publishEach(files: readonly string[], superseded: () => boolean): Promise<boolean> {
    let sliceStart = performance.now();
    for (const file of files) {
      if (superseded()) return false;
      this.publish(file);
      if (performance.now() - sliceStart > SLICE_MS) {
        await new Promise((resolve) => setImmediate(resolve));
        sliceStart = performance.now();
      }
    }
    return true;
  }

  private schedule(doc: vscode.TextDocument, delayMs: number, why: 'open' | 'type' | 'save'): void {
    if (!isTemplateCandidate(doc.uri)) return;
    const file = doc.uri.fsPath;
    this.debouncer.schedule(file, delayMs, () => {
      if (doc.isClosed) return;
      const length = doc.offsetAt(new vscode.Position(doc.lineCount, 0));
      if (why === 'type' && length > LIVE_LINT_MAX_CHARS) this.showTooLargeToLintLive(doc, length);
      else this.update(file, doc.getText());
    });
  }

  private onDiskChange(uri: vscode.Uri): void {
    const open = vscode.workspace.textDocuments.find((d) => d.uri.fsPath === uri.fsPath);
    if (open && !open.isClosed) return; // the editor's text wins while the file is open
    void this.snooze.activity.track(async () => {
      const read = await readIfTemplate(uri.fsPath);
      if (!read) this.forget(uri.fsPath);
      else this.update(uri.fsPath, read.text, read.error);
    });
  }

  /** Images changed on disk: what the probes saw is stale for every template. */
  private scheduleImageRecheck(): void {
    this.debouncer.schedule(IMAGES_KEY, IMAGE_DEBOUNCE_MS, () => {
      this.snooze.linter.images.invalidate();
      this.relintAll();
    });
  }

  /** Parses and indexes one file, then re-lints it and every file that shared or now shares one of its values. */
  private update(file: string, text: string, undecodable?: XmlSyntaxError): void {
    // Opening or saving an unchanged file: its parse is still good (comparing text is far cheaper than parsing).
    if (this.parsed.get(file)?.text === text) {
      this.publish(file);
      this.changed.fire();
      return;
    }
    const before = this.filesSharingValuesOf(file);
    if (!this.index(file, text, undecodable)) {
      this.forget(file);
      return;
    }
    const affected = new Set([file, ...before, ...this.filesSharingValuesOf(file)]);
    for (const f of affected) this.publish(f);
    this.changed.fire();
  }

  /** Returns false when the text is not a template (then it leaves the index). `undecodable`: see decodeXmlBytes. */
  private index(file: string, text: string, undecodable?: XmlSyntaxError): boolean {
    // Other XML (pom.xml, …) is left alone without parsing.
    if (!looksLikeTemplate(text)) return false;
    const document = parseTemplateDocument(file, text, undecodable);
    if (document.kind === 'other') return false;
    this.parsed.set(file, document);
    this.snooze.linter.index.update(document);
    return true;
  }

  private forget(file: string): void {
    const before = this.filesSharingValuesOf(file);
    const known = this.parsed.delete(file);
    this.snooze.linter.forget(file);
    this.findings.delete(file);
    this.collection.delete(vscode.Uri.file(file));
    for (const f of before) if (f !== file) this.publish(f);
    if (known) this.changed.fire();
  }

  private filesSharingValuesOf(file: string): Set<string> {
    const files = new Set<string>();
    const entries = this.snooze.linter.index.entriesOf(file);
    if (!entries) return files;
    for (const kind of INDEX_KINDS) {
      for (const entry of entries[kind])
        for (const f of this.snooze.linter.index.filesWith(kind, entry.key)) files.add(f);
    }
    return files;
  }

  private publish(file: string): void {
    const document = this.parsed.get(file);
    if (!document) return;
    const findings = this.snooze.linter.lintDocument(document);
    this.findings.set(file, findings);
    this.collection.set(
      vscode.Uri.file(file),
      findings.map((f) => toDiagnostic(f, this.snooze.ruleDocs)),
    );
  }

  private showTooLargeToLintLive(doc: vscode.TextDocument, length: number): void {
    const megabytes = (length / 1024 / 1024).toFixed(1);
    const diagnostic = new vscode.Diagnostic(
      new vscode.Range(0, 0, 0, 0),
      `This file is ${megabytes} MB: too large to lint while typing (limit ${LIVE_LINT_MAX_CHARS / 1024 / 1024} MB). Snooze lints it when you save.`,
      vscode.DiagnosticSeverity.Information,
    );
    diagnostic.source = 'snooze';
    diagnostic.code = 'too-large-to-lint-live';
    const kept = (this.findings.get(doc.uri.fsPath) ?? []).map((f) => toDiagnostic(f, this.snooze.ruleDocs));
    this.collection.set(doc.uri, [diagnostic, ...kept]);
  }

  dispose(): void {
    vscode.Disposable.from(...this.disposables).dispose();
  }
}

/** A file that looks like a template, decoded as libxml2 decodes it, or undefined (gone, too large, not a domain). */
async function readIfTemplate(file: string): Promise<DecodedXml | undefined> {
  try {
    const stat = await fs.promises.stat(file);
    if (!stat.isFile() || stat.size > MAX_TEMPLATE_BYTES) return undefined;
    const read = decodeXmlBytes(await fs.promises.readFile(file));
    return looksLikeTemplate(read.text) ? read : undefined;
  } catch {
    return undefined;
  }
}

/** The longest the extension host could not answer, for the log (and the bench that reads it). */
function paused(longestMs: number): string {
  return `the extension host paused at most ${longestMs.toFixed(0)} ms`;
}
