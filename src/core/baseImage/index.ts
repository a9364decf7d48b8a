// Base image preparation's public surface.
export { prepareBaseImage, baseImageFiles } from './prepareBaseImage.js';
export { SNOOZE_CONTEXT_SCRIPT } from './contextScript.js';
export { SNOOZE_CONTEXT_UNIT } from './systemdUnit.js';
export { RC_LOCAL, RC_LOCAL_LINE } from './rcLocal.js';
export { parseConsoleMarkers, summarizeMarkers } from './markers.js';
export type { BootSummary, ConsoleMarker } from './markers.js';
