// Glue with upstream's reset-state machinery (module target, --experimental-reset-state-function).
import { events, outcome, stats, uncaught } from './lib.mjs'

export default async function run(m) {
  const r = {}
  r.hasUpstreamReset = typeof m.__wbg_reset_state === 'function'
  r.add = outcome(() => m.add(1, 2))
  const c = new m.Counter(1)
  r.panicInMut = outcome(() => c.panic_in_mut())
  r.stale = outcome(() => c.increment())
  r.fresh = outcome(() => new m.Counter(2).increment())
  r.panic = outcome(() => m.panic_now('again'))
  r.afterPanic = outcome(() => m.add(2, 2))
  const before = new m.Counter(9)
  r.manualReset = outcome(() => m.__wbg_reset_state())
  r.staleAfterManualReset = outcome(() => before.increment())
  r.freeAfterManualReset = outcome(() => before.free())
  r.dropsInFresh = outcome(() => m.drop_count())
  r.afterManualReset = outcome(() => m.start_count())
  r.stats = stats('wr_fixture')
  r.events = events
  r.uncaught = uncaught
  return r
}
