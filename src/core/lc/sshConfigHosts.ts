// The Host entries of an ssh configuration, as names to offer when the user has not said which LCs to check.

/** Concrete host aliases (`Host lc1 lc2`), without patterns (`*`, `?`, `!`), each once, in file order. */
export function sshConfigHosts(text: string): string[] {
  const hosts: string[] = [];
  for (const line of text.split(/\r?\n/)) {
    const match = /^\s*Host(?:\s*=\s*|\s+)(.+)$/i.exec(line);
    if (!match) continue;
    for (const name of match[1]!.replace(/#.*$/, '').trim().split(/\s+/)) {
      if (name && !/[*?!]/.test(name) && !hosts.includes(name)) hosts.push(name.replace(/^"(.*)"$/, '$1'));
    }
  }
  return hosts;
}
