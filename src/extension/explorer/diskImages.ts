// The disk images the explorer lists: image files in the workspace, and the images templates use (their LC
// paths mapped to local ones with the snooze.pathMappings of each template's folder). Each is sniffed from its header (probeImage reads a
// few bytes), never by running qemu-img, so a refresh stays cheap over hundreds of images.
import path from 'node:path';
import { isIsoDisk } from '../../core/domain/domainTemplate.js';
import type { TemplateDocument } from '../../core/domain/templateDocument.js';
import { probeImage } from '../../core/images/imageProbe.js';
import { mapLcPath, type PathMapping } from '../../core/settings/settings.js';
import type { ImageNode } from './nodes.js';

/** qemu refuses deeper chains long before this; the limit only guards against loops we did not detect. */
const MAX_CHAIN = 16;

interface Reference {
  readonly templates: string[];
  readonly lcPath: string;
}

/** Local image path → the templates naming it (their writable and read-only disks, not their CDs). */
export function referencedImages(
  documents: Iterable<TemplateDocument>,
  mappingsOf: (file: string) => readonly PathMapping[],
): Map<string, Reference> {
  const refs = new Map<string, Reference>();
  for (const doc of documents) {
    if (doc.kind !== 'template') continue;
    for (const disk of doc.template.disks) {
      if (!disk.sourceIsFile || !disk.source || isIsoDisk(disk) || !path.posix.isAbsolute(disk.source.value)) continue;
      const local = mapLcPath(disk.source.value, mappingsOf(doc.file));
      const ref = refs.get(local) ?? { templates: [], lcPath: disk.source.value };
      if (!ref.templates.includes(doc.file)) ref.templates.push(doc.file);
      refs.set(local, ref);
    }
  }
  return refs;
}

/** One image and its backing chain, each base a child node. */
export function imageNode(file: string, depth = 0, reference?: Reference, seen = new Set<string>()): ImageNode {
  const facts = probeImage(file);
  seen.add(file);
  const backing = facts.backingPath ? probeImage(facts.backingPath) : undefined;
  const backingMissing = backing?.kind === 'missing';
  const chain =
    facts.backingPath && !backingMissing && !seen.has(facts.backingPath) && depth < MAX_CHAIN
      ? [imageNode(facts.backingPath, depth + 1, undefined, seen)]
      : [];
  return {
    kind: 'image',
    path: file,
    format: facts.kind,
    ...(facts.backingFile ? { backingFile: facts.backingFile } : {}),
    ...(facts.backingPath ? { backingPath: facts.backingPath } : {}),
    backingMissing,
    depth,
    referencedBy: reference?.templates ?? [],
    ...(reference ? { lcPath: reference.lcPath } : {}),
    chain,
  };
}

export function imageNodes(workspaceImages: readonly string[], references: Map<string, Reference>): ImageNode[] {
  const all = new Set([...workspaceImages, ...references.keys()]);
  return [...all].sort((a, b) => a.localeCompare(b)).map((file) => imageNode(file, 0, references.get(file)));
}
