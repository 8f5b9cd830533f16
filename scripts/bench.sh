#!/usr/bin/env bash
# `npm run bench`: bootstrap (pnpm, install, build), then every benchmark in one run; the table is
# printed and written to docs/benchmarks.md.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=bootstrap.sh
source "$ROOT/scripts/bootstrap.sh"
cd "$ROOT/test"
node --expose-gc bench/run.mjs
