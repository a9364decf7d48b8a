// A libvirt domain XML template for a Snooze VM: COW disk on virtio, context CD on a bus libvirt accepts for
// cdroms, one bridged virtio NIC, serial console.
import path from 'node:path';
import { create } from 'xmlbuilder2';
import { formatUuid, isMulticastMac, normalizeMac, normalizeUuid } from '../domain/identifiers.js';

export interface TemplateInput {
  readonly name: string;
  readonly uuid: string;
  readonly mac: string;
  readonly memoryMiB: number;
  readonly vcpus: number;
  /** Absolute path of the VM's disk (as the local controllers see it). */
  readonly diskPath: string;
  /** The disk's format; 'qcow2' for a copy-on-write disk. */
  readonly diskFormat: string;
  /** Absolute path of the context ISO. */
  readonly isoPath: string;
  readonly bridge: string;
  /** Left out when absent: libvirt then picks the hypervisor's default emulator. */
  readonly emulator?: string;
  /** Default x86_64. */
  readonly arch?: string;
  /** Default q35. Decides the cdrom bus: sata on q35, ide on pc (i440fx). */
  readonly machine?: string;
}

export class TemplateInputError extends Error {
  override readonly name = 'TemplateInputError';
  constructor(readonly problems: readonly string[]) {
    super(`Cannot build the template: ${problems.join(' ')}`);
  }
}

/** libvirt refuses device='cdrom' on virtio ("does not support ejectable media"): sata for q35, ide for pc. */
export function cdromTarget(machine: string): { bus: 'sata' | 'ide'; dev: string } {
  return /q35/.test(machine) ? { bus: 'sata', dev: 'sda' } : { bus: 'ide', dev: 'hdc' };
}

function checkInput(input: TemplateInput, machine: string): { uuid: string; mac: string } {
  const problems: string[] = [];
  if (!/^[^/\s][^/\n]*$/.test(input.name) || input.name.length > 200) problems.push(`The name "${input.name}" must be non-empty, without "/" or a leading space.`);
  const uuid = normalizeUuid(input.uuid);
  if (uuid === undefined) problems.push(`"${input.uuid}" is not a UUID.`);
  const mac = normalizeMac(input.mac);
  if (mac === undefined) problems.push(`"${input.mac}" is not a MAC address.`);
  else if (isMulticastMac(mac)) problems.push(`${input.mac} is a multicast MAC; libvirt needs a unicast one.`);
  if (!Number.isInteger(input.memoryMiB) || input.memoryMiB < 1) problems.push('memoryMiB must be a positive whole number.');
  if (!Number.isInteger(input.vcpus) || input.vcpus < 1) problems.push('vcpus must be a positive whole number.');
  for (const [what, value] of [['diskPath', input.diskPath], ['isoPath', input.isoPath], ['emulator', input.emulator]] as const) {
    if (value !== undefined && !path.posix.isAbsolute(value)) problems.push(`${what} must be an absolute path, got "${value}".`);
  }
  if (!/^[a-z0-9][a-z0-9_-]*$/.test(input.diskFormat)) problems.push(`"${input.diskFormat}" is not a disk format (qcow2, raw...).`);
  // Linux interface names: at most 15 bytes, no spaces or slashes.
  if (!/^[^\s/:]{1,15}$/.test(input.bridge)) problems.push(`"${input.bridge}" is not a bridge name.`);
  if (!/^[A-Za-z0-9_.-]+$/.test(machine)) problems.push(`"${machine}" is not a machine type.`);
  if (problems.length > 0 || uuid === undefined || mac === undefined) throw new TemplateInputError(problems);
  return { uuid: formatUuid(uuid), mac };
}

export function buildTemplate(input: TemplateInput): string {
  const machine = input.machine ?? 'q35';
  const { uuid, mac } = checkInput(input, machine);
  const cdrom = cdromTarget(machine);

  const domain = create().ele('domain', { type: 'kvm' });
  domain.ele('name').txt(input.name);
  domain.ele('uuid').txt(uuid);
  domain.ele('memory', { unit: 'MiB' }).txt(String(input.memoryMiB));
  domain.ele('currentMemory', { unit: 'MiB' }).txt(String(input.memoryMiB));
  domain.ele('vcpu', { placement: 'static' }).txt(String(input.vcpus));
  const os = domain.ele('os');
  os.ele('type', { arch: input.arch ?? 'x86_64', machine }).txt('hvm');
  os.ele('boot', { dev: 'hd' });
  const features = domain.ele('features');
  features.ele('acpi');
  features.ele('apic');
  domain.ele('clock', { offset: 'utc' });
  domain.ele('on_poweroff').txt('destroy');
  domain.ele('on_reboot').txt('restart');
  domain.ele('on_crash').txt('destroy');

  const devices = domain.ele('devices');
  if (input.emulator !== undefined) devices.ele('emulator').txt(input.emulator);
  const disk = devices.ele('disk', { type: 'file', device: 'disk' });
  disk.ele('driver', { name: 'qemu', type: input.diskFormat });
  disk.ele('source', { file: input.diskPath });
  disk.ele('target', { dev: 'vda', bus: 'virtio' });
  const cd = devices.ele('disk', { type: 'file', device: 'cdrom' });
  cd.ele('driver', { name: 'qemu', type: 'raw' });
  cd.ele('source', { file: input.isoPath });
  cd.ele('target', { dev: cdrom.dev, bus: cdrom.bus });
  cd.ele('readonly');
  const nic = devices.ele('interface', { type: 'bridge' });
  nic.ele('mac', { address: mac });
  nic.ele('source', { bridge: input.bridge });
  nic.ele('model', { type: 'virtio' });
  devices.ele('serial', { type: 'pty' }).ele('target', { port: '0' });
  devices.ele('console', { type: 'pty' }).ele('target', { type: 'serial', port: '0' });

  return `${domain.end({ prettyPrint: true, headless: true })}\n`;
}
