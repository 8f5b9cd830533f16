// The tests' own TypeScript type-checks (vitest strips types without checking them): a helper's
// signature drifting from its callers fails here instead of going unnoticed. The packages are checked
// by their builds (tsc), which the bootstrap runs.
import { execFileSync } from 'node:child_process'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { expect, it } from 'vitest'
import { TEST_DIR } from './helpers/bundle.js'

it('tsc -p test/tsconfig.json --noEmit: no errors', () => {
  const tsc = createRequire(join(TEST_DIR, '..', 'package.json')).resolve('typescript/bin/tsc')
  let out = ''
  try {
    execFileSync(process.execPath, [tsc, '-p', join(TEST_DIR, 'tsconfig.json'), '--noEmit', '--pretty', 'false'], { encoding: 'utf8', stdio: 'pipe' })
  } catch (e: any) {
    out = `${e.stdout ?? ''}${e.stderr ?? ''}` || String(e)
  }
  expect(out).toBe('')
})
