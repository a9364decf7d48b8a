// The base image's boot script: find the context CD, mount it, run post-install; DHCP when there is none.
// Bash, LF line endings, installed with mode 0755. Edit here: this string is the script.

export const SNOOZE_CONTEXT_SCRIPT = `#!/bin/bash
# Snooze contextualization, installed in the base image as /usr/local/sbin/snooze-context and run as root
# at every boot (systemd unit or rc.local). It looks for the context CD, mounts it read-only and runs its
# post-install. Without a CD the VM still gets a network: DHCP on its first interface.
# Lines starting with "snooze: " are markers in a fixed format, read from the serial console by Test-Boot
# and the guest tests: "cd found DEVICE", "cd none", "hostname NAME", "post-install started",
# "post-install exit STATUS", "dhcp IFACE via ifupdown|dhclient|networkd", "dhcp IFACE up", "dhcp IFACE failed".
#
# Environment (optional; the defaults are for a real boot, the others let tests use a fake root):
#   SNOOZE_CD_DEVICES     devices to try, in order; set but empty: none (default: /dev/hdb /dev/sdb /dev/vdb
#                         /dev/xvdb /dev/sr0)
#   SNOOZE_CD_WAIT        seconds to wait for a CD device to appear (default: 10)
#   SNOOZE_MOUNT_POINT    where to mount the CD (default: /run/snooze-context)
#   SNOOZE_MOUNT_CMD      program run as: CMD -t iso9660 -o ro DEVICE MOUNT_POINT (default: mount)
#   SNOOZE_UMOUNT_CMD     program run as: CMD MOUNT_POINT (default: umount)
#   SNOOZE_ROOT           prefix of the system to configure, passed on to the CD's scripts (default: empty)
#   SNOOZE_SYS_CLASS_NET  where interfaces are listed (default: $SNOOZE_ROOT/sys/class/net)
#   SNOOZE_APPLY          yes: bring the network up; no: only report (default: yes, but no with SNOOZE_ROOT)
set -u
export LC_ALL=C

ROOT="\${SNOOZE_ROOT:-}"
DEVICES="\${SNOOZE_CD_DEVICES-/dev/hdb /dev/sdb /dev/vdb /dev/xvdb /dev/sr0}"
WAIT="\${SNOOZE_CD_WAIT:-10}"
MOUNT_POINT="\${SNOOZE_MOUNT_POINT:-/run/snooze-context}"
MOUNT_CMD="\${SNOOZE_MOUNT_CMD:-mount}"
UMOUNT_CMD="\${SNOOZE_UMOUNT_CMD:-umount}"
SYS_NET="\${SNOOZE_SYS_CLASS_NET:-$ROOT/sys/class/net}"
if [ -n "$ROOT" ]; then APPLY="\${SNOOZE_APPLY:-no}"; else APPLY="\${SNOOZE_APPLY:-yes}"; fi

say() { echo "snooze-context: $*"; }
marker() { echo "snooze: $*"; }
fail() { echo "snooze-context: $*" >&2; exit 1; }

if [ -z "$ROOT" ] && [ "$(id -u)" -ne 0 ]; then fail "must run as root"; fi
mkdir -p "$MOUNT_POINT" || fail "cannot create $MOUNT_POINT"

# Mounts each candidate in turn; a CD is ours when it carries post-install (sdb or vdb may be a data disk).
try_devices() {
  local device
  for device in $DEVICES; do
    [ -e "$device" ] || continue
    "$MOUNT_CMD" -t iso9660 -o ro "$device" "$MOUNT_POINT" >/dev/null 2>&1 || continue
    if [ -f "$MOUNT_POINT/post-install" ]; then
      CD_DEVICE="$device"
      return 0
    fi
    "$UMOUNT_CMD" "$MOUNT_POINT" >/dev/null 2>&1 || true
  done
  return 1
}

# common/hostname on the CD names the VM; without it the image keeps its own name.
set_hostname() {
  local file="$MOUNT_POINT/common/hostname" name
  [ -r "$file" ] || return 0
  name="$(sed -n '/^[[:space:]]*[^#[:space:]]/{s/[[:space:]]//g;p;q}' "$file")"
  if ! [[ "$name" =~ ^[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?$ ]]; then
    say "ignoring common/hostname: \\"$name\\" is not a host name (letters, digits and inner \\"-\\", at most 63)" >&2
    return 0
  fi
  mkdir -p "$ROOT/etc"
  echo "$name" > "$ROOT/etc/hostname"
  # Debian resolves its own name through the 127.0.1.1 line of /etc/hosts.
  if [ -f "$ROOT/etc/hosts" ] && grep -q '^127\\.0\\.1\\.1[[:space:]]' "$ROOT/etc/hosts"; then
    sed -i "s/^127\\.0\\.1\\.1[[:space:]].*/127.0.1.1\\t$name/" "$ROOT/etc/hosts"
  else
    printf '127.0.1.1\\t%s\\n' "$name" >> "$ROOT/etc/hosts"
  fi
  if [ "$APPLY" = yes ]; then hostname "$name" || say "could not set the running host name to $name" >&2; fi
  marker "hostname $name"
}

run_post_install() {
  local status=0
  say "context CD found on $CD_DEVICE; running its post-install"
  marker "cd found $CD_DEVICE"
  set_hostname
  marker "post-install started"
  if [ -x "$MOUNT_POINT/post-install" ]; then
    SNOOZE_CONTEXT_DIR="$MOUNT_POINT" SNOOZE_ROOT="$ROOT" "$MOUNT_POINT/post-install" || status=$?
  else
    # A CD built without Rock Ridge loses exec bits; the script still runs through bash.
    SNOOZE_CONTEXT_DIR="$MOUNT_POINT" SNOOZE_ROOT="$ROOT" bash "$MOUNT_POINT/post-install" || status=$?
  fi
  marker "post-install exit $status"
  "$UMOUNT_CMD" "$MOUNT_POINT" >/dev/null 2>&1 || true
  [ "$status" -eq 0 ] || fail "post-install failed with status $status"
  say "post-install done"
  exit 0
}

# No CD: DHCP on the first interface other than lo, with whatever client the image has.
dhcp_fallback() {
  local dir name iface=""
  for dir in "$SYS_NET"/*; do
    name="$(basename "$dir")"
    [ "$name" != lo ] && [ -e "$dir" ] || continue
    iface="$name"
    break
  done
  [ -n "$iface" ] || fail "no context CD and no network interface in $SYS_NET"
  if [ "$APPLY" != yes ]; then
    say "no context CD; would bring $iface up with DHCP (SNOOZE_APPLY=$APPLY)"
    exit 0
  fi
  say "no context CD; bringing $iface up with DHCP"
  # ifup only knows interfaces that have a stanza, and the base image's interfaces file holds only lo:
  # give it one (rewritten at every boot without a CD, like the CD's own configuration).
  local interfaces="$ROOT/etc/network/interfaces"
  if command -v ifup >/dev/null 2>&1 && [ -f "$interfaces" ]; then
    if ! grep -Eqs "^[[:space:]]*iface[[:space:]]+$iface[[:space:]]" "$interfaces" "$ROOT/etc/network/interfaces.d/"*; then
      mkdir -p "$ROOT/etc/network/interfaces.d"
      printf '# Written at boot by snooze-context: no context CD, so DHCP.\\nauto %s\\niface %s inet dhcp\\n' "$iface" "$iface" \\
        > "$ROOT/etc/network/interfaces.d/snooze-dhcp-$iface"
    fi
    marker "dhcp $iface via ifupdown"
    if ifup "$iface"; then marker "dhcp $iface up"; exit 0; fi
  fi
  if command -v dhclient >/dev/null 2>&1; then
    marker "dhcp $iface via dhclient"
    ip link set dev "$iface" up || true
    if dhclient "$iface"; then marker "dhcp $iface up"; exit 0; fi
  fi
  # A networkd file does nothing where networkd does not run: only where it is enabled or active.
  if command -v networkctl >/dev/null 2>&1 && command -v systemctl >/dev/null 2>&1 &&
     { systemctl is-enabled --quiet systemd-networkd 2>/dev/null || systemctl is-active --quiet systemd-networkd 2>/dev/null; }; then
    mkdir -p "$ROOT/run/systemd/network"
    printf '[Match]\nName=%s\n\n[Network]\nDHCP=ipv4\n' "$iface" > "$ROOT/run/systemd/network/10-snooze-dhcp.network"
    # Before networkd runs, reload fails; networkd reads the file when it starts.
    networkctl reload >/dev/null 2>&1 || true
    marker "dhcp $iface via networkd"
    exit 0
  fi
  marker "dhcp $iface failed"
  fail "no context CD, and no DHCP client brought $iface up (tried: ifup with an ifupdown DHCP client, dhclient, systemd-networkd if enabled)"
}

deadline=$((SECONDS + WAIT))
while :; do
  if try_devices; then run_post_install; fi
  [ "$SECONDS" -lt "$deadline" ] || break
  sleep 1
done
marker "cd none"
dhcp_fallback
`;
