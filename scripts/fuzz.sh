#!/usr/bin/env bash
# `npm run fuzz`: the long trap-injection fuzz (test/fuzz.test.ts). Real wasm-bindgen modules (photon,
# automerge, the fixture crate's bundler and web builds) are instrumented with binaryen so that any of
# their functions can trap at its Nth entry; every run checks that the failing call gets WasmAbortError,
# that new objects then give the results of a fresh uninstrumented instance, that no dead instance is
# ever entered, and that nothing goes unhandled. Policy 'rollback' (a second bundle of each package):
# the failed call is retried on the SAME objects after the rollback, and every step must then give the
# oracle's results; aborts outside calls from the app fall back to reinit and are judged as such.
# `npm test` runs a quick subset of the same test.
#
#   FUZZ_SEED      master seed (default: random; printed, and every failure prints its own run seed)
#   FUZZ_RUNS      runs per package (default 1000)
#   FUZZ_PACKAGES  comma-separated subset of: photon, automerge, fixture, fixture-web
#   FUZZ_POLICY    comma-separated subset of: reinit, rollback (default: both)
#   FUZZ_BATCH     runs per child process (default 50); FUZZ_FROM: index of the first run
#   FUZZ_REPLAY    comma-separated run seeds to replay alone (as a failure prints them)
#
# Ends with a summary: runs, seeds, failures. Exit status: vitest's (0 when every run was right).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=bootstrap.sh
source "$root/scripts/bootstrap.sh"
cd "$root"

seed="${FUZZ_SEED:-$(node -p 'require("node:crypto").randomInt(2 ** 32)')}"
runs="${FUZZ_RUNS:-1000}"
mkdir -p test/.out/fuzz
report="$root/test/.out/fuzz/report-$seed.json"
rm -f "$report"
echo "fuzz: master seed $seed, $runs runs per package${FUZZ_PACKAGES:+ ($FUZZ_PACKAGES)}, policy ${FUZZ_POLICY:-reinit,rollback}${FUZZ_REPLAY:+, replaying run seeds $FUZZ_REPLAY}"

start=$(date +%s)
set +e
FUZZ_SEED="$seed" FUZZ_RUNS="$runs" FUZZ_REPORT="$report" pnpm exec vitest run test/fuzz.test.ts
status=$?
set -e

node - "$report" "$seed" "$(( $(date +%s) - start ))" <<'JS'
const [file, seed, secs] = process.argv.slice(2)
let r
try {
  r = JSON.parse(require('node:fs').readFileSync(file, 'utf8'))
} catch {
  console.log(`fuzz summary: no report written (seed ${seed}); see the vitest output above`)
  process.exit(0)
}
let runs = 0, fired = 0, failures = 0, wrongRuns = 0, crashes = 0
const problems = (pkg, s, policy) => {
  runs += s.runs; fired += s.fired; failures += s.problems; wrongRuns += s.wrongRuns; crashes += s.crashes
  for (const [what, n] of Object.entries(s.problemKinds ?? {})) console.log(`    ${n} × ${what}`)
  for (const p of s.problemList.slice(0, 5))
    console.log(p.seed === undefined ? `    after a batch: ${p.what}` : `    run ${p.index} (run seed ${p.seed}): ${p.what}   replay: FUZZ_PACKAGES=${pkg} FUZZ_POLICY=${policy} FUZZ_REPLAY=${p.seed} npm run fuzz`)
}
console.log(`\nfuzz summary — master seed ${r.seed}, runs ${r.from}–${r.from + r.runsPerPackage - 1} per package, ${secs} s`)
for (const [pkg, s] of Object.entries(r.packages ?? {})) {
  console.log(`  ${pkg.padEnd(12)} ${String(s.runs).padStart(5)} runs, ${s.fired} aborts injected (${s.secondTrapInFreshGeneration} with a second trap in the fresh instance), ` +
    `${s.distinctTrapFunctions} distinct trapping functions, up to ${s.wasmFramesAtTrap.max} wasm frames deep, ${s.instances} instances, ` +
    `${s.wrongRuns} runs with wrong results (${s.problems} findings), ${s.crashes} crashed children`)
  problems(pkg, s, 'reinit')
}
for (const [pkg, s] of Object.entries(r.rollback ?? {})) {
  console.log(`  ${(pkg + ' rollback').padEnd(20)} ${String(s.runs).padStart(5)} runs, ${s.fired} with a trap (${s.traps} traps), ${s.rollbacks} rollbacks ` +
    `(${s.runsWithTwoRollbacks} runs with two; median ${s.rollbackMs.median} ms, up to ${s.restoredBytes.max} bytes), ` +
    `${s.fallbackRuns} fell back to reinit ${JSON.stringify(s.fallbackReasons)}, ${s.distinctTrapFunctions} distinct trapping functions, ` +
    `${s.wrongRuns} runs with wrong results (${s.problems} findings), ${s.crashes} crashed children, ${Math.round(s.wallMs / 1000)} s`)
  if (s.fallbackRuns) console.log(`    fallbacks: ${JSON.stringify(s.fallbackSteps)}`)
  problems(pkg, s, 'rollback')
}
console.log(`  total: ${runs} runs, ${fired} runs with injected aborts, ${wrongRuns} runs with wrong results (${failures} findings), ${crashes} crashed children (master seed ${r.seed})`)
JS
exit $status
