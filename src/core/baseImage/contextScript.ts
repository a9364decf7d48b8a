// The base image's boot script: find the context CD, mount it, run post-install; DHCP when there is none.
// Bash, LF line endings, installed with mode 0755. Edit here: this string is the script.

export const SNOOZE_CONTEXT_SCRIPT = `#!/bin/bash
# Snooze contextualization, installed in the base image as /usr/local/sbin/snooze-context and run as root
# at every boot (systemd unit or rc.local). It looks for the context CD, mounts it read-only and runs its
# post-install. Without a CD the VM still gets a network: DHCP on its first interface.
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

run_post_install() {
  local status=0
  say "context CD found on $CD_DEVICE; running its post-install"
  if [ -x "$MOUNT_POINT/post-install" ]; then
    SNOOZE_CONTEXT_DIR="$MOUNT_POINT" SNOOZE_ROOT="$ROOT" "$MOUNT_POINT/post-install" || status=$?
  else
    # A CD built without Rock Ridge loses exec bits; the script still runs through bash.
    SNOOZE_CONTEXT_DIR="$MOUNT_POINT" SNOOZE_ROOT="$ROOT" bash "$MOUNT_POINT/post-install" || status=$?
  fi
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
  if command -v ifup >/dev/null 2>&1 && ifup "$iface"; then exit 0; fi
  if command -v dhclient >/dev/null 2>&1; then
    ip link set dev "$iface" up || true
    dhclient "$iface" && exit 0
  fi
  if command -v networkctl >/dev/null 2>&1; then
    mkdir -p "$ROOT/run/systemd/network"
    printf '[Match]\\nName=%s\\n\\n[Network]\\nDHCP=ipv4\\n' "$iface" > "$ROOT/run/systemd/network/10-snooze-dhcp.network"
    # Before networkd runs, reload fails; networkd reads the file when it starts.
    networkctl reload >/dev/null 2>&1 || true
    exit 0
  fi
  fail "no DHCP client found (ifup, dhclient or networkctl)"
}

deadline=$((SECONDS + WAIT))
while :; do
  if try_devices; then run_post_install; fi
  [ "$SECONDS" -lt "$deadline" ] || break
  sleep 1
done
dhcp_fallback
`;
