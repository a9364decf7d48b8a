// common/hostname: the VM's host name, set at boot by snooze-context (one RFC 1123 label: the DNS domain, if
// any, is DOMAIN in common/network).

const LABEL = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/;

/** A message saying what is wrong, or undefined when `name` is a usable host name. */
export function validateHostname(name: string): string | undefined {
  if (name === '') return 'Enter a host name.';
  if (name.length > 63) return `"${name}" is longer than 63 characters.`;
  if (!LABEL.test(name)) return `"${name}" is not a host name: letters, digits and "-" (not first or last), no dots.`;
  return undefined;
}

/** A host name derived from a VM or folder name: "Web_Server.1" → "web-server-1"; "vm" when nothing is left. */
export function hostnameFromName(name: string): string {
  const label = name
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/-{2,}/g, '-')
    .slice(0, 63)
    .replace(/^-+|-+$/g, '');
  return label === '' ? 'vm' : label;
}

/** The file's content: a comment, then the name. snooze-context reads the first line that is not a comment. */
export function formatHostnameFile(name: string): string {
  return `# Host name of this VM, set at boot by snooze-context (one label; the domain is DOMAIN in common/network).\n${name}\n`;
}
