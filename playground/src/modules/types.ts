// The wasm-bindgen packages the playground drives, typed by their own .d.ts files.
export type Fixture = typeof import('../../../test/fixtures/wasm/abort/bundler/wr_fixture.js')
export type Photon = typeof import('@silvia-odwyer/photon')
export type Automerge = typeof import('@automerge/automerge-wasm')
export type Biome = typeof import('@biomejs/wasm-web')

/**
 * The page's modes: `on` (the plugin, default policy 'reinit'), `rollback` (the plugin with policy
 * 'rollback', `?policy=rollback`), `off` (no plugin, `?plugin=off`).
 */
export type Mode = 'on' | 'off' | 'rollback'

/** One mode of the page: how it gets each package. */
export interface Modules {
  mode: Mode
  /** What the page says about how it loads the packages. */
  how: string
  fixture(): Promise<Fixture>
  /** Resolves to a string (why not) when the package cannot load in this half. */
  photon(): Promise<Photon | string>
  automerge(): Promise<Automerge>
  biome(): Promise<Biome>
  worker(): Worker
}
