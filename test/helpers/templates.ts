import { parseTemplateDocument } from '../../src/core/domain/templateDocument.js';
import { Linter } from '../../src/core/lint/linter.js';
import { DEFAULT_SETTINGS, type LintSettings } from '../../src/core/settings/settings.js';
import type { Finding } from '../../src/core/findings.js';
import type { Fix } from '../../src/core/fixes/fix.js';
import { LineMap } from '../../src/core/text/lineMap.js';

export interface TemplateParts {
  name?: string;
  uuid?: string;
  clock?: string;
  emulator?: string;
  devices?: string;
  /** os/type@machine (default pc). */
  machine?: string;
  /** Extra children of <os>, after <type> (boot devices). */
  os?: string;
  /** The memory lines (default <memory unit='KiB'>524288</memory>). */
  memory?: string;
}

/** A small, valid Snooze template; each part can be replaced to plant one defect. */
export function domainXml(parts: TemplateParts = {}): string {
  const name = parts.name ?? 'web1';
  return [
    `<domain type='kvm'>`,
    name === '' ? '' : `  <name>${name}</name>`,
    parts.uuid === undefined ? '' : `  <uuid>${parts.uuid}</uuid>`,
    `  ${parts.memory ?? "<memory unit='KiB'>524288</memory>"}`,
    `  <vcpu>1</vcpu>`,
    `  <os><type arch='x86_64' machine='${parts.machine ?? 'pc'}'>hvm</type>${parts.os ?? ''}</os>`,
    `  ${parts.clock ?? "<clock offset='utc'/>"}`,
    `  <devices>`,
    parts.emulator === undefined ? '' : `    <emulator>${parts.emulator}</emulator>`,
    parts.devices ?? nic('52:54:c0:a8:7a:05'),
    `  </devices>`,
    `</domain>`,
    '',
  ]
    .filter((line) => line !== '')
    .join('\n');
}

export function nic(mac: string, bridge: string | null = 'virbr0'): string {
  const source = bridge === null ? '' : `<source bridge='${bridge}'/>`;
  return `    <interface type='bridge'><mac address='${mac}'/>${source}<model type='virtio'/></interface>`;
}

export function disk(
  file: string,
  options: {
    device?: string;
    target?: string;
    bus?: string;
    driver?: string;
    readonly?: boolean;
    shareable?: boolean;
  } = {},
): string {
  const bus = options.bus === undefined ? '' : ` bus='${options.bus}'`;
  const driver = options.driver === undefined ? '' : `<driver name='qemu' type='${options.driver}'/>`;
  return `    <disk type='file' device='${options.device ?? 'disk'}'>${driver}<source file='${file}'/><target dev='${options.target ?? 'vda'}'${bus}/>${options.readonly ? '<readonly/>' : ''}${options.shareable ? '<shareable/>' : ''}</disk>`;
}

/** Lints in-memory templates as one workspace, the way the CLI lints one run. */
export function lintTexts(files: Record<string, string>, settings: Partial<LintSettings> = {}): Finding[] {
  const linter = new Linter({ ...DEFAULT_SETTINGS, ...settings }, { withFixes: true });
  const documents = Object.entries(files).map(([file, text]) => parseTemplateDocument(file, text));
  for (const document of documents) linter.index.update(document);
  return documents.flatMap((d) => linter.lintDocument(d));
}

export function byRule(findings: readonly Finding[], rule: string): Finding[] {
  return findings.filter((f) => f.rule === rule);
}

/** 1-based "line:column" of a finding, as a person reads it in the CLI output. */
export function at(finding: Finding): string {
  return `${finding.range.start.line + 1}:${finding.range.start.character + 1}`;
}

/** The fixes a finding offers (the linter of these helpers attaches them). */
export function fixesOf(finding: Finding | undefined): readonly Fix[] {
  return finding?.fixes?.() ?? [];
}

/** The text after a fix's edits, applied from the end so earlier offsets stay valid. */
export function applyFix(text: string, fix: Fix): string {
  const lines = new LineMap(text);
  const edits = [...(fix.edits ?? [])]
    .map((e) => ({ start: lines.offsetAt(e.range.start), end: lines.offsetAt(e.range.end), newText: e.newText }))
    .sort((a, b) => b.start - a.start);
  return edits.reduce((result, e) => result.slice(0, e.start) + e.newText + result.slice(e.end), text);
}
