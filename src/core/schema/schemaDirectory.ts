import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Where libvirt's domain.rng is read from, and why that folder. */
export interface SchemaDirectory {
  readonly directory: string;
  /** `configured`: snooze.schemaDirectory or --schema-dir; `system`: the installed libvirt's; `bundled`: our copy of libvirt 9.0.0's. */
  readonly origin: 'configured' | 'system' | 'bundled';
}

/** Debian's libvirt0 installs the schemas of the libvirt the machine runs here. */
const SYSTEM_SCHEMA_DIRECTORY = '/usr/share/libvirt/schemas';

/**
 * The configured folder when given (even if it lacks domain.rng: loading then fails with a clear message rather
 * than silently validating against another libvirt), else the system's, else the copy shipped with us.
 */
export function chooseSchemaDirectory(configured?: string, system = SYSTEM_SCHEMA_DIRECTORY): SchemaDirectory {
  if (configured && configured.trim() !== '') return { directory: path.resolve(configured), origin: 'configured' };
  if (fs.existsSync(path.join(system, 'domain.rng'))) return { directory: system, origin: 'system' };
  return { directory: bundledSchemaDirectory(), origin: 'bundled' };
}

export function describeSchemaDirectory(choice: SchemaDirectory): string {
  const why = {
    configured: 'configured',
    system: "the installed libvirt's",
    bundled: "bundled copy of libvirt 9.0.0's",
  }[choice.origin];
  return `${path.join(choice.directory, 'domain.rng')} (${why})`;
}

/** A file shipped with the package (schemas/…), found upward from this module: dist/, out/src/core/schema/ or src/. */
export function packageFile(...segments: string[]): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    const candidate = path.join(dir, ...segments);
    if (fs.existsSync(candidate)) return candidate;
    dir = path.dirname(dir);
  }
  return path.join(path.dirname(fileURLToPath(import.meta.url)), '..', ...segments);
}

export function bundledSchemaDirectory(): string {
  return packageFile('schemas', 'libvirt');
}
