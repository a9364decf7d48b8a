// Test-Boot's public surface: plan a throwaway VM from a template, then run it and read its console.
export { planTestBoot } from './planTestBoot.js';
export type { PlannedOverlay, TestBootInput, TestBootPlan } from './planTestBoot.js';
export { runTestBoot, TestBootStartError } from './runTestBoot.js';
export type { RunTestBootOptions, TestBootResult } from './runTestBoot.js';
export { detectAcceleration } from './accel.js';
export type { Acceleration } from './accel.js';
