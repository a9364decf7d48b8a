// A new context folder: what goes on the context CD of a Snooze VM (built with buildContextIso).
import path from 'node:path';
import { formatHostnameFile, hostnameFromName, validateHostname } from './hostname.js';
import { formatNetworkFile, validateNetwork } from '../networkValues.js';
import type { ContextNetwork, NetworkErrors } from '../networkValues.js';
import { DEBIAN_NETWORK_SCRIPT } from './debianNetworkScript.js';
import { POST_INSTALL_SCRIPT } from './postInstallScript.js';
import { ROUTES_FILE } from './routesFile.js';
import { writeFileSet } from './writeFileSet.js';
import type { GeneratedFile } from './writeFileSet.js';

export class InvalidNetworkError extends Error {
  override readonly name = 'InvalidNetworkError';
  constructor(readonly errors: NetworkErrors) {
    super(
      `The network values are not usable: ${Object.entries(errors)
        .map(([key, message]) => `${key}: ${message}`)
        .join(' ')}`,
    );
  }
}

class InvalidHostnameError extends Error {
  override readonly name = 'InvalidHostnameError';
}

export interface ScaffoldOptions {
  /** common/hostname; default: derived from the folder's name (hostnameFromName). */
  readonly hostname?: string;
  /** Replace files that already exist; without it an existing file raises OutputExistsError and nothing is written. */
  readonly overwrite?: boolean;
}

/** The files of a context folder, relative paths first. Script names have no extension: run-parts skips dotted names. */
function contextFolderFiles(network: ContextNetwork, hostname: string): GeneratedFile[] {
  return [
    { relativePath: 'common/network', content: formatNetworkFile(network), mode: 0o644 },
    { relativePath: 'common/hostname', content: formatHostnameFile(hostname), mode: 0o644 },
    { relativePath: 'common/routes', content: ROUTES_FILE, mode: 0o644 },
    { relativePath: 'post-install', content: POST_INSTALL_SCRIPT, mode: 0o755 },
    { relativePath: 'distributions/debian/network', content: DEBIAN_NETWORK_SCRIPT, mode: 0o755 },
  ];
}

/**
 * Writes the context folder; returns the absolute paths written. Throws InvalidNetworkError or
 * InvalidHostnameError before writing anything.
 */
export async function scaffoldContextFolder(
  dir: string,
  network: ContextNetwork,
  options: ScaffoldOptions = {},
): Promise<string[]> {
  const errors = validateNetwork(network);
  if (Object.keys(errors).length > 0) throw new InvalidNetworkError(errors);
  const hostname = options.hostname ?? hostnameFromName(path.basename(path.resolve(dir)));
  const problem = validateHostname(hostname);
  if (problem !== undefined) throw new InvalidHostnameError(problem);
  return writeFileSet(dir, contextFolderFiles(network, hostname), options);
}
