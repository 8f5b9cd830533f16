// Old eras of the generator's output: the two-file nodejs form of CLIs up to 0.2.5x (`x.js` ends with
// `wasm = require('./x_bg')`, `x_bg.js` instantiates the .wasm with `x.js` as import module and ends with
// `module.exports = wasmInstance.exports`), written faithfully by test/helpers/two-file.ts. Bundled with
// Rollup and esbuild (CommonJS, as its users bundled it), with the plugin and without.
import { copyFileSync } from 'node:fs'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { BUNDLERS, TEST_DIR, bundle, runNode, writeEntry } from './helpers/bundle.js'
import { makeTwoFile } from './helpers/two-file.js'

let glue: string
beforeAll(() => {
  glue = makeTwoFile()
})

const entry = (name: string) =>
  writeEntry(name, `import * as m from ${JSON.stringify(glue)}\nimport run from ${JSON.stringify(join(TEST_DIR, 'scenarios', 'two-file.mjs'))}\nconsole.log('RESULT:' + JSON.stringify(run(m)))\n`)

describe.each(BUNDLERS)('two-file nodejs glue (CLI 0.2.50), %s', (bundler) => {
  it('detected, a typed abort, the next call on a fresh instance, an Error from an import unchanged', async () => {
    const b = await bundle(bundler, 'two-file', entry('two-file'), { plugin: { debug: true }, format: 'cjs' })
    expect(b.warnings.filter((w) => /WASM_RECOVERY_/.test(`${w.code} ${w.message}`))).toEqual([])
    const { result: r, stderr, code } = await runNode(b.file)
    expect(r, stderr).toBeDefined()
    expect(code).toBe(0)
    expect(r.add).toEqual({ ok: true, value: 3 })
    expect(r.bumps).toEqual({ ok: true, value: [1, 2] })
    expect(r.panic).toMatchObject({ ok: false, name: 'WasmAbortError', module: 'wr_old', export: 'panic_now', causeName: 'RuntimeError' })
    // a fresh instance: its counter starts over
    expect(r.afterPanic).toEqual({ ok: true, value: [1, 4] })
    expect(r.thrown).toMatchObject({ ok: false, name: 'Error', message: 'boom' })
    expect(r.events).toEqual(['abort:panic_now', 'reinit:'])
    expect(r.uncaught).toEqual([])
  })

  it('without the plugin: the same calls, the aborted instance carries on', async () => {
    const b = await bundle(bundler, 'two-file-plain', entry('two-file-plain'), { plugin: false, format: 'cjs' })
    // its loader reads the .wasm beside itself (`__dirname`): beside the bundle, once bundled
    copyFileSync(glue.replace(/\.js$/, '_bg.wasm'), join(b.dir, 'wr_old_bg.wasm'))
    const { result: r, stderr } = await runNode(b.file)
    expect(r, stderr).toBeDefined()
    expect(r.add).toEqual({ ok: true, value: 3 })
    expect(r.panic).toMatchObject({ ok: false, name: 'RuntimeError' })
    expect(r.afterPanic).toEqual({ ok: true, value: [3, 4] })
    expect(r.thrown).toMatchObject({ ok: false, name: 'Error', message: 'boom' })
  })
})
