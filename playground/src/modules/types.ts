// The wasm-bindgen packages the playground drives, typed by their own .d.ts files.
export type Fixture = typeof import('../../../test/fixtures/wasm/abort/bundler/wr_fixture.js')
export type Photon = typeof import('@silvia-odwyer/photon')
export type Automerge = typeof import('@automerge/automerge-wasm')
export type Biome = typeof import('@biomejs/wasm-web')

/** One half of the page: how it gets each package. */
export interface Modules {
  mode: 'on' | 'off'
  /** What the page says about how it loads the packages. */
  how: string
  fixture(): Promise<Fixture>
  /** Resolves to a string (why not) when the package cannot load in this half. */
  photon(): Promise<Photon | string>
  automerge(): Promise<Automerge>
  biome(): Promise<Biome>
  worker(): Worker
}
