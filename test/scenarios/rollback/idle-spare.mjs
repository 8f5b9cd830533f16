// Policy 'rollback' with the event loop turning between the calls (as between two events of an app):
// after each restore the next spare instance is made in idle time (runtime spare.ts), and the next
// failing call restores from it with the state intact, as from one made on the call path.
import { onRecovery, recoveryStats } from '@wasm-recovery/runtime'
import { outcome, uncaught } from './lib.mjs'

const tick = () => new Promise((r) => setTimeout(r, 30))

export default async function run(m) {
  const ev = []
  onRecovery((e) => ev.push(e.type))
  const r = { rounds: [] }
  const c = new m.Counter(5)
  // memory above its initial size: the idle spare must be grown to the checkpoint's size
  r.grow = outcome(() => m.alloc_huge(4 << 20))
  for (let i = 0; i < 3; i++) {
    c.increment()
    const failed = outcome(() => m.panic_now('x'))
    await tick()
    r.rounds.push({ failed: failed.name, spares: recoveryStats('wr_fixture').spares, after: outcome(() => [c.value, m.add(1, 2)]) })
  }
  r.stats = recoveryStats('wr_fixture')
  r.events = ev
  r.uncaught = uncaught
  return r
}
