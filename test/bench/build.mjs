// Build overhead: `vite build` of an app with three wasm-bindgen deps with ÷ without the plugin, and the
// transform's own time per glue file. Paired builds, order alternating, a GC before each so one build's
// garbage is not collected in the next one's time; a fresh plugin per build, as a new `vite build` has.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { build as viteBuild } from 'vite'
import viteRecovery from '@wasm-recovery/vite'
import { unplugin } from '@wasm-recovery/unplugin'
import { summary } from './measure.mjs'

export async function buildFigures({ out, deps, glues, pairs = 11 }) {
  const app = join(out, 'vite-app')
  mkdirSync(app, { recursive: true })
  writeFileSync(join(app, 'index.html'), '<script type="module" src="./main.js"></script>')
  // deps: [glue, the one export the app uses]
  writeFileSync(join(app, 'main.js'), [
    ...deps.map(([d, name], i) => `import init${i}, { ${name} as use${i} } from ${JSON.stringify(d)}`),
    `await Promise.all([${deps.map((_, i) => `init${i}()`).join(', ')}])`,
    `console.log(${deps.map((_, i) => `typeof use${i}`).join(', ')})`,
  ].join('\n'))
  const gc = globalThis.gc ?? (() => {})
  // 'cold': the plugin with its caches off (WASM_RECOVERY_CACHE=off), what a first build pays
  async function timeVite(withPlugin, cold = false) {
    gc()
    if (cold) process.env.WASM_RECOVERY_CACHE = 'off'
    const t = performance.now()
    await viteBuild({
      root: app, logLevel: 'silent', configFile: false, plugins: withPlugin ? [viteRecovery()] : [],
      build: { outDir: join(app, withPlugin ? 'dist-with' : 'dist-without'), emptyOutDir: true, target: 'esnext' },
    })
    const ms = performance.now() - t
    delete process.env.WASM_RECOVERY_CACHE
    return ms
  }
  const ms = { with: [], without: [], cold: [] }
  for (let i = 0; i < pairs + 1; i++) {
    const order = i % 2 ? ['with', 'cold', 'without'] : ['without', 'cold', 'with']
    for (const k of order) {
      const t = await timeVite(k !== 'without', k === 'cold')
      if (i > 0) ms[k].push(t) // the first round warms up
    }
  }
  const ratio = summary(ms.with.map((v, i) => v / ms.without[i]))
  const coldRatio = summary(ms.cold.map((v, i) => v / ms.without[i]))

  const plugin = unplugin.raw(undefined, { framework: 'rollup' })
  const ctx = { warn() {}, emitFile: () => 'ref' }
  // `fresh`: content never seen (a distinct trailing comment), so nothing cached by content applies;
  // `same`: the same file again, as in a rebuild or a second lookup of it
  const perKb = { fresh: [], same: [] }
  for (const g of glues) {
    const code = readFileSync(g, 'utf8')
    for (let i = 0; i < 3; i++) plugin.transform.handler.call(ctx, `${code}\n// warm-up ${i}`, g)
    plugin.transform.handler.call(ctx, code, g) // seen once: 'same' times only lookups of content seen before
    for (const kind of ['fresh', 'same']) {
      const t = performance.now()
      for (let i = 0; i < 10; i++) plugin.transform.handler.call(ctx, kind === 'fresh' ? `${code}\n// ${i} ${Math.random()}` : code, g)
      perKb[kind].push((performance.now() - t) / 10 / (code.length / 102_400))
    }
  }
  return { ratio, coldRatio, with: summary(ms.with), without: summary(ms.without), cold: summary(ms.cold), pairs, perKb: { fresh: summary(perKb.fresh), same: summary(perKb.same) }, glues: glues.length }
}
