// The .wasm handling an app configured before adding the plugin (what wasm-bindgen READMEs tell users of
// each bundler to set up) stays in place: the glue still recovers, and nothing of the user's claims the
// plugin's own modules (a webpack `asset/resource` rule once emitted our URL module as the "wasm").
import { describe, it } from 'vitest'
import { runNode, semaphore } from './helpers/bundle.js'
import { build, outDir, type BundlerName } from './helpers/build-map.js'
import { entryFor, expectRecovered } from './helpers/fixture.js'

const BUNDLERS: BundlerName[] = ['webpack', 'rspack', 'rolldown', 'esbuild', 'rollup', 'vite']
const limit = semaphore(2)
const cells = BUNDLERS.flatMap((b) => (['bundler', 'web'] as const).map((t) => [b, t] as const))

describe("the app's own .wasm handling configured too", () => {
  it.concurrent.each(cells)('%s, target %s', async (bundler, target) => {
    const { b, run } = await limit(async () => {
      const b = await build[bundler](entryFor(target), outDir('own-wasm', bundler, target), { format: 'es', platform: 'node', ownWasm: true })
      return { b, run: await runNode(b.file, 30_000) }
    })
    expectRecovered(b.warnings, run, target)
  })
})
