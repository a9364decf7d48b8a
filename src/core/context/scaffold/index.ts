// The context folder scaffold's public surface.
export { scaffoldContextFolder, contextFolderFiles, InvalidNetworkError } from './scaffoldContextFolder.js';
export type { ScaffoldOptions } from './scaffoldContextFolder.js';
export { defaultNetwork, validateNetwork, formatNetworkFile, networkValuesFromFile, NETWORK_KEYS } from '../networkValues.js';
export type { ContextNetwork, NetworkErrors } from '../networkValues.js';
export { writeFileSet } from './writeFileSet.js';
export type { GeneratedFile, WriteFileSetOptions } from './writeFileSet.js';
