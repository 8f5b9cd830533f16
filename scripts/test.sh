#!/usr/bin/env bash
# The whole test suite, as CI runs it (`npm test` from .ci/run):
#   bootstrap (pnpm, install, build the packages), then ONE `vitest run` from the repo root with the
#   root vitest.config.ts, the default reporter on the console plus the JSON reporter into
#   .vitest-report.json, then one closing line:
#       N passed, N failed            (", N skipped" appended only when some were skipped/todo)
# Exit status: non-zero when any test failed, a test file failed to load, vitest itself failed (e.g.
# unhandled errors), no JSON report was written, or NO test ran at all (a run without tests must not
# look green).
#
#   npm test                                    whole suite
#   npm test -- test/foo.test.ts -t 'name'      extra arguments go to `vitest run`
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

# shellcheck source=bootstrap.sh
source "$ROOT/scripts/bootstrap.sh"   # keeps the pinned pnpm first on PATH
cd "$ROOT"

REPORT="$ROOT/.vitest-report.json"
rm -f "$REPORT"

set +e
pnpm exec vitest run --config "$ROOT/vitest.config.ts" \
  --reporter=default --reporter=json --outputFile.json="$REPORT" "$@" </dev/null
rc=$?
set -e

if [ ! -s "$REPORT" ]; then
  echo "test.sh: vitest exited with $rc and wrote no JSON report (no test files found, or it failed to start)" >&2
  echo "0 passed, 0 failed"
  [ "$rc" -ne 0 ] && exit "$rc" || exit 1
fi

# Counts come from the report (jest-compatible JSON of vitest's json reporter):
#   passed  = numPassedTests
#   failed  = numFailedTests + test files that failed without any failed test in them
#             (import/collect errors, failing beforeAll: their tests never ran)
#   skipped = numPendingTests + numTodoTests
# Node prints the line and exits 0 only if nothing failed and at least one test ran.
set +e
node - "$REPORT" "$rc" <<'EOF'
const fs = require('node:fs');
const [file, rcArg] = process.argv.slice(2);
const r = JSON.parse(fs.readFileSync(file, 'utf8'));
const results = Array.isArray(r.testResults) ? r.testResults : [];
const brokenFiles = results.filter(
  (f) => f.status === 'failed' && !(f.assertionResults || []).some((a) => a.status === 'failed'),
);
for (const f of brokenFiles) {
  process.stderr.write(`test.sh: test file failed outside its tests: ${f.name}\n${(f.message || '').split('\n').slice(0, 5).join('\n')}\n`);
}
const passed = r.numPassedTests | 0;
const failed = (r.numFailedTests | 0) + brokenFiles.length;
const skipped = (r.numPendingTests | 0) + (r.numTodoTests | 0);
const rc = Number(rcArg);
let bad = failed > 0 || rc !== 0;
if (passed + failed === 0) {
  process.stderr.write('test.sh: no test ran\n');
  bad = true;
} else if (rc !== 0 && failed === 0) {
  process.stderr.write(`test.sh: vitest exited with ${rc} although no test failed (unhandled errors?)\n`);
}
process.stdout.write(`${passed} passed, ${failed} failed${skipped > 0 ? `, ${skipped} skipped` : ''}\n`);
process.exit(bad ? 1 : 0);
EOF
status=$?
set -e
exit "$status"
