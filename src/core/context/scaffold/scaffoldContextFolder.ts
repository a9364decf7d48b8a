// A new context folder: what goes on the context CD of a Snooze VM (built with buildContextIso).
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
    super(`The network values are not usable: ${Object.entries(errors).map(([key, message]) => `${key}: ${message}`).join(' ')}`);
  }
}

export interface ScaffoldOptions {
  /** Replace files that already exist; without it an existing file raises OutputExistsError and nothing is written. */
  readonly overwrite?: boolean;
}

/** The files of a context folder, relative paths first. Script names have no extension: run-parts skips dotted names. */
export function contextFolderFiles(network: ContextNetwork): GeneratedFile[] {
  return [
    { relativePath: 'common/network', content: formatNetworkFile(network), mode: 0o644 },
    { relativePath: 'common/routes', content: ROUTES_FILE, mode: 0o644 },
    { relativePath: 'post-install', content: POST_INSTALL_SCRIPT, mode: 0o755 },
    { relativePath: 'distributions/debian/network', content: DEBIAN_NETWORK_SCRIPT, mode: 0o755 },
  ];
}

/** Writes the context folder; returns the absolute paths written. Throws InvalidNetworkError before writing anything. */
export async function scaffoldContextFolder(dir: string, network: ContextNetwork, options: ScaffoldOptions = {}): Promise<string[]> {
  const errors = validateNetwork(network);
  if (Object.keys(errors).length > 0) throw new InvalidNetworkError(errors);
  return writeFileSet(dir, contextFolderFiles(network), options);
}
