// Base image preparation's public surface.
export { prepareBaseImage } from './prepareBaseImage.js';
export type { BootSummary, ConsoleMarker } from './markers.js';
