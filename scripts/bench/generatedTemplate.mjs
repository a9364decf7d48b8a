// The template of the benchmarks' generated workspaces (lint, extension): vm<i>, valid for libvirt's schema, with
// a UUID, a MAC and a disk of its own (an image that does not exist: one missing-disk-image finding each), its
// context CD, and a NIC on the bridge virbr0.
export function generatedTemplate(i) {
  const hex = i.toString(16).padStart(8, '0');
  const mac = `52:54:${hex.match(/../g).join(':')}`;
  return `<domain type='kvm'>
  <name>vm${i}</name>
  <uuid>${hex}-67ea-11e1-858e-00216a972a36</uuid>
  <memory unit='KiB'>524288</memory>
  <vcpu>1</vcpu>
  <os><type arch='x86_64' machine='pc'>hvm</type><boot dev='hd'/></os>
  <clock offset='utc'/>
  <on_poweroff>destroy</on_poweroff>
  <devices>
    <emulator>/usr/bin/qemu-system-x86_64</emulator>
    <disk type='file' device='disk'>
      <driver name='qemu' type='qcow2'/>
      <source file='/opt/cloud/vm${i}.qcow2'/>
      <target dev='vda' bus='virtio'/>
    </disk>
    <disk type='file' device='cdrom'>
      <driver name='qemu' type='raw'/>
      <source file='/opt/cloud/context.iso'/>
      <target dev='sdb' bus='sata'/>
      <readonly/>
    </disk>
    <interface type='bridge'>
      <mac address='${mac}'/>
      <source bridge='virbr0'/>
      <model type='virtio'/>
    </interface>
    <serial type='pty'><target port='0'/></serial>
    <console type='pty'><target type='serial' port='0'/></console>
  </devices>
</domain>
`;
}
