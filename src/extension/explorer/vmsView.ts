// The VMs view (snooze.vms): templates with their MAC → IP and lint status, context folders with their ISO
// state, disk images with their backing chains. It rebuilds from the linting services' events
// and a debounced image watcher; `snapshot()` gives tests (and the API) the same data the view shows.
import * as vscode from 'vscode';
import { ipFromMac } from '../../core/net/ipv4.js';
import path from 'node:path';
import { isContextFolder } from '../../core/context/contextFolder.js';
import { isIsoDisk } from '../../core/domain/domainTemplate.js';
import type { TemplateDocument } from '../../core/domain/templateDocument.js';
import { contextCd } from '../../core/model/contextLink.js';
import { mapLcPath } from '../../core/settings/settings.js';
import { displayPath } from '../workspace/paths.js';
import type { Snooze } from '../snooze.js';
import { Debouncer } from '../workspace/debouncer.js';
import { imageNode, imageNodes, referencedImages } from './diskImages.js';
import { isoStateOf } from './isoState.js';
import {
  ISO_TEXT,
  treeItemOf,
  type ContextNode,
  type ExplorerNode,
  type ImageNode,
  type LcNode,
  type LinkNode,
  type SectionNode,
  type TemplateNode,
} from './nodes.js';

const IMAGE_GLOB = '**/*.{qcow2,raw,img,iso}';
const IMAGE_FILE = /\.(qcow2|raw|img|iso)$/i;
const EXCLUDE = '{**/node_modules/**,**/.git/**,**/.vscode-host*/**}';
const DEBOUNCE_MS = 300;
const MAX_IMAGES = 2000;

export interface VmsSnapshot {
  readonly templates: readonly TemplateNode[];
  readonly contexts: readonly ContextNode[];
  readonly images: readonly ImageNode[];
  /** The local controllers configured (snooze.localControllers) and what each last said. */
  readonly lcs: readonly LcNode[];
}

export class VmsView implements vscode.TreeDataProvider<ExplorerNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<ExplorerNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly disposables: vscode.Disposable[] = [this.changed];
  /** Image files of the workspace; found again only when one is created or deleted. */
  private workspaceImages: Promise<string[]> | undefined;
  private readonly debouncer: Debouncer;

  constructor(private readonly snooze: Snooze) {
    this.debouncer = new Debouncer(snooze.activity);
    const files = snooze.files;
    const searchImagesAgain = (): void => {
      this.workspaceImages = undefined;
      this.scheduleRefresh();
    };
    this.disposables.push(
      this.debouncer,
      files.onDidCreate((uri) => {
        if (IMAGE_FILE.test(uri.fsPath)) searchImagesAgain();
      }),
      // A folder that appears may hold images; a deleted folder reports only itself, so any deletion may
      // have taken images with it (the search is debounced and cheap).
      files.onDidCreateFolder(searchImagesAgain),
      files.onDidDelete(searchImagesAgain),
      // A rewritten image may have a new backing file; an ISO's time changes its folder's state.
      files.onDidChange((uri) => {
        if (IMAGE_FILE.test(uri.fsPath)) this.scheduleRefresh();
      }),
      snooze.templates.onDidChange(() => this.scheduleRefresh()),
      snooze.contexts.onDidChange(() => this.scheduleRefresh()),
      snooze.settings.onDidChange(() => this.scheduleRefresh()),
      snooze.lcFacts.onDidChange(() => this.scheduleRefresh()),
    );
  }

  /** The last Test-Boot of each template (this session only): shown in the tree. */
  private readonly testBoots = new Map<string, { readonly ok: boolean; readonly message: string }>();

  setTestBootResult(templateFile: string, result: { readonly ok: boolean; readonly message: string }): void {
    this.testBoots.set(templateFile, result);
    this.fire();
  }

  /** Rebuilds now (snooze.refreshTree): image files are searched again too. */
  refresh(): void {
    this.workspaceImages = undefined;
    this.fire();
  }

  /** Many events arrive together (a build touches the ISO and relints the folder): one redraw for them. */
  private scheduleRefresh(): void {
    this.debouncer.schedule('refresh', DEBOUNCE_MS, () => this.fire());
  }

  private fire(): void {
    // Explorer menus ("Build ISO" on a folder) need to know which folders are context folders.
    void vscode.commands.executeCommand(
      'setContext',
      'snooze.contextFolders',
      this.contextNodes().map((n) => n.path),
    );
    this.changed.fire(undefined);
  }

  templateNodes(): TemplateNode[] {
    const nodes: TemplateNode[] = [];
    for (const [file, doc] of this.snooze.templates.documents) {
      if (doc.kind === 'other') continue;
      const findings = this.snooze.templates.findingsOf(file);
      const status = findings.some((f) => f.severity === 'error')
        ? 'error'
        : findings.some((f) => f.severity === 'warning')
          ? 'warning'
          : 'ok';
      const template = doc.kind === 'template' ? doc.template : undefined;
      const mac = template?.interfaces.find((nic) => nic.mac)?.mac?.value;
      const ip = mac ? ipFromMac(mac) : undefined;
      const contextDir = this.snooze.linter.contextFolderOf(doc);
      const isoLcPath = template ? contextCd(template)?.source?.value : undefined;
      const mappings = this.snooze.settings.forFile(file).lint.pathMappings;
      nodes.push({
        kind: 'template',
        path: file,
        name: this.snooze.templates.nameOf(file),
        ...(mac ? { mac } : {}),
        ...(ip ? { ip } : {}),
        status: doc.kind === 'malformed' ? 'error' : status,
        problems: findings.length,
        ...(contextDir && isoLcPath
          ? { context: { path: contextDir, ...isoStateOf(contextDir, mapLcPath(isoLcPath, mappings)) } }
          : {}),
        ...(!contextDir && isoLcPath ? { unlinkedIso: isoLcPath } : {}),
        disks: doc.kind === 'template' ? this.disksOf(doc) : [],
        ...(this.testBoots.has(file) ? { testBoot: this.testBoots.get(file)! } : {}),
      });
    }
    return nodes.sort((a, b) => a.name.localeCompare(b.name) || a.path.localeCompare(b.path));
  }

  contextNodes(): ContextNode[] {
    return [...this.snooze.contexts.folders.entries()]
      .filter(([dir]) => isContextFolder(dir))
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([dir, findings]) => ({
        kind: 'context',
        path: dir,
        ...isoStateOf(dir, this.snooze.templates.isoTargetsOf(dir)[0]),
        templates: this.snooze.templates.templatesUsing(dir).sort(),
        problems: findings.length,
      }));
  }

  /** A template's file-backed disks (not its CDs), each with its backing chain, as the LCs' paths map here. */
  private disksOf(doc: Extract<TemplateDocument, { kind: 'template' }>): ImageNode[] {
    const mappings = this.snooze.settings.forFile(doc.file).lint.pathMappings;
    return doc.template.disks
      .filter((d) => d.sourceIsFile && d.source && !isIsoDisk(d))
      .map((d) =>
        imageNode(mapLcPath(d.source!.value, mappings), 0, { templates: [doc.file], lcPath: d.source!.value }),
      );
  }

  /** The links under a template (its context folder, or the ISO no folder is named after; its disks). */
  private templateChildren(node: TemplateNode): ExplorerNode[] {
    const children: ExplorerNode[] = [];
    if (node.context) {
      children.push({
        kind: 'link',
        to: 'context',
        path: node.context.path,
        label: `context ${path.basename(node.context.path)}`,
        description: `${ISO_TEXT[node.context.iso]}: ${displayPath(node.context.isoPath)}`,
      });
    } else if (node.unlinkedIso) {
      const name = path.posix.basename(node.unlinkedIso).replace(/\.iso$/i, '');
      children.push({
        kind: 'link',
        to: 'context',
        path: node.path,
        label: `ISO ${path.posix.basename(node.unlinkedIso)}`,
        description: `no context folder named ${name} in the workspace`,
      });
    }
    // Also listed under Disk images: a tree id must be unique, or VS Code draws none of these children.
    return [...children, ...node.disks.map((disk) => ({ ...disk, underTemplate: node.path }))];
  }

  async imageNodes(): Promise<ImageNode[]> {
    this.workspaceImages ??= Promise.resolve(vscode.workspace.findFiles(IMAGE_GLOB, EXCLUDE, MAX_IMAGES)).then(
      // ISOs are context CDs: the context folder nodes show them. Only disks are listed here.
      (uris) => uris.map((u) => u.fsPath).filter((p) => !/\.iso$/i.test(p)),
    );
    const references = referencedImages(
      this.snooze.templates.documents.values(),
      (file) => this.snooze.settings.forFile(file).lint.pathMappings,
    );
    return imageNodes(await this.workspaceImages, references);
  }

  /** Each configured LC with its last facts (none before it was asked). */
  lcNodes(): LcNode[] {
    const hosts = [...new Set(this.snooze.lcChecks.groups().flatMap((g) => g.hosts))];
    return hosts.map((host): LcNode => {
      const [facts] = this.snooze.lcFacts.factsOf([host]);
      if (!facts) return { kind: 'lc', host, bridges: [], missing: [] };
      if (!facts.reachable)
        return {
          kind: 'lc',
          host,
          reachable: false,
          bridges: [],
          checkedAt: facts.checkedAt,
          error: facts.error,
          missing: [],
        };
      const missing = Object.entries(facts.paths)
        .filter(([, state]) => state !== 'file')
        .map(([p]) => p);
      return { kind: 'lc', host, reachable: true, bridges: facts.bridges, checkedAt: facts.checkedAt, missing };
    });
  }

  async snapshot(): Promise<VmsSnapshot> {
    return {
      templates: this.templateNodes(),
      contexts: this.contextNodes(),
      images: await this.imageNodes(),
      lcs: this.lcNodes(),
    };
  }

  getTreeItem(node: ExplorerNode): vscode.TreeItem {
    return treeItemOf(node);
  }

  async getChildren(node?: ExplorerNode): Promise<ExplorerNode[]> {
    if (!node) {
      const { templates, contexts, images, lcs } = await this.snapshot();
      // Nothing at all: no roots, so the view shows its welcome content (New VM Template, ...).
      if (templates.length + contexts.length + images.length + lcs.length === 0) return [];
      const section = (s: SectionNode['section'], count: number): SectionNode => ({
        kind: 'section',
        section: s,
        count,
      });
      const sections = [
        section('templates', templates.length),
        section('contexts', contexts.length),
        section('images', images.length),
      ];
      // Shown once LCs are named: before, the Check on the Local Controllers command (and quick fix) asks for them.
      return lcs.length > 0 ? [...sections, section('lcs', lcs.length)] : sections;
    }
    if (node.kind === 'section') {
      if (node.section === 'templates') return this.templateNodes();
      if (node.section === 'contexts') return this.contextNodes();
      if (node.section === 'lcs') return this.lcNodes();
      return this.imageNodes();
    }
    if (node.kind === 'template') return this.templateChildren(node);
    if (node.kind === 'context') {
      return node.templates.map((file): LinkNode => ({
        kind: 'link',
        to: 'template',
        path: file,
        label: this.snooze.templates.nameOf(file),
        description: displayPath(file),
      }));
    }
    return node.kind === 'image' ? [...node.chain] : [];
  }

  dispose(): void {
    vscode.Disposable.from(...this.disposables).dispose();
  }
}
