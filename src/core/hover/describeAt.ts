import path from 'node:path';
import type { Span } from '../text/lineMap.js';
import type { TemplateDocument } from '../domain/templateDocument.js';
import { isMulticastMac, normalizeMac } from '../domain/identifiers.js';
import type { ImageFacts } from '../images/imageProbe.js';
import { ipFromMac } from '../net/ipv4.js';
import { formatBytes } from '../text/formatBytes.js';

type Template = Extract<TemplateDocument, { kind: 'template' }>;

export interface Description {
  readonly span: Span;
  /** Markdown lines. */
  readonly lines: readonly string[];
}

/**
 * What a person hovering a value wants to know: a MAC's normalised form and the IP it gives the VM; for a file
 * path, where it was looked for on this machine and what is there.
 */
export function describeAt(
  document: Template,
  offset: number,
  probeLcPath: (lcPath: string) => ImageFacts,
): Description | undefined {
  const { template } = document;
  const inside = (span: Span): boolean => span.start <= offset && offset <= span.end;
  for (const nic of template.interfaces) {
    if (!nic.mac || !inside(nic.mac.span)) continue;
    const normalized = normalizeMac(nic.mac.value);
    if (!normalized) return { span: nic.mac.span, lines: [`**MAC** \`${nic.mac.value}\`: not a valid MAC address`] };
    const ip = ipFromMac(normalized);
    return {
      span: nic.mac.span,
      lines: [
        `**MAC** \`${normalized}\` (normalised)`,
        ip
          ? `Snooze gives this VM the IP address **${ip}** (the last four octets)`
          : "Does not follow Snooze's convention: its last four octets are no usable IPv4 address, so the VM gets none from it",
        isMulticastMac(normalized) ? 'Multicast: libvirt refuses it for a NIC' : '',
      ].filter(Boolean),
    };
  }
  for (const disk of template.disks) {
    if (!disk.sourceIsFile || !disk.source || !inside(disk.source.span)) continue;
    const facts = probeLcPath(disk.source.value);
    const lines = [`**LC path** \`${disk.source.value}\``];
    if (facts.path !== disk.source.value) lines.push(`Looked for here at \`${facts.path}\` (snooze.pathMappings)`);
    lines.push(`Found: ${whatIsThere(facts, probeLcPath)}`);
    return { span: disk.source.span, lines };
  }
  return undefined;
}

function whatIsThere(facts: ImageFacts, probe: (p: string) => ImageFacts): string {
  const size = facts.sizeBytes === undefined ? '' : ` (${formatBytes(facts.sizeBytes)})`;
  switch (facts.kind) {
    case 'missing':
      return 'nothing: the file does not exist';
    case 'unreadable':
      return `a file that cannot be read (${facts.error})`;
    case 'directory':
      return 'a folder, not an image';
    case 'iso':
      return `an ISO9660 image${size}`;
    case 'raw':
      return `a raw image${size}`;
    case 'qcow2': {
      if (!facts.backingFile) return `a qcow2 image${size} with no backing file`;
      const backing = probe(
        path.isAbsolute(facts.backingFile)
          ? facts.backingFile
          : path.resolve(path.dirname(facts.path), facts.backingFile),
      );
      const state = backing.kind === 'missing' ? '**missing**' : `${backing.kind}, found at \`${backing.path}\``;
      return `a qcow2 image${size} backed by \`${facts.backingFile}\` (${state})`;
    }
  }
}
