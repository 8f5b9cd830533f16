// Policy 'rollback', @silvia-odwyer/photon@0.3.11 (old glue: CLI 0.2.68, JS heap slab, no finalizers).
// The image the app held before a failing call keeps its pixels, byte for byte, and keeps working.
import { recoveryStats } from '@wasm-recovery/runtime'
import { digest, events, outcome, uncaught } from './lib.mjs'

const pixels = (n) => Uint8Array.from({ length: 4 * n * n }, (_, i) => (i * 37 + 11) % 256)

export default async function run(m) {
  const r = {}
  const img = new m.PhotonImage(pixels(64), 64, 64)
  m.alter_red_channel(img, 40) // some state of its own before the failing calls
  const before = img.get_raw_pixels()
  r.before = { width: img.get_width(), digest: digest(before) }
  // CORPUS trigger: a crop outside the image panics inside the call that holds `&mut img`
  r.crop = outcome(() => m.crop(img, 0, 0, 500, 500))
  const after = outcome(() => img.get_raw_pixels())
  r.afterCrop = { identical: after.ok && Buffer.compare(Buffer.from(before), Buffer.from(after.value)) === 0, width: outcome(() => img.get_width()) }
  // the second trigger: a static constructor over bytes that are no image
  r.fromBytes = outcome(() => m.PhotonImage.new_from_byteslice(new Uint8Array([1, 2, 3])))
  r.afterFromBytes = outcome(() => digest(img.get_raw_pixels()) === r.before.digest)
  // the held image still works: the same edits give the same pixels as on an image that never saw a panic
  const twin = new m.PhotonImage(pixels(64), 64, 64)
  m.alter_red_channel(twin, 40)
  r.stillWorks = outcome(() => {
    m.grayscale(img)
    m.grayscale(twin)
    const cropped = m.crop(img, 1, 1, 9, 9)
    return digest(img.get_raw_pixels()) === digest(twin.get_raw_pixels()) && cropped.get_width() === 8
  })
  r.free = outcome(() => img.free())
  r.stats = recoveryStats('photon_rs')
  r.events = events.map((e) => e.type)
  r.uncaught = uncaught
  return r
}
