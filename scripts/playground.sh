#!/usr/bin/env bash
# `npm run playground`: makes the checkout ready (scripts/bootstrap.sh: pnpm, workspace install, package
# build) and serves the playground (playground/) with Vite's dev server.
#
#   npm run playground                       dev server on http://127.0.0.1:5173/
#   npm run playground -- preview            production build (vite build), served by `vite preview`
#   HOST=0.0.0.0 PORT=8080 npm run playground
#
# The page has three modes: / runs the packages through the wasm-recovery plugin (policy 'reinit'),
# /?policy=rollback the same under policy 'rollback', /?plugin=off the same packages' plain wasm-bindgen
# glue (excluded from the plugin), for a side-by-side comparison.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

kind=dev
if [ "${1:-}" = preview ] || [ "${1:-}" = dev ]; then kind="$1"; shift; fi

export WR_SKIP_CHROMIUM="${WR_SKIP_CHROMIUM:-1}"   # the browser is for the tests only
# shellcheck source=bootstrap.sh
source "$ROOT/scripts/bootstrap.sh"   # pnpm, pnpm install, builds packages/* (keeps pnpm on PATH)
cd "$ROOT/playground"

HOST="${HOST:-127.0.0.1}"
PORT="${PORT:-5173}"
url_host="$HOST"; [ "$HOST" = 0.0.0.0 ] && url_host=localhost
cat <<MSG

  wasm-recovery playground ($kind)
    plugin on:   http://$url_host:$PORT/
    rollback:    http://$url_host:$PORT/?policy=rollback
    plugin off:  http://$url_host:$PORT/?plugin=off
  (Ctrl-C stops it)

MSG
if [ "$kind" = preview ]; then
  pnpm exec vite build --logLevel warn </dev/null
  exec pnpm exec vite preview --host "$HOST" --port "$PORT" --strictPort "$@"
fi
exec pnpm exec vite --host "$HOST" --port "$PORT" --strictPort "$@"
