// The common/network values, one input box each. Asked in the order an operator thinks of them (network and
// netmask first), so later defaults follow from earlier answers (broadcast from network/netmask, the name
// server from the gateway), and each box is validated with the core's validateNetwork as far as it can be.
import * as vscode from 'vscode';
import { defaultNetwork, validateNetwork, type ContextNetwork } from '../../core/context/scaffold/index.js';
import { broadcastOf, formatIPv4, parseIPv4 } from '../../core/net/ipv4.js';

type Key = keyof ContextNetwork;

const PROMPTS: Record<Key, string> = {
  NETWORK: "NETWORK: the network address of the VMs' subnet (the MAC → IP convention gives each VM its address in it)",
  NETMASK: 'NETMASK: the subnet mask (contiguous, e.g. 255.255.255.0)',
  GATEWAY: 'GATEWAY: the default route, a host inside the network',
  BROADCAST: 'BROADCAST: the broadcast address of the network',
  NAMESERVER: 'NAMESERVER: one or more DNS servers, separated by spaces',
  DOMAIN: "DOMAIN: the guests' DNS domain (optional)",
  SEARCH: 'SEARCH: DNS search domains, separated by spaces (optional)',
};

const ORDER: readonly Key[] = ['NETWORK', 'NETMASK', 'GATEWAY', 'BROADCAST', 'NAMESERVER', 'DOMAIN', 'SEARCH'];

/** Defaults that follow from what was answered so far (so 10.0.0.0/24 suggests 10.0.0.1 and 10.0.0.255). */
function suggestion(key: Key, answered: Partial<ContextNetwork>, start: ContextNetwork): string {
  const network = parseIPv4(answered.NETWORK ?? '');
  const mask = parseIPv4(answered.NETMASK ?? '');
  if (key === 'GATEWAY' && network !== undefined && answered.NETWORK !== start.NETWORK) return formatIPv4(network + 1);
  if (key === 'BROADCAST' && network !== undefined && mask !== undefined) return formatIPv4(broadcastOf(network, mask));
  if (key === 'NAMESERVER' && answered.GATEWAY && answered.GATEWAY !== start.GATEWAY) return answered.GATEWAY;
  return start[key];
}

/** The message for `key` only: the fields not answered yet take their suggestions, so they do not raise errors. */
function fieldError(
  key: Key,
  value: string,
  answered: Partial<ContextNetwork>,
  start: ContextNetwork,
): string | undefined {
  if (key === 'NETWORK')
    return parseIPv4(value) === undefined
      ? `"${value}" is not a valid IPv4 address (a.b.c.d, no leading zeros).`
      : undefined;
  const candidate = { ...answered, [key]: value };
  const full = Object.fromEntries(
    ORDER.map((k) => [k, candidate[k] ?? suggestion(k, candidate, start)]),
  ) as unknown as ContextNetwork;
  const errors = validateNetwork(full);
  // A network with host bits set is only known to be wrong once the netmask is given: report it there.
  return errors[key] ?? (key === 'NETMASK' ? errors.NETWORK : undefined);
}

/** Undefined when the user escaped a box. */
export async function askNetwork(
  title: string,
  start: ContextNetwork = defaultNetwork(),
): Promise<ContextNetwork | undefined> {
  const answered: Partial<Record<Key, string>> = {};
  for (const [index, key] of ORDER.entries()) {
    const value = await vscode.window.showInputBox({
      title: `${title} (${index + 1}/${ORDER.length})`,
      prompt: PROMPTS[key],
      value: suggestion(key, answered, start),
      ignoreFocusOut: true,
      validateInput: (text) => fieldError(key, text.trim(), answered, start),
    });
    if (value === undefined) return undefined;
    answered[key] = value.trim();
  }
  return answered as ContextNetwork;
}
