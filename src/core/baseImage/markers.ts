// The markers the scaffolded scripts print on the guest's console ("snooze: cd found /dev/sr0", ...), read
// back into a boot result. Pure: Test-Boot and the guest tests give it the serial console's text.

export type ConsoleMarker =
  | { readonly kind: 'cd-found'; readonly device: string }
  | { readonly kind: 'cd-none' }
  | { readonly kind: 'hostname'; readonly name: string }
  | { readonly kind: 'post-install-started' }
  | { readonly kind: 'post-install-exit'; readonly status: number }
  | {
      readonly kind: 'nic';
      readonly iface: string;
      readonly address: string;
      readonly prefix: number;
      readonly gateway: string;
    }
  | { readonly kind: 'dhcp'; readonly iface: string; readonly via: string }
  | { readonly kind: 'dhcp-up'; readonly iface: string }
  | { readonly kind: 'dhcp-failed'; readonly iface: string };

// Anchored at the end of the line only: the console may put a kernel message or a timestamp before a marker.
const MARKER =
  /snooze: (?:cd found (\S+)|(cd none)|hostname (\S+)|(post-install started)|post-install exit (\d+)|nic (\S+) (\d{1,3}(?:\.\d{1,3}){3})\/(\d{1,2}) gateway (\S+)|dhcp (\S+) (?:via (\S+)|(up)|(failed)))\s*$/;

/** Every marker of the console text, in order. Other lines are ignored. */
export function parseConsoleMarkers(text: string): ConsoleMarker[] {
  const markers: ConsoleMarker[] = [];
  for (const line of text.split(/\r?\n|\r/)) {
    const m = MARKER.exec(line);
    if (!m) continue;
    if (m[1] !== undefined) markers.push({ kind: 'cd-found', device: m[1] });
    else if (m[2] !== undefined) markers.push({ kind: 'cd-none' });
    else if (m[3] !== undefined) markers.push({ kind: 'hostname', name: m[3] });
    else if (m[4] !== undefined) markers.push({ kind: 'post-install-started' });
    else if (m[5] !== undefined) markers.push({ kind: 'post-install-exit', status: Number(m[5]) });
    else if (m[6] !== undefined)
      markers.push({ kind: 'nic', iface: m[6], address: m[7]!, prefix: Number(m[8]), gateway: m[9]! });
    else if (m[11] !== undefined) markers.push({ kind: 'dhcp', iface: m[10]!, via: m[11] });
    else if (m[12] !== undefined) markers.push({ kind: 'dhcp-up', iface: m[10]! });
    else markers.push({ kind: 'dhcp-failed', iface: m[10]! });
  }
  return markers;
}

export interface BootSummary {
  /** The device the context CD was found on, or undefined. */
  readonly cdDevice: string | undefined;
  /** True when the script said it found no CD. */
  readonly noCd: boolean;
  readonly hostname: string | undefined;
  /** post-install's exit status; 'running' when it started and did not finish (yet). */
  readonly postInstall: 'not-run' | 'running' | number;
  readonly nics: readonly { iface: string; address: string; prefix: number; gateway: string }[];
  /** The DHCP fallback: the interface and how it ended ('tried' while no outcome was printed). */
  readonly dhcp:
    | { readonly iface: string; readonly via: string | undefined; readonly outcome: 'tried' | 'up' | 'failed' }
    | undefined;
  /** Post-install ran and exited 0, or (without a CD) DHCP came up. */
  readonly ok: boolean;
  /** One line for a notification or the tree: "post-install ran, enp1s0 = 192.168.122.2/24". */
  readonly message: string;
}

/** Folds the markers of one boot (the console of a second boot appends: the last boot's markers win). */
export function summarizeMarkers(markers: readonly ConsoleMarker[]): BootSummary {
  let cdDevice: string | undefined;
  let noCd = false;
  let hostname: string | undefined;
  let postInstall: BootSummary['postInstall'] = 'not-run';
  let nics: { iface: string; address: string; prefix: number; gateway: string }[] = [];
  let dhcp: { iface: string; via: string | undefined; outcome: 'tried' | 'up' | 'failed' } | undefined;
  for (const marker of markers) {
    switch (marker.kind) {
      case 'cd-found':
        cdDevice = marker.device;
        noCd = false;
        postInstall = 'not-run';
        nics = [];
        dhcp = undefined;
        break;
      case 'cd-none':
        cdDevice = undefined;
        noCd = true;
        postInstall = 'not-run';
        nics = [];
        dhcp = undefined;
        break;
      case 'hostname':
        hostname = marker.name;
        break;
      case 'post-install-started':
        postInstall = 'running';
        break;
      case 'post-install-exit':
        postInstall = marker.status;
        break;
      case 'nic':
        nics.push({ iface: marker.iface, address: marker.address, prefix: marker.prefix, gateway: marker.gateway });
        break;
      case 'dhcp':
        dhcp = { iface: marker.iface, via: marker.via, outcome: 'tried' };
        break;
      case 'dhcp-up':
        dhcp = { iface: marker.iface, via: dhcp?.via, outcome: 'up' };
        break;
      case 'dhcp-failed':
        dhcp = { iface: marker.iface, via: dhcp?.via, outcome: 'failed' };
        break;
    }
  }
  const addresses = nics.map((n) => `${n.iface} = ${n.address}/${n.prefix}`).join(', ');
  let message: string;
  let ok = false;
  if (postInstall === 0) {
    ok = true;
    message = `post-install ran${addresses ? `, ${addresses}` : ', but no interface was configured'}`;
  } else if (typeof postInstall === 'number')
    message = `post-install failed with exit status ${postInstall}${addresses ? ` (${addresses})` : ''}`;
  else if (postInstall === 'running')
    message = `post-install started on the CD of ${cdDevice ?? '?'} and did not finish`;
  else if (cdDevice) message = `context CD found on ${cdDevice}, but post-install did not start`;
  else if (noCd && dhcp?.outcome === 'up') {
    ok = true;
    message = `no context CD: ${dhcp.iface} came up with DHCP`;
  } else if (noCd && dhcp)
    message = `no context CD: DHCP on ${dhcp.iface}${dhcp.via ? ` (${dhcp.via})` : ''} ${dhcp.outcome === 'failed' ? 'failed' : 'did not finish'}`;
  else if (noCd) message = 'no context CD was found';
  else
    message = 'snooze-context printed nothing: is it installed and enabled in the image, and is the console on ttyS0?';
  return { cdDevice, noCd, hostname, postInstall, nics, dhcp, ok, message };
}
