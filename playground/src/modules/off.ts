// Plugin OFF: the same packages as plain wasm-bindgen output. Every import here ends in `?plugin=off`,
// which vite.config.ts passes to wasmRecovery({ exclude }): those modules are served and bundled
// untouched, exactly as in an app without the plugin.
//
// Bundler-target glue imports its .wasm as an ES module, which Vite cannot load without a wasm plugin:
// this half uses the packages' web-target glue (`init()` fetches the .wasm next to it) where there is one,
// and for photon, which ships none, a plain wasm loader (plain-wasm.ts) as any wasm plugin would give it.
import type { Automerge, Biome, Fixture, Modules, Photon } from './types'

export const modules: Modules = {
  mode: 'off',
  how:
    'The web-target glue of the same packages, imported with ?plugin=off, which vite.config.ts excludes from ' +
    'wasmRecovery(): no rewrite, no supervisor — plain wasm-bindgen, as in an app without the plugin. ' +
    'Photon ships only bundler-target glue: here a plain wasm loader instantiates it, as a wasm plugin would.',
  async fixture() {
    const m = await import('../../../test/fixtures/wasm/abort/web/wr_fixture.js?plugin=off')
    await m.default()
    return m as unknown as Fixture
  },
  // bundler-target glue only: vite.config.ts gives its .wasm import a plain loader (plain-wasm.ts)
  photon: () => import('@silvia-odwyer/photon/photon_rs.js?plugin=off') as Promise<Photon>,
  async automerge() {
    // the package's `exports` map offers no web-target entry for browsers: reach the file by path
    const m = await import('../../node_modules/@automerge/automerge-wasm/web/automerge_wasm.js?plugin=off')
    await m.default()
    return m as unknown as Automerge
  },
  async biome() {
    const m = await import('@biomejs/wasm-web/biome_wasm.js?plugin=off')
    await m.default()
    return m as unknown as Biome
  },
  worker: () => new Worker(new URL('../workers/fixture-off.ts', import.meta.url), { type: 'module', name: 'wr_fixture (worker)' }),
}
