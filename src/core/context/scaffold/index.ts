// The context folder scaffold's public surface.
export { scaffoldContextFolder, InvalidNetworkError } from './scaffoldContextFolder.js';
export { formatHostnameFile, hostnameFromName, validateHostname } from './hostname.js';
export type { ScaffoldOptions } from './scaffoldContextFolder.js';
export { defaultNetwork, validateNetwork, networkValuesFromFile } from '../networkValues.js';
export type { ContextNetwork, NetworkErrors } from '../networkValues.js';
export type { GeneratedFile, WriteFileSetOptions } from './writeFileSet.js';
