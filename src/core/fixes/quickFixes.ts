import type { Span } from '../text/lineMap.js';
import type { TemplateDocument } from '../domain/templateDocument.js';
import type { DiskDefinition, DomainTemplate, Located } from '../domain/domainTemplate.js';
import { deviceOf } from '../domain/domainTemplate.js';
import { byCloseness } from '../text/closest.js';
import { allocateMac } from '../template/allocateMac.js';
import { uniqueName } from '../template/uniqueName.js';
import { newUuid } from '../template/uuid.js';
import { normalizeMac } from '../domain/identifiers.js';
import { formatIPv4, ipFromMac, networkOf, parseIPv4 } from '../net/ipv4.js';

/** A replacement of one span of the document's text: fixes touch only the text concerned. */
export interface SpanEdit {
  readonly span: Span;
  readonly newText: string;
}

export interface QuickFix {
  readonly title: string;
  readonly edits: readonly SpanEdit[];
  readonly preferred?: boolean;
}

/** What fixes need from the workspace: the values already taken, and the bridges the LCs have. */
export interface FixInputs {
  readonly takenNames: Iterable<string>;
  readonly takenMacs: Iterable<string>;
  readonly bridges: readonly string[];
  readonly newUuid?: () => string;
}

type Template = Extract<TemplateDocument, { kind: 'template' }>;

/**
 * The fixes for the finding of `rule` at `offset`, computed on a fresh parse of the current text (never on a
 * diagnostic's possibly stale range), so every edit lands on the value it means to change.
 */
export function quickFixes(document: Template, rule: string, offset: number, inputs: FixInputs): QuickFix[] {
  const { template, text } = document;
  switch (rule) {
    case 'invalid-uuid':
    case 'duplicate-uuid':
      return template.uuid ? [{ title: 'Replace with a new random UUID', edits: [{ span: template.uuid.span, newText: (inputs.newUuid ?? newUuid)() }], preferred: true }] : [];
    case 'invalid-mac':
    case 'duplicate-mac': {
      const mac = template.interfaces.map((nic) => nic.mac).find((m): m is Located => !!m && contains(m.span, offset));
      if (!mac) return [];
      const fresh = freshMac(mac.value, inputs.takenMacs);
      return [{ title: `Use a new unique MAC ${fresh}${ipFromMac(fresh) ? ` (IP ${ipFromMac(fresh)})` : ''}`, edits: [{ span: mac.span, newText: fresh }], preferred: true }];
    }
    case 'duplicate-name': {
      if (!template.name) return [];
      const fresh = uniqueName(template.name.value, inputs.takenNames);
      return [{ title: `Rename to "${fresh}"`, edits: [{ span: template.name.span, newText: fresh }], preferred: true }];
    }
    case 'unknown-bridge': {
      const bridge = template.interfaces.map((nic) => nic.sourceBridge).find((b): b is Located => !!b && contains(b.span, offset));
      if (!bridge) return [];
      return byCloseness(bridge.value, inputs.bridges).map((name, i) => ({
        title: `Use bridge "${name}"`,
        edits: [{ span: bridge.span, newText: name }],
        preferred: i === 0,
      }));
    }
    case 'cdrom-on-virtio': {
      const disk = template.disks.find((d) => deviceOf(d) === 'cdrom' && contains(d.element.span, offset));
      return disk ? cdromFixes(text, template, disk) : [];
    }
    case 'legacy-clock-sync': {
      const sync = template.clock?.attributes.get('sync');
      if (!sync) return [];
      // With an offset already there, `sync` is just dropped (with the space before it): two offsets would not parse.
      if (template.clock!.attributes.has('offset')) {
        return [{ title: 'Remove sync= (offset is already set)', edits: [{ span: { start: withLeadingSpace(text, sync.nameSpan.start), end: sync.valueSpan.end + 1 }, newText: '' }], preferred: true }];
      }
      return [{ title: `Change sync="${sync.value}" to offset="${sync.value}"`, edits: [{ span: sync.nameSpan, newText: 'offset' }], preferred: true }];
    }
    default:
      return [];
  }
}

/**
 * A MAC free in the workspace whose IP (Snooze: the last four octets) stays in the /24 of the one it replaces,
 * so the VM stays on its network; random when the old MAC says nothing usable or that network is full.
 */
function freshMac(old: string, taken: Iterable<string>): string {
  const takenList = [...taken];
  const oldIp = parseIPv4(ipFromMac(normalizeMac(old) ?? '') ?? '');
  if (oldIp !== undefined) {
    const network = networkOf(oldIp, CLASS_C);
    try {
      return allocateMac(takenList, { network: formatIPv4(network), netmask: '255.255.255.0', gateway: formatIPv4(network + 1) });
    } catch {
      // that /24 is full: fall through to a random one
    }
  }
  return allocateMac(takenList);
}

const CLASS_C = 0xffffff00;

/** The fixes of a disk-format-mismatch finding: set the driver type to what the file is. */
export function driverTypeFix(document: Template, offset: number, actual: string): QuickFix[] {
  const disk = document.template.disks.find((d) => d.driverType && contains(d.driverType.span, offset));
  return disk ? [{ title: `Set the driver type to ${actual}`, edits: [{ span: disk.driverType!.span, newText: actual }], preferred: true }] : [];
}

/** Two ways out of libvirt's "does not support ejectable media": a read-only virtio disk, or a CD on a bus that has media. */
function cdromFixes(text: string, template: DomainTemplate, disk: DiskDefinition): QuickFix[] {
  const fixes: QuickFix[] = [];
  const target = disk.target;
  const readonlyEdit = disk.readonly ? [] : [insertChild(text, disk, '<readonly/>')];
  if (disk.device) {
    fixes.push({
      title: `Make it a read-only virtio disk (stays /dev/${target?.value ?? 'vdX'})`,
      edits: [{ span: disk.device.span, newText: 'disk' }, ...readonlyEdit],
      preferred: true,
    });
  }
  if (target) {
    const taken = new Set(template.disks.filter((d) => d !== disk && d.target).map((d) => d.target!.value));
    for (const [bus, prefix] of [['sata', 'sd'], ['ide', 'hd']] as const) {
      const dev = freeTarget(prefix, target.value, taken);
      const busEdit: SpanEdit = disk.targetBus
        ? { span: disk.targetBus.span, newText: bus }
        : { span: { start: target.span.end + 1, end: target.span.end + 1 }, newText: ` bus='${bus}'` };
      fixes.push({ title: `Move the CD to bus ${bus} (/dev/${dev})`, edits: [{ span: target.span, newText: dev }, busEdit] });
    }
  }
  return fixes;
}

/** `vdb` on bus sata becomes `sdb` when free, else the next free letter. */
function freeTarget(prefix: string, current: string, taken: ReadonlySet<string>): string {
  const letter = /[a-z]+$/.exec(current.replace(/^(vd|sd|hd|xvd)/, ''))?.[0] ?? 'b';
  const preferred = `${prefix}${letter}`;
  if (!taken.has(preferred)) return preferred;
  for (let code = 'a'.charCodeAt(0); code <= 'z'.charCodeAt(0); code++) {
    const candidate = `${prefix}${String.fromCharCode(code)}`;
    if (!taken.has(candidate)) return candidate;
  }
  return preferred;
}

/** Inserts a child element just before `</disk>`, on its own line with its siblings' indentation when the element spans lines. */
function insertChild(text: string, disk: DiskDefinition, child: string): SpanEdit {
  const closeStart = text.lastIndexOf('</', disk.element.span.end - 1);
  const lineStart = text.lastIndexOf('\n', closeStart - 1) + 1;
  const closeIndent = text.slice(lineStart, closeStart);
  if (!/^[ \t]*$/.test(closeIndent) || lineStart <= disk.element.span.start) {
    return { span: { start: closeStart, end: closeStart }, newText: child };
  }
  const sibling = disk.element.children[disk.element.children.length - 1];
  const siblingLineStart = sibling ? text.lastIndexOf('\n', sibling.span.start - 1) + 1 : lineStart;
  const siblingIndent = sibling ? text.slice(siblingLineStart, sibling.span.start) : `${closeIndent}  `;
  const indent = /^[ \t]*$/.test(siblingIndent) ? siblingIndent : `${closeIndent}  `;
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  return { span: { start: lineStart, end: lineStart }, newText: `${indent}${child}${eol}` };
}

function withLeadingSpace(text: string, start: number): number {
  let i = start;
  while (i > 0 && /[ \t]/.test(text[i - 1]!)) i--;
  return i;
}

function contains(span: Span, offset: number): boolean {
  return span.start <= offset && offset <= span.end;
}
