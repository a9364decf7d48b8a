// snooze.newTemplate: a Snooze-ready domain XML template: unique name, fresh UUID, a MAC whose IP (Snooze's
// MAC → IP convention) is free inside the chosen context folder's network, COW disk and context ISO at
// LC paths, a configured bridge, the context CD on sata (q35) so libvirt accepts it. Writes <name>.xml.
//
// Arguments (all optional; whatever is missing is asked for):
//   executeCommand('snooze.newTemplate', target?)
//     target: explorer tree node of a context folder | vscode.Uri of a folder (where to write) |
//             { name?: string, contextFolder?: string | null, lcDir?: string, bridge?: string, dir?: string,
//               memoryMiB?: number, vcpus?: number, machine?: string, open?: boolean }
//       name           default: the context folder's name (else "vm"), made unique among the workspace's templates
//       contextFolder  its common/network picks the MAC's network; null: none (libvirt's default network)
//       lcDir          where disk and ISO live on the local controllers (default /opt/cloud)
//       bridge         one of snooze.bridges (default: the first)
//       dir            folder for <name>.xml (default: templates/ if it exists, else the workspace folder)
//   A context folder without common/hostname gets one, from the template's name (an existing one is kept).
//   With an args object nothing is asked. Returns { file, name, uuid, mac, ip, diskPath, isoPath } or undefined.
import fs from 'node:fs';
import path from 'node:path';
import * as vscode from 'vscode';
import { isContextFolder } from '../../core/context/contextFolder.js';
import {
  defaultNetwork,
  formatHostnameFile,
  hostnameFromName,
  networkValuesFromFile,
  validateNetwork,
} from '../../core/context/scaffold/index.js';
import { ipFromMac } from '../../core/net/ipv4.js';
import { allocateMac, buildTemplate, newUuid, uniqueName, type MacNetwork } from '../../core/template/index.js';
import type { Snooze } from '../snooze.js';
import { COMMANDS } from './commandIds.js';
import { locateLcPath } from '../../core/model/lcPaths.js';
import {
  argsObject,
  chooseWorkspaceFolder,
  displayPath,
  pathFromArgument,
  resolveInWorkspace,
  workspaceFolderOf,
} from '../workspace/paths.js';
import { pickContextFolder } from '../prompts/pickers.js';

export interface NewTemplateArgs {
  readonly name: string;
  readonly contextFolder: string | null;
  readonly lcDir: string;
  readonly bridge: string;
  readonly dir: string;
  readonly memoryMiB: number;
  readonly vcpus: number;
  readonly machine: string;
  readonly open: boolean;
}

export interface NewTemplateResult {
  readonly file: string;
  readonly name: string;
  readonly uuid: string;
  readonly mac: string;
  readonly ip: string | undefined;
  readonly diskPath: string;
  readonly isoPath: string;
}

const DEFAULT_LC_DIR = '/opt/cloud';
const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/;

/** The context folder's network for MAC allocation; libvirt's default when it has none or an invalid one. */
function macNetworkOf(contextDir: string | null, log: (m: string) => void): MacNetwork {
  const fallback = defaultNetwork();
  if (!contextDir) return { network: fallback.NETWORK, netmask: fallback.NETMASK, gateway: fallback.GATEWAY };
  let values: ReturnType<typeof networkValuesFromFile> = {};
  try {
    values = networkValuesFromFile(fs.readFileSync(path.join(contextDir, 'common', 'network'), 'utf8'));
  } catch {
    // no common/network: the default network below
  }
  const merged = { ...fallback, ...values };
  const errors = validateNetwork(merged);
  if (errors.NETWORK || errors.NETMASK || !values.NETWORK || !values.NETMASK) {
    log(
      `${contextDir}: no usable NETWORK/NETMASK in common/network; the MAC is allocated in ${fallback.NETWORK}/${fallback.NETMASK}`,
    );
    return { network: fallback.NETWORK, netmask: fallback.NETMASK, gateway: fallback.GATEWAY };
  }
  return { network: merged.NETWORK, netmask: merged.NETMASK, ...(errors.GATEWAY ? {} : { gateway: merged.GATEWAY }) };
}

function defaultTemplateDir(folder: vscode.WorkspaceFolder | undefined): string {
  const root = folder?.uri.fsPath ?? process.cwd();
  const templates = path.join(root, 'templates');
  return fs.existsSync(templates) && fs.statSync(templates).isDirectory() ? templates : root;
}

/** Names in the index, plus file names in the target folder: neither a duplicate domain nor a clobbered file. */
function takenNames(snooze: Snooze, dir: string): Set<string> {
  const taken = new Set<string>(snooze.linter.index.keys('name'));
  for (const doc of snooze.templates.documents.values())
    if (doc.kind === 'template' && doc.template.name) taken.add(doc.template.name.value);
  try {
    for (const file of fs.readdirSync(dir)) if (file.endsWith('.xml')) taken.add(file.slice(0, -4));
  } catch {
    // the folder does not exist yet
  }
  return taken;
}

async function askInteractively(
  snooze: Snooze,
  fixedContext: string | undefined,
  dir: string,
): Promise<Partial<NewTemplateArgs> | undefined> {
  const contextFolder =
    fixedContext ??
    (await pickContextFolder(
      snooze,
      "New VM Template: its context folder (its network gives the VM its address; its ISO is the VM's CD)",
      {
        allowNew: true,
        allowNone: "None (libvirt's default network 192.168.122.0/24; no context CD to build)",
      },
    ));
  if (contextFolder === undefined) return undefined;
  const taken = takenNames(snooze, dir);
  const name = await vscode.window.showInputBox({
    title: 'New VM Template: domain name',
    prompt: "Unique among the workspace's templates; also the file name (<name>.xml) and the disk's name",
    value: uniqueName(contextFolder ? path.basename(contextFolder) : 'vm', taken),
    validateInput: (v) =>
      !NAME.test(v)
        ? 'Letters, digits, ".", "_" and "-", starting with a letter or digit (at most 63).'
        : taken.has(v)
          ? `A template named "${v}" exists already.`
          : undefined,
  });
  if (name === undefined) return undefined;
  const lcDir = await vscode.window.showInputBox({
    title: 'New VM Template: folder on the local controllers',
    prompt:
      "Where the VM's disk and context ISO live on the LCs (map it to a local folder with snooze.pathMappings to check them)",
    value: DEFAULT_LC_DIR,
    validateInput: (v) => (path.posix.isAbsolute(v.trim()) ? undefined : 'An absolute path, as the LCs see it.'),
  });
  if (lcDir === undefined) return undefined;
  if (!(await offerMapping(snooze, lcDir.trim().replace(/\/+$/, '') || '/', dir))) return undefined;
  const bridges = snooze.settings.forFile(dir).lint.bridges;
  const bridge =
    bridges.length <= 1
      ? (bridges[0] ?? 'virbr0')
      : (
          await vscode.window.showQuickPick(
            bridges.map((b) => ({ label: b })),
            { title: 'New VM Template: bridge (from snooze.bridges)' },
          )
        )?.label;
  if (bridge === undefined) return undefined;
  return { contextFolder, name, lcDir: lcDir.trim(), bridge };
}

/**
 * When the LC folder is neither mapped nor on this machine, the template's disk and ISO could not be checked
 * (nor built where it looks): offer to map it now. False when the user escaped.
 */
async function offerMapping(snooze: Snooze, lcDir: string, dir: string): Promise<boolean> {
  const folder = workspaceFolderOf(dir) ?? vscode.workspace.workspaceFolders?.[0];
  const probe = path.posix.join(lcDir, 'probe');
  if (!folder || locateLcPath(probe, snooze.settings.forFile(dir).lint.pathMappings, fs.existsSync).checkable)
    return true;
  const images = path.join(folder.uri.fsPath, 'images');
  type Item = vscode.QuickPickItem & { choice: 'images' | 'other' | 'none' };
  const items: Item[] = [
    {
      label: `Map ${lcDir} to ./images`,
      description: fs.existsSync(images) ? '' : 'a new folder of the workspace',
      detail: 'Build ISO and Create Disk put the files there, and the template is checked against them.',
      choice: 'images',
    },
    { label: `Map ${lcDir} to another folder…`, choice: 'other' },
    {
      label: `Leave ${lcDir} unmapped`,
      detail: 'Its files are only on the LCs: they are not checked here.',
      choice: 'none',
    },
  ];
  const picked = await vscode.window.showQuickPick(items, {
    title: `New VM Template: ${lcDir} is not on this machine. Where are its files here?`,
  });
  if (!picked) return false;
  if (picked.choice === 'none') return true;
  if (picked.choice === 'images') fs.mkdirSync(images, { recursive: true });
  const mapped = await vscode.commands.executeCommand(COMMANDS.mapLcFolder, {
    lcFolder: lcDir,
    file: dir,
    ...(picked.choice === 'images' ? { folder: images } : {}),
  });
  return mapped !== undefined;
}

/** The VM's host name from the template's name, when its context folder has none yet; never replaces one. */
function giveHostname(snooze: Snooze, contextFolder: string, name: string): void {
  const file = path.join(contextFolder, 'common', 'hostname');
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, formatHostnameFile(hostnameFromName(name)), { flag: 'wx' });
    snooze.log.info(`${file}: host name ${hostnameFromName(name)}`);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST')
      snooze.log.warn(`cannot write ${file}: ${(error as Error).message}`);
  }
}

export async function newTemplate(snooze: Snooze, target?: unknown): Promise<NewTemplateResult | undefined> {
  const given = argsObject<NewTemplateArgs>(target);
  const interactive = Object.keys(given).length === 0;
  const targetPath = pathFromArgument(target, 'contextFolder');
  // From a context folder (tree node or explorer): its network; from another folder: write there.
  const fixedContext = targetPath && isContextFolder(targetPath) ? targetPath : undefined;
  const targetDir =
    targetPath && !fixedContext && fs.existsSync(targetPath) && fs.statSync(targetPath).isDirectory()
      ? targetPath
      : undefined;
  const folder = given.dir || targetDir ? undefined : await chooseWorkspaceFolder(fixedContext);
  const dir = given.dir ? resolveInWorkspace(given.dir) : (targetDir ?? defaultTemplateDir(folder));
  const asked = interactive ? await askInteractively(snooze, fixedContext, dir) : {};
  if (!asked) return undefined;
  const args = { ...given, ...asked };

  const contextFolder =
    args.contextFolder === undefined
      ? (fixedContext ?? null)
      : args.contextFolder === null
        ? null
        : resolveInWorkspace(args.contextFolder);
  const name = args.name ?? uniqueName(contextFolder ? path.basename(contextFolder) : 'vm', takenNames(snooze, dir));
  const lcDir = (args.lcDir ?? DEFAULT_LC_DIR).replace(/\/+$/, '') || '/';
  const file = path.join(dir, `${name}.xml`);
  const mac = allocateMac(
    snooze.linter.index.keys('mac'),
    macNetworkOf(contextFolder, (m) => snooze.log.warn(m)),
  );
  const uuid = newUuid();
  // One context folder per VM is the Snooze layout: its ISO is <folder>.iso, so the template names that file.
  const isoPath = path.posix.join(lcDir, `${contextFolder ? path.basename(contextFolder) : name}.iso`);
  const diskPath = path.posix.join(lcDir, `${name}.qcow2`);
  const xml = buildTemplate({
    name,
    uuid,
    mac,
    diskPath,
    isoPath,
    memoryMiB: args.memoryMiB ?? 1024,
    vcpus: args.vcpus ?? 1,
    diskFormat: 'qcow2',
    bridge: args.bridge ?? snooze.settings.forFile(file).lint.bridges[0] ?? 'virbr0',
    machine: args.machine ?? 'q35',
  });

  fs.mkdirSync(dir, { recursive: true });
  try {
    // 'wx': never replace a file, even one created since the name was chosen.
    fs.writeFileSync(file, xml, { flag: 'wx' });
  } catch (error) {
    void vscode.window.showErrorMessage(`Cannot write ${displayPath(file)}: ${(error as Error).message}`);
    return undefined;
  }
  // Linted and indexed at once: a second template created before the file watcher reports this one gets another
  // MAC and name, and Test-Boot finds it even where the watcher never reports it.
  snooze.templates.adopt(file, xml);
  const ip = ipFromMac(mac);
  if (contextFolder) giveHostname(snooze, contextFolder, name);
  snooze.log.info(
    `new template ${file}: name ${name}, uuid ${uuid}, mac ${mac} (${ip}), disk ${diskPath}, iso ${isoPath}`,
  );

  // Checked here once so the message can say what is left to do: only files that do not exist yet may be reported.
  const findings = snooze.templates.findingsOf(file);
  const missing = findings.filter((f) => f.rule === 'missing-disk-image' || f.rule === 'missing-iso');
  for (const f of findings) if (!missing.includes(f)) snooze.log.warn(`${file}: ${f.rule}: ${f.message}`);
  if (args.open ?? true) await vscode.window.showTextDocument(vscode.Uri.file(file), { preview: false });
  const needsIso = missing.some((f) => f.rule === 'missing-iso') && contextFolder !== null;
  const needsDisk = missing.some((f) => f.rule === 'missing-disk-image');
  const todo =
    needsIso || needsDisk
      ? ` Still to create: ${[needsIso ? 'the context ISO' : '', needsDisk ? 'the disk' : ''].filter(Boolean).join(' and ')}.`
      : '';
  const buttons = [...(needsIso ? ['Build ISO'] : []), ...(needsDisk ? ['Create Disk'] : [])];
  void vscode.window
    .showInformationMessage(`Created ${displayPath(file)}: ${name}, ${mac} → ${ip}.${todo}`, ...buttons)
    .then((choice) => {
      if (choice === 'Build ISO')
        void vscode.commands.executeCommand(COMMANDS.buildIso, vscode.Uri.file(contextFolder!));
      else if (choice === 'Create Disk') void vscode.commands.executeCommand(COMMANDS.createDisk);
    });
  return { file, name, uuid, mac, ip, diskPath, isoPath };
}
