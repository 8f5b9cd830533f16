import { execFile } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'
import { TEST_DIR } from './helpers/bundle.js'

// `npm run bench` is not part of `npm test` (minutes of timing), so a change of the runtime's entries
// once broke it unseen. Two of its sections, run as the bench runs them, keep its harness honest: the
// bundles it makes through its supervisor-observing shim, and the runtime-by-feature entries.
describe('bench harness', () => {
  it('runs its recovery and size sections and reports their rows', { timeout: 300_000 }, async () => {
    const r = await promisify(execFile)(process.execPath, ['--expose-gc', join('bench', 'run.mjs')], {
      cwd: TEST_DIR,
      env: { ...process.env, BENCH_ONLY: 'recovery,size' },
      maxBuffer: 64 << 20,
    })
    const md = readFileSync(join(TEST_DIR, '.out', 'bench', 'benchmarks.md'), 'utf8')
    expect(r.stdout).toContain('## 2. Recovery latency')
    for (const row of ['own fixture (64 KB)', 'automerge (1.8 MB)', 'tiktoken (5.6 MB)', 'biome (35 MB)'])
      expect(md).toMatch(new RegExp(`\\| ${row.replace(/[()]/g, '\\$&')} \\| [\\d.]+ MB \\| [\\d.]+ \\(`))
    expect(md).toContain('core: createSupervisor (every rewritten glue)')
    expect(md).toMatch(/\| every export \| [\d,]+ B \| [\d,]+ B \|/)
  })
})
