// Counts, from outside our code, every call into each instance's raw exports: a dead one must get none.
import { calls, deadAt } from './count-instances.mjs'
import { onRecovery } from '@wasm-recovery/runtime'
import { outcome } from './lib.mjs'

export default async function run(m) {
  const r = { outcomes: [] }
  onRecovery((e) => {
    if (e.type === 'abort') deadAt.set(e.generation, calls.total)
  })
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
  r.instances = calls.perInstance.length
  r.afterDeath = calls.perInstance.map((n, i) => (deadAt.has(i) ? calls.afterDeath[i] : null))
  r.callsPerInstance = calls.perInstance
  return r
}
