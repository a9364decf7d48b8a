// The explorer's nodes are plain data (so tests can read them through the provider's snapshot) and become
// TreeItems only at the edge, in treeItemOf.
import path from 'node:path';
import * as vscode from 'vscode';
import type { ImageKind } from '../../core/images/imageProbe.js';
import { plural } from '../../core/text/plural.js';
import { displayPath } from '../workspace/paths.js';
import type { IsoState } from './isoState.js';

export type Section = 'templates' | 'contexts' | 'images' | 'lcs';
export type TemplateStatus = 'error' | 'warning' | 'ok';

export interface SectionNode {
  readonly kind: 'section';
  readonly section: Section;
  readonly count: number;
}

export interface TemplateNode {
  readonly kind: 'template';
  readonly path: string;
  readonly name: string;
  readonly mac?: string;
  readonly ip?: string;
  readonly status: TemplateStatus;
  readonly problems: number;
  /** The context folder its CD is built from (the VM model), with the state of the ISO the template names. */
  readonly context?: { readonly path: string; readonly iso: IsoState; readonly isoPath: string };
  /** The ISO its CD names, when no context folder of the workspace is named after it. */
  readonly unlinkedIso?: string;
  /** Its writable and read-only disks, as the Disk images section shows them (with their backing chains). */
  readonly disks: readonly ImageNode[];
  /** The last Test-Boot Template of this session: "post-install ran, enp1s0 = 192.168.122.2/24" or what failed. */
  readonly testBoot?: { readonly ok: boolean; readonly message: string };
}

/** A link from a template to its context folder, or from a context folder to a template built from it. */
export interface LinkNode {
  readonly kind: 'link';
  readonly to: 'context' | 'template';
  readonly path: string;
  readonly label: string;
  readonly description: string;
}

export interface ContextNode {
  readonly kind: 'context';
  readonly path: string;
  /** Where its ISO is: where its templates look for it, else X.iso beside it. */
  readonly isoPath: string;
  readonly iso: IsoState;
  /** The templates built from it (their files). */
  readonly templates: readonly string[];
  /** The files changed after the ISO was built (when stale), relative to the folder. */
  readonly newerFiles: readonly string[];
  /** Findings other than iso-stale: what Build ISO warns about. */
  readonly problems: number;
}

export interface ImageNode {
  readonly kind: 'image';
  readonly path: string;
  readonly format: ImageKind;
  /** The backing file as stored in a qcow2 header, and where it resolves. */
  readonly backingFile?: string;
  readonly backingPath?: string;
  readonly backingMissing: boolean;
  /** 0 for an image of the workspace or a template; n for the n-th base down its chain. */
  readonly depth: number;
  /** Templates naming this image (their file paths), and the LC path they use. */
  readonly referencedBy: readonly string[];
  readonly lcPath?: string;
  /** The rest of the backing chain below this image (empty for raw images and chain ends). */
  readonly chain: readonly ImageNode[];
  /** The template it is shown under, when shown as one of a template's disks (its tree id must differ). */
  readonly underTemplate?: string;
}

/** A local controller of snooze.localControllers, as it last answered (or `checkedAt` undefined: not asked yet). */
export interface LcNode {
  readonly kind: 'lc';
  readonly host: string;
  readonly reachable?: boolean;
  readonly bridges: readonly string[];
  readonly checkedAt?: number;
  readonly error?: string;
  /** Paths of the templates missing there. */
  readonly missing: readonly string[];
}

export type ExplorerNode = SectionNode | TemplateNode | ContextNode | ImageNode | LinkNode | LcNode;

const SECTION_LABEL: Record<Section, [string, string]> = {
  templates: ['Templates', 'file-code'],
  contexts: ['Context folders', 'folder-library'],
  images: ['Disk images', 'database'],
  lcs: ['Local controllers', 'server-environment'],
};

function colored(icon: string, color: string): vscode.ThemeIcon {
  return new vscode.ThemeIcon(icon, new vscode.ThemeColor(color));
}

const STATUS_ICON: Record<TemplateStatus, () => vscode.ThemeIcon> = {
  error: () => colored('error', 'problemsErrorIcon.foreground'),
  warning: () => colored('warning', 'problemsWarningIcon.foreground'),
  ok: () => colored('pass', 'testing.iconPassed'),
};

export const ISO_TEXT: Record<IsoState, string> = {
  missing: 'ISO missing',
  stale: 'ISO stale',
  'up-to-date': 'ISO up to date',
};

export function treeItemOf(node: ExplorerNode): vscode.TreeItem {
  switch (node.kind) {
    case 'section': {
      const [label, icon] = SECTION_LABEL[node.section];
      // Always expandable: VS Code remembers the state per id, and an item first drawn as a leaf would stay closed.
      const item = new vscode.TreeItem(label, vscode.TreeItemCollapsibleState.Expanded);
      item.id = `section:${node.section}`;
      item.description = node.count > 0 ? String(node.count) : 'none yet';
      item.iconPath = new vscode.ThemeIcon(icon);
      item.contextValue = `snooze.section.${node.section}`;
      return item;
    }
    case 'template': {
      const expandable = node.context || node.unlinkedIso || node.disks.length > 0;
      const item = new vscode.TreeItem(
        node.name,
        expandable ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None,
      );
      item.id = `template:${node.path}`;
      item.resourceUri = vscode.Uri.file(node.path);
      item.description =
        (node.mac ? `${node.mac} → ${node.ip ?? '?'}` : 'no MAC') +
        (node.testBoot ? ` · test-boot ${node.testBoot.ok ? 'ok' : 'failed'}` : '');
      item.iconPath = STATUS_ICON[node.status]();
      item.tooltip = new vscode.MarkdownString(
        `**${node.name}** · \`${displayPath(node.path)}\`\n\n` +
          (node.mac ? `MAC \`${node.mac}\` → IP \`${node.ip ?? 'none'}\` (Snooze's MAC → IP convention)\n\n` : '') +
          (node.context
            ? `Context folder \`${displayPath(node.context.path)}\`: ${ISO_TEXT[node.context.iso]}\n\n`
            : '') +
          (node.problems > 0 ? `${plural(node.problems, 'problem')} (see the Problems panel)` : 'No problems') +
          (node.testBoot ? `\n\nLast Test-Boot: ${node.testBoot.message}` : ''),
      );
      item.contextValue = 'snooze.template';
      item.command = { command: 'snooze.openTemplate', title: 'Open Template', arguments: [node] };
      return item;
    }
    case 'context': {
      const item = new vscode.TreeItem(
        path.basename(node.path),
        node.templates.length > 0 ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None,
      );
      item.id = `context:${node.path}`;
      item.resourceUri = vscode.Uri.file(node.path);
      item.description = `${ISO_TEXT[node.iso]}${node.problems > 0 ? ` · ${plural(node.problems, 'problem')}` : ''}`;
      item.iconPath =
        node.iso === 'up-to-date'
          ? colored('package', 'testing.iconPassed')
          : node.iso === 'stale'
            ? colored('package', 'problemsWarningIcon.foreground')
            : colored('circle-slash', 'disabledForeground');
      const why =
        node.iso === 'stale'
          ? `\n\nChanged since the build: ${node.newerFiles
              .slice(0, 5)
              .map((f) => `\`${f}\``)
              .join(', ')}${node.newerFiles.length > 5 ? ', …' : ''}`
          : '';
      const users =
        node.templates.length > 0
          ? `\n\nUsed by ${node.templates.map((f) => `\`${path.basename(f)}\``).join(', ')}`
          : `\n\nNo template uses it yet (a template uses it when its CD names \`${path.basename(node.path)}.iso\`)`;
      item.tooltip = new vscode.MarkdownString(
        `\`${displayPath(node.path)}\` → \`${displayPath(node.isoPath)}\`: ${ISO_TEXT[node.iso]}${why}${users}`,
      );
      item.contextValue = `snooze.context.${node.iso}`;
      return item;
    }
    case 'link': {
      const item = new vscode.TreeItem(node.label, vscode.TreeItemCollapsibleState.None);
      item.description = node.description;
      item.resourceUri = vscode.Uri.file(node.path);
      item.iconPath = new vscode.ThemeIcon(node.to === 'context' ? 'folder-library' : 'file-code');
      item.tooltip = displayPath(node.path);
      item.contextValue = `snooze.link.${node.to}`;
      item.command =
        node.to === 'template'
          ? { command: 'snooze.openTemplate', title: 'Open Template', arguments: [node] }
          : { command: 'snooze.revealInExplorer', title: 'Reveal in Explorer View', arguments: [node] };
      return item;
    }
    case 'lc': {
      const item = new vscode.TreeItem(node.host, vscode.TreeItemCollapsibleState.None);
      item.id = `lc:${node.host}`;
      const when =
        node.checkedAt === undefined ? 'not checked yet' : `checked ${new Date(node.checkedAt).toLocaleTimeString()}`;
      item.description =
        node.checkedAt === undefined
          ? when
          : node.reachable
            ? `${node.bridges.join(', ') || 'no bridge'} · ${node.missing.length > 0 ? `${plural(node.missing.length, 'file')} missing · ` : ''}${when}`
            : `not reachable · ${when}`;
      item.iconPath =
        node.checkedAt === undefined
          ? new vscode.ThemeIcon('circle-outline')
          : node.reachable
            ? node.missing.length > 0
              ? colored('server', 'problemsWarningIcon.foreground')
              : colored('server', 'testing.iconPassed')
            : colored('debug-disconnect', 'problemsErrorIcon.foreground');
      item.tooltip = new vscode.MarkdownString(
        `**${node.host}** · ${when}\n\n` +
          (node.reachable === false
            ? `Not reachable: ${node.error ?? ''}`
            : node.reachable
              ? `Bridges: ${node.bridges.map((b) => `\`${b}\``).join(', ') || 'none'}${
                  node.missing.length > 0
                    ? `\n\nMissing there: ${node.missing
                        .slice(0, 8)
                        .map((m) => `\`${m}\``)
                        .join(', ')}${node.missing.length > 8 ? ', …' : ''}`
                    : ''
                }`
              : 'Run *Check on the Local Controllers* to ask it.'),
      );
      item.contextValue = `snooze.lc.${node.checkedAt === undefined ? 'unchecked' : node.reachable ? 'reachable' : 'unreachable'}`;
      item.command = { command: 'snooze.checkLocalControllers', title: 'Check on the Local Controllers' };
      return item;
    }
    case 'image': {
      const item = new vscode.TreeItem(
        path.basename(node.path),
        node.chain.length > 0 ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None,
      );
      // Bases shared by several images appear under each: only top-level images (unique paths) get an id.
      if (node.depth === 0)
        item.id = node.underTemplate ? `template:${node.underTemplate}>image:${node.path}` : `image:${node.path}`;
      if (node.format !== 'missing') item.resourceUri = vscode.Uri.file(node.path);
      const backing = node.backingFile ? ` ← ${node.backingFile}${node.backingMissing ? ' (missing)' : ''}` : '';
      item.description =
        node.format === 'missing'
          ? `not found${node.lcPath && node.lcPath === node.path ? ' (map its LC folder with snooze.pathMappings)' : ''}`
          : `${node.format}${backing}`;
      const broken = node.format === 'missing' || node.format === 'unreadable' || node.backingMissing;
      item.iconPath = broken
        ? colored('error', 'problemsErrorIcon.foreground')
        : new vscode.ThemeIcon(node.depth > 0 ? 'arrow-small-down' : 'database');
      const users =
        node.referencedBy.length > 0
          ? `\n\nUsed by ${node.referencedBy.map((f) => `\`${path.basename(f)}\``).join(', ')}${node.lcPath ? ` as \`${node.lcPath}\`` : ''}`
          : '';
      item.tooltip = new vscode.MarkdownString(
        `\`${displayPath(node.path)}\` (${node.format})${node.backingPath ? `\n\nBacking file \`${node.backingFile}\` → \`${node.backingPath}\`${node.backingMissing ? ' **is missing**' : ''}` : ''}${users}`,
      );
      item.contextValue = `snooze.${node.depth > 0 ? 'backing' : 'image'}.${node.format}`;
      return item;
    }
  }
}
