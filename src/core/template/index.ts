// The template builder's public surface.
export { buildTemplate, cdromTarget, TemplateInputError } from './buildTemplate.js';
export type { TemplateInput } from './buildTemplate.js';
export { allocateMac, SNOOZE_MAC_PREFIX } from './allocateMac.js';
export type { MacNetwork } from './allocateMac.js';
export { newUuid } from './uuid.js';
export { uniqueName } from './uniqueName.js';
