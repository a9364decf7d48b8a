// The values of the context CD's common/network file, and their checks: the one validator of them, for the
// scaffold's prompts and for the linter's context-invalid-network rule.
import { parseNetworkFile } from './networkFile.js';
import {
  broadcastOf,
  formatIPv4,
  inNetwork,
  isContiguousNetmask,
  networkOf,
  parseIPv4,
  prefixLength,
} from '../net/ipv4.js';

/** The keys Snooze's context scripts read from common/network. */
export interface ContextNetwork {
  readonly GATEWAY: string;
  readonly NETWORK: string;
  readonly BROADCAST: string;
  readonly NETMASK: string;
  /** One or more IPv4 addresses, separated by spaces or commas. */
  readonly NAMESERVER: string;
  /** Optional: the guest's DNS domain. */
  readonly DOMAIN: string;
  /** Optional: DNS search domains, separated by spaces. */
  readonly SEARCH: string;
}

const NETWORK_KEYS: readonly (keyof ContextNetwork)[] = [
  'GATEWAY',
  'NETWORK',
  'BROADCAST',
  'NETMASK',
  'NAMESERVER',
  'DOMAIN',
  'SEARCH',
];

export type NetworkErrors = Partial<Record<keyof ContextNetwork, string>>;

/** libvirt's "default" network: virbr0, 192.168.122.0/24, dnsmasq on the gateway. */
export function defaultNetwork(): ContextNetwork {
  return {
    GATEWAY: '192.168.122.1',
    NETWORK: '192.168.122.0',
    BROADCAST: '192.168.122.255',
    NETMASK: '255.255.255.0',
    NAMESERVER: '192.168.122.1',
    DOMAIN: '',
    SEARCH: '',
  };
}

const DNS_NAME =
  /^(?=.{1,253}$)([A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)(\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\.?$/;

function splitList(value: string): string[] {
  return value.split(/[\s,]+/).filter((item) => item !== '');
}

/**
 * Per-field messages; an empty object means the values are usable. A key that is absent is not checked (a
 * common/network file may leave one out); an empty one is.
 */
export function validateNetwork(values: Partial<ContextNetwork>): NetworkErrors {
  const errors: NetworkErrors = {};
  const address = (key: 'GATEWAY' | 'NETWORK' | 'BROADCAST' | 'NETMASK'): number | undefined => {
    const value = values[key];
    if (value === undefined) return undefined;
    const parsed = parseIPv4(value);
    if (parsed === undefined) errors[key] = `"${value}" is not a valid IPv4 address (a.b.c.d, no leading zeros).`;
    return parsed;
  };
  const gateway = address('GATEWAY');
  const network = address('NETWORK');
  const broadcast = address('BROADCAST');
  const netmask = address('NETMASK');

  if (netmask !== undefined) {
    if (!isContiguousNetmask(netmask))
      errors.NETMASK = `${values.NETMASK} is not a contiguous netmask (its ones must come before its zeros, as in 255.255.255.0).`;
    else if (prefixLength(netmask) > 30)
      errors.NETMASK = `${values.NETMASK} (/${prefixLength(netmask)}) leaves no room for a gateway and a guest.`;
  }
  const maskUsable = netmask !== undefined && errors.NETMASK === undefined;
  if (maskUsable && network !== undefined && networkOf(network, netmask) !== network) {
    errors.NETWORK = `${values.NETWORK} has host bits set for netmask ${values.NETMASK}; the network address is ${formatIPv4(networkOf(network, netmask))}.`;
  }
  const networkUsable = maskUsable && network !== undefined && errors.NETWORK === undefined;
  if (networkUsable && gateway !== undefined) {
    if (!inNetwork(gateway, network, netmask))
      errors.GATEWAY = `${values.GATEWAY} is outside ${values.NETWORK}/${prefixLength(netmask)}.`;
    else if (gateway === network || gateway === broadcastOf(network, netmask))
      errors.GATEWAY = `${values.GATEWAY} is the network or broadcast address, not a host.`;
  }
  if (networkUsable && broadcast !== undefined && broadcast !== broadcastOf(network, netmask)) {
    errors.BROADCAST = `${values.BROADCAST} does not match ${values.NETWORK}/${prefixLength(netmask)}; it should be ${formatIPv4(broadcastOf(network, netmask))}.`;
  }

  if (values.NAMESERVER !== undefined) {
    const nameservers = splitList(values.NAMESERVER);
    if (nameservers.length === 0) errors.NAMESERVER = 'At least one name server address is needed.';
    else {
      const bad = nameservers.filter((ns) => parseIPv4(ns) === undefined);
      if (bad.length > 0) errors.NAMESERVER = `Not a valid IPv4 address: ${bad.join(', ')}.`;
    }
  }
  const domain = (values.DOMAIN ?? '').trim();
  if (domain !== '' && !DNS_NAME.test(domain)) errors.DOMAIN = `"${domain}" is not a valid domain name.`;
  const badSearch = splitList(values.SEARCH ?? '').filter((name) => !DNS_NAME.test(name));
  if (badSearch.length > 0) errors.SEARCH = `Not a valid domain name: ${badSearch.join(', ')}.`;
  return errors;
}

/** KEY="VALUE" lines: valid both for our parser and for a shell's `.` (the checked values never contain quotes). */
export function formatNetworkFile(values: ContextNetwork): string {
  const header =
    '# Network of this VM, read by the context scripts at boot. The address itself comes from the MAC:\n' +
    '# its last four octets are the IPv4 address (52:54:c0:a8:7a:05 -> 192.168.122.5).\n';
  return header + NETWORK_KEYS.map((key) => `${key}="${(values[key] ?? '').trim()}"`).join('\n') + '\n';
}

export function isNetworkKey(key: string): key is keyof ContextNetwork {
  return (NETWORK_KEYS as readonly string[]).includes(key);
}

/** The values of common/network's keys (the last assignment of each, as a shell reads it); others are ignored. */
export function networkValuesFromFile(text: string): Partial<Record<keyof ContextNetwork, string>> {
  const result: Partial<Record<keyof ContextNetwork, string>> = {};
  for (const { key, value } of parseNetworkFile(text)) if (isNetworkKey(key)) result[key] = value.trim();
  return result;
}
