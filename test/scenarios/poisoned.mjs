// The same failures WITHOUT the plugin: what users live with today.
import { outcome } from './lib.mjs'

export default async function run(m) {
  const r = {}
  const c = new m.Counter(5)
  r.panicInMut = outcome(() => c.panic_in_mut())
  r.sameObject = outcome(() => c.increment())
  r.newObject = outcome(() => new m.Counter(1).increment())
  r.panic = outcome(() => m.panic_now('x'))
  r.afterPanic = outcome(() => m.add(1, 2))
  return r
}
