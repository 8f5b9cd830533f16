#!/usr/bin/env bash
# Makes this checkout ready to build and test, on a machine that has only Node (>= 20.19) and npm:
#   1. makes the pnpm version pinned in package.json ("packageManager") available, installing it with
#      `npm install -g` when `pnpm` is missing or another version (falls back to a local prefix,
#      .bin-pnpm/ at the repo root, when the global install is not allowed);
#   2. installs the workspace (`pnpm install --frozen-lockfile` when pnpm-lock.yaml exists);
#   3. builds the publishable packages (packages/*, in dependency order);
#   4. makes Debian's Chromium available for the browser tests (scripts/chromium.sh: apt-get install
#      chromium when /usr/bin/chromium is missing; a failure only warns: test/browser.test.ts then
#      says what is missing).
# Every step is checked explicitly (`|| return 1`), so failures stop it even where the caller runs it
# in a condition (where `set -e` is off).
# Idempotent: a second run re-uses pnpm, and pnpm install / tsc are quick when nothing changed.
# Non-interactive (CI=true, no stdin needed). May be executed or sourced (scripts/test.sh sources it
# so that the pnpm it resolved stays first on PATH).
#
#   bash scripts/bootstrap.sh               WR_SKIP_BUILD=1 skips step 3, WR_SKIP_CHROMIUM=1 step 4
set -euo pipefail

_wr_bootstrap() {
  local root; root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
  export CI="${CI:-true}"
  export npm_config_update_notifier=false npm_config_fund=false npm_config_audit=false
  export COREPACK_ENABLE_DOWNLOAD_PROMPT=0

  local want
  want="$(node -p 'const pm = require(process.argv[1]).packageManager || ""; (pm.match(/^pnpm@([0-9][^+]*)/) || [])[1] || ""' "$root/package.json")"
  if [ -z "$want" ]; then
    echo "bootstrap: package.json has no \"packageManager\": \"pnpm@X.Y.Z\"" >&2; return 1
  fi

  # Is a `pnpm` of version $want runnable from dir $1 (or from PATH when $1 is empty)?
  _wr_pnpm_ok() {
    local exe=pnpm; [ -z "${1:-}" ] || exe="$1/pnpm"
    { [ -n "${1:-}" ] && [ -x "$exe" ]; } || { [ -z "${1:-}" ] && command -v pnpm >/dev/null 2>&1; } || return 1
    [ "$(cd / && "$exe" --version 2>/dev/null | tail -n1)" = "$want" ]
  }

  local local_prefix="$root/.bin-pnpm" gbin=""
  if _wr_pnpm_ok ""; then
    :
  elif _wr_pnpm_ok "$local_prefix/bin"; then
    export PATH="$local_prefix/bin:$PATH"
  else
    echo "bootstrap: installing pnpm@$want (found: $(cd / && pnpm --version 2>/dev/null || echo none))"
    if npm install -g --no-fund --no-audit --loglevel=error "pnpm@$want" >&2; then
      gbin="$(npm prefix -g)/bin"
    fi
    if [ -n "$gbin" ] && _wr_pnpm_ok "$gbin"; then
      export PATH="$gbin:$PATH"       # wins over any other pnpm earlier on PATH
    else
      echo "bootstrap: global install unavailable; installing pnpm@$want under $local_prefix" >&2
      npm install -g --prefix "$local_prefix" --no-fund --no-audit --loglevel=error "pnpm@$want" >&2 || return 1
      export PATH="$local_prefix/bin:$PATH"
      _wr_pnpm_ok "" || { echo "bootstrap: could not make pnpm@$want available" >&2; return 1; }
    fi
  fi
  echo "bootstrap: pnpm $(pnpm --version) ($(command -v pnpm)), node $(node --version)"

  cd "$root" || return 1
  local install=(install --reporter=append-only --config.confirm-modules-purge=false)
  if [ -f pnpm-lock.yaml ]; then install+=(--frozen-lockfile); fi
  if ! pnpm "${install[@]}" </dev/null; then
    if [ -f pnpm-lock.yaml ]; then
      echo "bootstrap: 'pnpm install --frozen-lockfile' failed; if a package.json changed, run 'pnpm install' and commit pnpm-lock.yaml" >&2
    fi
    return 1
  fi

  if [ "${WR_SKIP_BUILD:-0}" != 1 ]; then
    pnpm -r --filter "./packages/*" --reporter=append-only run build </dev/null || return 1
  fi

  if [ "${WR_SKIP_CHROMIUM:-0}" != 1 ]; then
    bash "$root/scripts/chromium.sh" </dev/null || echo "bootstrap: Chromium is not available: test/browser.test.ts will fail" >&2
  fi
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  _wr_bootstrap
else
  # sourced: run in the caller's shell (keeps PATH), but restore its working directory
  _wr_oldpwd="$PWD"; _wr_bootstrap; cd "$_wr_oldpwd"; unset _wr_oldpwd
fi
