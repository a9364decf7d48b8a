// Fresh domain UUIDs (version 4, 8-4-4-4-12 lowercase, as libvirt prints them).
import { randomUUID } from 'node:crypto';

export function newUuid(): string {
  return randomUUID();
}
