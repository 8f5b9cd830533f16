// @cf-wasm/photon's `others` entry: the app supplies the wasm (here: Vite's URL of the package's .wasm,
// fetched), as its README says for browsers. Results go to window.__result for the test.
import { initPhoton, PhotonImage, crop } from '@cf-wasm/photon/others'
import wasmUrl from '@cf-wasm/photon/photon.wasm?url'

const out = (f) => {
  try {
    return { ok: true, value: f() }
  } catch (e) {
    return { ok: false, name: e?.name, export: e?.export, module: e?.module }
  }
}
const image = () => new PhotonImage(new Uint8Array(4 * 4 * 4).fill(120), 4, 4)

async function run() {
  await initPhoton(fetch(wasmUrl))
  const held = image()
  const r = { wasmUrl }
  r.before = out(() => crop(held, 0, 0, 2, 2).get_width())
  r.trigger = out(() => crop(held, 0, 0, 50, 50))
  r.fresh = out(() => crop(image(), 0, 0, 3, 1).get_width())
  r.stale = out(() => held.get_width())
  r.staleFree = out(() => held.free())
  return r
}
run().then(
  (r) => (window.__result = r),
  (e) => (window.__result = { error: String(e?.stack ?? e) }),
)
