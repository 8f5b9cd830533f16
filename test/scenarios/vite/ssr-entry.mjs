// An SSR entry: renders a page with two wasm-bindgen modules, one of which panics on the way.
import { crop, PhotonImage } from '@silvia-odwyer/photon'
import * as fixture from '../../fixtures/wasm/abort/bundler/wr_fixture.js'
import { recoveryStats } from '@wasm-recovery/runtime'

export function render(input) {
  const img = new PhotonImage(new Uint8Array(4 * 4 * 4).fill(9), 4, 4)
  let cropError
  try {
    crop(img, 0, 0, input.cropTo, input.cropTo)
  } catch (e) {
    cropError = { name: e.name, export: e.export }
  }
  let panic
  try {
    fixture.panic_now('ssr')
  } catch (e) {
    panic = { name: e.name, panicMessage: e.panicMessage }
  }
  const fresh = new PhotonImage(new Uint8Array(4 * 4 * 4).fill(9), 4, 4)
  return {
    html: `<p>${fresh.get_width()}×${fresh.get_height()} ${fixture.greet('ssr')}</p>`,
    cropError,
    panic,
    stats: ['photon_rs', 'wr_fixture'].map((m) => recoveryStats(m)).map((s) => [s.module, s.generation, s.aborts]),
  }
}
