// @silvia-odwyer/photon@0.3.11 (old bundler target: the _bg.js imports the .wasm itself, CLI 0.2.68).
import { gcTwice, outcome } from '../lib.mjs'
import { statsOf } from './_util.mjs'

const pixels = () => Uint8Array.from({ length: 4 * 4 * 4 }, (_, i) => (i * 37 + 11) % 256)
const image = (m) => new m.PhotonImage(pixels(), 4, 4)

export async function equivalence(m) {
  const r = {}
  r.grayscale = outcome(() => {
    const img = image(m)
    m.grayscale(img)
    return img.get_raw_pixels()
  })
  r.invertFlip = outcome(() => {
    const img = image(m)
    m.invert(img)
    m.fliph(img)
    return img.get_raw_pixels()
  })
  r.crop = outcome(() => {
    const c = m.crop(image(m), 1, 1, 3, 3)
    return [c.get_width(), c.get_height(), Array.from(c.get_raw_pixels())]
  })
  r.resize = outcome(() => {
    const c = m.resize(image(m), 2, 2, 1)
    return [c.get_width(), c.get_height(), Array.from(c.get_raw_pixels())]
  })
  r.redChannel = outcome(() => {
    const img = image(m)
    m.alter_red_channel(img, 40)
    return img.get_raw_pixels()
  })
  r.free = outcome(() => image(m).free())
  return r
}

export async function trigger(m, ctx) {
  const r = {}
  const img = image(m)
  r.before = outcome(() => img.get_width())
  r.statsBefore = statsOf(ctx.module)
  r.trigger = outcome(() => m.crop(img, 0, 0, 50, 50))
  r.statsAfter = statsOf(ctx.module)
  r.newObject = outcome(() => {
    const fresh = image(m)
    m.grayscale(fresh)
    return fresh.get_raw_pixels().length
  })
  r.freeFunction = outcome(() => m.crop(image(m), 0, 0, 2, 2).get_width())
  r.stale = outcome(() => img.get_width())
  r.staleArgument = outcome(() => m.grayscale(img))
  r.staleFree = outcome(() => img.free())
  // the second real trigger: a static constructor over bytes that are no image
  r.statsBefore2 = statsOf(ctx.module)
  r.trigger2 = outcome(() => m.PhotonImage.new_from_byteslice(new Uint8Array([1, 2, 3])))
  r.afterTrigger2 = outcome(() => image(m).get_height())
  await gcTwice()
  r.afterGc = outcome(() => image(m).get_width())
  r.statsEnd = statsOf(ctx.module)
  return r
}
