import { IPV4_KEYS, parseNetworkFile, type NetworkSetting } from '../../context/networkFile.js';
import { broadcastOf, formatIPv4, inNetwork, isContiguousNetmask, networkOf, parseIPv4 } from '../../net/ipv4.js';
import { contextRule, type Problem } from '../rule.js';

export const contextInvalidNetwork = contextRule({
  id: 'context-invalid-network',
  severity: 'error',
  description: 'common/network has an invalid IPv4 value, a non-contiguous netmask, or a gateway outside NETWORK/NETMASK.',
  check(folder) {
    const entry = folder.entries.find((e) => e.relative === 'common/network' && !e.isDirectory);
    const text = entry && folder.readText(entry.relative);
    if (!entry || text === undefined) return [];
    const settings = parseNetworkFile(text);
    const problems: Problem[] = [];
    const report = (setting: NetworkSetting, message: string): void => {
      problems.push({ file: entry.path, message, range: setting.range });
    };
    const valid = new Map<string, { setting: NetworkSetting; address: number }>();
    for (const setting of settings) {
      if (!(IPV4_KEYS as readonly string[]).includes(setting.key)) continue;
      const values = setting.key === 'NAMESERVER' ? setting.value.split(/[\s,]+/).filter(Boolean) : [setting.value];
      const bad = values.find((v) => parseIPv4(v) === undefined);
      if (bad !== undefined || values.length === 0) report(setting, `${setting.key}="${setting.value}" is not an IPv4 address`);
      else if (setting.key !== 'NAMESERVER') valid.set(setting.key, { setting, address: parseIPv4(values[0]!)! });
    }
    const mask = valid.get('NETMASK');
    if (mask && !isContiguousNetmask(mask.address)) {
      report(mask.setting, `NETMASK=${mask.setting.value} is not contiguous: its one bits must all come first (e.g. 255.255.255.0)`);
      return problems;
    }
    const network = valid.get('NETWORK');
    if (mask && network) {
      if (networkOf(network.address, mask.address) !== network.address) {
        report(network.setting, `NETWORK=${network.setting.value} has host bits set for NETMASK ${mask.setting.value}: the network is ${formatIPv4(networkOf(network.address, mask.address))}`);
      }
      const gateway = valid.get('GATEWAY');
      if (gateway && !inNetwork(gateway.address, network.address, mask.address)) {
        report(gateway.setting, `GATEWAY=${gateway.setting.value} is outside ${network.setting.value}/${mask.setting.value}: the VM could not reach it`);
      }
      const broadcast = valid.get('BROADCAST');
      const expected = broadcastOf(network.address, mask.address);
      if (broadcast && broadcast.address !== expected) {
        report(broadcast.setting, `BROADCAST=${broadcast.setting.value} does not match ${network.setting.value}/${mask.setting.value}: expected ${formatIPv4(expected)}`);
      }
    }
    return problems;
  },
});
