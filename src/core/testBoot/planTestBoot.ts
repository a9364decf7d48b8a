// Plans a throwaway VM from a template, for Test-Boot: nothing the template points at is written. Every disk is
// used through a new overlay in a temporary folder, the context CD is a fresh ISO built into that folder, LC
// paths are mapped to this machine, a bridge this machine does not have becomes an isolated NIC, and the
// serial console goes to a file. Pure: it only says what to create; runTestBoot does it.
import path from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { buildDomainXml } from '../template/domainXmlBuilder.js';
import { mapLcPath, type PathMapping } from '../settings/settings.js';

export interface TestBootInput {
  readonly templateXml: string;
  /** The temporary folder that will hold the overlays, the ISO and the console log. */
  readonly workDir: string;
  readonly pathMappings: readonly PathMapping[];
  /** Bridges that exist on this machine. */
  readonly hostBridges: readonly string[];
  /** Where a missing bridge goes: an isolated bridge of ours, else a NIC on a dead UDP loopback link. */
  readonly isolatedBridge?: string;
  /** 'qemu' (TCG) when KVM cannot run a guest here. */
  readonly domainType: 'kvm' | 'qemu';
  /** The local context folder of the template's CD, when known: its ISO is built fresh. */
  readonly contextFolder?: string;
  /** Direct kernel boot (an image without a boot loader). */
  readonly kernelBoot?: { readonly kernel: string; readonly initrd: string; readonly cmdline: string };
  /** Run QEMU as this uid:gid and relabel nothing (qemu:///system as root): the user's files keep their owner. */
  readonly runAs?: { readonly uid: number; readonly gid: number };
  /** A suffix that makes the domain name unique. */
  readonly suffix: string;
}

export interface PlannedOverlay {
  /** The template's disk, as found here (read only, as a backing file). */
  readonly backing: string;
  readonly backingFormat: string;
  readonly overlay: string;
}

export interface TestBootPlan {
  readonly name: string;
  readonly domainXml: string;
  readonly overlays: readonly PlannedOverlay[];
  /** The fresh context ISO to build, or undefined (no CD, or the template's ISO used read-only). */
  readonly iso: { readonly contextFolder: string; readonly output: string } | undefined;
  readonly consoleLog: string;
  /** What was changed and why, for the user. */
  readonly notes: readonly string[];
  /** Why the VM cannot be booted; empty when it can. */
  readonly problems: readonly string[];
}

type Node = Record<string, unknown>;
const ARRAYS = new Set(['disk', 'interface', 'serial', 'console']);
const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  parseTagValue: false,
  parseAttributeValue: false,
  isArray: (name) => ARRAYS.has(name),
});
const asNode = (value: unknown): Node | undefined =>
  typeof value === 'object' && value !== null ? (value as Node) : undefined;

export function planTestBoot(input: TestBootInput): TestBootPlan {
  const notes: string[] = [];
  const problems: string[] = [];
  const valid = XMLValidator.validate(input.templateXml);
  if (valid !== true)
    return emptyPlan(input, [`The template is not well-formed XML: ${valid.err.msg} (line ${valid.err.line}).`]);
  let parsed: Node;
  try {
    parsed = parser.parse(input.templateXml) as Node;
  } catch (error) {
    return emptyPlan(input, [`The template is not well-formed XML: ${(error as Error).message}`]);
  }
  const domain = asNode(parsed['domain']);
  if (!domain) return emptyPlan(input, ['The file has no <domain> root.']);
  const original = typeof domain['name'] === 'string' ? domain['name'] : 'vm';
  const name = `snooze-testboot-${original.replace(/[^A-Za-z0-9_.-]/g, '-')}-${input.suffix}`;
  domain['name'] = name;
  // libvirt gives the throwaway VM its own UUID: the template's may be running elsewhere.
  delete domain['uuid'];
  if (domain['@_type'] !== input.domainType) {
    if (input.domainType === 'qemu')
      notes.push("KVM cannot run a guest here: the VM runs under TCG (type='qemu'), several times slower.");
    domain['@_type'] = input.domainType;
  }
  if (input.kernelBoot) {
    const os = asNode(domain['os']) ?? {};
    delete os['boot'];
    os['kernel'] = input.kernelBoot.kernel;
    os['initrd'] = input.kernelBoot.initrd;
    os['cmdline'] = input.kernelBoot.cmdline;
    domain['os'] = os;
  }
  const devices = asNode(domain['devices']) ?? {};
  domain['devices'] = devices;

  const overlays: PlannedOverlay[] = [];
  let iso: TestBootPlan['iso'];
  const disks = (devices['disk'] as Node[] | undefined) ?? [];
  disks.forEach((disk, index) => {
    const source = asNode(disk['source']);
    const file = typeof source?.['@_file'] === 'string' ? source['@_file'] : undefined;
    const driver = asNode(disk['driver']) ?? {};
    if (disk['@_device'] === 'cdrom') {
      const output = path.join(input.workDir, `context-${index}.iso`);
      if (input.contextFolder) {
        iso = { contextFolder: input.contextFolder, output };
        if (source) source['@_file'] = output;
        else disk['source'] = { '@_file': output };
        notes.push(`The context CD is a fresh ISO of ${input.contextFolder}, built into a temporary file.`);
      } else if (file) {
        const local = mapLcPath(file, input.pathMappings);
        if (source) source['@_file'] = local;
        disk['readonly'] = '';
        notes.push(`No context folder is linked to ${file}: its ISO ${local} is used read-only.`);
      }
      return;
    }
    if (!file) return;
    const local = mapLcPath(file, input.pathMappings);
    const overlay = path.join(input.workDir, `disk-${index}.qcow2`);
    const format = typeof driver['@_type'] === 'string' ? driver['@_type'] : 'raw';
    overlays.push({ backing: local, backingFormat: format, overlay });
    source!['@_file'] = overlay;
    driver['@_type'] = 'qcow2';
    disk['driver'] = { '@_name': 'qemu', ...driver };
    // A shareable or read-only flag belongs to the real disk; the overlay is ours alone.
    delete disk['shareable'];
  });
  if (overlays.length > 0)
    notes.push(`Every disk is used through an overlay in ${input.workDir}; the template's disks are only read.`);

  const interfaces = (devices['interface'] as Node[] | undefined) ?? [];
  devices['interface'] = interfaces.map((nic, index) => {
    const bridge = asNode(nic['source'])?.['@_bridge'];
    if (nic['@_type'] === 'bridge' && typeof bridge === 'string' && input.hostBridges.includes(bridge)) return nic;
    const what = nic['@_type'] === 'bridge' ? `bridge ${String(bridge)}` : `${String(nic['@_type'])} interface`;
    const kept: Node = {};
    for (const key of ['mac', 'model']) if (nic[key] !== undefined) kept[key] = nic[key];
    if (input.isolatedBridge) {
      notes.push(`This machine has no ${what}: the NIC is on the isolated bridge ${input.isolatedBridge} instead.`);
      return { '@_type': 'bridge', ...kept, source: { '@_bridge': input.isolatedBridge } };
    }
    notes.push(
      `This machine has no ${what}: the NIC is isolated (a UDP link to nowhere on 127.0.0.1), so the guest can reach nothing.`,
    );
    const port = 40000 + index * 2;
    return {
      '@_type': 'udp',
      ...kept,
      source: {
        '@_address': '127.0.0.1',
        '@_port': String(port),
        local: { '@_address': '127.0.0.1', '@_port': String(port + 1) },
      },
    };
  });

  const consoleLog = path.join(input.workDir, 'console.log');
  devices['serial'] = [{ '@_type': 'file', source: { '@_path': consoleLog }, target: { '@_port': '0' } }];
  devices['console'] = [
    { '@_type': 'file', source: { '@_path': consoleLog }, target: { '@_type': 'serial', '@_port': '0' } },
  ];
  delete devices['graphics'];
  if (input.runAs)
    domain['seclabel'] = {
      '@_type': 'static',
      '@_model': 'dac',
      '@_relabel': 'no',
      label: `+${input.runAs.uid}:+${input.runAs.gid}`,
    };

  const domainXml = buildDomainXml(domain);
  return { name, domainXml, overlays, iso, consoleLog, notes, problems };
}

function emptyPlan(input: TestBootInput, problems: string[]): TestBootPlan {
  return {
    name: '',
    domainXml: '',
    overlays: [],
    iso: undefined,
    consoleLog: path.join(input.workDir, 'console.log'),
    notes: [],
    problems,
  };
}
