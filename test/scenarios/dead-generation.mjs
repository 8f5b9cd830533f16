// Counts, from outside our code, every call into each instance's raw exports: a dead one must get none.
// (instances.mjs marks an instance dead the moment a trap leaves one of its exports)
import { instances } from './fuzz/instances.mjs'
import { outcome } from './lib.mjs'

export default async function run(m) {
  const r = { outcomes: [] }
  const kept = []
  for (let i = 0; i < 20; i++) {
    const c = new m.Counter(i)
    kept.push(c, m.make_closure())
    r.outcomes.push(outcome(() => c.increment()).ok)
    r.outcomes.push(outcome(() => (i % 2 ? c.panic_in_mut() : m.panic_now('x'))).name)
    // every kind of entry into the dead generation: methods, getters, free, closures, finalizers
    for (const o of kept) {
      if (typeof o === 'function') outcome(() => o(3))
      else { outcome(() => o.increment()); outcome(() => o.value); outcome(() => o.free()) }
    }
    globalThis.gc?.()
    await new Promise((res) => setTimeout(res, 5))
  }
  const ours = instances.filter((i) => typeof i.raw.add === 'function')
  r.instances = ours.length
  r.afterDeath = ours.map((i) => (i.deadAt === null ? null : i.afterDeath))
  r.callsPerInstance = ours.map((i) => i.calls)
  return r
}
