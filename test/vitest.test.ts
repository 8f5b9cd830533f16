// Vitest 4.1 with the Vite adapter, as a user runs it: a child `vitest run` on test/vitest-app/ (its own
// vitest.config.mjs). CommonJS glue (automerge's nodejs build, our fixture's nodejs target) and tiktoken
// (its CommonJS loader over CommonJS glue) recover, and so do our fixture's bundler and web targets, with no plugin warning.
import { execFile } from 'node:child_process'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { expect, it } from 'vitest'
import { TEST_DIR } from './helpers/bundle.js'

const APP = join(TEST_DIR, 'vitest-app')

it('a Vitest project imports CommonJS glue and recovers from its triggers', async () => {
  const vitest = join(TEST_DIR, 'node_modules', 'vitest', 'vitest.mjs')
  let out = ''
  let code = 0
  try {
    const r = await promisify(execFile)(process.execPath, [vitest, 'run', '--config', 'vitest.config.mjs', '--reporter=verbose'], { cwd: APP, env: { ...process.env, CI: 'true', NO_COLOR: '1' } })
    out = r.stdout + r.stderr
  } catch (e: any) {
    out = `${e.stdout}${e.stderr}`
    code = e.code ?? 1
  }
  expect(code, out.slice(-3000)).toBe(0)
  expect(out).toMatch(/5 passed/)
  expect(out).not.toMatch(/WASM_RECOVERY_/)
}, 120_000)
