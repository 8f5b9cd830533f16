// Policy 'rollback' with `checkpoint: 'manual'`: an abort returns to the app's last checkpoint(); objects
// made after it fail typed; with no checkpoint yet, the module reinitialises.
import { checkpoint, recoveryStats } from '@wasm-recovery/runtime'
import { events, outcome, uncaught } from './lib.mjs'

export default async function run(m) {
  const r = {}
  const early = new m.Counter(1)
  r.noCheckpoint = outcome(() => m.panic_now('before any checkpoint'))
  r.earlyAfterReinit = outcome(() => early.value)
  const a = new m.Counter(10)
  a.increment()
  r.insideCall = outcome(() => m.try_callback(() => (checkpoint('wr_fixture'), 0), 1))
  r.checkpoint = outcome(() => checkpoint('wr_fixture'))
  a.increment()
  const b = new m.Counter(5)
  r.panic = outcome(() => m.panic_now('after the checkpoint'))
  r.a = outcome(() => [a.value, a.increment()])
  r.b = outcome(() => b.value)
  r.bFree = outcome(() => b.free())
  r.bInstanceof = b instanceof m.Counter
  r.stats = recoveryStats('wr_fixture')
  r.events = events.map((e) => e.type)
  r.uncaught = uncaught
  return r
}
