// Policy 'rollback' on packages as published (issue 11): the object the app held before the trigger keeps
// its content and keeps working. `which` names the package; `wasm` is resvg's .wasm (handed to initWasm).
import { readFileSync } from 'node:fs'
import { recoveryStats } from '@wasm-recovery/runtime'
import { digest, events, outcome, uncaught } from './lib.mjs'

const SVG = '<svg xmlns="http://www.w3.org/2000/svg" width="12" height="8"><rect x="1" y="1" width="10" height="6" fill="#c33"/></svg>'
const pixels = (n) => Uint8Array.from({ length: 4 * n * n }, (_, i) => (i * 37 + 11) % 256)

const PACKAGES = {
  async resvg(m, p) {
    await m.initWasm(readFileSync(p.wasm))
    const held = new m.Resvg(SVG, { fitTo: { mode: 'width', value: 24 } })
    return {
      module: p.module ?? '@resvg/resvg-wasm',
      held,
      read: () => digest(held.render().asPng()) + ':' + held.width,
      trigger: () => new m.Resvg(SVG, { fitTo: { mode: 'width', value: 100000 } }).render(),
    }
  },
  async tiktoken(m, p) {
    const held = m.get_encoding('gpt2')
    return {
      module: p.module ?? 'tiktoken',
      held,
      read: () => Array.from(held.encode('hello world')).join(),
      trigger: () => held.decode(new Uint32Array([999999999])),
    }
  },
  async photon(m) {
    const held = new m.PhotonImage(pixels(16), 16, 16)
    m.alter_red_channel(held, 40)
    return {
      module: 'photon_rs',
      held,
      read: () => digest(held.get_raw_pixels()) + ':' + held.get_width(),
      trigger: () => m.crop(held, 0, 0, 500, 500),
    }
  },
}

export default async function run(m, p) {
  const x = await PACKAGES[p.which](m, p)
  const r = {}
  r.before = outcome(x.read)
  r.trigger = outcome(x.trigger)
  r.after = outcome(x.read)
  r.same = r.after.ok && r.after.value === r.before.value
  r.again = outcome(x.trigger)
  r.afterAgain = outcome(x.read)
  const s = recoveryStats(x.module)
  r.stats = { state: s.state, generation: s.generation, aborts: s.aborts, rollbacks: s.rollbacks }
  r.events = events.map((e) => e.type)
  r.uncaught = uncaught
  return r
}
