// What one local controller (LC) told us about itself: plain data (no Map, no class), so a CLI worker thread
// or the extension's cache can pass it around as it is.

/** How a path stands on an LC: `file` exists and is readable; `folder` is a directory. */
export type LcPathState = 'file' | 'unreadable' | 'folder' | 'missing';

/** One link of a qcow2 backing chain, as the LC resolved it (relative names against the image's folder). */
export interface LcBackingLink {
  /** The image naming the backing file. */
  readonly image: string;
  /** The backing file as written in the image's header. */
  readonly name: string;
  /** Where the LC looked for it. */
  readonly resolved: string;
  readonly state: LcPathState;
}

/** What `virsh -c qemu:///system capabilities` says the LC can run. */
export interface LcCapabilities {
  /** Machine types (with their aliases, `pc` as well as `pc-i440fx-7.2`) per guest architecture. */
  readonly machines: Readonly<Record<string, readonly string[]>>;
  /** Domain types (`qemu`, `kvm`) per guest architecture. */
  readonly domainTypes: Readonly<Record<string, readonly string[]>>;
}

export type LcFacts = ReachableLc | UnreachableLc;

export interface ReachableLc {
  readonly host: string;
  readonly reachable: true;
  /** When the facts were gathered (ms since the epoch). */
  readonly checkedAt: number;
  /** Bridges: the interfaces that have /sys/class/net/NAME/bridge. */
  readonly bridges: readonly string[];
  /** Each path asked about (disks, ISOs, backing files), as the LC sees it. */
  readonly paths: Readonly<Record<string, LcPathState>>;
  /** Backing chains of the qcow2 images asked about, by image path. */
  readonly backing: Readonly<Record<string, readonly LcBackingLink[]>>;
  /** Whether each `<emulator>` asked about is an executable file there. */
  readonly emulators: Readonly<Record<string, boolean>>;
  /** Undefined when virsh is not installed there or did not answer (libvirtd down, no permission). */
  readonly capabilities?: LcCapabilities;
  /** Why the capabilities are missing, when virsh is there but failed. */
  readonly virshError?: string;
}

export interface UnreachableLc {
  readonly host: string;
  readonly reachable: false;
  readonly checkedAt: number;
  /** ssh's own words (its last stderr line), or why the host name was refused. */
  readonly error: string;
}

/** The facts of the reachable LCs only: the rules on files and bridges read these. */
export function reachable(lcs: readonly LcFacts[]): ReachableLc[] {
  return lcs.filter((lc): lc is ReachableLc => lc.reachable);
}

/** "lc1", "lc1 and lc2", "lc1, lc2 and lc3". */
export function hostList(hosts: readonly string[]): string {
  return hosts.length <= 1 ? (hosts[0] ?? '') : `${hosts.slice(0, -1).join(', ')} and ${hosts[hosts.length - 1]}`;
}
