// The network of a new context folder in one question for the usual cases: libvirt's default network, or the
// same network as a context folder the workspace has; the seven common/network values are asked one by one
// only for another network.
import fs from 'node:fs';
import path from 'node:path';
import * as vscode from 'vscode';
import {
  defaultNetwork,
  networkValuesFromFile,
  validateNetwork,
  type ContextNetwork,
} from '../../core/context/scaffold/index.js';
import { prefixLength, parseIPv4 } from '../../core/net/ipv4.js';
import type { Snooze } from '../snooze.js';
import { displayPath } from '../workspace/paths.js';
import { knownContextFolders } from './pickers.js';

type Item = vscode.QuickPickItem & { network?: ContextNetwork };

function describe(network: ContextNetwork): string {
  const mask = parseIPv4(network.NETMASK);
  return `${network.NETWORK}/${mask === undefined ? network.NETMASK : prefixLength(mask)}, gateway ${network.GATEWAY}, DNS ${network.NAMESERVER}`;
}

/** A context folder's network when its common/network is complete and valid. */
function networkOf(dir: string): ContextNetwork | undefined {
  try {
    const values = networkValuesFromFile(fs.readFileSync(path.join(dir, 'common', 'network'), 'utf8'));
    if (!values.NETWORK || !values.NETMASK || !values.GATEWAY) return undefined;
    const network = { ...defaultNetwork(), ...values };
    return Object.keys(validateNetwork(network)).length === 0 ? network : undefined;
  } catch {
    return undefined;
  }
}

export async function pickNetwork(
  snooze: Snooze,
  title: string,
  askOther: (title: string) => Promise<ContextNetwork | undefined>,
): Promise<ContextNetwork | undefined> {
  const standard = defaultNetwork();
  const items: Item[] = [{ label: "libvirt's default network", description: describe(standard), network: standard }];
  const seen = new Set([describe(standard)]);
  for (const dir of knownContextFolders(snooze)) {
    const network = networkOf(dir);
    if (!network || seen.has(describe(network))) continue;
    seen.add(describe(network));
    items.push({
      label: `Same as ${path.basename(dir)}`,
      description: describe(network),
      detail: displayPath(dir),
      network,
    });
  }
  items.push({ label: 'Another network…', description: 'enter NETWORK, NETMASK, GATEWAY, … one by one' });
  const picked = await vscode.window.showQuickPick(items, {
    title,
    placeHolder: 'The VMs of this context get their IP from their MAC inside this network',
  });
  if (!picked) return undefined;
  return picked.network ?? askOther(title);
}
