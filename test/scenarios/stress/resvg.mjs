// @resvg/resvg-wasm@2.6.2 (web glue re-bundled by tsup, no initSync; the app hands the wasm to initWasm):
// rendering at a width of 100,000 px fails to allocate and aborts. Every fresh instance is bound by the
// plugin's synchronous twin of its init, so the next iteration's ordinary call works at once.
import { readFileSync } from 'node:fs'
import { loop } from './_loop.mjs'

const SVG = '<svg xmlns="http://www.w3.org/2000/svg" width="12" height="8"><rect x="1" y="1" width="10" height="6" fill="#c33"/></svg>'

export default async function run(m, p) {
  await m.initWasm(readFileSync(p.wasm))
  let expected
  return loop(m, p, {
    ordinary(m) {
      const r = new m.Resvg(SVG)
      const out = Array.from(r.render().asPng().subarray(0, 64)).join()
      expected ??= out
      if (r.width !== 12 || out !== expected) throw new Error(`unexpected render ${out}`)
      return r
    },
    trigger(m) {
      new m.Resvg(SVG, { fitTo: { mode: 'width', value: 100000 } }).render()
    },
  })
}
