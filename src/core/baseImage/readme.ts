// README.md written beside the base-image files: the operator's checklist, from base image to running VM.

export const BASE_IMAGE_README = `# Preparing a Snooze base image

A Snooze VM boots from a copy-on-write disk over a shared base image, with a small *context CD* attached.
At boot, \`snooze-context\` (in the base image) finds the CD, mounts it read-only and runs its \`post-install\`,
which gives the VM its address: the last four octets of its MAC (\`52:54:c0:a8:7a:05\` → \`192.168.122.5\`).

## 1. Copy the script into the image

Inside the base VM (as root):

    install -m 0755 snooze-context /usr/local/sbin/snooze-context

(or offline, with \`virt-customize -a base.qcow2 --upload snooze-context:/usr/local/sbin/snooze-context\`
followed by \`--chmod 0755:/usr/local/sbin/snooze-context\`).

## 2. Run it at every boot

Either the systemd unit (Debian 12, Ubuntu 22.04+, where rc.local is not enabled by default):

    install -m 0644 snooze-context.service /etc/systemd/system/snooze-context.service
    systemctl enable snooze-context.service

or rc.local, where the image uses it: install \`rc.local\` as \`/etc/rc.local\` (mode 0755), or add this line
to the existing one, before \`exit 0\`:

    /usr/local/sbin/snooze-context || true

Use one of the two, not both.

## 3. Leave the network interface unconfigured

The context CD writes the configuration at every boot. In the base image, keep only \`lo\` in
\`/etc/network/interfaces\` (Debian) and make sure it still has \`source /etc/network/interfaces.d/*\`;
on Ubuntu remove the DHCP entry for the interface from \`/etc/netplan/\` (cloud-init's
\`50-cloud-init.yaml\`). Then shut the VM down cleanly: its disk becomes the base image and must not change.

## 4. Create a copy-on-write disk per VM

    qemu-img create -f qcow2 -b /opt/cloud/base.qcow2 -F qcow2 /opt/cloud/vm1.qcow2

\`-F\` (the base image's format) is required since QEMU 7.2. A relative \`-b\` is resolved from the new
disk's folder. The editor's "Create COW disk" command does this and checks the chain.

## 5. Build the context CD

Scaffold a context folder (\`common/network\`, \`common/routes\`, \`post-install\`,
\`distributions/debian/network\`), edit \`common/network\`, then:

    genisoimage -R -J -V CONTEXT -o context.iso context

(\`xorriso -as mkisofs -R -J -V CONTEXT -o context.iso context\` builds the same CD.) Rock Ridge (\`-R\`)
keeps the scripts executable. Attach the ISO as a read-only cdrom on a SATA (q35) or IDE (pc) bus: libvirt
refuses a cdrom on virtio.

## Without a context CD

\`snooze-context\` brings the first interface in \`/sys/class/net\` (other than \`lo\`) up with DHCP: with
\`ifup\` (it writes the interface's DHCP stanza in \`/etc/network/interfaces.d\` first; ifupdown needs a DHCP
client such as \`udhcpc\` or \`isc-dhcp-client\`), else \`dhclient\`, else systemd-networkd when it is enabled.
With none of them it fails, saying so on the console.

## Host name

\`common/hostname\` on the CD (written by *New Context Folder* and *New VM Template*) names the VM:
\`snooze-context\` writes \`/etc/hostname\`, the \`127.0.1.1\` line of \`/etc/hosts\`, and sets it.

## Console markers

The scripts print fixed lines on the console (\`snooze: cd found /dev/sr0\`, \`snooze: post-install started\`,
\`snooze: post-install exit 0\`, \`snooze: nic enp1s0 192.168.122.2/24 gateway 192.168.122.1\`,
\`snooze: cd none\`, \`snooze: dhcp enp1s0 via ifupdown\`, \`snooze: dhcp enp1s0 up|failed\`); with
\`console=ttyS0\` on the kernel command line they reach the serial console, where *Test-Boot Template* reads them.

## Testing the scripts

Every path the scripts touch can be redirected (see the comments at the top of each script):
\`SNOOZE_ROOT\` (a fake root folder), \`SNOOZE_SYS_CLASS_NET\`, \`SNOOZE_CD_DEVICES\`, \`SNOOZE_CD_WAIT\`,
\`SNOOZE_MOUNT_POINT\`, \`SNOOZE_MOUNT_CMD\`, \`SNOOZE_UMOUNT_CMD\` and \`SNOOZE_APPLY\` (\`no\` writes files
only; the default when \`SNOOZE_ROOT\` is set).
`;
