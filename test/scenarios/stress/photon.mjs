// @silvia-odwyer/photon@0.3.11 (old bundler target, CLI 0.2.68): crop out of bounds on a 4×4 image panics.
import { loop } from './_loop.mjs'

const pixels = () => Uint8Array.from({ length: 4 * 4 * 4 }, (_, i) => (i * 37 + 11) % 256)

export default async function run(m, p) {
  let expected
  return loop(m, p, {
    ordinary(m) {
      const img = new m.PhotonImage(pixels(), 4, 4)
      m.grayscale(img) // a free function, on the new object
      const out = Array.from(img.get_raw_pixels()).join()
      expected ??= out
      if (img.get_width() !== 4 || out !== expected) throw new Error(`unexpected image ${out}`)
      return img
    },
    trigger(m, img) {
      m.crop(img, 0, 0, 50, 50)
    },
  })
}
