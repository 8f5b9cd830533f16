// The .wasm handling an app configured before adding the plugin (what wasm-bindgen READMEs tell users of
// each bundler to set up) stays in place: the glue still recovers, and nothing of the user's claims the
// plugin's own modules (a webpack `asset/resource` rule once emitted our URL module as the "wasm").
import { describe, expect, it } from 'vitest'
import { runNode, semaphore } from './helpers/bundle.js'
import { build, outDir, type BundlerName } from './helpers/build-map.js'
import { entryFor } from './helpers/fixture.js'

const BUNDLERS: BundlerName[] = ['webpack', 'rspack', 'rolldown', 'esbuild', 'rollup', 'vite']
const limit = semaphore(2)
const cells = BUNDLERS.flatMap((b) => (['bundler', 'web'] as const).map((t) => [b, t] as const))

describe("the app's own .wasm handling configured too", () => {
  it.concurrent.each(cells)('%s, target %s', async (bundler, target) => {
    const { b, run } = await limit(async () => {
      const b = await build[bundler](entryFor(target), outDir('own-wasm', bundler, target), { format: 'es', platform: 'node', ownWasm: true })
      return { b, run: await runNode(b.file, 30_000) }
    })
    expect(b.warnings.filter((w) => /wasm-recovery|WASM_RECOVERY/.test(w)), 'no plugin warning').toEqual([])
    const r = run.result
    expect(r, run.stderr || run.stdout).toBeDefined()
    expect(r.error, r.error).toBeUndefined()
    expect(r.add).toEqual({ ok: true, value: 3 })
    expect(r.panicInMut).toEqual(expect.objectContaining({ ok: false, name: 'WasmAbortError', export: 'Counter.panic_in_mut' }))
    expect(r.afterPanic).toEqual({ ok: true, value: 5 })
    expect(r.stale).toEqual(expect.objectContaining({ ok: false, name: 'WasmStaleObjectError' }))
    expect(r.stats).toEqual({ generation: 2, aborts: 2, state: 'live' })
  })
})
