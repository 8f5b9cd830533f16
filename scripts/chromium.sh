#!/usr/bin/env bash
# Makes Debian's Chromium available at /usr/bin/chromium for the browser tests (test/browser.test.ts):
# installs the `chromium` package with apt-get when it is missing. Idempotent: nothing happens (and
# nothing is downloaded) when /usr/bin/chromium is there. Never downloads a browser build of its own
# (no `playwright install`): the tests drive this system Chromium through playwright-core.
# Needs root (as CI runs) or sudo without a password. Non-interactive.
#
#   bash scripts/chromium.sh            CHROMIUM=/path/to/chromium overrides the expected binary
set -euo pipefail

_wr_chromium() {
  local bin="${CHROMIUM:-/usr/bin/chromium}"
  if [ -x "$bin" ]; then
    echo "chromium: $("$bin" --version 2>/dev/null | tail -n1) ($bin)"
    return 0
  fi
  if ! command -v apt-get >/dev/null 2>&1; then
    echo "chromium: $bin is missing and apt-get is not available; install Chromium and set CHROMIUM=<path>" >&2
    return 1
  fi
  local sudo=()
  if [ "$(id -u)" != 0 ]; then
    if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then sudo=(sudo -n); else
      echo "chromium: $bin is missing; run as root (or with passwordless sudo): apt-get install -y chromium" >&2
      return 1
    fi
  fi
  echo "chromium: installing Debian's chromium package (apt-get)"
  export DEBIAN_FRONTEND=noninteractive
  "${sudo[@]}" apt-get update -qq </dev/null || return 1
  "${sudo[@]}" apt-get install -y -qq --no-install-recommends chromium </dev/null >/dev/null || return 1
  if [ ! -x "$bin" ]; then
    echo "chromium: apt-get installed chromium but $bin is still missing" >&2
    return 1
  fi
  echo "chromium: $("$bin" --version 2>/dev/null | tail -n1) ($bin)"
}

_wr_chromium
