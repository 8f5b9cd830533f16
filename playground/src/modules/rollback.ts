// Policy ROLLBACK: the same packages as on.ts, each import ending in `?policy=rollback`. vite.config.ts
// gives glue whose id carries that query policy 'rollback' (and a small local plugin, policy-query.ts,
// carries the query from a bundler-target entry such as photon_rs.js to the glue it imports,
// photon_rs_bg.js). After an abort the caller still gets a WasmAbortError, but the runtime restores
// the state from just before the failed call into a fresh instance: the objects you hold stay valid.
import type { Automerge, Biome, Fixture, Modules, Photon } from './types'

export const modules: Modules = {
  mode: 'rollback',
  how:
    "The same bundler- and web-target glue as with the plugin on, imported with ?policy=rollback, for which " +
    "vite.config.ts passes wasmRecovery({ policy: (name, id) => … 'rollback' }). Before each call that follows " +
    'a change the runtime checkpoints the instance (memory, tables, globals); after an abort it puts that ' +
    'state into a fresh instance, so the Counter, PhotonImage or Automerge document you hold keeps the content it had before the failed call.',
  fixture: async () => (await import('../../../test/fixtures/wasm/abort/bundler/wr_fixture.js?policy=rollback')) as Fixture,
  photon: async () => (await import('@silvia-odwyer/photon?policy=rollback')) as Photon,
  automerge: async () => (await import('@automerge/automerge-wasm?policy=rollback')) as Automerge,
  async biome() {
    const m = (await import('@biomejs/wasm-web?policy=rollback')) as Biome
    await m.default() // the plugin supplies the .wasm (35 MB: compiled asynchronously)
    return m
  },
  worker: () => new Worker(new URL('../workers/fixture-rollback.ts', import.meta.url), { type: 'module', name: 'wr_fixture (worker, rollback)' }),
}
