// The context CD's post-install: runs distributions/<ID>/ with run-parts.
// Bash, LF line endings, installed with mode 0755. Edit here: this string is the script.

export const POST_INSTALL_SCRIPT = `#!/bin/bash
# Snooze context CD entry point, run as root at boot by the base image's snooze-context script.
# Runs the scripts of this distribution (distributions/<ID>/, ID from /etc/os-release, then ID_LIKE) in
# name order with run-parts. run-parts skips names with anything but letters, digits, "_" and "-", so
# the scripts have no extension.
#
# Environment (optional; the defaults are for a real boot):
#   SNOOZE_CONTEXT_DIR   where the context CD is mounted (default: this script's folder)
#   SNOOZE_ROOT          prefix of the system to configure (default: empty, the running system)
#   SNOOZE_DISTRIBUTION  the distributions/ folder to use (default: detected from os-release)
set -eu
export LC_ALL=C

SNOOZE_CONTEXT_DIR="\${SNOOZE_CONTEXT_DIR:-$(cd "$(dirname "$0")" && pwd)}"
SNOOZE_ROOT="\${SNOOZE_ROOT:-}"
export SNOOZE_CONTEXT_DIR SNOOZE_ROOT

# Reads one key of os-release as data (it is not sourced: nothing on the CD or in the image is executed by it).
os_release() {
  local file="$SNOOZE_ROOT/etc/os-release"
  [ -r "$file" ] || file="$SNOOZE_ROOT/usr/lib/os-release"
  [ -r "$file" ] || return 0
  sed -n "s/^$1=//p" "$file" | head -n 1 | tr -d "\\"'"
}

candidates="\${SNOOZE_DISTRIBUTION:-$(os_release ID) $(os_release ID_LIKE)}"
for distribution in $candidates; do
  dir="$SNOOZE_CONTEXT_DIR/distributions/$distribution"
  [ -d "$dir" ] || continue
  echo "snooze: running the scripts of $dir"
  if command -v run-parts >/dev/null 2>&1; then
    exec run-parts "$dir"
  fi
  # No run-parts (some minimal images): the same rules by hand.
  status=0
  for script in "$dir"/*; do
    case "$(basename "$script")" in *[!A-Za-z0-9_-]*) continue ;; esac
    if [ -f "$script" ] && [ -x "$script" ]; then "$script" || status=1; fi
  done
  exit "$status"
done
echo "snooze: the context CD has no distributions/ folder for: \${candidates:-an unknown distribution}" >&2
exit 1
`;
