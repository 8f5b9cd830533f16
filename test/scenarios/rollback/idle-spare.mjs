// Policy 'rollback' with the event loop turning between the calls (as between two events of an app):
// after each restore the next spare instance is made in idle time (runtime spare.ts), and the next
// failing call restores from it with the state intact, as from one made on the call path. The
// checkpoint is taken into that spare in idle time too: a call that finds the instance untouched since
// takes none, and a failure there returns to that idle checkpoint.
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
  // a failing call, the idle turn, then a call that fails at once: nothing entered the instance since the
  // idle checkpoint, so that call takes none and its rollback returns to the state the idle one holds
  c.increment()
  outcome(() => m.panic_now('x'))
  await tick()
  const before = recoveryStats('wr_fixture').checkpoints
  const failedAgain = outcome(() => m.panic_now('y'))
  r.untouched = { failed: failedAgain.name, checkpointsTaken: recoveryStats('wr_fixture').checkpoints - before, after: outcome(() => c.value) }
  r.stats = recoveryStats('wr_fixture')
  r.events = ev
  r.uncaught = uncaught
  return r
}
