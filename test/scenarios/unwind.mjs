// panic=unwind glue: PanicError is the module's own error channel. Nothing to recover, state survives.
import { events, outcome, stats, uncaught } from './lib.mjs'

export default async function run(m) {
  const r = {}
  r.panic = outcome(() => m.panic_now('unwound'))
  r.afterPanic = outcome(() => m.add(1, 2))
  const c = new m.Counter(5)
  r.increment = outcome(() => c.increment())
  r.panicInMut = outcome(() => c.panic_in_mut())
  r.sameObject = outcome(() => c.increment())
  r.oom = outcome(() => m.alloc_huge(3_000_000_000))
  r.afterOom = outcome(() => m.add(2, 2))
  r.stats = stats('wr_fixture')
  r.events = events
  r.uncaught = uncaught
  return r
}
