import { parseNetworkFile, type NetworkSetting } from '../../context/networkFile.js';
import { isNetworkKey, validateNetwork, type ContextNetwork } from '../../context/networkValues.js';
import { contextRule, type Problem } from '../rule.js';

export const contextInvalidNetwork = contextRule({
  id: 'context-invalid-network',
  severity: 'error',
  description:
    'common/network has a value the context scripts cannot use: an invalid IPv4 address, a non-contiguous netmask, a gateway outside NETWORK/NETMASK, a wrong broadcast, an invalid domain name.',
  check(folder) {
    const entry = folder.entries.find((e) => e.relative === 'common/network' && !e.isDirectory);
    const text = entry && folder.readText(entry.relative);
    if (!entry || text === undefined) return [];
    // The same checks as New Context Folder's (validateNetwork), each on the line that sets the key (the last one, as in a shell).
    const lines = new Map<keyof ContextNetwork, NetworkSetting>();
    for (const setting of parseNetworkFile(text)) if (isNetworkKey(setting.key)) lines.set(setting.key, setting);
    const values = Object.fromEntries([...lines].map(([key, setting]) => [key, setting.value]));
    return Object.entries(validateNetwork(values)).map(([key, message]): Problem => {
      const setting = lines.get(key as keyof ContextNetwork)!;
      return { file: entry.path, message: `${key}: ${message}`, range: setting.range };
    });
  },
});
