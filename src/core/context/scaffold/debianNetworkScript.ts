// distributions/debian/network: the static address from the MAC, for Debian (ifupdown) and Ubuntu (netplan).
// Bash, LF line endings, installed with mode 0755. Edit here: this string is the script.

export const DEBIAN_NETWORK_SCRIPT = `#!/bin/bash
# Gives this VM its static IPv4 address. Snooze convention: the address is the last four octets of the
# interface's MAC (52:54:c0:a8:7a:05 -> 192.168.122.5). Gateway, netmask and DNS come from common/network
# on the context CD, extra routes from common/routes.
# Debian (ifupdown: /etc/network/interfaces.d) and Ubuntu (netplan); interfaces are read from
# /sys/class/net and addresses set with ip(8), so no ifconfig is needed.
#
# Environment (optional; the defaults are for a real boot, the others let tests use a fake root):
#   SNOOZE_ROOT             prefix of the system to configure (default: empty, the running system)
#   SNOOZE_CONTEXT_DIR      where the context CD is mounted (default: two folders above this script)
#   SNOOZE_SYS_CLASS_NET    where interfaces are listed (default: $SNOOZE_ROOT/sys/class/net)
#   SNOOZE_INTERFACE        configure this interface instead of the one whose MAC fits the network
#   SNOOZE_NETWORK_BACKEND  netplan, ifupdown or ip (default: netplan if /etc/netplan exists, else
#                           ifupdown if /etc/network/interfaces exists, else ip: configure now only)
#   SNOOZE_APPLY            yes: bring the interface up now; no: only write files
#                           (default: yes, but no when SNOOZE_ROOT is set)
set -eu
export LC_ALL=C

ROOT="\${SNOOZE_ROOT:-}"
CONTEXT_DIR="\${SNOOZE_CONTEXT_DIR:-$(cd "$(dirname "$0")/../.." && pwd)}"
SYS_NET="\${SNOOZE_SYS_CLASS_NET:-$ROOT/sys/class/net}"
if [ -n "$ROOT" ]; then APPLY="\${SNOOZE_APPLY:-no}"; else APPLY="\${SNOOZE_APPLY:-yes}"; fi

say() { echo "snooze network: $*"; }
fail() { echo "snooze network: $*" >&2; exit 1; }

# common/network holds KEY="VALUE" lines; it is read as data, never sourced.
NETWORK_FILE="$CONTEXT_DIR/common/network"
[ -r "$NETWORK_FILE" ] || fail "$NETWORK_FILE is missing"
value() {
  sed -n "s/^[[:space:]]*$1=//p" "$NETWORK_FILE" | tail -n 1 |
    sed -e 's/[[:space:]]*$//' -e 's/^"\\(.*\\)"$/\\1/' -e "s/^'\\(.*\\)'\\$/\\1/"
}

is_ipv4() {
  [[ "$1" =~ ^[0-9]{1,3}\\.[0-9]{1,3}\\.[0-9]{1,3}\\.[0-9]{1,3}$ ]] || return 1
  local IFS=. octet
  for octet in $1; do [ "$((10#$octet))" -le 255 ] || return 1; done
}

# 10# keeps octets such as 08 decimal.
to_int() {
  local IFS=.
  set -- $1
  echo $(( (10#$1 << 24) + (10#$2 << 16) + (10#$3 << 8) + 10#$4 ))
}

GATEWAY="$(value GATEWAY)"
NETWORK="$(value NETWORK)"
NETMASK="$(value NETMASK)"
BROADCAST="$(value BROADCAST)"
NAMESERVER="$(value NAMESERVER | sed 's/[[:space:],][[:space:],]*/ /g')"
DOMAIN="$(value DOMAIN)"
SEARCH="$(value SEARCH | sed 's/[[:space:],][[:space:],]*/ /g')"
for key in GATEWAY NETWORK NETMASK; do
  is_ipv4 "\${!key}" || fail "$key=\\"\${!key}\\" in common/network is not an IPv4 address"
done
[ -z "$BROADCAST" ] || is_ipv4 "$BROADCAST" || fail "BROADCAST=\\"$BROADCAST\\" in common/network is not an IPv4 address"

MASK=$(to_int "$NETMASK")
PREFIX=0
while [ "$PREFIX" -lt 32 ] && [ $(( (MASK >> (31 - PREFIX)) & 1 )) -eq 1 ]; do PREFIX=$((PREFIX + 1)); done
[ $(( (MASK << PREFIX) & 0xffffffff )) -eq 0 ] || fail "NETMASK $NETMASK is not contiguous"
NET=$(( $(to_int "$NETWORK") & MASK ))

in_network() { [ $(( $(to_int "$1") & MASK )) -eq "$NET" ]; }

is_cidr() {
  local address="\${1%/*}" bits="\${1#*/}"
  [ "$address" != "$1" ] && [[ "$bits" =~ ^[0-9]{1,2}$ ]] && [ "$((10#$bits))" -le 32 ] && is_ipv4 "$address"
}

# The Snooze convention: the last four octets of the MAC, in decimal.
ip_from_mac() {
  [[ "$1" =~ ^[0-9a-fA-F]{2}(:[0-9a-fA-F]{2}){5}$ ]] || return 1
  local IFS=:
  set -- $1
  printf '%d.%d.%d.%d' "0x$3" "0x$4" "0x$5" "0x$6"
}

mac_of() { tr 'A-F' 'a-f' < "$SYS_NET/$1/address"; }

# The first interface (by name) whose MAC maps into NETWORK/NETMASK.
choose_interface() {
  local dir name ip
  for dir in "$SYS_NET"/*; do
    name="$(basename "$dir")"
    [ "$name" != lo ] && [ -r "$dir/address" ] || continue
    ip="$(ip_from_mac "$(mac_of "$name")")" || continue
    if in_network "$ip"; then echo "$name"; return 0; fi
  done
  return 1
}

if [ -n "\${SNOOZE_INTERFACE:-}" ]; then
  IFACE="$SNOOZE_INTERFACE"
  [ -r "$SYS_NET/$IFACE/address" ] || fail "interface $IFACE not found in $SYS_NET"
else
  IFACE="$(choose_interface)" || fail "no interface has a MAC whose last four octets are an address in $NETWORK/$PREFIX (see $SYS_NET/*/address)"
fi
MAC="$(mac_of "$IFACE")"
ADDRESS="$(ip_from_mac "$MAC")" || fail "$IFACE has no usable MAC ($MAC)"
in_network "$ADDRESS" || fail "$IFACE's MAC $MAC gives $ADDRESS, outside $NETWORK/$PREFIX"
in_network "$GATEWAY" || fail "GATEWAY $GATEWAY is outside $NETWORK/$PREFIX"
say "$IFACE ($MAC) gets $ADDRESS/$PREFIX, gateway $GATEWAY"

# common/routes: "DESTINATION/PREFIX via GATEWAY" per line; comments and blank lines are skipped.
ROUTES=()
ROUTES_FILE="$CONTEXT_DIR/common/routes"
if [ -r "$ROUTES_FILE" ]; then
  while read -r destination word via rest; do
    case "$destination" in ''|'#'*) continue ;; esac
    if [ "$word" = via ] && [ -z "$rest" ] && is_ipv4 "$via" && is_cidr "$destination"; then
      ROUTES+=("$destination $via")
    else
      say "ignoring route \\"$destination $word $via $rest\\": expected DESTINATION/PREFIX via GATEWAY" >&2
    fi
  done < "$ROUTES_FILE"
fi

BACKEND="\${SNOOZE_NETWORK_BACKEND:-}"
if [ -z "$BACKEND" ]; then
  if [ -d "$ROOT/etc/netplan" ]; then BACKEND=netplan
  elif [ -f "$ROOT/etc/network/interfaces" ]; then BACKEND=ifupdown
  else BACKEND=ip
  fi
fi

# Writes stdin to $1 through a temporary file, so a reader never sees half a file.
write_file() {
  mkdir -p "$(dirname "$1")"
  cat > "$1.snooze-new"
  chmod "$2" "$1.snooze-new"
  mv -f "$1.snooze-new" "$1"
  say "wrote $1"
}

SEARCH_LIST="\${SEARCH:-$DOMAIN}"
HEADER="# Written at boot by the Snooze context CD (distributions/debian/network); rewritten at every boot."

case "$BACKEND" in
  netplan)
    {
      echo "$HEADER"
      echo "network:"
      echo "  version: 2"
      echo "  ethernets:"
      echo "    $IFACE:"
      echo "      match:"
      echo "        macaddress: \\"$MAC\\""
      echo "      dhcp4: false"
      echo "      addresses: [$ADDRESS/$PREFIX]"
      echo "      routes:"
      echo "        - to: default"
      echo "          via: $GATEWAY"
      for route in \${ROUTES[@]+"\${ROUTES[@]}"}; do
        echo "        - to: \${route% *}"
        echo "          via: \${route#* }"
      done
      echo "      nameservers:"
      echo "        addresses: [$(echo $NAMESERVER | sed 's/ /, /g')]"
      [ -z "$SEARCH_LIST" ] || echo "        search: [$(echo $SEARCH_LIST | sed 's/ /, /g')]"
    } | write_file "$ROOT/etc/netplan/60-snooze-$IFACE.yaml" 600
    ;;
  ifupdown)
    interfaces="$ROOT/etc/network/interfaces"
    if grep -Eq "^[[:space:]]*iface[[:space:]]+$IFACE[[:space:]]+inet[[:space:]]" "$interfaces"; then
      say "warning: $interfaces also configures $IFACE; remove that stanza from the base image" >&2
    fi
    if ! grep -Eq '^[[:space:]]*source(-directory)?[[:space:]]+/etc/network/interfaces\\.d' "$interfaces"; then
      say "warning: $interfaces does not read /etc/network/interfaces.d; add: source /etc/network/interfaces.d/*" >&2
    fi
    {
      echo "$HEADER"
      echo "auto $IFACE"
      echo "iface $IFACE inet static"
      echo "    address $ADDRESS/$PREFIX"
      [ -z "$BROADCAST" ] || echo "    broadcast $BROADCAST"
      echo "    gateway $GATEWAY"
      for route in \${ROUTES[@]+"\${ROUTES[@]}"}; do
        echo "    up ip route replace \${route% *} via \${route#* } dev $IFACE"
      done
      echo "    dns-nameservers $NAMESERVER"
      [ -z "$SEARCH_LIST" ] || echo "    dns-search $SEARCH_LIST"
    } | write_file "$ROOT/etc/network/interfaces.d/snooze-\${IFACE//[^A-Za-z0-9_-]/-}" 644
    ;;
  ip) ;;
  *) fail "SNOOZE_NETWORK_BACKEND must be netplan, ifupdown or ip, not \\"$BACKEND\\"" ;;
esac

# With systemd-resolved or resolvconf, resolv.conf is a link they own; DNS then goes through the
# interface configuration above (netplan nameservers, ifupdown dns-* lines).
RESOLV="$ROOT/etc/resolv.conf"
if [ -L "$RESOLV" ]; then
  say "leaving $RESOLV alone: it is a link managed by the system"
else
  {
    echo "$HEADER"
    [ -z "$SEARCH_LIST" ] || echo "search $SEARCH_LIST"
    for server in $NAMESERVER; do echo "nameserver $server"; done
  } | write_file "$RESOLV" 644
fi

if [ "$APPLY" != yes ]; then
  say "not bringing $IFACE up (SNOOZE_APPLY=$APPLY)"
  exit 0
fi
case "$BACKEND" in
  netplan)
    # Early in boot networkd is not running yet and reads the generated files when it starts.
    if command -v systemctl >/dev/null 2>&1 && systemctl is-active --quiet systemd-networkd; then netplan apply; else netplan generate; fi
    ;;
  ifupdown)
    ifdown --force "$IFACE" >/dev/null 2>&1 || true
    ifup "$IFACE"
    ;;
  ip)
    ip link set dev "$IFACE" up
    ip address replace "$ADDRESS/$PREFIX" \${BROADCAST:+broadcast "$BROADCAST"} dev "$IFACE"
    ip route replace default via "$GATEWAY" dev "$IFACE"
    for route in \${ROUTES[@]+"\${ROUTES[@]}"}; do
      ip route replace "\${route% *}" via "\${route#* }" dev "$IFACE"
    done
    ;;
esac
say "$IFACE is up with $ADDRESS/$PREFIX"
# A marker in a fixed format, read from the serial console by Test-Boot and the guest tests.
echo "snooze: nic $IFACE $ADDRESS/$PREFIX gateway $GATEWAY"
`;
