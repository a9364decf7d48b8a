// Reads the line-oriented reply of the LC script (lcScript.ts). Every name the LC sends is hex, so a line is
// always `word number… hex… word`; a reply that does not end with `end` was cut short and is not trusted.
import { parseCapabilities } from './capabilities.js';
import type { LcBackingLink, LcPathState, ReachableLc } from './lcFacts.js';
import { PROTOCOL } from './lcScript.js';
import type { LcRequest } from './whatToCheck.js';

const STATES = new Set<string>(['file', 'unreadable', 'folder', 'missing']);

function fromHex(hex: string | undefined): string {
  return hex && /^(?:[0-9a-f]{2})*$/.test(hex) ? Buffer.from(hex, 'hex').toString('utf8') : '';
}

function stateOf(word: string | undefined): LcPathState | undefined {
  return word && STATES.has(word) ? (word as LcPathState) : undefined;
}

/** The facts in a reply, or why the reply cannot be read (then the LC is reported unreachable with that reason). */
export function parseLcReply(
  host: string,
  request: LcRequest,
  stdout: string,
  checkedAt: number,
): ReachableLc | { error: string } {
  const lines = stdout.split('\n');
  const start = lines.indexOf(PROTOCOL);
  if (start < 0)
    return { error: 'the LC did not run the check script (no POSIX sh there, or a login banner on stdout?)' };
  if (!lines.slice(start).includes('end')) return { error: 'the reply of the LC was cut short' };
  const bridges: string[] = [];
  const paths: Record<string, LcPathState> = {};
  const backing: Record<string, LcBackingLink[]> = {};
  const emulators: Record<string, boolean> = {};
  let capabilities: ReachableLc['capabilities'];
  let virshError: string | undefined;
  for (const line of lines.slice(start + 1)) {
    const [word, ...fields] = line.split(' ');
    if (word === 'end') break;
    switch (word) {
      case 'bridge': {
        const name = fromHex(fields[0]);
        if (name) bridges.push(name);
        break;
      }
      case 'path': {
        const p = request.paths[Number(fields[0])];
        const state = stateOf(fields[1]);
        if (p !== undefined && state) paths[p] = state;
        break;
      }
      case 'backing': {
        const p = request.paths[Number(fields[0])];
        const state = stateOf(fields[5]);
        if (p === undefined || !state) break;
        (backing[p] ??= []).push({
          image: fromHex(fields[2]),
          name: fromHex(fields[3]),
          resolved: fromHex(fields[4]),
          state,
        });
        break;
      }
      case 'emulator': {
        const e = request.emulators[Number(fields[0])];
        if (e !== undefined) emulators[e] = fields[1] === 'yes';
        break;
      }
      case 'caps':
        capabilities = parseCapabilities(fromHex(fields[0]));
        if (!capabilities) virshError = 'virsh capabilities printed something that is not a capabilities document';
        break;
      case 'virsh-error':
        virshError = fromHex(fields[0]) || 'virsh failed';
        break;
      default:
        break; // `virsh absent`, and lines of later protocol versions
    }
  }
  return {
    host,
    reachable: true,
    checkedAt,
    bridges: bridges.sort(),
    paths,
    backing,
    emulators,
    ...(capabilities ? { capabilities } : {}),
    ...(virshError ? { virshError } : {}),
  };
}
