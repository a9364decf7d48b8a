/** libvirt's documentation of the domain XML format: one page, one section per topic. */
const FORMAT_DOMAIN_URL = 'https://libvirt.org/formatdomain.html';

/** The section of formatdomain.html that documents an element (by name; nested elements use their ancestor's). */
const SECTIONS: Readonly<Record<string, readonly [anchor: string, title: string]>> = {
  domain: ['element-and-attribute-overview', 'Element and attribute overview'],
  name: ['general-metadata', 'General metadata'],
  uuid: ['general-metadata', 'General metadata'],
  title: ['general-metadata', 'General metadata'],
  description: ['general-metadata', 'General metadata'],
  metadata: ['general-metadata', 'General metadata'],
  genid: ['general-metadata', 'General metadata'],
  os: ['operating-system-booting', 'Operating system booting'],
  bootloader: ['host-bootloader', 'Host bootloader'],
  sysinfo: ['smbios-system-information', 'SMBIOS System Information'],
  vcpu: ['cpu-allocation', 'CPU Allocation'],
  vcpus: ['cpu-allocation', 'CPU Allocation'],
  iothreads: ['iothreads-allocation', 'IOThreads Allocation'],
  cputune: ['cpu-tuning', 'CPU Tuning'],
  memory: ['memory-allocation', 'Memory Allocation'],
  currentMemory: ['memory-allocation', 'Memory Allocation'],
  maxMemory: ['memory-allocation', 'Memory Allocation'],
  memoryBacking: ['memory-backing', 'Memory Backing'],
  memtune: ['memory-tuning', 'Memory Tuning'],
  numatune: ['numa-node-tuning', 'NUMA Node Tuning'],
  blkiotune: ['block-i-o-tuning', 'Block I/O Tuning'],
  resource: ['resource-partitioning', 'Resource partitioning'],
  cpu: ['cpu-model-and-topology', 'CPU model and topology'],
  on_poweroff: ['events-configuration', 'Events configuration'],
  on_reboot: ['events-configuration', 'Events configuration'],
  on_crash: ['events-configuration', 'Events configuration'],
  on_lockfailure: ['events-configuration', 'Events configuration'],
  pm: ['power-management', 'Power Management'],
  features: ['hypervisor-features', 'Hypervisor features'],
  clock: ['time-keeping', 'Time keeping'],
  perf: ['performance-monitoring-events', 'Performance monitoring events'],
  devices: ['devices', 'Devices'],
  emulator: ['devices', 'Devices'],
  disk: ['hard-drives-floppy-disks-cdroms', 'Hard drives, floppy disks, CDROMs'],
  filesystem: ['filesystems', 'Filesystems'],
  controller: ['controllers', 'Controllers'],
  lease: ['device-leases', 'Device leases'],
  hostdev: ['host-device-assignment', 'Host device assignment'],
  redirdev: ['redirected-devices', 'Redirected devices'],
  smartcard: ['smartcard-devices', 'Smartcard devices'],
  interface: ['network-interfaces', 'Network interfaces'],
  input: ['input-devices', 'Input devices'],
  hub: ['hub-devices', 'Hub devices'],
  graphics: ['graphical-framebuffers', 'Graphical framebuffers'],
  video: ['video-devices', 'Video devices'],
  serial: ['consoles-serial-parallel-channel-devices', 'Consoles, serial, parallel & channel devices'],
  parallel: ['consoles-serial-parallel-channel-devices', 'Consoles, serial, parallel & channel devices'],
  console: ['consoles-serial-parallel-channel-devices', 'Consoles, serial, parallel & channel devices'],
  channel: ['consoles-serial-parallel-channel-devices', 'Consoles, serial, parallel & channel devices'],
  sound: ['sound-devices', 'Sound devices'],
  audio: ['audio-backends', 'Audio backends'],
  watchdog: ['watchdog-devices', 'Watchdog devices'],
  memballoon: ['memory-balloon-device', 'Memory balloon device'],
  rng: ['random-number-generator-device', 'Random number generator device'],
  tpm: ['tpm-device', 'TPM device'],
  nvram: ['nvram-device', 'NVRAM device'],
  panic: ['panic-device', 'panic device'],
  shmem: ['shared-memory-device', 'Shared memory device'],
  iommu: ['iommu-devices', 'IOMMU devices'],
  vsock: ['vsock', 'Vsock'],
  crypto: ['crypto', 'Crypto'],
  seclabel: ['security-label', 'Security label'],
  keywrap: ['key-wrap', 'Key Wrap'],
  launchSecurity: ['launch-security', 'Launch Security'],
};

/** The documentation link of an element, from the nearest documented element among it and its ancestors. */
export function docsOf(path: readonly string[]): { url: string; title: string } {
  for (let i = path.length - 1; i >= 0; i--) {
    const name = path[i]!;
    // <memory> inside <devices> is a memory device, not the domain's memory
    const section =
      name === 'memory' && path[i - 1] === 'devices' ? (['memory-devices', 'Memory devices'] as const) : SECTIONS[name];
    if (section) return { url: `${FORMAT_DOMAIN_URL}#${section[0]}`, title: section[1] };
  }
  return { url: FORMAT_DOMAIN_URL, title: 'Domain XML format' };
}
