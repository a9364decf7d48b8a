// The context folder scaffold's public surface.
export {
  scaffoldContextFolder,
  contextFolderFiles,
  InvalidHostnameError,
  InvalidNetworkError,
} from './scaffoldContextFolder.js';
export { formatHostnameFile, hostnameFromFile, hostnameFromName, validateHostname } from './hostname.js';
export type { ScaffoldOptions } from './scaffoldContextFolder.js';
export {
  defaultNetwork,
  validateNetwork,
  formatNetworkFile,
  networkValuesFromFile,
  NETWORK_KEYS,
} from '../networkValues.js';
export type { ContextNetwork, NetworkErrors } from '../networkValues.js';
export { writeFileSet } from './writeFileSet.js';
export type { GeneratedFile, WriteFileSetOptions } from './writeFileSet.js';
