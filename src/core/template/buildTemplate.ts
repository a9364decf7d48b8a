// A libvirt domain XML template for a Snooze VM: COW disk on virtio, context CD on a bus libvirt accepts for
// cdroms, one bridged virtio NIC, serial console.
import path from 'node:path';
import { formatUuid, isMulticastMac, normalizeMac, normalizeUuid } from '../domain/identifiers.js';
import { buildDomainXml } from './domainXmlBuilder.js';

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
function cdromTarget(machine: string): { bus: 'sata' | 'ide'; dev: string } {
  return /q35/.test(machine) ? { bus: 'sata', dev: 'sda' } : { bus: 'ide', dev: 'hdc' };
}

function checkInput(input: TemplateInput, machine: string): { uuid: string; mac: string } {
  const problems: string[] = [];
  if (!/^[^/\s][^/\n]*$/.test(input.name) || input.name.length > 200)
    problems.push(`The name "${input.name}" must be non-empty, without "/" or a leading space.`);
  const uuid = normalizeUuid(input.uuid);
  if (uuid === undefined) problems.push(`"${input.uuid}" is not a UUID.`);
  const mac = normalizeMac(input.mac);
  if (mac === undefined) problems.push(`"${input.mac}" is not a MAC address.`);
  else if (isMulticastMac(mac)) problems.push(`${input.mac} is a multicast MAC; libvirt needs a unicast one.`);
  if (!Number.isInteger(input.memoryMiB) || input.memoryMiB < 1)
    problems.push('memoryMiB must be a positive whole number.');
  if (!Number.isInteger(input.vcpus) || input.vcpus < 1) problems.push('vcpus must be a positive whole number.');
  for (const [what, value] of [
    ['diskPath', input.diskPath],
    ['isoPath', input.isoPath],
    ['emulator', input.emulator],
  ] as const) {
    if (value !== undefined && !path.posix.isAbsolute(value))
      problems.push(`${what} must be an absolute path, got "${value}".`);
  }
  if (!/^[a-z0-9][a-z0-9_-]*$/.test(input.diskFormat))
    problems.push(`"${input.diskFormat}" is not a disk format (qcow2, raw...).`);
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
  const devices: Record<string, unknown> = {};
  if (input.emulator !== undefined) devices['emulator'] = input.emulator;
  Object.assign(devices, {
    disk: [
      {
        '@_type': 'file',
        '@_device': 'disk',
        driver: { '@_name': 'qemu', '@_type': input.diskFormat },
        source: { '@_file': input.diskPath },
        target: { '@_dev': 'vda', '@_bus': 'virtio' },
      },
      {
        '@_type': 'file',
        '@_device': 'cdrom',
        driver: { '@_name': 'qemu', '@_type': 'raw' },
        source: { '@_file': input.isoPath },
        target: { '@_dev': cdrom.dev, '@_bus': cdrom.bus },
        readonly: '',
      },
    ],
    interface: {
      '@_type': 'bridge',
      mac: { '@_address': mac },
      source: { '@_bridge': input.bridge },
      model: { '@_type': 'virtio' },
    },
    serial: { '@_type': 'pty', target: { '@_port': '0' } },
    console: { '@_type': 'pty', target: { '@_type': 'serial', '@_port': '0' } },
  });
  const domain = {
    '@_type': 'kvm',
    name: input.name,
    uuid,
    memory: { '@_unit': 'MiB', '#text': String(input.memoryMiB) },
    currentMemory: { '@_unit': 'MiB', '#text': String(input.memoryMiB) },
    vcpu: { '@_placement': 'static', '#text': String(input.vcpus) },
    os: { type: { '@_arch': input.arch ?? 'x86_64', '@_machine': machine, '#text': 'hvm' }, boot: { '@_dev': 'hd' } },
    features: { acpi: '', apic: '' },
    clock: { '@_offset': 'utc' },
    on_poweroff: 'destroy',
    on_reboot: 'restart',
    on_crash: 'destroy',
    devices,
  };
  return buildDomainXml(domain);
}
