// The template builder's public surface.
export { buildTemplate } from './buildTemplate.js';
export type { TemplateInput } from './buildTemplate.js';
export { allocateMac } from './allocateMac.js';
export type { MacNetwork } from './allocateMac.js';
export { newUuid } from './uuid.js';
export { uniqueName } from './uniqueName.js';
