// @resvg/resvg-wasm@2.6.2 (web glue re-bundled by tsup, CLI 0.2.92, the app supplies the wasm to initWasm).
import { gcTwice, outcome } from '../lib.mjs'
import { statsOf } from './_util.mjs'

const SVG = '<svg xmlns="http://www.w3.org/2000/svg" width="12" height="8"><rect x="1" y="1" width="10" height="6" fill="#c33"/></svg>'
const png = (r) => Array.from(r.render().asPng().subarray(0, 64))

export async function equivalence(m) {
  const r = {}
  r.size = outcome(() => {
    const x = new m.Resvg(SVG)
    return [x.width, x.height]
  })
  r.render = outcome(() => png(new m.Resvg(SVG)))
  r.fit = outcome(() => {
    const img = new m.Resvg(SVG, { fitTo: { mode: 'width', value: 48 } }).render()
    return [img.width, img.height, img.pixels.length]
  })
  r.badSvg = outcome(() => new m.Resvg('<svg'))
  r.free = outcome(() => new m.Resvg(SVG).free())
  return r
}

export async function trigger(m, ctx) {
  const r = {}
  const held = new m.Resvg(SVG)
  r.before = outcome(() => held.width)
  r.statsBefore = statsOf(ctx.module)
  r.trigger = outcome(() => new m.Resvg(SVG, { fitTo: { mode: 'width', value: 100000 } }).render())
  // the glue has no initSync: the plugin's synchronous twin of its init binds the fresh instance at once
  r.immediate = outcome(() => new m.Resvg(SVG).width)
  r.statsAfter = statsOf(ctx.module)
  r.newObject = outcome(() => png(new m.Resvg(SVG)))
  r.freeFunction = outcome(() => new m.Resvg(SVG).height)
  r.stale = outcome(() => held.width)
  r.staleFree = outcome(() => held.free())
  await gcTwice()
  r.afterGc = outcome(() => new m.Resvg(SVG).width)
  r.statsEnd = statsOf(ctx.module)
  return r
}
