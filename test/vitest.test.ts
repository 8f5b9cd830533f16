// Vitest 4.1 with the Vite adapter, as a user runs it: a child `vitest run` on test/vitest-app/ (its own
// vitest.config.mjs). CommonJS glue (automerge's nodejs build, our fixture's nodejs target) and tiktoken
// (its CommonJS loader over CommonJS glue) recover, and so do our fixture's bundler and web targets, with no
// plugin warning; in browser mode too (test/vitest-browser-app/).
import { execFile } from 'node:child_process'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { expect, it } from 'vitest'
import { TEST_DIR } from './helpers/bundle.js'

const APP = join(TEST_DIR, 'vitest-app')
const BROWSER_APP = join(TEST_DIR, 'vitest-browser-app')
const vitest = join(TEST_DIR, 'node_modules', 'vitest', 'vitest.mjs')

/** `vitest run` in an app folder, as its user runs it: exit code and output. */
async function runVitest(cwd: string): Promise<{ code: number; out: string }> {
  try {
    const r = await promisify(execFile)(process.execPath, [vitest, 'run', '--config', 'vitest.config.mjs', '--reporter=verbose'], { cwd, env: { ...process.env, CI: 'true', NO_COLOR: '1' } })
    return { code: 0, out: r.stdout + r.stderr }
  } catch (e: any) {
    return { code: e.code ?? 1, out: `${e.stdout}${e.stderr}` }
  }
}

it('a Vitest project imports CommonJS glue and recovers from its triggers', async () => {
  const { code, out } = await runVitest(APP)
  expect(code, out.slice(-3000)).toBe(0)
  expect(out).toMatch(/5 passed/)
  expect(out).not.toMatch(/WASM_RECOVERY_/)
}, 120_000)

it("Vitest's browser mode (Playwright provider, Debian's Chromium): web and bundler glue recover in the page", async () => {
  const { code, out } = await runVitest(BROWSER_APP)
  expect(code, out.slice(-3000)).toBe(0)
  expect(out).toMatch(/chromium/)
  expect(out).toMatch(/2 passed/)
  expect(out).not.toMatch(/WASM_RECOVERY_/)
}, 120_000)
