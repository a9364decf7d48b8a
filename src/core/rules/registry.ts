import { syntaxRule, type ContextRule, type Rule, type TemplateRule, type WorkspaceRule } from './rule.js';
import { missingName } from './template/missingName.js';
import { duplicateName } from './template/duplicateName.js';
import { invalidUuid } from './template/invalidUuid.js';
import { duplicateUuid } from './template/duplicateUuid.js';
import { invalidMac } from './template/invalidMac.js';
import { duplicateMac } from './template/duplicateMac.js';
import { unknownBridge } from './template/unknownBridge.js';
import { missingBridgeSource } from './template/missingBridgeSource.js';
import { missingIso } from './template/missingIso.js';
import { notAnIso } from './template/notAnIso.js';
import { missingDiskImage } from './template/missingDiskImage.js';
import { missingBackingFile } from './template/missingBackingFile.js';
import { sharedDiskImage } from './template/sharedDiskImage.js';
import { diskFormatMismatch } from './template/diskFormatMismatch.js';
import { cdromOnVirtio } from './template/cdromOnVirtio.js';
import { duplicateTarget } from './template/duplicateTarget.js';
import { legacyClockSync } from './template/legacyClockSync.js';
import { missingEmulator } from './template/missingEmulator.js';
import { contextCrlf } from './context/contextCrlf.js';
import { contextMissingPostInstall } from './context/contextMissingPostInstall.js';
import { contextInvalidNetwork } from './context/contextInvalidNetwork.js';
import { contextRunPartsName } from './context/contextRunPartsName.js';
import { contextNotExecutable } from './context/contextNotExecutable.js';
import { isoStale } from './template/isoStale.js';
import { macIpMismatch } from './template/macIpMismatch.js';
import { unmappedLcFolder } from './template/unmappedLcFolder.js';
import { jolietNameTooLong } from './context/jolietNameTooLong.js';
import { lcUnreachable } from './template/lcUnreachable.js';
import { lcMissingFile } from './template/lcMissingFile.js';
import { lcMissingBridge } from './template/lcMissingBridge.js';
import { lcMissingEmulator } from './template/lcMissingEmulator.js';
import { lcUnsupportedMachine } from './template/lcUnsupportedMachine.js';
import { pciAddressConflict } from './template/pciAddressConflict.js';
import { duplicateControllerIndex } from './template/duplicateControllerIndex.js';
import { bootOrderConflict } from './template/bootOrderConflict.js';
import { ideOnQ35 } from './template/ideOnQ35.js';
import { currentMemoryAboveMemory } from './template/currentMemoryAboveMemory.js';
import { schema } from './template/schema.js';

export const xmlSyntax = syntaxRule({
  id: 'xml-syntax',
  severity: 'error',
  description: 'The template is not well-formed XML.',
});

/**
 * Every rule, in the order of the README's table. Adding a rule is adding its file and one line here: the
 * build writes the README's table and the settings' list of ids from this list.
 */
export const RULES = [
  xmlSyntax,
  schema,
  missingName,
  duplicateName,
  invalidUuid,
  duplicateUuid,
  invalidMac,
  duplicateMac,
  macIpMismatch,
  unknownBridge,
  missingBridgeSource,
  unmappedLcFolder,
  missingIso,
  isoStale,
  notAnIso,
  missingDiskImage,
  missingBackingFile,
  sharedDiskImage,
  diskFormatMismatch,
  cdromOnVirtio,
  duplicateTarget,
  pciAddressConflict,
  duplicateControllerIndex,
  bootOrderConflict,
  ideOnQ35,
  currentMemoryAboveMemory,
  legacyClockSync,
  missingEmulator,
  lcUnreachable,
  lcMissingFile,
  lcMissingBridge,
  lcMissingEmulator,
  lcUnsupportedMachine,
  contextCrlf,
  contextMissingPostInstall,
  contextInvalidNetwork,
  contextRunPartsName,
  contextNotExecutable,
  jolietNameTooLong,
] as const;

/** The public rule ids: what `snooze.rules`, `--disable` and every finding name. */
export type RuleId = (typeof RULES)[number]['id'];

export const TEMPLATE_RULES = RULES.filter(
  (r): r is Extract<(typeof RULES)[number], TemplateRule> => r.scope === 'template',
);
export const WORKSPACE_RULES = RULES.filter(
  (r): r is Extract<(typeof RULES)[number], WorkspaceRule> => r.scope === 'workspace',
);
export const CONTEXT_RULES = RULES.filter(
  (r): r is Extract<(typeof RULES)[number], ContextRule> => r.scope === 'context',
);

const BY_ID: ReadonlyMap<string, Rule<RuleId>> = new Map(RULES.map((r) => [r.id, r]));

export function ruleById(id: string): Rule<RuleId> | undefined {
  return BY_ID.get(id);
}

export function isRuleId(id: string): id is RuleId {
  return BY_ID.has(id);
}
