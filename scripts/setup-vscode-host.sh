#!/usr/bin/env bash
# Installs the pinned VS Code server (code-server 4.100.3 = VS Code 1.100.3, built for Node 20) into
# .vscode-host/ from test/vscode-host/package.json + package-lock.json (npm ci). Needs no network but the
# npm registry and Debian's apt; run as root on a fresh Debian machine it installs what is missing.
# Idempotent: does nothing when the installed lock file matches the committed one. ~2 min, ~300 MB.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
DIR=.vscode-host
SRC=test/vscode-host
RG_PKG=1.15.11 RG_TAG=v13.0.0-10   # @vscode/ripgrep version + rg release tag that code-server 4.100.3 pins
SERVER_MAIN="$DIR/node_modules/code-server/lib/vscode/out/server-main.js"
RG_BIN="$DIR/node_modules/code-server/lib/vscode/node_modules/@vscode/ripgrep/bin/rg"
STAMP="$DIR/.installed-lock.json"

if [ -f "$SERVER_MAIN" ] && [ -e "$RG_BIN" ] && cmp -s "$SRC/package-lock.json" "$STAMP"; then
  echo "setup-vscode-host: already installed ($DIR)"; exit 0
fi

# System packages: Chromium (driven by playwright-core), ripgrep (replaces @vscode/ripgrep's download),
# libkrb5-dev (headers for code-server's native module 'kerberos').
need=()
[ -x /usr/bin/chromium ] || need+=(chromium)
command -v rg >/dev/null || need+=(ripgrep)
[ -e /usr/include/gssapi/gssapi.h ] || need+=(libkrb5-dev)
command -v make >/dev/null && command -v g++ >/dev/null || need+=(build-essential)
command -v python3 >/dev/null || need+=(python3)
if [ ${#need[@]} -gt 0 ]; then
  echo "setup-vscode-host: apt-get install ${need[*]}"
  if [ "$(id -u)" -ne 0 ]; then echo "setup-vscode-host: need root to install ${need[*]}" >&2; exit 1; fi
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

# @vscode/ripgrep's postinstall downloads rg from GitHub (unreachable here). It first looks in
# $TMPDIR/vscode-ripgrep-cache-<pkg version>/, so seed that cache with Debian's rg in a private TMPDIR.
mkdir -p "$DIR"
export TMPDIR="$ROOT/$DIR/.tmp"
cache="$TMPDIR/vscode-ripgrep-cache-$RG_PKG"
rm -rf "$TMPDIR"; mkdir -p "$cache"
cp "$(command -v rg)" "$TMPDIR/rg"
tar czf "$cache/ripgrep-$RG_TAG-x86_64-unknown-linux-musl.tar.gz" -C "$TMPDIR" rg

cp "$SRC/package.json" "$SRC/package-lock.json" "$DIR/"
rm -f "$STAMP"
cd "$DIR"
# As root, code-server's postinstall insists on unsafe-perm; node-pty's postinstall runs `npx node-gyp` (needs yes).
export npm_config_unsafe_perm=true npm_config_yes=true
echo "setup-vscode-host: npm ci in $DIR (about 2 minutes)"
npm ci --no-audit --no-fund --loglevel=error
cd "$ROOT"
rm -rf "$TMPDIR"
[ -f "$SERVER_MAIN" ] || { echo "setup-vscode-host: $SERVER_MAIN missing after install" >&2; exit 1; }
[ -e "$RG_BIN" ] || { echo "setup-vscode-host: $RG_BIN missing after install" >&2; exit 1; }
cp "$SRC/package-lock.json" "$STAMP"
echo "setup-vscode-host: installed $(node -p "require('./$DIR/node_modules/code-server/package.json').version") into $DIR"
