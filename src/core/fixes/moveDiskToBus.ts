import type { DiskDefinition } from '../domain/domainTemplate.js';
import type { TemplateDocument } from '../domain/templateDocument.js';
import type { TextEdit } from './fix.js';
import { insertAt, replaceSpan } from './templateEdits.js';

type Template = Extract<TemplateDocument, { kind: 'template' }>;

/** The target-name prefix libvirt expects on each bus (a target's name is how the guest is told to see it). */
const BUS_PREFIX = { sata: 'sd', ide: 'hd' } as const;

/** `vdb` on bus sata becomes `sdb` when free, else the first free letter. */
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

/**
 * Moves a disk to another bus: its target renamed for that bus (first free name) and `bus=` set or added.
 * Undefined for a disk without `<target dev>`.
 */
export function moveDiskToBus(
  document: Template,
  disks: readonly DiskDefinition[],
  disk: DiskDefinition,
  bus: keyof typeof BUS_PREFIX,
): { dev: string; edits: TextEdit[] } | undefined {
  const target = disk.target;
  if (!target) return undefined;
  const taken = new Set(disks.filter((d) => d !== disk && d.target).map((d) => d.target!.value));
  const dev = freeTarget(BUS_PREFIX[bus], target.value, taken);
  const busEdit = disk.targetBus
    ? replaceSpan(document, disk.targetBus.span, bus)
    : insertAt(document, target.span.end + 1, ` bus='${bus}'`);
  return { dev, edits: [replaceSpan(document, target.span, dev), busEdit] };
}
