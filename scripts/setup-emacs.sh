#!/usr/bin/env bash
# Installs what test/debug-adapter/emacs/ needs: a terminal Emacs and dap-mode, both from Debian's packages
# (emacs-nox, elpa-dap-mode). Idempotent: when `emacs --batch` already loads dap-mode it installs nothing.
# Works unattended (CI=true, no stdin) as root; uses sudo when not root. Prints one line; apt's output goes to
# the log file named in it and its end is shown only when something failed.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
log_file="$root/test-artifacts/setup-emacs.log"
export DEBIAN_FRONTEND=noninteractive

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; else sudo -n "$@"; fi
}

# The version line of a working install, or nothing. The test's driver loads dap-mode exactly this way.
ready() {
  command -v emacs >/dev/null 2>&1 || return 1
  emacs --batch --eval "(progn (require 'dap-mode)
    (princ (format \"Emacs %s, dap-mode in %s\" emacs-version (file-name-directory (locate-library \"dap-mode\")))))" \
    2>/dev/null
}

if line="$(ready)"; then
  echo "[setup-emacs] ready: $line"
  exit 0
fi

mkdir -p "$(dirname "$log_file")"
install() { as_root apt-get install -y -q --no-install-recommends emacs-nox elpa-dap-mode; }
# A fresh machine (a CI container) has empty package lists and the install finds nothing: update once, then retry.
if ! { install || { as_root apt-get update -q && install; }; } </dev/null >"$log_file" 2>&1; then
  tail -40 "$log_file" >&2
  echo "[setup-emacs] failed to install emacs-nox and elpa-dap-mode with apt-get (log: $log_file)" >&2
  exit 1
fi
if ! line="$(ready)"; then
  echo "[setup-emacs] emacs-nox and elpa-dap-mode are installed but 'emacs --batch' does not load dap-mode (log: $log_file)" >&2
  exit 1
fi
echo "[setup-emacs] installed: $line (log: $log_file)"
