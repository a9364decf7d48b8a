// The POSIX sh script an LC runs (`ssh HOST sh -s`, the script on stdin): one round trip answers everything
// about one LC. Paths from templates reach it as data only: each byte is written as an octal escape (`\057`),
// so the script's text holds nothing but backslashes and digits where a path is, and printf decodes it into a
// variable that is only ever used quoted. No path is parsed by a shell on either side.
import type { LcRequest } from './whatToCheck.js';

export const PROTOCOL = 'snooze-lc 1';

/** `'\057\157\160\164'`: a single-quoted printf format that prints `s` byte for byte (UTF-8), and nothing else. */
export function octalLiteral(s: string): string {
  const bytes = Buffer.from(s, 'utf8');
  let out = "'";
  for (const byte of bytes) out += `\\${byte.toString(8).padStart(3, '0')}`;
  return `${out}'`;
}

// Functions the per-path lines call. `hex` turns anything the LC says (bridge names, backing file names,
// virsh's words) into hex digits, so a newline or a tab in a name cannot break the line-oriented reply.
const PRELUDE = String.raw`LC_ALL=C; export LC_ALL
hex() { printf '%s' "$1" | od -An -v -tx1 | tr -d ' \n'; }
state() {
  if [ -d "$1" ]; then echo folder
  elif [ -e "$1" ]; then if [ -r "$1" ]; then echo file; else echo unreadable; fi
  else echo missing; fi
}
# The backing file of a qcow2 image ("QFI\373"; offset: 8 bytes at 8, length: 4 bytes at 16, big-endian).
backing() {
  [ "$(od -An -N4 -tx1 -- "$1" 2>/dev/null | tr -d ' \n')" = 514649fb ] || return 0
  f=$1
  set -- $(od -An -j8 -N12 -tu1 -- "$f" 2>/dev/null)
  [ $# -eq 12 ] || return 0
  off=0; n=0; while [ $n -lt 8 ]; do off=$((off * 256 + $1)); shift; n=$((n + 1)); done
  len=0; n=0; while [ $n -lt 4 ]; do len=$((len * 256 + $1)); shift; n=$((n + 1)); done
  [ "$off" -gt 0 ] && [ "$len" -gt 0 ] && [ "$len" -lt 4096 ] || return 0
  dd if="$f" bs=1 skip="$off" count="$len" 2>/dev/null
}
# Follows a chain from image $2 (request path number $1); relative names resolve against the image's folder.
chain() {
  img=$2; depth=0
  while [ $depth -lt 16 ]; do
    name=$(backing "$img"; printf x); name=\${name%x}
    [ -n "$name" ] || return 0
    case $name in /*) next=$name ;; *) next=\${img%/*}/$name ;; esac
    st=$(state "$next")
    echo "backing $1 $depth $(hex "$img") $(hex "$name") $(hex "$next") $st"
    [ "$st" = file ] || return 0
    img=$next; depth=$((depth + 1))
  done
}
check_path() {
  st=$(state "$2")
  echo "path $1 $st"
  [ "$st" = file ] && chain "$1" "$2"
  return 0
}
check_emulator() {
  if [ -f "$2" ] && [ -x "$2" ]; then echo "emulator $1 yes"; else echo "emulator $1 no"; fi
}
`.replace(/\\\$\{/g, '${');

const EPILOGUE = String.raw`for d in /sys/class/net/*; do
  [ -d "$d/bridge" ] && echo "bridge $(hex "\${d##*/}")"
done
if command -v virsh >/dev/null 2>&1; then
  t=; command -v timeout >/dev/null 2>&1 && t="timeout 15"
  if caps=$($t virsh -c qemu:///system capabilities 2>&1 </dev/null); then echo "caps $(hex "$caps")"
  else echo "virsh-error $(hex "$(printf '%s\n' "$caps" | sed -n '/./h; $!d; x; p')")"; fi
else echo "virsh absent"; fi
echo end
`.replace(/\\\$\{/g, '${');

/** The whole script for one request: the same text for every LC. */
export function lcScript(request: LcRequest): string {
  const lines = [PRELUDE, `echo '${PROTOCOL}'`];
  request.paths.forEach((p, i) => lines.push(`v=$(printf ${octalLiteral(p)}; printf x); check_path ${i} "\${v%x}"`));
  request.emulators.forEach((e, i) =>
    lines.push(`v=$(printf ${octalLiteral(e)}; printf x); check_emulator ${i} "\${v%x}"`),
  );
  lines.push(EPILOGUE);
  return `${lines.join('\n')}\n`;
}
