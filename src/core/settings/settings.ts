import path from 'node:path';
import type { Severity } from '../findings.js';
import { isRuleId, type RuleId } from '../rules/registry.js';

/** 'off' switches a rule off; a severity overrides the rule's default. */
export type RuleSetting = 'off' | Severity;

/** Where a path as the local controllers see it (`from`) lives on this machine (`to`, absolute). */
export interface PathMapping {
  readonly from: string;
  readonly to: string;
}

/** The `snooze.*` settings the linter reads, shared by the editor and the CLI through .vscode/settings.json. */
export interface LintSettings {
  readonly bridges: readonly string[];
  readonly pathMappings: readonly PathMapping[];
  readonly rules: Readonly<Partial<Record<RuleId, RuleSetting>>>;
}

const DEFAULT_BRIDGES: readonly string[] = ['virbr0'];

export const DEFAULT_SETTINGS: LintSettings = { bridges: DEFAULT_BRIDGES, pathMappings: [], rules: {} };

const RULE_SETTINGS = new Set<string>(['off', 'error', 'warning', 'info']);

/**
 * Reads the snooze.* keys from a settings object (flat `"snooze.bridges"` keys, as VS Code writes them, or a
 * nested `"snooze": {...}`). Relative mapping targets are resolved against `baseDir` (the workspace folder).
 * Values of the wrong type are reported, never thrown, so one typo does not stop the linter.
 */
export function settingsFromObject(
  raw: unknown,
  baseDir: string,
): { settings: LintSettings; problems: string[]; schemaDirectory?: string } {
  const problems: string[] = [];
  const source = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const nested = (source['snooze'] && typeof source['snooze'] === 'object' ? source['snooze'] : {}) as Record<
    string,
    unknown
  >;
  const read = (key: string): unknown => (`snooze.${key}` in source ? source[`snooze.${key}`] : nested[key]);

  let bridges = DEFAULT_BRIDGES;
  const rawBridges = read('bridges');
  if (rawBridges !== undefined) {
    if (Array.isArray(rawBridges) && rawBridges.every((b) => typeof b === 'string')) bridges = rawBridges;
    else problems.push('snooze.bridges must be a list of bridge names; using ["virbr0"]');
  }

  const pathMappings: PathMapping[] = [];
  const rawMappings = read('pathMappings');
  if (rawMappings !== undefined) {
    if (rawMappings && typeof rawMappings === 'object' && !Array.isArray(rawMappings)) {
      for (const [from, to] of Object.entries(rawMappings)) {
        if (typeof to === 'string' && from.startsWith('/')) pathMappings.push({ from, to: path.resolve(baseDir, to) });
        else problems.push(`snooze.pathMappings: "${from}" must be an absolute LC path mapped to a folder name`);
      }
    } else problems.push('snooze.pathMappings must be an object such as {"/opt/cloud": "./images"}');
  }

  const rules: Partial<Record<RuleId, RuleSetting>> = {};
  const rawRules = read('rules');
  if (rawRules !== undefined) {
    if (rawRules && typeof rawRules === 'object' && !Array.isArray(rawRules)) {
      for (const [id, value] of Object.entries(rawRules)) {
        if (!isRuleId(id))
          problems.push(`snooze.rules: there is no rule "${id}" (the rule ids are listed in the README)`);
        else if (typeof value === 'string' && RULE_SETTINGS.has(value)) rules[id] = value as RuleSetting;
        else problems.push(`snooze.rules: "${id}" must be one of off, error, warning, info`);
      }
    } else problems.push('snooze.rules must be an object such as {"missing-emulator": "off"}');
  }
  // One per run (the CLI) or per window (the editor), so not a per-file LintSettings value.
  let schemaDirectory: string | undefined;
  const rawSchemas = read('schemaDirectory');
  if (typeof rawSchemas === 'string') {
    if (rawSchemas.trim() !== '') schemaDirectory = path.resolve(baseDir, rawSchemas);
  } else if (rawSchemas !== undefined) problems.push('snooze.schemaDirectory must be a folder name');
  return { settings: { bridges, pathMappings, rules }, problems, ...(schemaDirectory ? { schemaDirectory } : {}) };
}

/**
 * Maps a path as the LCs see it to where it lives here: the longest matching prefix wins, and a prefix only
 * matches whole path segments (`/opt/cloud` maps `/opt/cloud/a` but not `/opt/cloudy`). Unmapped paths stay as they are.
 */
export function mapLcPath(lcPath: string, mappings: readonly PathMapping[]): string {
  return mappings.length === 0 ? lcPath : mapRemembered(lcPath, mappings);
}

/**
 * `compute` remembered per mappings list and LC path (at most 10,000 paths each): every rule on disks and ISOs
 * asks for the same few paths, template after template.
 */
export function rememberedPerPath<T>(
  compute: (lcPath: string, mappings: readonly PathMapping[]) => T,
): (lcPath: string, mappings: readonly PathMapping[]) => T {
  const remembered = new WeakMap<readonly PathMapping[], Map<string, T>>();
  return (lcPath, mappings) => {
    let known = remembered.get(mappings);
    if (!known || known.size > 10_000) remembered.set(mappings, (known = new Map()));
    let answer = known.get(lcPath);
    if (answer === undefined) known.set(lcPath, (answer = compute(lcPath, mappings)));
    return answer;
  };
}

const mapRemembered = rememberedPerPath(mapUncached);

function mapUncached(lcPath: string, mappings: readonly PathMapping[]): string {
  let best: PathMapping | undefined;
  for (const mapping of mappings) {
    const from = mapping.from.replace(/\/+$/, '') || '/';
    const matches = lcPath === from || lcPath.startsWith(from === '/' ? '/' : `${from}/`);
    if (matches && (!best || from.length > best.from.replace(/\/+$/, '').length)) best = mapping;
  }
  if (!best) return lcPath;
  const from = best.from.replace(/\/+$/, '');
  return path.join(best.to, lcPath.slice(from.length));
}
