// Plugin OFF: the same packages as plain wasm-bindgen output. Every import here ends in `?plugin=off`,
// which vite.config.ts passes to wasmRecovery({ exclude }): those modules are served and bundled
// untouched, exactly as in an app without the plugin.
//
// Bundler-target glue imports its .wasm as an ES module, which Vite cannot load without a wasm plugin,
// so this half uses the packages' web-target glue (`init()` fetches the .wasm next to it).
import type { Automerge, Biome, Fixture, Modules } from './types'

export const modules: Modules = {
  mode: 'off',
  how:
    'The web-target glue of the same packages, imported with ?plugin=off, which vite.config.ts excludes from ' +
    'wasmRecovery(): no rewrite, no supervisor — plain wasm-bindgen, as in an app without the plugin. ' +
    '(Bundler-target glue cannot load in Vite at all without a wasm plugin; photon ships nothing else.)',
  async fixture() {
    const m = await import('../../../test/fixtures/wasm/abort/web/wr_fixture.js?plugin=off')
    await m.default()
    return m as unknown as Fixture
  },
  async photon() {
    return (
      '@silvia-odwyer/photon ships only bundler-target glue: its photon_rs_bg.js imports photon_rs_bg.wasm ' +
      'as an ES module, which Vite cannot load without a wasm plugin. Switch the plugin on to use it.'
    )
  },
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
