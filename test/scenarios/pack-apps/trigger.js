// The user's view, as the README shows it: a Rust panic inside photon is a WasmAbortError, imported from
// the adapter the app installed (`@wasm-recovery/<adapter>/runtime`) and from the runtime itself (one copy:
// instanceof holds for both), onRecovery hears it, and the next PhotonImage works.
import { crop, PhotonImage } from '@silvia-odwyer/photon'
import { WasmAbortError, onRecovery } from '__ADAPTER__/runtime'
import * as runtime from '@wasm-recovery/runtime'

export function trigger() {
  const r = { events: [] }
  const off = onRecovery((e) => r.events.push(e.type))
  try {
    crop(new PhotonImage(new Uint8Array(64), 4, 4), 0, 0, 50, 50) // panics inside Rust
    r.trigger = null
  } catch (e) {
    r.trigger = { name: e?.name, module: e?.module, adapterInstanceof: e instanceof WasmAbortError, runtimeInstanceof: e instanceof runtime.WasmAbortError }
  }
  try {
    r.nextWidth = new PhotonImage(new Uint8Array(64), 4, 4).get_width()
  } catch (e) {
    r.nextError = `${e?.name}: ${e?.message}`
  }
  off()
  return r
}
