// Plugin ON: the packages exactly as an app imports them. wasm-recovery rewrites their glue while
// Vite bundles (or serves) it; bundler-target glue needs nothing else (no wasm plugin, no init()).
import type { Biome, Modules } from './types'

export const modules: Modules = {
  mode: 'on',
  how:
    'Bundler-target glue (our fixture, photon, automerge) and web-target glue (biome) as an app imports them; ' +
    'vite.config.ts adds wasmRecovery(), which rewrites each glue module so that a trap becomes a typed error ' +
    'and the next call runs on a fresh instance of the cached WebAssembly.Module.',
  fixture: () => import('../../../test/fixtures/wasm/abort/bundler/wr_fixture.js'),
  photon: () => import('@silvia-odwyer/photon'),
  automerge: () => import('@automerge/automerge-wasm'),
  async biome() {
    const m: Biome = await import('@biomejs/wasm-web')
    await m.default() // the plugin supplies the .wasm (35 MB: compiled asynchronously)
    return m
  },
  worker: () => new Worker(new URL('../workers/fixture.ts', import.meta.url), { type: 'module', name: 'wr_fixture (worker)' }),
}
